using System.Text.Json.Nodes;
using RecSharp.Cli.Commands;
using Spectre.Console;

namespace RecSharp.Cli.Tests;

/// <summary>The graph-model paths of the CLI: shared --feature parsing and help, evaluate --feature, --p3-split.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class GraphCliTests : IDisposable
{
    private const string FeatureHelp = "BM3: NAME=SOURCE, SOURCE a .npy (row = item id) or npy:FILE[,ids=IDS] | bert-pq:DIR | genres:movies.dat[,dim=K] | item2attributes:FILE[,dim=K][,seed=S] | tags:tags.csv[,min-count=N][,dim=K][,seed=S]; repeatable";

    private readonly string folder = Directory.CreateTempSubdirectory("recsharp-graph-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>Three users with 8 ratings each of items 1..10 (times 1..8); movies.dat gives items 1..10 two genres.</summary>
    private string TinyData()
    {
        string data = Path.Combine(folder, "tiny");
        Directory.CreateDirectory(data);
        var lines = new List<string>();
        for (int u = 1; u <= 3; u++)
            for (int k = 1; k <= 8; k++)
                lines.Add($"{u}::{(u + k) % 10 + 1}::4::{k}");
        File.WriteAllLines(Path.Combine(data, "ratings.dat"), lines);
        File.WriteAllLines(Path.Combine(folder, "movies.dat"),
            Enumerable.Range(1, 10).Select(i => $"{i}::Movie {i} (2000)::{(i % 2 == 0 ? "Comedy" : "Drama|Action")}"));
        return data;
    }

    private static (int Code, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var previous = AnsiConsole.Console;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });
        console.Profile.Width = 4000; // no wrapping: messages are matched whole
        AnsiConsole.Console = console;
        try
        {
            int code = Program.Main(args);
            return (code, writer.ToString());
        }
        finally
        {
            AnsiConsole.Console = previous;
        }
    }

    [Fact]
    public void TrainAndEvaluateShareTheFeatureOptionAndItsHelp()
    {
        Assert.Equal(FeatureHelp, GraphModelFlags.FeatureHelp);
        Assert.Equal(FeatureHelp, TrainCommand.Create().Options.Single(o => o.Name == "--feature").Description);
        Assert.Equal(FeatureHelp, EvaluateCommand.Create().Options.Single(o => o.Name == "--feature").Description);
        Assert.Single(TrainCommand.Create().Options, o => o.Name == "--p3-split");
        Assert.Single(EvaluateCommand.Create().Options, o => o.Name == "--p3-split");
    }

    [Fact]
    public void FeaturesAreOnlyForBm3()
    {
        var e = Assert.Throws<ArgumentException>(() => GraphModelFlags.ParseFeatures("lightgcn", ["genre=genres:movies.dat"]));
        Assert.Equal("--feature is for bm3; lightgcn uses no item features", e.Message);
        Assert.Equal("genres", Assert.Single(GraphModelFlags.ParseFeatures("BM3", ["genre=genres:movies.dat,dim=4"])).Kind);
    }

    [Fact]
    public void EvaluateBm3AcceptsFeaturesAndNamesABadSpec()
    {
        string data = TinyData();
        string movies = Path.Combine(folder, "movies.dat");
        var (code, output) = Run("evaluate", "--model", "bm3", "--protocol", "p3", "--data", data, "--feature", $"genre=genres:{movies}",
            "--epochs", "1", "--batch", "8", "--dim", "4", "--threads", "1");
        Assert.True(code == 0, output);
        Assert.Contains($"feature genre", output, StringComparison.Ordinal);
        // 8 rows per user: round(0.8) = 1 validation and 1 test row each; the default rule is said.
        Assert.Contains("the data has no split labels: rows split by the default rule --p3-split chrono-80-10-10", output, StringComparison.Ordinal);
        Assert.Contains("18 training interactions", output, StringComparison.Ordinal);

        (code, output) = Run("evaluate", "--model", "bm3", "--protocol", "p3", "--data", data, "--feature", "genre=genre:movies.dat", "--epochs", "1");
        Assert.Equal(1, code);
        Assert.Contains("error: --feature 'genre=genre:movies.dat': unknown source kind 'genre' (expected SOURCE a .npy (row = item id) or npy:FILE[,ids=IDS]",
            output, StringComparison.Ordinal);

        (code, output) = Run("evaluate", "--model", "lightgcn", "--protocol", "p3", "--data", data, "--feature", $"genre=genres:{movies}", "--epochs", "1");
        Assert.Equal(1, code);
        Assert.Contains("error: --feature is for bm3; lightgcn uses no item features", output, StringComparison.Ordinal);
    }

    [Fact]
    public void TrainRecordsTheP3RuleAndEvaluateCheckpointReproducesTheTestTable()
    {
        string data = TinyData();
        string model = Path.Combine(folder, "model");
        var (code, output) = Run("train", "--model", "lightgcn", "--data", data, "--p3-split", "leave-one-out", "--epochs", "2", "--batch", "8",
            "--dim", "4", "--threads", "1", "--out", model);
        Assert.True(code == 0, output);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "config.json")))!.AsObject();
        Assert.Equal("leave-one-out", config["p3_split"]!.GetValue<string>());
        Assert.Equal("leave-one-out", config["split"]!["p3_split"]!.GetValue<string>());

        string json = Path.Combine(folder, "eval.json");
        (code, output) = Run("evaluate", "--checkpoint", model, "--json", json);
        Assert.True(code == 0, output);
        var evaluated = JsonNode.Parse(File.ReadAllText(json))!;
        // The same metrics as at training time (same split, same saved representations).
        Assert.Equal(config["test"]!["values"]!.ToJsonString(), evaluated["values"]!.ToJsonString());
        Assert.Equal(3, evaluated["userCount"]!.GetValue<int>());
    }

    [Fact]
    public void Bm3WithGenresTrainsEvaluatesRecommendsAndListsSimilarItemsWithTitles()
    {
        string data = TinyData();
        string movies = Path.Combine(folder, "movies.dat");
        string model = Path.Combine(folder, "bm3");
        var (code, output) = Run("train", "--model", "bm3", "--data", data, "--feature", $"genre=genres:{movies}", "--epochs", "2", "--batch", "8",
            "--dim", "4", "--threads", "1", "--out", model);
        Assert.True(code == 0, output);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "config.json")))!.AsObject();
        Assert.Equal($"genres:{movies}", config["features"]!["genre"]!.GetValue<string>());
        Assert.Equal("chrono-80-10-10", config["p3_split"]!.GetValue<string>());

        string json = Path.Combine(folder, "bm3.json");
        (code, output) = Run("evaluate", "--checkpoint", model, "--json", json, "--threads", "1");
        Assert.True(code == 0, output);
        Assert.Equal(config["test"]!["values"]!.ToJsonString(), JsonNode.Parse(File.ReadAllText(json))!["values"]!.ToJsonString());

        // The data folder has no movies.dat: titles come from the file the genre feature was built from.
        (code, output) = Run("recommend", "--checkpoint", model, "--user", "1", "-k", "3");
        Assert.True(code == 0, output);
        Assert.Contains("bm3: top 3 for user 1 (8 item(s) in the data)", output, StringComparison.Ordinal);
        Assert.Contains("title", output, StringComparison.Ordinal);
        Assert.Contains("(2000)", output, StringComparison.Ordinal);

        (code, output) = Run("similar", "--checkpoint", model, "--item", "2", "-k", "3");
        Assert.True(code == 0, output);
        Assert.Contains("bm3: 3 items most similar to item 2 (Movie 2 (2000))", output, StringComparison.Ordinal);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "console (AnsiConsole.Console is global)";
}
