using System.Text.Json.Nodes;
using System.Xml.Linq;
using RecSharp.Data;
using RecSharp.Data.Dataset;
using RecSharp.Data.Loaders;
using RecSharp.Data.Splits;
using RecSharp.Models;
using RecSharp.Retrieval;
using RecSharp.Visualization.Report;
using RecSharp.Visualization.Svg;

namespace RecSharp.Tests.Visualization;

public class ReportTests
{
    private static readonly XNamespace H = HtmlReport.Ns;

    /// <summary>Scores item i as i, so the best items are the highest internal ids; records what it was asked.</summary>
    private sealed class ByIdModel(IdVocabulary vocabulary) : IRecallModel
    {
        public List<EvaluationCase> Asked { get; } = [];
        public int NumItems => Vocabulary.NumItems;
        public string Name => "by-id";
        public string Family => ModelFolder.Sequential;
        public JsonObject Config { get; } = [];
        public IdVocabulary Vocabulary { get; } = vocabulary;
        public bool NeedsKnownUser => false;

        public void ScoreAll(EvaluationCase user, Span<float> scores)
        {
            Asked.Add(user);
            for (int i = 0; i < scores.Length; i++) scores[i] = i;
        }

        public TopKResult SimilarItems(int item, int k) => throw new NotSupportedException();
        public void Dispose() { }
    }

    private static InteractionDataset Data()
    {
        // External ids: user 10 saw 1, 2; user 20 saw 3; user 30 saw 5, 4. First appearance: 1→1, 2→2, 3→3, 5→4, 4→5.
        var table = new InteractionTable("synthetic") { HasTimestamps = true };
        table.Add(10, 1, 1, 0);
        table.Add(10, 2, 1, 1);
        table.Add(20, 3, 1, 2);
        table.Add(30, 5, 1, 3);
        table.Add(30, 4, 1, 4);
        return InteractionDataset.Build(table);
    }

    private static ItemMetadata Titles()
    {
        var metadata = new ItemMetadata("test");
        for (int id = 1; id <= 5; id++) metadata.Add(new ItemInfo(id, id == 4 ? "Tom & Jerry <1940>" : $"Movie {id}", id == 4 ? ["Animation", "Comedy"] : ["Drama"]));
        return metadata;
    }

    private static XElement ParsePage(string page)
    {
        const string doctype = "<!DOCTYPE html>\n";
        Assert.StartsWith(doctype, page);
        return XDocument.Parse(page[doctype.Length..]).Root!;
    }

    private static JsonObject Config() => JsonNode.Parse("""
        {"model": "gru4rec", "data": "/data/ml-1m-head", "seed": 7, "hyperparameters": {"dim": 64, "pooling_mlp": [32, 16]},
         "settings": {"Lr": 0.005, "Seed": 7, "Reg": null},
         "test": {"protocol": "P1", "userCount": 301, "values": {"Recall": {"50": 0.1, "20": 0.04}, "NDCG": {"20": 0.05, "50": 0.07}}}}
        """)!.AsObject();

    [Fact]
    public void SampleRecommendationsExcludeTheHistoryAndCarryTitles()
    {
        var data = Data();
        using var model = new ByIdModel(data.Vocabulary);
        var samples = SampleRecommendations.For(model, data, Titles(), users: 3, k: 2, seed: 1);
        Assert.Equal([10L, 20L, 30L], samples.Select(s => s.User).Order());
        var first = samples.Single(s => s.User == 10);
        // History internal 1, 2 is excluded; the best remaining are internal 5 (external 4) and 4 (external 5).
        Assert.Equal([4L, 5L], first.Recommendations.Select(r => r.Id));
        Assert.Equal("Tom & Jerry <1940>", first.Recommendations[0].Label);
        Assert.Equal([5f, 4f], first.Recommendations.Select(r => r.Score!.Value));
        Assert.Equal(["Movie 1", "Movie 2"], first.RecentHistory.Select(r => r.Label));
        var last = samples.Single(s => s.User == 30);
        Assert.Equal([3L, 2L], last.Recommendations.Select(r => r.Id));
        Assert.Contains(model.Asked, c => c.History.SequenceEqual([4, 5]));
    }

    [Fact]
    public void TestMetricsBecomeAMetricByCutOffTableInNumericOrder()
    {
        var table = ConfigTables.TestMetrics(Config())!.Value;
        Assert.Equal(["metric", "@20", "@50"], table.Header);
        Assert.Equal(["Recall", "0.0400", "0.1000"], table.Rows[0]);
        Assert.Equal(["NDCG", "0.0500", "0.0700"], table.Rows[1]);
        Assert.Equal("protocol P1, 301 test users", table.Caption);
        Assert.Null(ConfigTables.TestMetrics(new JsonObject()));
    }

    [Fact]
    public void HyperParametersFlattenAndRunSettingsSkipNullsAndRepeats()
    {
        var config = Config();
        Assert.Equal([("dim", "64"), ("pooling_mlp", "[32, 16]")], ConfigTables.HyperParameters(config));
        Assert.Equal([("model", "gru4rec"), ("data", "/data/ml-1m-head"), ("seed", "7"), ("settings.Lr", "0.005")], ConfigTables.RunSettings(config));
    }

    [Fact]
    public void FullReportIsWellFormedWithEverySectionFiguresAndEscapedTitles()
    {
        string history = Path.Combine(Path.GetTempPath(), $"history-{Guid.NewGuid():N}.csv");
        File.WriteAllText(history, "epoch,loss,valid Recall@50,seconds,best\n0,7.9,0.07,2,1\n1,7.4,0.09,1,1\n");
        try
        {
            var data = Data();
            using var model = new ByIdModel(data.Vocabulary);
            var map = new ScatterPlot().Render([new ScatterPoint(0, 0, "Comedy", Title: "Tom & Jerry <1940>"), new ScatterPoint(1, 1, "Drama", Title: "Movie 1")]);
            var page = ModelReport.Build(new ReportInputs("/tmp/model")
            {
                Config = Config(),
                DataStatistics = data.Statistics.Rows(),
                HistoryCsv = history,
                ItemMap = map,
                ItemMapCaption = "exact t-SNE",
                Recommendations = SampleRecommendations.For(model, data, Titles(), users: 2, k: 2, seed: 1),
            }).ToString();
            var root = ParsePage(page);
            var sections = root.Descendants(H + "section").ToList();
            Assert.Equal(["source", "data", "hyperparameters", "curves", "metrics", "item-map", "samples"], sections.Select(s => (string)s.Attribute("id")!));
            Assert.DoesNotContain(root.Descendants(H + "p"), p => (string?)p.Attribute("class") == "missing");
            Assert.Equal("gru4rec on ml-1m-head", root.Element(H + "head")!.Element(H + "title")!.Value);
            Assert.Single(sections[3].Descendants(SvgCanvas.Ns + "svg"));
            Assert.Equal(2, sections[3].Descendants(SvgCanvas.Ns + "polyline").Count());
            Assert.Equal($"training loss and valid Recall@50 over 2 epoch(s), from {Path.GetFileName(history)}",
                sections[3].Descendants(H + "figcaption").Single().Value);
            Assert.Single(sections[5].Descendants(SvgCanvas.Ns + "svg"));
            Assert.Equal(2, sections[5].Descendants(SvgCanvas.Ns + "circle").Count());
            Assert.Equal(2, sections[6].Elements(H + "table").Count());
            // Markup characters in titles are escaped in the text and come back intact when parsed.
            Assert.Contains("Tom &amp; Jerry &lt;1940&gt;", page);
            Assert.DoesNotContain("Tom & Jerry <1940>", page);
            Assert.Contains(sections[6].Descendants(H + "td"), td => td.Value == "Tom & Jerry <1940>");
            Assert.Contains(sections[5].Descendants(SvgCanvas.Ns + "title"), t => t.Value == "Tom & Jerry <1940>");
            // Self-contained: no external scripts, stylesheets or images.
            Assert.DoesNotContain(root.Descendants(), e => e.Attribute("src") is not null || e.Name.LocalName == "link");
        }
        finally
        {
            File.Delete(history);
        }
    }

    [Fact]
    public void MissingInputsGiveSectionsThatSaySo()
    {
        var root = ParsePage(ModelReport.Build(new ReportInputs("/tmp/model")
        {
            DataProblem = "no data statistics: /nowhere not found",
            HistoryCsv = "/nowhere/history.csv",
            ItemMapProblem = "no item map: bpr-mf has no item table",
        }).ToString());
        var missing = root.Descendants(H + "section").ToDictionary(s => (string)s.Attribute("id")!,
            s => s.Elements(H + "p").SingleOrDefault(p => (string?)p.Attribute("class") == "missing")?.Value);
        Assert.Equal("no data statistics: /nowhere not found", missing["data"]);
        Assert.Equal("config.json is missing", missing["hyperparameters"]);
        Assert.Equal("no training history (/nowhere/history.csv is missing)", missing["curves"]);
        Assert.Equal("config.json has no \"test\" result (the run did not evaluate on the test split)", missing["metrics"]);
        Assert.Equal("no item map: bpr-mf has no item table", missing["item-map"]);
        Assert.Equal("no users to recommend for", missing["samples"]);
    }

    [Fact]
    public void NeighbourhoodModelsSayWhyTheyHaveNoCurves()
    {
        var root = ParsePage(ModelReport.Build(new ReportInputs("/tmp/itemcf")
        {
            Config = JsonNode.Parse("""{"family": "cf", "model": "itemcf"}""")!.AsObject(),
            HistoryCsv = "/tmp/itemcf/history.csv",
        }).ToString());
        var curves = root.Descendants(H + "section").Single(s => (string?)s.Attribute("id") == "curves");
        Assert.Equal("itemcf is fitted in one pass (it counts co-occurrences into neighbour lists), so it has no epochs and no training history",
            curves.Elements(H + "p").Single(p => (string?)p.Attribute("class") == "missing").Value);
    }

    [Fact]
    public void WithoutMetadataTheSamplesShowIdsAndSayWhyAndAModelWithoutHyperParametersPointsToTheRunSettings()
    {
        var data = Data();
        using var model = new ByIdModel(data.Vocabulary);
        var root = ParsePage(ModelReport.Build(new ReportInputs("/tmp/lightgcn")
        {
            Config = JsonNode.Parse("""{"family": "graph", "model": "lightgcn", "settings": {"Dim": 64}}""")!.AsObject(),
            Recommendations = SampleRecommendations.For(model, data, metadata: null, users: 2, k: 2, seed: 1),
        }).ToString());
        var sections = root.Descendants(H + "section").ToDictionary(s => (string)s.Attribute("id")!);
        var samples = sections["samples"];
        Assert.Equal(ModelReport.NoTitles, samples.Elements(H + "p").First().Value);
        Assert.Equal("No item metadata, so items are shown by id without titles or categories (pass --metadata FILE, e.g. ml-1m/movies.dat).", ModelReport.NoTitles);
        Assert.Equal(2, samples.Elements(H + "table").Count());
        Assert.All(samples.Elements(H + "table"), t => Assert.Equal(["rank", "item", "score"], t.Descendants(H + "th").Select(th => th.Value)));
        var hyper = sections["hyperparameters"];
        Assert.Equal("config.json has no \"hyperparameters\" section for this model; its settings (dimensions, layers, neighbours, ...) are the run settings below.",
            hyper.Elements(H + "p").Single().Value);
        Assert.Contains(hyper.Descendants(H + "td"), td => td.Value == "settings.Dim");
    }

    [Fact]
    public void SaveWritesThePageAtomically()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}");
        try
        {
            var report = new HtmlReport("a & b");
            report.Add("x", "Section <x>", HtmlReport.Paragraph("text"));
            report.Save(Path.Combine(folder, "report.html"));
            Assert.Equal(["report.html"], Directory.GetFiles(folder).Select(Path.GetFileName));
            var root = ParsePage(File.ReadAllText(Path.Combine(folder, "report.html")));
            Assert.Equal("Section <x>", root.Descendants(H + "h2").Single().Value);
            Assert.Equal("#x", (string)root.Descendants(H + "a").Single().Attribute("href")!);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
