using System.Text.Json.Nodes;
using RecSharp.Data.Dataset;
using RecSharp.Models;
using RecSharp.Models.CollaborativeFiltering;
using RecSharp.Models.CollaborativeFiltering.Neural;
using RecSharp.Models.Graph;
using RecSharp.Models.Sequential;
using RecSharp.Torch;
using RecSharp.Torch.Serialization;
using RecSharp.Training;

namespace RecSharp.Visualization;

/// <summary>
/// The item table of a model folder of any family, for t-SNE maps: <see cref="Rows"/> x <see cref="Dims"/> floats,
/// row 0 the padding row and row i internal item i. <see cref="Kind"/> says which vectors they are (for a plot title).
/// </summary>
public sealed record ItemEmbeddings(float[] Vectors, int Rows, int Dims, string Kind, IdVocabulary? Vocabulary, JsonObject Config)
{
    /// <summary>
    /// Sequential models: their item embedding table (what the user vectors are matched against). Learned CF (BPR-MF,
    /// GMF, MLP, NeuMF): the vectors "similar items" compares (<see cref="LearnedCfModules.ItemVectors"/>). Graph
    /// models (LightGCN, BM3): the final item representations they rank with. ItemCF/UserCF learn no item vectors,
    /// which is an error naming the model.
    /// </summary>
    public static ItemEmbeddings Load(string folder)
    {
        var config = ModelArtifact.ReadConfig(folder);
        string family = config[ModelFolder.FamilyKey] is JsonValue f && f.TryGetValue<string>(out var name) ? name : ModelFolder.Sequential;
        string model = config["model"] is JsonValue m && m.TryGetValue<string>(out var n) ? n : "?";
        switch (family)
        {
            case ModelFolder.Sequential:
            {
                var (sequential, _) = SequentialCheckpoint.Load(folder);
                using (sequential)
                using (var scope = torch.NewDisposeScope())
                    return From(sequential.ItemVectors(), "item embeddings", SequentialCheckpoint.LoadVocabulary(folder), config);
            }
            case ModelFolder.CollaborativeFiltering:
            {
                if (!LearnedCfTrainer.IsLearned(model))
                    throw new NotSupportedException($"{model} keeps neighbour lists, not item embeddings, so there is nothing to map with t-SNE (the learned CF models {string.Join(", ", LearnedCfTrainer.Models)} have item vectors)");
                var (module, _) = CfModelFolder.LoadModule(folder);
                using (module)
                using (var vectors = LearnedCfModules.ItemVectors(module))
                {
                    string kind = model is "gmf" or "neumf" or "neumf-pretrained" ? "item vectors (GMF item table x output weights)" : "item embeddings";
                    return From(vectors, kind, IdVocabulary.Load(Path.Combine(folder, ModelArtifact.VocabularyFile)), config);
                }
            }
            case ModelFolder.Graph:
            {
                string weights = Path.Combine(folder, ModelArtifact.WeightsFile);
                if (!File.Exists(weights)) throw new FileNotFoundException($"{folder}: not a RecSharp model folder ({ModelArtifact.WeightsFile} is missing)", weights);
                var state = Safetensors.Load(weights);
                try
                {
                    if (!state.TryGetValue(GraphModelFolder.FinalItems, out var items))
                        throw new InvalidDataException($"{weights}: no \"{GraphModelFolder.FinalItems}\" tensor (not a graph model file)");
                    return From(items, "final item representations", IdVocabulary.Load(Path.Combine(folder, ModelArtifact.VocabularyFile)), config);
                }
                finally
                {
                    foreach (var tensor in state.Values) tensor.Dispose();
                }
            }
            default:
                throw new InvalidDataException($"{Path.Combine(folder, ModelArtifact.ConfigFile)}: unknown \"{ModelFolder.FamilyKey}\" '{family}' (expected {ModelFolder.Sequential}, {ModelFolder.CollaborativeFiltering} or {ModelFolder.Graph})");
        }
    }

    private static ItemEmbeddings From(Tensor table, string kind, IdVocabulary? vocabulary, JsonObject config)
    {
        using var noGrad = torch.NoGrad();
        using var scope = torch.NewDisposeScope();
        var floats = table.Detach().To(ScalarType.Float32).Contiguous();
        if (floats.Shape.Length != 2) throw new InvalidDataException($"{kind}: expected a 2-D item table, got {floats.Shape.Length} dimension(s)");
        return new ItemEmbeddings(floats.ToArray<float>(), (int)floats.Shape[0], (int)floats.Shape[1], kind, vocabulary, config);
    }
}
