using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RecSharp.Visualization.Report;

/// <summary>Reads a model folder's config.json into the report's tables: hyper-parameters, run settings, test metrics.</summary>
public static class ConfigTables
{
    /// <summary>Sections of config.json that are not hyper-parameters or run settings.</summary>
    private static readonly HashSet<string> NotSettings = ["hyperparameters", "test", "settings"];

    /// <summary>The "hyperparameters" object flattened to (name, value) rows (nested keys joined by '.'); empty when absent.</summary>
    public static IReadOnlyList<(string Name, string Value)> HyperParameters(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var rows = new List<(string, string)>();
        if (config["hyperparameters"] is JsonObject hyper) Flatten("", hyper, rows);
        return rows;
    }

    /// <summary>
    /// The run's settings: top-level values (model, data, seed, loss, ...), the split, and the non-null command-line
    /// "settings" not already shown; nulls are left out because they mean "the default".
    /// </summary>
    public static IReadOnlyList<(string Name, string Value)> RunSettings(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var rows = new List<(string, string)>();
        foreach (var (key, value) in config)
            if (!NotSettings.Contains(key)) Flatten(key, value, rows);
        if (config["settings"] is JsonObject settings)
        {
            var shown = rows.Select(r => r.Item1.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant()).ToHashSet();
            foreach (var (key, value) in settings)
                if (value is not null && !shown.Contains(key.ToLowerInvariant())) Flatten("settings." + key, value, rows);
        }
        return rows;
    }

    /// <summary>
    /// The test metrics of config.json's "test" object ({"values": {metric: {k: value}}}) as a metric × cut-off table:
    /// header ["metric", "@k"...], one row per metric with 4 decimals; null when the folder has no test result.
    /// </summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, string Caption)? TestMetrics(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config["test"] is not JsonObject test || test["values"] is not JsonObject values || values.Count == 0) return null;
        var cuts = values.Select(v => v.Value).OfType<JsonObject>().SelectMany(m => m.Select(c => c.Key)).Distinct()
            .OrderBy(c => int.TryParse(c, out int k) ? k : int.MaxValue).ThenBy(c => c, StringComparer.Ordinal).ToList();
        var header = new List<string> { "metric" };
        header.AddRange(cuts.Select(c => "@" + c));
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (metric, byCut) in values)
        {
            var row = new List<string> { metric };
            foreach (var cut in cuts)
                row.Add(byCut is JsonObject m && m[cut] is JsonValue v && v.TryGetValue<double>(out double x) ? x.ToString("0.0000", CultureInfo.InvariantCulture) : "");
            rows.Add(row);
        }
        string protocol = test["protocol"] is JsonValue p ? p.ToString() : "?";
        string users = test["userCount"] is JsonValue u ? u.ToString() : "?";
        return (header, rows, $"protocol {protocol}, {users} test users");
    }

    private static void Flatten(string prefix, JsonNode? node, List<(string, string)> rows)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj) Flatten(prefix.Length == 0 ? key : $"{prefix}.{key}", value, rows);
                break;
            case JsonArray array:
                rows.Add((prefix, "[" + string.Join(", ", array.Select(Scalar)) + "]"));
                break;
            default:
                rows.Add((prefix, Scalar(node)));
                break;
        }
    }

    private static string Scalar(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };
}
