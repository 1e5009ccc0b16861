using System.Text.Json.Nodes;
using RecSharp.Data;
using RecSharp.Data.Dataset;
using RecSharp.Data.Splits;
using RecSharp.Evaluation.Protocols;
using RecSharp.Models;
using RecSharp.Models.CollaborativeFiltering;
using RecSharp.Training;

namespace RecSharp.Serving;

/// <summary>
/// Re-creates the P2 or P3 split a collaborative-filtering or graph model folder was trained on, from the keys its
/// config.json records: "protocol" ("p2" | "p3"), "seed" (P2 negatives; default 2020), "hold_out_validation"
/// (P2 with each user's latest train item held out for validation) and "exclude_valid" (P3: validation items are
/// excluded from test rankings) and "p3_split" (P3 on data without labels: chrono-80-10-10 or leave-one-out; absent =
/// the data's labels, or the default rule). The same keys give the same split as <c>recsharp evaluate --model</c> makes.
/// </summary>
public static class CheckpointSplit
{
    public const string ProtocolKey = "protocol";
    public const string SeedKey = "seed";
    public const string HoldOutValidationKey = "hold_out_validation";
    public const string ExcludeValidKey = "exclude_valid";
    public const string P3SplitKey = "p3_split";

    /// <summary>The protocol the folder's config.json names (p2 or p3); errors name the file and the field.</summary>
    public static SplitProtocol Protocol(string folder, JsonObject config)
    {
        string path = ConfigPath(folder);
        var node = config[ProtocolKey] ?? throw new InvalidDataException($"{path}: field \"{ProtocolKey}\" is missing (expected p2 or p3)");
        string text = Text(node, path, ProtocolKey, "p2 or p3");
        return text.Trim().ToLowerInvariant() switch
        {
            "p2" => SplitProtocol.P2LeaveOneOut,
            "p3" => SplitProtocol.P3Holdout,
            _ => throw new InvalidDataException($"{path}: field \"{ProtocolKey}\" is '{text}' (expected p2 or p3)"),
        };
    }

    /// <summary>The split of <paramref name="loaded"/> the model in <paramref name="folder"/> was trained and selected on.</summary>
    public static DataSplit Recreate(string folder, JsonObject config, LoadedData loaded, InteractionDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(dataset);
        string path = ConfigPath(folder);
        var protocol = Protocol(folder, config);
        long seed = config[SeedKey] is { } seedNode ? Long(seedNode, path, SeedKey) : 2020;
        // CfSplitSpec is the one place that turns these keys into a split (train and evaluate use it too).
        var spec = new CfSplitSpec(protocol, loaded.Path, seed,
            HoldOutValidation: protocol == SplitProtocol.P2LeaveOneOut && Flag(config, path, HoldOutValidationKey),
            ExcludeValid: protocol == SplitProtocol.P3Holdout && Flag(config, path, ExcludeValidKey),
            P3Split: protocol == SplitProtocol.P3Holdout ? Rule(config, path) : null);
        return spec.Split(loaded, dataset);
    }

    /// <summary>Refuses data whose ids differ in number from the model's vocabulary (another data set or another version).</summary>
    public static void CheckSameData(IRecallModel model, string folder, InteractionDataset dataset, string dataPath)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(dataset);
        var vocabulary = model.Vocabulary;
        if (dataset.NumItems != model.NumItems || dataset.NumUsers != vocabulary.NumUsers)
            throw new InvalidOperationException(
                $"{dataPath} has {dataset.NumUsers} users and {dataset.NumItems} items but {model.Name} in {folder} was trained on {vocabulary.NumUsers} users and {model.NumItems} items: not the same data");
    }

    private static string ConfigPath(string folder) => Path.Combine(folder, ModelArtifact.ConfigFile);

    private static bool Flag(JsonObject config, string path, string key)
    {
        if (config[key] is not { } node) return false;
        var kind = node.GetValueKind();
        if (kind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False) return kind == System.Text.Json.JsonValueKind.True;
        throw new InvalidDataException($"{path}: field \"{key}\" must be true or false (got {node.ToJsonString()})");
    }

    private static HoldoutRule? Rule(JsonObject config, string path)
    {
        if (config[P3SplitKey] is not { } node) return null;
        string text = Text(node, path, P3SplitKey, string.Join(", ", HoldoutSplitter.RuleNames));
        try
        {
            return HoldoutSplitter.ParseRule(text);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: field \"{P3SplitKey}\": {e.Message}", e);
        }
    }

    private static long Long(JsonNode node, string path, string key)
    {
        // Read through the JSON text so that in-memory values of any integer type (not only parsed ones) work.
        if (node.GetValueKind() == System.Text.Json.JsonValueKind.Number
            && long.TryParse(node.ToJsonString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long number))
            return number;
        throw new InvalidDataException($"{path}: field \"{key}\" must be an integer (got {node.ToJsonString()})");
    }

    private static string Text(JsonNode node, string path, string key, string expected)
    {
        if (node.GetValueKind() == System.Text.Json.JsonValueKind.String) return node.GetValue<string>();
        throw new InvalidDataException($"{path}: field \"{key}\" must be a string, {expected} (got {node.ToJsonString()})");
    }
}
