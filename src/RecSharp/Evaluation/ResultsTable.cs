using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace RecSharp.Evaluation;

/// <summary>
/// Averaged metric values of one evaluation: metric name x cut-off K -> value, the number of users averaged over,
/// the protocol and the options that shaped the numbers (NDCG variant, exclusions, ...), so that a printed or
/// saved table can be compared like for like.
/// </summary>
public sealed class ResultsTable
{
    private readonly Dictionary<string, Dictionary<int, double>> values;

    public ResultsTable(string protocol, int userCount, IReadOnlyList<string> metrics, IReadOnlyList<int> ks,
        IReadOnlyDictionary<string, Dictionary<int, double>> values, IReadOnlyDictionary<string, string>? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(protocol);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(ks);
        ArgumentNullException.ThrowIfNull(values);
        if (userCount < 0) throw new ArgumentOutOfRangeException(nameof(userCount), userCount, "a user count cannot be negative");
        foreach (var m in metrics)
        {
            if (!values.TryGetValue(m, out var row))
                throw new ArgumentException($"no values for metric '{m}'", nameof(values));
            foreach (var k in ks)
                if (!row.ContainsKey(k)) throw new ArgumentException($"no value for {m}@{k}", nameof(values));
        }
        Protocol = protocol;
        UserCount = userCount;
        Metrics = metrics.ToArray();
        Ks = ks.ToArray();
        this.values = Metrics.ToDictionary(m => m, m => Ks.ToDictionary(k => k, k => values[m][k]));
        Options = new SortedDictionary<string, string>(
            options?.ToDictionary(p => p.Key, p => p.Value) ?? new Dictionary<string, string>(), StringComparer.Ordinal);
    }

    public string Protocol { get; }

    /// <summary>Users the averages are over.</summary>
    public int UserCount { get; }

    /// <summary>Metric names in display order.</summary>
    public IReadOnlyList<string> Metrics { get; }

    /// <summary>Cut-offs in display order.</summary>
    public IReadOnlyList<int> Ks { get; }

    public IReadOnlyDictionary<string, string> Options { get; }

    /// <summary>The value of <paramref name="metric"/>@<paramref name="k"/>; throws naming what exists when absent.</summary>
    public double this[string metric, int k]
    {
        get
        {
            if (values.TryGetValue(metric, out var row) && row.TryGetValue(k, out var v)) return v;
            throw new KeyNotFoundException(
                $"{metric}@{k} is not in this table (metrics: {string.Join(", ", Metrics)}; K: {string.Join(", ", Ks)})");
        }
    }

    // ---- console -------------------------------------------------------------------------------

    /// <summary>A Spectre table: one row per metric, one column per K, values to 4 decimals.</summary>
    public IRenderable ToRenderable()
    {
        var table = new Table().Title($"{Markup.Escape(Protocol)} ({UserCount} users)");
        table.AddColumn("metric");
        foreach (var k in Ks) table.AddColumn(new TableColumn($"@{k}").RightAligned());
        foreach (var m in Metrics)
        {
            var cells = new List<string> { Markup.Escape(m) };
            cells.AddRange(Ks.Select(k => this[m, k].ToString("F4", CultureInfo.InvariantCulture)));
            table.AddRow(cells.ToArray());
        }
        if (Options.Count == 0) return table;
        // The options go on a line of their own under the table: as a caption they were wrapped to the table's width.
        var options = Markup.Escape(string.Join("  ", Options.Select(p => $"{p.Key}={p.Value}")));
        return new Rows(table, new Markup($"[grey]{options}[/]"));
    }

    /// <summary>Writes the table to <paramref name="console"/> (default: the process console).</summary>
    public void Print(IAnsiConsole? console = null) => (console ?? AnsiConsole.Console).Write(ToRenderable());

    // ---- JSON ----------------------------------------------------------------------------------

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private sealed record Dto(string Protocol, int UserCount, List<string> Metrics, List<int> Ks,
        Dictionary<string, Dictionary<int, double>> Values, Dictionary<string, string>? Options);

    public string ToJson() => JsonSerializer.Serialize(
        new Dto(Protocol, UserCount, Metrics.ToList(), Ks.ToList(), values, Options.ToDictionary(p => p.Key, p => p.Value)),
        JsonOptions);

    /// <summary>Reads a table written by <see cref="ToJson"/>; <paramref name="source"/> names the origin in errors.</summary>
    public static ResultsTable FromJson(string json, string source = "results JSON")
    {
        Dto? dto;
        try
        {
            dto = JsonSerializer.Deserialize<Dto>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source}: not a results table ({e.Message})", e);
        }
        if (dto is null || dto.Protocol is null || dto.Metrics is null || dto.Ks is null || dto.Values is null)
            throw new FormatException($"{source}: a results table needs the fields protocol, userCount, metrics, ks and values");
        try
        {
            return new ResultsTable(dto.Protocol, dto.UserCount, dto.Metrics, dto.Ks, dto.Values, dto.Options);
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"{source}: {e.Message}", e);
        }
    }

    /// <summary>Writes the JSON atomically: a temp file in the same folder, then a rename over <paramref name="path"/>.</summary>
    public void Save(string path)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temp, ToJson());
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public static ResultsTable Load(string path) => FromJson(File.ReadAllText(path), path);
}
