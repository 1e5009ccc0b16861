using System.Globalization;
using RecSharp.Data.Dataset;
using RecSharp.Data.Loaders;

namespace RecSharp.Data.Features;

/// <summary>
/// One <c>--feature</c> argument: <c>NAME=SOURCE</c>, where SOURCE is a .npy path or <c>KIND:PATH[,KEY=VALUE...]</c>:
/// <list type="bullet">
/// <item><c>text=/data/text_feat.npy</c> or <c>text=npy:/data/text_feat.npy[,ids=/data/item_ids.txt]</c> (see <see cref="NpyFeatures"/>);</item>
/// <item><c>text=bert-pq:/work/shared/data/ml-1m-title-bert-pq</c> (Faiss-compressed BERT title vectors, see <see cref="BertPqFeatures"/>);</item>
/// <item><c>genre=genres:/work/shared/data/ml-1m/movies.dat[,dim=K]</c> (multi-hot genres; movies.dat, movies.csv or u.item);</item>
/// <item><c>attr=item2attributes:/work/shared/data/seq-beauty/Beauty_item2attributes.json[,dim=K][,seed=S]</c> (multi-hot attributes);</item>
/// <item><c>tags=tags:/work/shared/data/ml-latest-small/tags.csv[,min-count=N][,dim=K][,seed=S]</c> (TF-IDF of MovieLens tags, see <see cref="TagTfIdfFeatures"/>).</item>
/// </list>
/// <c>dim=K</c> random-projects a multi-hot table to K columns (seeded by <c>seed</c>, default 2020). Names are
/// letters, digits, '-' and '_' (they become weight names in the model file).
/// </summary>
public sealed record FeatureSpec(string Name, string Kind, string Path, IReadOnlyDictionary<string, string> Options)
{
    public static readonly IReadOnlyList<string> Kinds = ["npy", "bert-pq", "genres", "item2attributes", "tags"];

    /// <summary>The spec as given (NAME=SOURCE).</summary>
    public string Text { get; init; } = "";

    /// <summary>SOURCE without the name (what the config records per name).</summary>
    public string Source => Text[(Text.IndexOf('=') + 1)..];

    public static FeatureSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1)
            throw new ArgumentException($"--feature '{text}': expected NAME=SOURCE (SOURCE a .npy path or {string.Join("|", Kinds)}:PATH[,key=value])");
        string name = text[..eq].Trim();
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ArgumentException($"--feature '{text}': the name '{name}' may hold only letters, digits, '-' and '_'");
        string source = text[(eq + 1)..].Trim();
        string kind = "npy";
        int colon = source.IndexOf(':');
        if (colon > 0 && Kinds.Contains(source[..colon].ToLowerInvariant()))
        {
            kind = source[..colon].ToLowerInvariant();
            source = source[(colon + 1)..];
        }
        var parts = source.Split(',');
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts.Skip(1))
        {
            int e = part.IndexOf('=');
            if (e <= 0) throw new ArgumentException($"--feature '{text}': option '{part}' must be key=value");
            options[part[..e].Trim()] = part[(e + 1)..].Trim();
        }
        var allowed = kind switch
        {
            "npy" => ["ids"],
            "bert-pq" => Array.Empty<string>(),
            "tags" => ["min-count", "dim", "seed"],
            _ => new[] { "dim", "seed" },
        };
        foreach (var key in options.Keys)
            if (!allowed.Contains(key))
                throw new ArgumentException($"--feature '{text}': unknown option '{key}' for {kind} (expected {(allowed.Length == 0 ? "none" : string.Join(", ", allowed))})");
        if (kind == "npy" && !parts[0].EndsWith(".npy", StringComparison.OrdinalIgnoreCase) && !parts[0].EndsWith(".npy.gz", StringComparison.OrdinalIgnoreCase) && colon <= 0)
            throw new ArgumentException($"--feature '{text}': '{parts[0]}' is not a .npy file; use one of {string.Join(", ", Kinds)}:PATH for other sources");
        return new FeatureSpec(name, kind, parts[0].Trim(), options) { Text = $"{name}={text[(eq + 1)..].Trim()}" };
    }

    /// <summary>Reads or builds the table, aligned to <paramref name="vocabulary"/>'s internal items.</summary>
    public FeatureTable Load(IdVocabulary vocabulary) => Kind switch
    {
        "npy" => NpyFeatures.Load(Name, Source, Path, Options.GetValueOrDefault("ids"), vocabulary),
        "bert-pq" => BertPqFeatures.Load(Name, Source, Path, vocabulary),
        "genres" => MultiHotFeatures.Build(Name, Source, ItemMetadataLoader.Load(Existing(Path)), vocabulary, Dim(), Seed()),
        "item2attributes" => MultiHotFeatures.Build(Name, Source, ItemMetadataLoader.LoadItem2Attributes(Existing(Path)), vocabulary, Dim(), Seed()),
        "tags" => TagTfIdfFeatures.Build(Name, Source, ItemMetadataLoader.LoadTagsCsv(Existing(Path)), vocabulary,
            Options.TryGetValue("min-count", out var m) ? Number(m, "min-count") : 1, Dim(), Seed()),
        _ => throw new InvalidOperationException($"unknown feature kind {Kind}"),
    };

    private int? Dim() => Options.TryGetValue("dim", out var d) ? Number(d, "dim") : null;
    private long Seed() => Options.TryGetValue("seed", out var s) ? Number(s, "seed") : 2020;

    private int Number(string value, string key) => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n)
        ? n
        : throw new ArgumentException($"--feature '{Text}': {key} must be an integer, not '{value}'");

    private static string Existing(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{path}: feature source file not found", path);
}
