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

    /// <summary>What SOURCE may be (used in the <c>--feature</c> help and in every parse error).</summary>
    public const string SourceGrammar =
        "a .npy (row = item id) or npy:FILE[,ids=IDS] | bert-pq:DIR | genres:movies.dat[,dim=K] | item2attributes:FILE[,dim=K][,seed=S] | tags:tags.csv[,min-count=N][,dim=K][,seed=S]";

    /// <summary>Parses NAME=SOURCE. Every error starts with <c>--feature 'SPEC':</c> and says what was expected.</summary>
    public static FeatureSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException Error(string what) => new($"--feature '{text}': {what}");
        int eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1)
            throw Error($"expected NAME=SOURCE, SOURCE {SourceGrammar}");
        string name = text[..eq].Trim();
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw Error($"the name '{name}' may hold only letters, digits, '-' and '_' (expected NAME=SOURCE)");
        string source = text[(eq + 1)..].Trim();
        string kind = "npy";
        bool explicitKind = false;
        int colon = source.IndexOf(':');
        if (colon > 0)
        {
            string prefix = source[..colon].ToLowerInvariant();
            if (Kinds.Contains(prefix))
            {
                kind = prefix;
                explicitKind = true;
                source = source[(colon + 1)..];
            }
            else if (prefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                throw Error($"unknown source kind '{source[..colon]}' (expected SOURCE {SourceGrammar})");
            }
        }
        var parts = source.Split(',');
        string path = parts[0].Trim();
        if (path.Length == 0) throw Error($"the {kind} source names no file (expected SOURCE {SourceGrammar})");
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var allowed = kind switch
        {
            "npy" => ["ids"],
            "bert-pq" => Array.Empty<string>(),
            "tags" => ["min-count", "dim", "seed"],
            _ => new[] { "dim", "seed" },
        };
        string Expected() => allowed.Length == 0 ? "no options: bert-pq:DIR" : $"{string.Join(", ", allowed.Select(a => a + "=..."))}";
        foreach (var part in parts.Skip(1))
        {
            int e = part.IndexOf('=');
            if (e <= 0 || e == part.Length - 1) throw Error($"option '{part}' must be key=value (for {kind}: {Expected()})");
            string key = part[..e].Trim();
            if (!allowed.Contains(key)) throw Error($"unknown option '{key}' for {kind} (expected {Expected()})");
            string value = part[(e + 1)..].Trim();
            if (key is "dim" or "seed" or "min-count")
            {
                bool positive = key != "seed";
                if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long number) || (positive && (number < 1 || number > int.MaxValue)))
                    throw Error($"{key} must be {(positive ? "a positive integer" : "an integer")}, not '{value}'");
            }
            options[key] = value;
        }
        if (kind == "npy" && !explicitKind && !path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) && !path.EndsWith(".npy.gz", StringComparison.OrdinalIgnoreCase))
            throw Error($"'{path}' is not a .npy file (expected SOURCE {SourceGrammar})");
        return new FeatureSpec(name, kind, path, options) { Text = $"{name}={text[(eq + 1)..].Trim()}" };
    }

    /// <summary>Reads or builds the table, aligned to <paramref name="vocabulary"/>'s internal items.</summary>
    public FeatureTable Load(IdVocabulary vocabulary) => Kind switch
    {
        "npy" => NpyFeatures.Load(Name, Source, Path, Options.GetValueOrDefault("ids"), vocabulary),
        "bert-pq" => BertPqFeatures.Load(Name, Source, Path, vocabulary),
        "genres" => MultiHotFeatures.Build(Name, Source, ItemMetadataLoader.Load(Existing(Path)), vocabulary, Dim(), Seed()),
        "item2attributes" => MultiHotFeatures.Build(Name, Source, ItemMetadataLoader.LoadItem2Attributes(Existing(Path)), vocabulary, Dim(), Seed()),
        "tags" => TagTfIdfFeatures.Build(Name, Source, ItemMetadataLoader.LoadTagsCsv(Existing(Path)), vocabulary,
            Options.TryGetValue("min-count", out var m) ? checked((int)Number(m, "min-count")) : 1, Dim(), Seed()),
        _ => throw new InvalidOperationException($"unknown feature kind {Kind}"),
    };

    private int? Dim() => Options.TryGetValue("dim", out var d) ? checked((int)Number(d, "dim")) : null;
    private long Seed() => Options.TryGetValue("seed", out var s) ? Number(s, "seed") : 2020;

    private long Number(string value, string key) => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n)
        ? n
        : throw new ArgumentException($"--feature '{Text}': {key} must be an integer, not '{value}'");

    private static string Existing(string path) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{path}: feature source file not found", path);
}
