using System.Text.Json.Nodes;
using RecSharp.Data.Dataset;
using RecSharp.Models.CollaborativeFiltering.Neural;
using RecSharp.Torch.NN;
using RecSharp.Training;

namespace RecSharp.Models.CollaborativeFiltering;

/// <summary>
/// Collaborative-filtering model folders (docs DESIGN.md), family "cf". config.json holds "family": "cf", "model"
/// (itemcf, usercf, bpr, gmf, mlp, neumf, neumf-pretrained), the split keys of <see cref="CfSplitSpec"/> and
/// whatever the run records (settings, test metrics); vocab.json the external ids.
/// ItemCF/UserCF keep their neighbour lists and training interactions in <see cref="NeighbourhoodFile"/> (the
/// checksummed <see cref="CfModelFile"/> format). The learned models keep model.safetensors and their shape under
/// "hyperparameters" (num_users, num_items, dim, layers); history.csv (charted in curves.svg) is the last training
/// stage and pretrained NeuMF adds history-gmf.csv and history-mlp.csv (curves-gmf.svg, curves-mlp.svg). Every folder is written atomically.
/// </summary>
public static class CfModelFolder
{
    public const string NeighbourhoodFile = "model.rscf";
    public const string HyperparametersKey = "hyperparameters";
    public const string SettingsKey = "settings";

    /// <summary>The model names this family saves and loads.</summary>
    public static readonly IReadOnlyList<string> Models = ["itemcf", "usercf", .. LearnedCfTrainer.Models];

    /// <summary>Saves a fitted ItemCF or UserCF model; <paramref name="run"/> adds keys (settings, metrics) to config.json.</summary>
    public static void Save(string folder, CfModel model, CfSplitSpec split, IdVocabulary vocabulary, JsonObject? run = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var config = BaseConfig(model is ItemCf ? "itemcf" : "usercf", split, vocabulary, model.Interactions.UserCount, model.Interactions.ItemCount, run);
        var kind = model is ItemCf ? CfModelKind.ItemCf : CfModelKind.UserCf;
        ModelArtifact.SaveWith(folder, config, vocabulary, null,
            temp => CfModelFile.Write(Path.Combine(temp, NeighbourhoodFile), kind, model.Interactions, model.Options, model.Neighbours));
    }

    /// <summary>Saves a trained BPR-MF / GMF / MLP / NeuMF with its settings and training histories.</summary>
    public static void Save(string folder, LearnedCfModel model, CfSplitSpec split, IdVocabulary vocabulary, JsonObject? run = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var shape = LearnedCfShape.Of(model.Module);
        var config = BaseConfig(model.Name, split, vocabulary, shape.NumUsers, shape.NumItems, run);
        config[HyperparametersKey] = new JsonObject
        {
            ["num_users"] = shape.NumUsers,
            ["num_items"] = shape.NumItems,
            ["dim"] = shape.Dim,
            ["layers"] = new JsonArray(shape.Layers.Select(w => (JsonNode?)w).ToArray()),
        };
        if (!config.ContainsKey(SettingsKey))
            config[SettingsKey] = new JsonObject(model.Settings.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        var last = model.Stages.Count > 0 ? model.Stages[^1].History : null;
        ModelArtifact.SaveWith(folder, config, vocabulary, last, temp =>
        {
            model.Module.Save(Path.Combine(temp, ModelArtifact.WeightsFile));
            for (int s = 0; s + 1 < model.Stages.Count; s++)
            {
                File.WriteAllText(Path.Combine(temp, $"history-{model.Stages[s].Stage}.csv"), model.Stages[s].History.ToCsv());
                if (model.Stages[s].History.Epochs.Count > 0)
                    File.WriteAllText(Path.Combine(temp, $"curves-{model.Stages[s].Stage}.svg"),
                        ModelArtifact.Curves(model.Stages[s].History, new JsonObject { ["model"] = $"{model.Name} ({model.Stages[s].Stage} stage)" }));
            }
        });
    }

    /// <summary>Rebuilds the model of a folder whose config.json says "family": "cf" (called by <see cref="ModelFolder.Load"/>).</summary>
    public static IRecallModel Load(string folder, JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        string name = ModelName(folder, config);
        var vocabulary = LoadVocabulary(folder);
        if (name is "itemcf" or "usercf")
        {
            string path = Path.Combine(folder, NeighbourhoodFile);
            CfModel model = name == "itemcf" ? ItemCf.Load(path) : UserCf.Load(path);
            return new NeighbourhoodRecallModel(model, config, vocabulary);
        }
        var module = LoadModule(folder, config, name);
        try
        {
            return new LearnedCfRecallModel(name, module, config, vocabulary);
        }
        catch
        {
            module.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The trained module of a learned-CF folder (BprMf, Gmf, Mlp or NeuMf) with its config.json, e.g. to initialise
    /// NeuMF from saved GMF and MLP folders. The caller owns the module.
    /// </summary>
    public static (Module Module, JsonObject Config) LoadModule(string folder)
    {
        var config = ModelArtifact.ReadConfig(folder);
        string family = config[ModelFolder.FamilyKey]?.GetValue<string>() ?? ModelFolder.Sequential;
        if (family != ModelFolder.CollaborativeFiltering)
            throw new InvalidDataException($"{ConfigPath(folder)}: a \"{family}\" model folder, not a collaborative-filtering (\"cf\") one");
        string name = ModelName(folder, config);
        if (!LearnedCfTrainer.IsLearned(name))
            throw new InvalidDataException($"{ConfigPath(folder)}: holds a {name} model, which has no trained weights (expected {string.Join(", ", LearnedCfTrainer.Models)})");
        return (LoadModule(folder, config, name), config);
    }

    private static Module LoadModule(string folder, JsonObject config, string name)
    {
        var shape = ReadShape(folder, config);
        var module = shape.Create(name);
        try
        {
            ModelArtifact.LoadWeights(folder, module);
        }
        catch (Exception e) when (e is not FileNotFoundException)
        {
            module.Dispose();
            throw new InvalidDataException($"{Path.Combine(folder, ModelArtifact.WeightsFile)}: does not hold the weights of a {name} model of shape {Describe(shape)} ({e.Message})", e);
        }
        catch
        {
            module.Dispose();
            throw;
        }
        return module;
    }

    private static JsonObject BaseConfig(string name, CfSplitSpec split, IdVocabulary vocabulary, int numUsers, int numItems, JsonObject? run)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (vocabulary.NumUsers != numUsers || vocabulary.NumItems != numItems)
            throw new ArgumentException($"the vocabulary has {vocabulary.NumUsers} users and {vocabulary.NumItems} items but the {name} model has {numUsers} and {numItems}", nameof(vocabulary));
        var config = new JsonObject { [ModelFolder.FamilyKey] = ModelFolder.CollaborativeFiltering, ["model"] = name };
        split.WriteTo(config);
        if (run is not null)
            foreach (var (key, value) in run)
                if (key is not (ModelFolder.FamilyKey or "model")) config[key] = value?.DeepClone();
        return config;
    }

    private static string ModelName(string folder, JsonObject config)
    {
        string? name;
        try
        {
            name = config["model"]?.GetValue<string>();
        }
        catch (InvalidOperationException)
        {
            name = null;
        }
        if (name is null || !Models.Contains(name))
            throw new InvalidDataException($"{ConfigPath(folder)}: field \"model\" is {config["model"]?.ToJsonString() ?? "missing"} (expected one of {string.Join(", ", Models)})");
        return name;
    }

    private static LearnedCfShape ReadShape(string folder, JsonObject config)
    {
        string source = ConfigPath(folder);
        if (config[HyperparametersKey] is not JsonObject h)
            throw new InvalidDataException($"{source}: field \"{HyperparametersKey}\" is missing (expected num_users, num_items, dim, layers)");
        try
        {
            int Positive(string key) => h[key]?.GetValue<int>() is int v && v >= 0
                ? v : throw new InvalidDataException($"{source}: field \"{HyperparametersKey}.{key}\" is missing or negative");
            var layers = (h["layers"] as JsonArray ?? throw new InvalidDataException($"{source}: field \"{HyperparametersKey}.layers\" is missing (an array of widths)"))
                .Select(n => n!.GetValue<int>()).ToArray();
            return new LearnedCfShape(Positive("num_users"), Positive("num_items"), Positive("dim"), layers);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException)
        {
            throw new InvalidDataException($"{source}: field \"{HyperparametersKey}\" has a value of the wrong type ({e.Message})", e);
        }
    }

    private static IdVocabulary LoadVocabulary(string folder)
    {
        string path = Path.Combine(folder, ModelArtifact.VocabularyFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"{folder}: {ModelArtifact.VocabularyFile} is missing (a cf model folder needs its ids)", path);
        return IdVocabulary.Load(path);
    }

    private static string Describe(LearnedCfShape s) =>
        $"{s.NumUsers} users x {s.NumItems} items, dim {s.Dim}, layers [{string.Join(", ", s.Layers)}]";

    private static string ConfigPath(string folder) => Path.Combine(folder, ModelArtifact.ConfigFile);
}
