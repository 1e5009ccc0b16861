using System.Text.Json.Nodes;
using RecSharp.Data.Dataset;
using RecSharp.Models.CollaborativeFiltering.Neural;
using RecSharp.Torch;
using RecSharp.Torch.NN;
using RecSharp.Torch.Serialization;
using RecSharp.Training;

namespace RecSharp.Models.Graph;

/// <summary>
/// Model folders of the graph family (LightGCN, BM3). <c>model.safetensors</c> holds every trained weight under
/// "model." (ID embeddings, and for BM3 the predictor, projections and the trained feature tables) plus the final
/// ranking representations "final_users" [U, d] and "final_items" [N + 1, d]. Loading reads only the latter, so a
/// loaded model needs neither the train graph nor the feature sources; the full weights are kept for inspection
/// and further training. config.json carries "family": "graph" and everything needed to re-create the split.
/// </summary>
public static class GraphModelFolder
{
    public const string FinalUsers = "final_users";
    public const string FinalItems = "final_items";

    /// <summary>Writes the folder atomically; <paramref name="config"/> gets "family": "graph".</summary>
    public static void Save(string folder, Module trained, JsonObject config, IdVocabulary vocabulary, TrainingHistory? history = null)
    {
        ArgumentNullException.ThrowIfNull(trained);
        ArgumentNullException.ThrowIfNull(config);
        var (users, items) = trained switch
        {
            LightGcn lightGcn => lightGcn.Representations(),
            Bm3 bm3 => bm3.Representations(),
            _ => throw new ArgumentException($"{trained.GetType().Name} is not a graph model (LightGcn or Bm3)", nameof(trained)),
        };
        config[ModelFolder.FamilyKey] = ModelFolder.Graph;
        using var snapshot = new Snapshot(trained, users, items);
        ModelArtifact.Save(folder, snapshot, config, vocabulary, history);
    }

    /// <summary>Saves a model returned by <see cref="GraphRecallTrainer.Fit"/>.</summary>
    public static void Save(string folder, LearnedCfModel trained, JsonObject config, IdVocabulary vocabulary) =>
        Save(folder, trained.Module, config, vocabulary, trained.Stages.Count > 0 ? trained.Stages[^1].History : null);

    public static IRecallModel Load(string folder, JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        string name = config["model"]?.GetValue<string>()
            ?? throw new InvalidDataException($"{Path.Combine(folder, ModelArtifact.ConfigFile)}: missing \"model\"");
        if (!GraphRecallTrainer.IsGraph(name))
            throw new InvalidDataException($"{Path.Combine(folder, ModelArtifact.ConfigFile)}: \"model\" '{name}' is not a graph model ({string.Join(", ", GraphRecallTrainer.Models)})");
        string weights = Path.Combine(folder, ModelArtifact.WeightsFile);
        if (!File.Exists(weights)) throw new FileNotFoundException($"{folder}: not a RecSharp model folder ({ModelArtifact.WeightsFile} is missing)", weights);
        string vocabularyPath = Path.Combine(folder, ModelArtifact.VocabularyFile);
        if (!File.Exists(vocabularyPath)) throw new FileNotFoundException($"{folder}: {ModelArtifact.VocabularyFile} is missing", vocabularyPath);
        var vocabulary = IdVocabulary.Load(vocabularyPath);
        var state = Safetensors.Load(weights);
        try
        {
            if (!state.TryGetValue(FinalUsers, out var users) || !state.TryGetValue(FinalItems, out var items))
                throw new InvalidDataException($"{weights}: no \"{FinalUsers}\" / \"{FinalItems}\" tensors (not a graph model file)");
            return new GraphRecallModel(name, config, vocabulary, users, items);
        }
        finally
        {
            foreach (var tensor in state.Values) tensor.Dispose();
        }
    }

    /// <summary>The trained model under "model." and the final representations as buffers; disposing frees only the latter.</summary>
    private sealed class Snapshot : Module
    {
        private readonly Tensor users;
        private readonly Tensor items;

        public Snapshot(Module trained, Tensor users, Tensor items)
        {
            this.users = users;
            this.items = items;
            RegisterModule("model", trained);
            RegisterBuffer(FinalUsers, users);
            RegisterBuffer(FinalItems, items);
        }

        protected override void Dispose(bool disposing)
        {
            // The trained model belongs to the caller.
            if (!disposing) return;
            users.Dispose();
            items.Dispose();
        }
    }
}
