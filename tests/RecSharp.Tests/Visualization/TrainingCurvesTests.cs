using System.Text.Json.Nodes;
using System.Xml.Linq;
using RecSharp.Data.Dataset;
using RecSharp.Data.Splits;
using RecSharp.Models.Graph;
using RecSharp.Tests.Data;
using RecSharp.Torch;
using RecSharp.Torch.NN;
using RecSharp.Training;
using RecSharp.Visualization.Svg;

namespace RecSharp.Tests.Visualization;

/// <summary>curves.svg: every model folder saved with a training history charts it beside history.csv.</summary>
public class TrainingCurvesTests
{
    private static readonly XNamespace Svg = SvgCanvas.Ns;

    /// <summary>Four epochs, loss 4, 3, 2, 1 and valid Recall@20 0.1 .. 0.4 (or no validation at all).</summary>
    private static TrainingHistory History(TempFolder temp, bool validated = true)
    {
        string path = Path.Combine(temp.Path, $"history-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, validated
            ? "epoch,loss,valid Recall@20,seconds,best\n0,4,0.1,1,1\n1,3,0.2,1,1\n2,2,0.3,1,1\n3,1,0.4,1,1\n"
            : "epoch,loss,validation,seconds,best\n0,4,,1,0\n1,3,,1,0\n2,2,,1,0\n3,1,,1,0\n");
        return TrainingHistory.Load(path);
    }

    private static List<string[]> Polylines(XDocument doc) =>
        doc.Descendants(Svg + "polyline").Select(p => ((string)p.Attribute("points")!).Split(' ')).ToList();

    [Fact]
    public void ASavedModelFolderHoldsCurvesSvgWithOnePolylinePerLoggedSeries()
    {
        using var temp = new TempFolder();
        torch.ManualSeed(1);
        using var model = new Linear(3, 2);
        string folder = Path.Combine(temp.Path, "model");
        ModelArtifact.Save(folder, model, new JsonObject { ["model"] = "linear" }, history: History(temp));

        string path = Path.Combine(folder, ModelArtifact.CurvesFile);
        Assert.True(File.Exists(path), "curves.svg is missing from the model folder");
        var doc = XDocument.Parse(File.ReadAllText(path));
        Assert.Equal(Svg + "svg", doc.Root!.Name);
        var lines = Polylines(doc);
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal(4, l.Length));
        // x: epochs 1..4 on ticks 1..4 span 70..780; y: loss 1..4 on ticks 1..4 span the first panel, 255 (bottom) .. 35 (top).
        Assert.Equal(["70,35", "306.67,108.33", "543.33,181.67", "780,255"], lines[0]);
        var texts = doc.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Equal("linear: training loss and valid Recall@20 per epoch", texts[0]);
        Assert.Contains("training loss", texts);
        Assert.Contains("valid Recall@20", texts);
        // Epochs are numbered from 1, as the training log and "best_epoch" number them: no tick at 0.
        Assert.DoesNotContain("0", texts);
    }

    [Fact]
    public void ARunWithoutValidationChartsTheLossAloneAndSaysSo()
    {
        using var temp = new TempFolder();
        var doc = XDocument.Parse(ModelArtifact.Curves(History(temp, validated: false), new JsonObject { ["model"] = "gmf" }));
        Assert.Single(Polylines(doc));
        Assert.Equal("gmf: training loss per epoch (no validation metric was logged)", doc.Descendants(Svg + "text").First().Value);
        Assert.DoesNotContain(doc.Descendants(Svg + "text"), t => t.Value == "validation");
    }

    [Fact]
    public void AFolderWithoutHistoryHasNoCurvesAndCurvesSvgIsNotAnExtraFileName()
    {
        using var temp = new TempFolder();
        using var model = new Linear(3, 2);
        string folder = Path.Combine(temp.Path, "model");
        ModelArtifact.Save(folder, model, new JsonObject { ["model"] = "linear" });
        Assert.False(File.Exists(Path.Combine(folder, ModelArtifact.CurvesFile)));
        var e = Assert.Throws<ArgumentException>(() => ModelArtifact.Save(folder, model, [], extraFiles: new Dictionary<string, string> { ["curves.svg"] = "<svg/>" }));
        Assert.Equal("extra file 'curves.svg' must be a plain file name other than the artifact's own files (Parameter 'extraFiles')", e.Message);
    }

    [Fact]
    public void GraphModelFoldersChartTheirHistoryToo()
    {
        using var temp = new TempFolder();
        torch.ManualSeed(2);
        using var adjacency = NormalizedAdjacency.Build(UserItemLists.FromLists([[1, 2], [2, 3], [3, 4]]), 4);
        using var model = new LightGcn(adjacency, dim: 4, layers: 1);
        string folder = Path.Combine(temp.Path, "lightgcn");
        GraphModelFolder.Save(folder, model, new JsonObject { ["model"] = "lightgcn" }, IdVocabulary.Identity(3, 4), History(temp));
        var doc = XDocument.Parse(File.ReadAllText(Path.Combine(folder, ModelArtifact.CurvesFile)));
        Assert.Equal(2, Polylines(doc).Count);
        Assert.Equal("lightgcn: training loss and valid Recall@20 per epoch", doc.Descendants(Svg + "text").First().Value);
    }

    [Fact]
    public void EpochTicksAreWholeNumbers()
    {
        using var temp = new TempFolder();
        string path = Path.Combine(temp.Path, "history.csv");
        File.WriteAllText(path, "epoch,loss,validation,seconds,best\n0,0.5,,1,0\n1,0.37,,1,0\n2,0.34,,1,0\n");
        var doc = XDocument.Parse(ModelArtifact.Curves(TrainingHistory.Load(path)));
        // Ticks below the panel (y = 255 + 18): 1, 2, 3 and not 1.5, 2.5 (the nice ticks of 1..3 step by 0.5).
        var xLabels = doc.Descendants(Svg + "text").Where(t => (string?)t.Attribute("y") == "273").Select(t => t.Value);
        Assert.Equal(["1", "2", "3"], xLabels);
        // Loss points sit on those ticks: x = 70, 425, 780.
        Assert.Equal(["70", "425", "780"], Polylines(doc).Single().Select(p => p.Split(',')[0]));
    }

    [Fact]
    public void HistoryCsvCurvesNumberEpochsFromOneLikeTheLog()
    {
        using var temp = new TempFolder();
        string path = Path.Combine(temp.Path, "history.csv");
        File.WriteAllText(path, History(temp).ToCsv());
        var series = LineChart.FromHistoryCsv(path);
        Assert.Equal([1.0, 2.0, 3.0, 4.0], series[0].Points.Select(p => p.X));
        Assert.Equal([0.1, 0.2, 0.3, 0.4], series[1].Points.Select(p => p.Y));
    }
}
