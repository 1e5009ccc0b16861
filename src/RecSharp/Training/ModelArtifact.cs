using System.Text.Json;
using System.Text.Json.Nodes;
using RecSharp.Data.Dataset;
using RecSharp.Torch.NN;
using RecSharp.Visualization.Svg;

namespace RecSharp.Training;

/// <summary>
/// A trained model on disk, as docs DESIGN.md fixes it: a folder holding <c>model.safetensors</c> (weights),
/// <c>config.json</c> (model name, hyper-parameters, data fingerprint, seed, metrics), <c>vocab.json</c> (ids) and
/// <c>history.csv</c> (per-epoch loss and validation) with its chart <c>curves.svg</c>. The folder is written beside its final place and renamed
/// into it, so a killed run never leaves a half-written model.
/// </summary>
public static class ModelArtifact
{
    public const string WeightsFile = "model.safetensors";
    public const string ConfigFile = "config.json";
    public const string VocabularyFile = "vocab.json";
    public const string HistoryFile = "history.csv";
    public const string CurvesFile = "curves.svg";

    /// <summary>
    /// Writes the artifact folder atomically (replacing an existing one). <paramref name="extraFiles"/> (file name to
    /// text, e.g. "curves.svg") are written into the same temporary folder, so they appear together with the model.
    /// </summary>
    public static void Save(string folder, Module model, JsonObject config, IdVocabulary? vocabulary = null, TrainingHistory? history = null,
        IReadOnlyDictionary<string, string>? extraFiles = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        SaveWith(folder, config, vocabulary, history, temp => model.Save(Path.Combine(temp, WeightsFile)), extraFiles);
    }

    /// <summary>
    /// Writes the artifact folder atomically like <see cref="Save"/>, with <paramref name="writeContent"/> writing the
    /// weights (and any extra files) into the temporary folder it is given: for models that are not one torch module
    /// (ItemCF/UserCF neighbour lists) or that keep more than one history.
    /// </summary>
    public static void SaveWith(string folder, JsonObject config, IdVocabulary? vocabulary, TrainingHistory? history, Action<string> writeContent,
        IReadOnlyDictionary<string, string>? extraFiles = null)
    {
        ArgumentNullException.ThrowIfNull(writeContent);
        ArgumentNullException.ThrowIfNull(config);
        string target = Path.GetFullPath(folder);
        string parent = Path.GetDirectoryName(target.TrimEnd(Path.DirectorySeparatorChar)) ?? ".";
        Directory.CreateDirectory(parent);
        string temp = Path.Combine(parent, $".{Path.GetFileName(target)}.tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(temp);
        try
        {
            writeContent(temp);
            File.WriteAllText(Path.Combine(temp, ConfigFile), config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            vocabulary?.Save(Path.Combine(temp, VocabularyFile));
            if (history is not null)
            {
                File.WriteAllText(Path.Combine(temp, HistoryFile), history.ToCsv());
                if (history.Epochs.Count > 0) File.WriteAllText(Path.Combine(temp, CurvesFile), Curves(history, config));
            }
            foreach (var (name, text) in extraFiles ?? new Dictionary<string, string>())
            {
                if (name != Path.GetFileName(name) || name is WeightsFile or ConfigFile or VocabularyFile or HistoryFile or CurvesFile)
                    throw new ArgumentException($"extra file '{name}' must be a plain file name other than the artifact's own files", nameof(extraFiles));
                File.WriteAllText(Path.Combine(temp, name), text);
            }
            ReplaceFolder(temp, target);
        }
        catch
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// The training curves of <paramref name="history"/> (loss and validation metric per epoch) as SVG, titled with the
    /// config's "model"; every saved folder with a history holds it as <see cref="CurvesFile"/>.
    /// </summary>
    public static string Curves(TrainingHistory history, JsonObject? config = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        string? model = config?["model"] is JsonValue value && value.TryGetValue<string>(out var name) ? name : null;
        return LineChart.Curves(history, model).ToString();
    }

    /// <summary>Reads <c>config.json</c> of an artifact folder; errors name the file.</summary>
    public static JsonObject ReadConfig(string folder)
    {
        string path = Path.Combine(folder, ConfigFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"{folder}: not a RecSharp model folder ({ConfigFile} is missing)", path);
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new InvalidDataException($"{path}: expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: invalid JSON ({e.Message})", e);
        }
    }

    /// <summary>Loads the weights of an artifact folder into <paramref name="model"/> (strict: every key must match).</summary>
    public static void LoadWeights(string folder, Module model)
    {
        string path = Path.Combine(folder, WeightsFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"{folder}: not a RecSharp model folder ({WeightsFile} is missing)", path);
        model.Load(path);
    }

    /// <summary>Moves <paramref name="source"/> to <paramref name="target"/>; an existing target is moved aside first and removed after.</summary>
    private static void ReplaceFolder(string source, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(source, target);
            return;
        }
        string old = $"{target}.old-{Guid.NewGuid():N}";
        Directory.Move(target, old);
        Directory.Move(source, target);
        Directory.Delete(old, recursive: true);
    }
}
