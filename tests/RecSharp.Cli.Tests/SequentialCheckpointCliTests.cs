using System.Text.Json.Nodes;
using RecSharp.Cli.Commands;
using RecSharp.Evaluation;
using RecSharp.Evaluation.Metrics;
using Spectre.Console;

namespace RecSharp.Cli.Tests;

/// <summary>
/// End to end through the CLI on a small synthetic ratings.dat (60 users, 70 items, genres in a movies.dat):
/// <c>train</c> then <c>evaluate --checkpoint</c> (plain and --diversity) and <c>recommend</c>.
/// </summary>
[Collection(CliEngineCollection.Name)]
public sealed class SequentialCheckpointCliTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("recsharp-cli-seq-").FullName;
    private readonly string data;
    private readonly string movies;

    public SequentialCheckpointCliTests()
    {
        data = Path.Combine(folder, "data");
        Directory.CreateDirectory(data);
        var random = new Random(7);
        var lines = new List<string>();
        for (int user = 1; user <= 60; user++)
        {
            int start = random.Next(1, 71), length = 8 + user % 7;
            for (int k = 0; k < length; k++) lines.Add($"{user}::{(start + k * (1 + user % 3) - 1) % 70 + 1}::4::{1000 + k}");
        }
        File.WriteAllLines(Path.Combine(data, "ratings.dat"), lines);
        movies = Path.Combine(folder, "movies.dat");
        string[] genres = ["Action", "Comedy", "Drama", "Horror"];
        File.WriteAllLines(movies, Enumerable.Range(1, 70).Select(i => $"{i}::Movie {i} (2000)::{genres[i % 4]}|{genres[(i + 1) % 4]}"));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static (int Code, string Output) Cli(params string[] args)
    {
        var writer = new StringWriter();
        var previous = AnsiConsole.Console;
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors,
        });
        AnsiConsole.Console.Profile.Width = 1000;
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

    private string Train(string model, params string[] extra)
    {
        string output = Path.Combine(folder, model);
        var (code, text) = Cli(["train", "--model", model, "--data", data, "--epochs", "2", "--threads", "1", "--dim", "8", "--lr", "0.01", "--out", output, .. extra]);
        Assert.True(code == 0, text);
        return output;
    }

    [Theory]
    [InlineData("pooling")]
    [InlineData("gru4rec")]
    [InlineData("mind")]
    [InlineData("comirec-sa")]
    [InlineData("comirec-dr")]
    public void EvaluateCheckpointReproducesTheTrainTimeTestTable(string model)
    {
        string output = Train(model);
        var trained = ResultsTable.FromJson(JsonNode.Parse(File.ReadAllText(Path.Combine(output, "config.json")))!["test"]!.ToJsonString());
        string json = Path.Combine(folder, model + "-eval.json");
        var (code, text) = Cli("evaluate", "--checkpoint", output, "--json", json);
        Assert.True(code == 0, text);
        var evaluated = ResultsTable.Load(json);
        Assert.Equal(trained.UserCount, evaluated.UserCount);
        foreach (var metric in trained.Metrics)
            foreach (var k in trained.Ks)
                Assert.True(trained[metric, k] == evaluated[metric, k], $"{model} {metric}@{k}: train {trained[metric, k]}, evaluate {evaluated[metric, k]}");
    }

    [Fact]
    public void DiversityAtLambdaZeroEqualsThePlainEvaluation()
    {
        string output = Train("mind");
        string plainJson = Path.Combine(folder, "plain.json"), diversityJson = Path.Combine(folder, "diversity.json");
        Assert.Equal(0, Cli("evaluate", "--checkpoint", output, "--json", plainJson).Code);
        var (code, text) = Cli("evaluate", "--checkpoint", output, "--diversity", "0,0.05,1000", "--metadata", movies, "--json", diversityJson);
        Assert.True(code == 0, text);
        Assert.Contains("Diversity@50", text);
        Assert.Contains("(4 distinct; 0 of 70 items without metadata", text); // first genre of each movie
        var plain = ResultsTable.Load(plainJson);
        var rows = JsonNode.Parse(File.ReadAllText(diversityJson))!.AsArray();
        Assert.Equal([0, 0.05, 1000], rows.Select(r => r!["lambda"]!.GetValue<double>()));
        var atZero = ResultsTable.FromJson(rows[0]!["table"]!.ToJsonString());
        foreach (var metric in plain.Metrics)
            foreach (var k in plain.Ks)
                Assert.Equal(plain[metric, k], atZero[metric, k]);
        // The 4 first genres, 50 slots: the most diverse list possible holds 13, 13, 12, 12 of them, diversity
        // 1 - (2 C(13,2) + 2 C(12,2)) / C(50,2) = 1 - 288/1225 = 0.7649; lambda 1000 dwarfs every score difference, so the
        // lists get as close to that as each user's pooled candidates allow (a user whose pool lacks a genre gets less).
        double d0 = rows[0]!["diversity"]!.GetValue<double>(), d1000 = rows[2]!["diversity"]!.GetValue<double>();
        Assert.InRange(d1000, 0.76, 1 - 288.0 / 1225);
        Assert.True(d0 < d1000, $"diversity at lambda 0 ({d0}) is not below lambda 1000's ({d1000})");
    }

    [Fact]
    public void DiversityErrorsNameTheProblem()
    {
        string gru = Train("gru4rec");
        var (code, text) = Cli("evaluate", "--checkpoint", gru, "--diversity", "0,0.1", "--metadata", movies);
        Assert.Equal(1, code);
        Assert.Contains($"error: --diversity needs a multi-interest model (mind, comirec-dr, comirec-sa), but {gru} holds gru4rec with 1 interest", Flat(text));

        string sa = Train("comirec-sa");
        (code, text) = Cli("evaluate", "--checkpoint", sa, "--diversity", "0,abc", "--metadata", movies);
        Assert.Equal(1, code);
        Assert.Contains("error: --diversity: 'abc' is not a number", Flat(text));
        (code, text) = Cli("evaluate", "--checkpoint", sa, "--diversity", "0.1");
        Assert.Equal(1, code);
        Assert.Contains($"error: --diversity needs item categories, and the data {data} holds no item metadata: pass --metadata FILE", Flat(text));
        string missing = Path.Combine(folder, "nope.dat");
        (code, text) = Cli("evaluate", "--checkpoint", sa, "--diversity", "0.1", "--metadata", missing);
        Assert.Equal(1, code);
        Assert.Contains($"error: --metadata {missing}: file not found", Flat(text));
        string broken = Path.Combine(folder, "broken_item2attributes.json");
        File.WriteAllText(broken, "{\"1\": [3, ");
        (code, text) = Cli("evaluate", "--checkpoint", sa, "--diversity", "0.1", "--metadata", broken);
        Assert.Equal(1, code);
        Assert.Contains($"error: {broken}", Flat(text));
        string unrelated = Path.Combine(folder, "other.dat");
        File.WriteAllLines(unrelated, ["500::Elsewhere (1990)::Drama"]);
        (code, text) = Cli("evaluate", "--checkpoint", sa, "--diversity", "0.1", "--metadata", unrelated);
        Assert.Equal(1, code);
        Assert.Contains($"error: {unrelated}: describes none of the model's 70 items", Flat(text));
    }

    [Fact]
    public void RecommendPrintsTitlesAndGenres()
    {
        string sa = Train("comirec-sa");
        var (code, text) = Cli("recommend", "--checkpoint", sa, "--history", "1,2,3", "-k", "5", "--metadata", movies);
        Assert.True(code == 0, text);
        Assert.Contains("Movie ", text);
        Assert.Matches(@"(Action|Comedy|Drama|Horror)\|(Action|Comedy|Drama|Horror)", text);
        (code, text) = Cli("recommend", "--checkpoint", sa, "--user", "5", "-k", "5", "--metadata", movies);
        Assert.True(code == 0, text);
        Assert.Contains("user 5 (", text);
        Assert.Contains("Movie ", text);
        // Without metadata (the data folder has none): ids only, and a note saying how to get titles.
        (code, text) = Cli("recommend", "--checkpoint", sa, "--user", "5", "-k", "5");
        Assert.True(code == 0, text);
        Assert.DoesNotContain("Movie ", text);
        Assert.Contains("note: no item metadata in the data folder, so items show ids only; pass --metadata FILE", Flat(text));
    }

    /// <summary>The console wraps long lines; the tests compare the text without line breaks.</summary>
    private static string Flat(string text) => text.ReplaceLineEndings(" ").Replace("  ", " ");
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliEngineCollection
{
    public const string Name = "CLI runs (process-wide console and engine seed)";
}
