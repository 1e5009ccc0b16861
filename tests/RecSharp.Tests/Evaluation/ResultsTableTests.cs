using RecSharp.Evaluation;
using Spectre.Console;

namespace RecSharp.Tests.Evaluation;

public class ResultsTableTests
{
    private static ResultsTable Sample() => new("P1", 12, ["Recall", "NDCG"], [20, 50],
        new Dictionary<string, Dictionary<int, double>>
        {
            ["Recall"] = new() { [20] = 0.125, [50] = 0.25 },
            ["NDCG"] = new() { [20] = 0.0625, [50] = 0.1 },
        },
        new Dictionary<string, string> { ["ndcg"] = "standard" });

    [Fact]
    public void JsonRoundTrips()
    {
        var back = ResultsTable.FromJson(Sample().ToJson());
        Assert.Equal("P1", back.Protocol);
        Assert.Equal(12, back.UserCount);
        Assert.Equal(["Recall", "NDCG"], back.Metrics);
        Assert.Equal([20, 50], back.Ks);
        Assert.Equal(0.25, back["Recall", 50]);
        Assert.Equal("standard", back.Options["ndcg"]);
    }

    [Fact]
    public void SaveWritesTheFileAndLeavesNoTemporaries()
    {
        var dir = Directory.CreateTempSubdirectory("recsharp-results-");
        try
        {
            var path = Path.Combine(dir.FullName, "results.json");
            Sample().Save(path);
            Sample().Save(path); // overwrite
            Assert.Equal(0.0625, ResultsTable.Load(path)["NDCG", 20]);
            Assert.Single(Directory.GetFiles(dir.FullName));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void MissingEntryNamesWhatExists()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => Sample()["MRR", 20]);
        Assert.Equal("MRR@20 is not in this table (metrics: Recall, NDCG; K: 20, 50)", e.Message);
    }

    [Fact]
    public void BadJsonNamesTheSource()
    {
        var e = Assert.Throws<FormatException>(() => ResultsTable.FromJson("{\"protocol\":\"P1\"}", "run.json"));
        Assert.Equal("run.json: a results table needs the fields protocol, userCount, metrics, ks and values", e.Message);
    }

    [Fact]
    public void PrintsRowsPerMetricAndColumnsPerK()
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
        });
        Sample().Print(console);
        var text = writer.ToString();
        Assert.Contains("@20", text);
        Assert.Contains("0.1250", text);
        Assert.Contains("0.1000", text);
        Assert.Contains("ndcg=standard", text);
    }
}
