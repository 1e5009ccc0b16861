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
    /// <summary>CF/graph models: p2 or p3 (sequential models always use P1).</summary>
    public string? Protocol { get; init; }
    /// <summary>P3 on data without labels: chrono-80-10-10 or leave-one-out (default: the data's labels, else chrono-80-10-10).</summary>
    public string? P3Split { get; init; }
    /// <summary>MLP tower widths, e.g. 64,32,16,8.</summary>
    public string? Layers { get; init; }
    /// <summary>BPR: L2 weight on the batch embeddings.</summary>
    public double? Reg { get; init; }
    /// <summary>neumf-pretrained: fine-tuning optimizer (sgd or adam).</summary>
    public string? Finetune { get; init; }
    /// <summary>neumf-pretrained: fine-tuning learning rate.</summary>
    public double? FinetuneLr { get; init; }
    /// <summary>neumf: GMF_DIR,MLP_DIR model folders to initialise from.</summary>
    public string? PretrainFrom { get; init; }
    /// <summary>CF/graph: select the epoch on validation.</summary>
    public bool? EarlyStopping { get; init; }
    /// <summary>ItemCF/UserCF: neighbours kept per item/user.</summary>
    public int? Neighbours { get; init; }
    /// <summary>LightGCN/BM3: propagation layers.</summary>
    public int? GcnLayers { get; init; }
    /// <summary>LightGCN/BM3: L2 weight on the embeddings.</summary>
    public double? GraphReg { get; init; }
    /// <summary>BM3: dropout of the target view.</summary>
    public double? Dropout { get; init; }
    /// <summary>BM3: weight of the modality terms.</summary>
    public double? ClWeight { get; init; }
    /// <summary>BM3: feature tables as name=path.</summary>
    public string[]? Features { get; init; }
    /// <summary>ComiRec-DR: true = a learned scale on the capsules; null or false = the authors' model.</summary>
    public bool? CapsuleScale { get; init; }

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
        Protocol = overrides.Protocol ?? Protocol,
        P3Split = overrides.P3Split ?? P3Split,
        Layers = overrides.Layers ?? Layers,
        Reg = overrides.Reg ?? Reg,
        Finetune = overrides.Finetune ?? Finetune,
        FinetuneLr = overrides.FinetuneLr ?? FinetuneLr,
        PretrainFrom = overrides.PretrainFrom ?? PretrainFrom,
        EarlyStopping = overrides.EarlyStopping ?? EarlyStopping,
        Neighbours = overrides.Neighbours ?? Neighbours,
        GcnLayers = overrides.GcnLayers ?? GcnLayers,
        GraphReg = overrides.GraphReg ?? GraphReg,
        Dropout = overrides.Dropout ?? Dropout,
        ClWeight = overrides.ClWeight ?? ClWeight,
        Features = overrides.Features ?? Features,
        CapsuleScale = overrides.CapsuleScale ?? CapsuleScale,
    };

    /// <summary>
    /// Reads a config file: YAML when the name ends in .yaml or .yml, JSON otherwise. Unknown keys and wrong types are
    /// errors naming the file and key, with the same messages for both formats.
    /// </summary>
    public static TrainSettings Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: config file not found", path);
        string extension = Path.GetExtension(path).ToLowerInvariant();
        return FromJson(path, extension is ".yaml" or ".yml" ? YamlSettings.Read(path) : ReadJson(path));
    }

    private static JsonObject ReadJson(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path}: expected a JSON object of settings");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: invalid JSON (line {e.LineNumber + 1}: {e.Message})", e);
        }
    }

    /// <summary>Settings from the parsed keys of config file <paramref name="path"/> (keys as in the flags, '_' or '-').</summary>
    public static TrainSettings FromJson(string path, JsonObject root)
    {
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
                    "protocol" => s with { Protocol = Text(node) },
                    "p3-split" => s with { P3Split = Text(node) },
                    "layers" => s with { Layers = Text(node) },
                    "reg" => s with { Reg = node!.GetValue<double>() },
                    "finetune" => s with { Finetune = Text(node) },
                    "finetune-lr" => s with { FinetuneLr = node!.GetValue<double>() },
                    "pretrain-from" => s with { PretrainFrom = Text(node) },
                    "early-stopping" => s with { EarlyStopping = node!.GetValue<bool>() },
                    "neighbours" => s with { Neighbours = Int(node) },
                    "gcn-layers" => s with { GcnLayers = Int(node) },
                    "graph-reg" => s with { GraphReg = node!.GetValue<double>() },
                    "dropout" => s with { Dropout = node!.GetValue<double>() },
                    "cl-weight" => s with { ClWeight = node!.GetValue<double>() },
                    "features" => s with { Features = Texts(node) },
                    "capsule-scale" => s with { CapsuleScale = node!.GetValue<bool>() },
                    _ => throw new InvalidDataException($"{path}: unknown key \"{rawKey}\" (expected model, data, dim, max-length, interests, lr, batch, epochs, patience, seed, loss, negatives, proposal, out, threads, protocol, p3-split, layers, reg, finetune, finetune-lr, pretrain-from, early-stopping, neighbours, gcn-layers, graph-reg, dropout, cl-weight, features, capsule-scale)"),
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
    private static string[] Texts(JsonNode? node) => node is JsonArray array ? array.Select(Text).ToArray() : [Text(node)];

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"model={Model} dim={Dim} max-length={MaxLength} interests={Interests} lr={Lr} batch={Batch} epochs={Epochs} patience={Patience} seed={Seed} loss={Loss} negatives={Negatives?.ToString(CultureInfo.InvariantCulture) ?? "10 x batch"} proposal={Proposal}{(CapsuleScale is bool c ? $" capsule-scale={c}" : "")}");
}
