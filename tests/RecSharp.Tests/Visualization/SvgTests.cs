using System.Xml.Linq;
using RecSharp.Visualization.Svg;

namespace RecSharp.Tests.Visualization;

public class SvgTests
{
    private static readonly XNamespace Svg = SvgCanvas.Ns;

    [Fact]
    public void ScatterPlotIsWellFormedWithOneCircleEachAndALegendEntryPerCategory()
    {
        var points = new List<ScatterPoint>();
        for (int i = 0; i < 12; i++) points.Add(new ScatterPoint(i, i % 5, Category: i < 6 ? "Drama" : i < 10 ? "Comedy" : "Horror", Title: $"item {i}"));
        var svg = new ScatterPlot { Title = "items" }.Render(points).ToString();
        var doc = XDocument.Parse(svg);
        Assert.Equal(12, doc.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "points").Elements(Svg + "circle").Count());
        var legend = doc.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "legend-entry").Select(g => g.Element(Svg + "text")!.Value).ToList();
        Assert.Equal(["Drama (6)", "Comedy (4)", "Horror (2)"], legend);
    }

    [Fact]
    public void CategoriesBeyondTheLimitAreGroupedAsOther()
    {
        var points = new[] { "a", "a", "b", "c", "d" }.Select((c, i) => new ScatterPoint(i, i, c)).ToList();
        var doc = XDocument.Parse(new ScatterPlot { MaxCategories = 2 }.Render(points).ToString());
        var legend = doc.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "legend-entry").Select(g => g.Element(Svg + "text")!.Value);
        Assert.Equal(["a (2)", "b (1)", "other (2)"], legend);
    }

    [Fact]
    public void TitlesWithMarkupCharactersAreEscapedAndRoundTrip()
    {
        const string title = "Tom & Jerry <1940> \"cat\"";
        var svg = new ScatterPlot().Render([new ScatterPoint(0, 0, "x", Title: title), new ScatterPoint(1, 1, "y")]).ToString();
        Assert.Contains("Tom &amp; Jerry &lt;1940&gt;", svg);
        var doc = XDocument.Parse(svg);
        Assert.Equal(title, doc.Descendants(Svg + "title").Single().Value);
    }

    [Fact]
    public void PopularityScaleColoursLowBlueAndHighRed()
    {
        var svg = new ScatterPlot { ColourByValue = true }.Render([new ScatterPoint(0, 0, Value: 1), new ScatterPoint(1, 1, Value: 9)]).ToString();
        var fills = XDocument.Parse(svg).Descendants(Svg + "circle").Select(c => (string)c.Attribute("fill")!).ToList();
        Assert.Equal(["#313695", "#a50026"], fills);
        Assert.Equal("#ffffbf", Palette.Sequential(0.5));
    }

    [Fact]
    public void LineChartReadsHistoryCsvWithGapsAndDrawsTwoPanels()
    {
        string path = Path.Combine(Path.GetTempPath(), $"history-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "epoch,loss,recall@20,seconds,best\n1,2.5,,1.2,0\n2,2.0,0.10,1.1,1\n3,1.5,0.12,1.0,1\n");
        try
        {
            var series = LineChart.FromHistoryCsv(path);
            Assert.Equal(["training loss", "recall@20"], series.Select(s => s.Name));
            Assert.True(double.IsNaN(series[1].Points[0].Y));
            var doc = XDocument.Parse(new LineChart().Render(series).ToString());
            Assert.Equal(2, doc.Descendants(Svg + "polyline").Count());
            Assert.Equal(3 + 2, doc.Descendants(Svg + "circle").Count());
            Assert.Contains(doc.Descendants(Svg + "text"), t => t.Value == "recall@20");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void BadHistoryNumbersNameFileLineAndField()
    {
        string path = Path.Combine(Path.GetTempPath(), $"history-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "epoch,loss,ndcg,seconds,best\n1,abc,0.1,1,0\n");
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => LineChart.FromHistoryCsv(path));
            Assert.Equal($"{path}:2: field \"loss\" is not a number (\"abc\")", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void NiceTicksUseRoundSteps()
    {
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1.0], AxisTicks.Nice(0.03, 0.97));
        Assert.Equal([0, 20, 40, 60, 80, 100], AxisTicks.Nice(0, 100));
    }

    [Fact]
    public void SaveWritesAtomicallyAndLeavesNoTemporaryFile()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"svg-{Guid.NewGuid():N}");
        try
        {
            new ScatterPlot().Render([new ScatterPoint(0, 0)]).Save(Path.Combine(folder, "a.svg"));
            Assert.Equal(["a.svg"], Directory.GetFiles(folder).Select(Path.GetFileName));
            XDocument.Load(Path.Combine(folder, "a.svg"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
