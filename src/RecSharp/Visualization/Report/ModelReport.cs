using System.Text.Json.Nodes;
using System.Xml.Linq;
using RecSharp.Visualization.Svg;

namespace RecSharp.Visualization.Report;

/// <summary>
/// What a model report shows, each piece optional: when a piece is null its section says why (the matching
/// "Problem" text, or a default naming the missing input).
/// </summary>
public sealed record ReportInputs(string ModelFolder)
{
    public JsonObject? Config { get; init; }
    public IReadOnlyList<(string Name, string Value)>? DataStatistics { get; init; }
    public string? DataProblem { get; init; }
    /// <summary>The history.csv of the run (epoch, loss, validation metric, ...).</summary>
    public string? HistoryCsv { get; init; }
    public SvgCanvas? ItemMap { get; init; }
    public string? ItemMapCaption { get; init; }
    public string? ItemMapProblem { get; init; }
    public IReadOnlyList<UserRecommendations>? Recommendations { get; init; }
    public string? RecommendationsProblem { get; init; }
}

/// <summary>Lays out the report of one model folder: data set, hyper-parameters, curves, test metrics, item map, samples.</summary>
public static class ModelReport
{
    public const string Data = "data", HyperParameters = "hyperparameters", Curves = "curves", Metrics = "metrics", ItemMap = "item-map", Samples = "samples";

    public static HtmlReport Build(ReportInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var config = inputs.Config;
        string model = config?["model"] is JsonValue m ? m.ToString() : Path.GetFileName(Path.GetFullPath(inputs.ModelFolder).TrimEnd('/'));
        string data = config?["data"] is JsonValue d ? Path.GetFileName(d.ToString().TrimEnd('/')) : "unknown data";
        var report = new HtmlReport($"{model} on {data}");
        report.Add("source", "Model folder", HtmlReport.Paragraph($"{Path.GetFullPath(inputs.ModelFolder)}, report written {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC", "note"));

        if (inputs.DataStatistics is { } stats)
            report.Add(Data, "Data set", HtmlReport.Table(["statistic", "value"], stats.Select(s => (IReadOnlyList<string>)[s.Name, s.Value])));
        else report.AddMissing(Data, "Data set", inputs.DataProblem ?? "no data statistics: the data folder is unknown");

        if (config is null) report.AddMissing(HyperParameters, "Hyper-parameters", "config.json is missing");
        else
        {
            var hyper = ConfigTables.HyperParameters(config);
            var run = ConfigTables.RunSettings(config);
            report.Add(HyperParameters, "Hyper-parameters",
                hyper.Count > 0 ? HtmlReport.Table(["hyper-parameter", "value"], hyper.Select(h => (IReadOnlyList<string>)[h.Name, h.Value]))
                    : HtmlReport.Paragraph(NoHyperParameters, "note"),
                new XElement(HtmlReport.Ns + "h3", "Run settings"),
                HtmlReport.Table(["setting", "value"], run.Select(h => (IReadOnlyList<string>)[h.Name, h.Value])));
        }

        AddCurves(report, inputs.HistoryCsv, config);

        var metrics = config is null ? null : ConfigTables.TestMetrics(config);
        if (metrics is { } table) report.Add(Metrics, "Final test metrics", HtmlReport.Table(table.Header, table.Rows), HtmlReport.Paragraph(table.Caption, "note"));
        else report.AddMissing(Metrics, "Final test metrics", "config.json has no \"test\" result (the run did not evaluate on the test split)");

        if (inputs.ItemMap is { } svg) report.Add(ItemMap, "Item embeddings (t-SNE)", HtmlReport.Figure(svg, inputs.ItemMapCaption));
        else report.AddMissing(ItemMap, "Item embeddings (t-SNE)", inputs.ItemMapProblem ?? "no item map was drawn");

        if (inputs.Recommendations is { Count: > 0 } samples)
        {
            bool titled = samples.Any(u => u.Recommendations.Concat(u.RecentHistory).Any(i => i.Title is not null));
            var content = new List<object>();
            if (!titled) content.Add(HtmlReport.Paragraph(NoTitles, "note"));
            content.AddRange(samples.SelectMany(u => UserBlock(u, titled)));
            report.Add(Samples, "Sample recommendations", content.ToArray());
        }
        else report.AddMissing(Samples, "Sample recommendations", inputs.RecommendationsProblem ?? "no users to recommend for");
        return report;
    }

    private static void AddCurves(HtmlReport report, string? historyCsv, JsonObject? config)
    {
        const string heading = "Training curves";
        if (historyCsv is null || !File.Exists(historyCsv))
        {
            string? model = config?["model"] is JsonValue m && m.TryGetValue<string>(out var name) ? name : null;
            report.AddMissing(Curves, heading, model is "itemcf" or "usercf"
                ? $"{model} is fitted in one pass (it counts co-occurrences into neighbour lists), so it has no epochs and no training history"
                : $"no training history ({historyCsv ?? "history.csv"} is missing)");
            return;
        }
        try
        {
            var series = LineChart.FromHistoryCsv(historyCsv);
            int epochs = series[0].Points.Count;
            string metrics = string.Join(" and ", series.Select(s => s.Name));
            string caption = $"{metrics} over {epochs} epoch(s), from {Path.GetFileName(historyCsv)}" +
                             (series.Count == 1 ? "; the run logged no validation metric" : "") +
                             (File.Exists(Path.Combine(Path.GetDirectoryName(historyCsv) ?? ".", "curves.svg")) ? " (the model folder holds the same chart as curves.svg)" : "");
            report.Add(Curves, heading, HtmlReport.Figure(new LineChart { Title = $"{metrics} per epoch" }.Render(series), caption));
        }
        catch (InvalidDataException e)
        {
            report.AddMissing(Curves, heading, e.Message);
        }
    }

    /// <summary>Said when no shown item has a title (the data folder has no item metadata and none was given).</summary>
    public const string NoTitles = "No item metadata, so items are shown by id without titles or categories (pass --metadata FILE, e.g. ml-1m/movies.dat).";

    /// <summary>Said when config.json has no "hyperparameters" object (ItemCF/UserCF, graph models): their settings are the run settings.</summary>
    public const string NoHyperParameters = "config.json has no \"hyperparameters\" section for this model; its settings (dimensions, layers, neighbours, ...) are the run settings below.";

    private static IEnumerable<XElement> UserBlock(UserRecommendations user, bool titled)
    {
        var ns = HtmlReport.Ns;
        yield return new XElement(ns + "h3", $"User {user.User}");
        yield return HtmlReport.Paragraph($"{user.HistoryLength:N0} items in the history; the latest: " +
                                          string.Join("; ", user.RecentHistory.Select(i => i.Label)), "note");
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        yield return titled
            ? HtmlReport.Table(["rank", "item", "title", "categories", "score"], user.Recommendations.Select((r, i) => (IReadOnlyList<string>)
                [(i + 1).ToString(culture), r.Id.ToString(culture), r.Title ?? "", string.Join(", ", r.Categories), r.Score?.ToString("0.0000", culture) ?? ""]))
            : HtmlReport.Table(["rank", "item", "score"], user.Recommendations.Select((r, i) => (IReadOnlyList<string>)
                [(i + 1).ToString(culture), r.Id.ToString(culture), r.Score?.ToString("0.0000", culture) ?? ""]));
    }
}
