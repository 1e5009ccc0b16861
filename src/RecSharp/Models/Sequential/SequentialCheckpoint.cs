using System.Text.Json;
using System.Text.Json.Nodes;
using RecSharp.Data.Dataset;
using RecSharp.Training;

namespace RecSharp.Models.Sequential;

/// <summary>
/// A sequential recall model as a <see cref="ModelArtifact"/> folder: config.json holds "family": "sequential", "model" (the factory name),
/// "hyperparameters" (the <see cref="SequentialModelConfig"/>) and whatever else the run records (seed, data,
/// loss, metrics); loading rebuilds the model through <see cref="SequentialModels.Create"/> and reads the weights.
/// </summary>
public static class SequentialCheckpoint
{
    private const string CapsuleScaleKey = "learned_capsule_scale";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static void Save(string folder, SequentialRecallModel model, JsonObject? run = null, IdVocabulary? vocabulary = null, TrainingHistory? history = null,
        IReadOnlyDictionary<string, string>? extraFiles = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var config = new JsonObject
        {
            [ModelFolder.FamilyKey] = ModelFolder.Sequential,
            ["model"] = model.Name,
            ["hyperparameters"] = JsonSerializer.SerializeToNode(model.Config, Json),
        };
        if (model is ComiRecDr dr)  // record the resolved switch, not null, so the folder says what was trained
            config["hyperparameters"]![CapsuleScaleKey] = dr.CapsuleScale is not null;
        if (run is not null)
            foreach (var (key, value) in run) config[key] = value?.DeepClone();
        ModelArtifact.Save(folder, model, config, vocabulary, history, extraFiles);
    }

    /// <summary>Rebuilds the model of an artifact folder with its weights; also returns the whole config.json.</summary>
    public static (SequentialRecallModel Model, JsonObject Config) Load(string folder)
    {
        var config = ModelArtifact.ReadConfig(folder);
        string path = Path.Combine(folder, ModelArtifact.ConfigFile);
        var name = config["model"]?.GetValue<string>()
            ?? throw new InvalidDataException($"{path}: field \"model\" is missing (expected one of {string.Join(", ", SequentialModels.Names)})");
        SequentialModelConfig hyper;
        try
        {
            hyper = config["hyperparameters"]?.Deserialize<SequentialModelConfig>(Json)
                ?? throw new InvalidDataException($"{path}: field \"hyperparameters\" is missing");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: field \"hyperparameters\" is not a sequential model configuration ({e.Message})", e);
        }
        // ComiRec-DR folders written before the learned capsule scale existed have no such key: they are the authors' model.
        if (config["hyperparameters"] is JsonObject && hyper.LearnedCapsuleScale is null)
            hyper = hyper with { LearnedCapsuleScale = false };
        var model = SequentialModels.Create(name, hyper);
        try
        {
            ModelArtifact.LoadWeights(folder, model);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        return (model, config);
    }

    /// <summary>The vocabulary saved beside the model, or null when the folder has none.</summary>
    public static IdVocabulary? LoadVocabulary(string folder)
    {
        string path = Path.Combine(folder, ModelArtifact.VocabularyFile);
        return File.Exists(path) ? IdVocabulary.Load(path) : null;
    }
}
