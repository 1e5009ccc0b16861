using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RecSharp.Cli.Commands;

/// <summary>
/// Settings of <c>recsharp train</c>. Every field is optional so that a config file (<c>--config run.json</c>, keys
/// named like the flags: "model", "dim", "max-length", ...) and the flags can be merged: a flag overrides the file,
/// the file overrides the default.
/// </summary>
public sealed record TrainSettings
{
    public string? Model { get; init; }
    public string? Data { get; init; }
    public int? Dim { get; init; }
    public int? MaxLength { get; init; }
    public int? Interests { get; init; }
    public double? Lr { get; init; }
    public int? Batch { get; init; }
    public int? Epochs { get; init; }
    public int? Patience { get; init; }
    public long? Seed { get; init; }
    public string? Loss { get; init; }
    public int? Negatives { get; init; }
    public string? Proposal { get; init; }
    public string? Out { get; init; }
    public int? Threads { get; init; }

    /// <summary>The values of <paramref name="overrides"/> where set, otherwise this record's.</summary>
    public TrainSettings With(TrainSettings overrides) => new()
    {
        Model = overrides.Model ?? Model,
        Data = overrides.Data ?? Data,
        Dim = overrides.Dim ?? Dim,
        MaxLength = overrides.MaxLength ?? MaxLength,
        Interests = overrides.Interests ?? Interests,
        Lr = overrides.Lr ?? Lr,
        Batch = overrides.Batch ?? Batch,
        Epochs = overrides.Epochs ?? Epochs,
        Patience = overrides.Patience ?? Patience,
        Seed = overrides.Seed ?? Seed,
        Loss = overrides.Loss ?? Loss,
        Negatives = overrides.Negatives ?? Negatives,
        Proposal = overrides.Proposal ?? Proposal,
        Out = overrides.Out ?? Out,
        Threads = overrides.Threads ?? Threads,
    };

    /// <summary>Reads a JSON config file; unknown keys and wrong types are errors naming the file and key.</summary>
    public static TrainSettings Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: config file not found", path);
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path}: expected a JSON object of settings");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: invalid JSON (line {e.LineNumber + 1}: {e.Message})", e);
        }
        var s = new TrainSettings();
        foreach (var (rawKey, node) in root)
        {
            string key = rawKey.Replace('_', '-').ToLowerInvariant();
            try
            {
                s = key switch
                {
                    "model" => s with { Model = Text(node) },
                    "data" => s with { Data = Text(node) },
                    "dim" => s with { Dim = Int(node) },
                    "max-length" => s with { MaxLength = Int(node) },
                    "interests" => s with { Interests = Int(node) },
                    "lr" => s with { Lr = node!.GetValue<double>() },
                    "batch" => s with { Batch = Int(node) },
                    "epochs" => s with { Epochs = Int(node) },
                    "patience" => s with { Patience = Int(node) },
                    "seed" => s with { Seed = node!.GetValue<long>() },
                    "loss" => s with { Loss = Text(node) },
                    "negatives" => s with { Negatives = Int(node) },
                    "proposal" => s with { Proposal = Text(node) },
                    "out" => s with { Out = Text(node) },
                    "threads" => s with { Threads = Int(node) },
                    _ => throw new InvalidDataException($"{path}: unknown key \"{rawKey}\" (expected model, data, dim, max-length, interests, lr, batch, epochs, patience, seed, loss, negatives, proposal, out, threads)"),
                };
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or NullReferenceException)
            {
                throw new InvalidDataException($"{path}: key \"{rawKey}\" has the wrong type ({node?.ToJsonString() ?? "null"})", e);
            }
        }
        return s;
    }

    private static string Text(JsonNode? node) => node!.GetValue<string>();
    private static int Int(JsonNode? node) => node!.GetValue<int>();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"model={Model} dim={Dim} max-length={MaxLength} interests={Interests} lr={Lr} batch={Batch} epochs={Epochs} patience={Patience} seed={Seed} loss={Loss} negatives={Negatives?.ToString(CultureInfo.InvariantCulture) ?? "10 x batch"} proposal={Proposal}");
}
