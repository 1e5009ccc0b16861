using System.Diagnostics;
using System.Globalization;
using RecSharp.Data;
using RecSharp.Data.Splits;
using RecSharp.Evaluation;
using RecSharp.Evaluation.Metrics;
using RecSharp.Evaluation.Protocols;
using RecSharp.Models;
using RecSharp.Models.Sequential;
using RecSharp.Serving;
using RecSharp.Training;
using Spectre.Console;

namespace RecSharp.Cli.Commands;

/// <summary>
/// <c>recsharp evaluate --checkpoint DIR</c>: re-creates the split the model was trained on (same data, seed and
/// protocol options, read from its config.json) and evaluates the saved model on its test (or valid) cases:
/// sequential models under P1 by their own retrieval path, CF and graph models under P2 or P3 through
/// <see cref="IRecallModel"/> and <see cref="ProtocolEvaluator"/>.
/// </summary>
public static class EvaluateCheckpoint
{
    /// <param name="threads">Worker threads of the CF/graph ranking (0 = one per core), as <c>--threads</c> says.</param>
    public static int Run(string folder, string? dataOverride, bool onTest, NdcgVariant ndcg, string? jsonPath, int threads = 0,
        string? diversity = null, string? metadataPath = null)
    {
        var family = ModelArtifact.ReadConfig(folder)[ModelFolder.FamilyKey]?.GetValue<string>() ?? ModelFolder.Sequential;
        if (diversity is not null)
        {
            var lambdas = DiversityReport.ParseLambdas(diversity);
            if (family != ModelFolder.Sequential)
                throw new ArgumentException($"--diversity needs a multi-interest sequential model folder (mind, comirec-dr, comirec-sa), but {folder} holds a {family} model");
            return RunDiversity(folder, dataOverride, onTest, ndcg, jsonPath, lambdas, metadataPath);
        }
        return family == ModelFolder.Sequential
            ? RunSequential(folder, dataOverride, onTest, ndcg, jsonPath)
            : RunRecallModel(folder, dataOverride, onTest, ndcg, jsonPath, threads);
    }

    private static int RunRecallModel(string folder, string? dataOverride, bool onTest, NdcgVariant ndcg, string? jsonPath, int threads)
    {
        var console = AnsiConsole.Console;
        using var model = ModelFolder.Load(folder);
        string dataPath = dataOverride ?? model.Config["data"]?.GetValue<string>()
            ?? throw new ArgumentException($"{folder}: config.json names no data; pass --data");
        var protocol = CheckpointSplit.Protocol(folder, model.Config);
        var loaded = DataFolder.Open(dataPath);
        var dataset = loaded.BuildDataset();
        CheckpointSplit.CheckSameData(model, folder, dataset, dataPath);
        var split = CheckpointSplit.Recreate(folder, model.Config, loaded, dataset);
        var cases = onTest ? split.Test : split.Validation;
        if (cases.Count == 0)
            throw new InvalidOperationException($"{dataPath}: the {ProtocolEvaluator.Name(protocol)} split has no {(onTest ? "test" : "validation")} cases");
        var watch = Stopwatch.StartNew();
        var facts = new Dictionary<string, string>
        {
            ["model"] = model.Name,
            ["data"] = Path.GetFileName(loaded.Path.TrimEnd('/')),
            ["evaluated_on"] = onTest ? "test" : "valid",
            ["checkpoint"] = folder,
        };
        var table = ProtocolEvaluator.Evaluate(model, split, cases, ProtocolEvaluator.DefaultMetrics(protocol, ndcg),
            onTest ? ProtocolSplits.ExtraTestExclusions(split) : null, facts, threads);
        table.Print(console);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]evaluated {cases.Count} users in {watch.Elapsed.TotalSeconds:0.00} s[/]"));
        if (jsonPath is not null) table.Save(jsonPath);
        return 0;
    }

    /// <summary>What a sequential evaluation needs: the model, the re-created P1 split's cases, the data and the run's seed.</summary>
    private sealed record SequentialRun(SequentialRecallModel Model, LoadedData Loaded, Data.Dataset.InteractionDataset Dataset,
        IReadOnlyList<EvaluationCase> Cases, long Seed, Dictionary<string, string> Facts);

    private static SequentialRun OpenSequential(string folder, string? dataOverride, bool onTest)
    {
        var (model, config) = SequentialCheckpoint.Load(folder);
        try
        {
            string dataPath = dataOverride ?? config["data"]?.GetValue<string>()
                ?? throw new ArgumentException($"{folder}: config.json names no data; pass --data");
            long seed = config["seed"]?.GetValue<long>() ?? 2020;
            var loaded = DataFolder.Open(dataPath);
            var dataset = loaded.BuildDataset();
            if (dataset.NumItems != model.Config.NumItems)
                throw new InvalidOperationException($"{dataPath} has {dataset.NumItems} items but the model in {folder} was trained on {model.Config.NumItems}: not the same data");
            var split = SequentialUserSplitter.Split(dataset, new SequentialSplitOptions { Seed = seed, MaxLength = model.Config.MaxLength });
            var facts = new Dictionary<string, string>(split.Settings)
            {
                ["data"] = Path.GetFileName(loaded.Path.TrimEnd('/')),
                ["evaluated_on"] = onTest ? "test" : "valid",
                ["checkpoint"] = folder,
            };
            return new SequentialRun(model, loaded, dataset, onTest ? split.Test : split.Validation, seed, facts);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static int RunSequential(string folder, string? dataOverride, bool onTest, NdcgVariant ndcg, string? jsonPath)
    {
        var console = AnsiConsole.Console;
        var (model, _, _, cases, seed, facts) = OpenSequential(folder, dataOverride, onTest);
        using var _ = model;
        var watch = Stopwatch.StartNew();
        var table = SequentialEvaluation.Evaluate(model, cases, EvaluationProtocols.P1(ndcg), options: facts, generatorSeed: seed);
        table.Print(console);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]evaluated {cases.Count} users in {watch.Elapsed.TotalSeconds:0.00} s[/]"));
        if (jsonPath is not null) table.Save(jsonPath);
        return 0;
    }

    /// <summary>
    /// <c>evaluate --checkpoint DIR --diversity 0,0.05,...</c>: ComiRec's controllable aggregation on the checkpoint's P1
    /// cases, one row per lambda (Recall@20/@50, NDCG@50, HitRate@50, intra-list category diversity@50).
    /// </summary>
    private static int RunDiversity(string folder, string? dataOverride, bool onTest, NdcgVariant ndcg, string? jsonPath,
        IReadOnlyList<double> lambdas, string? metadataPath)
    {
        var console = AnsiConsole.Console;
        var (model, loaded, dataset, cases, seed, facts) = OpenSequential(folder, dataOverride, onTest);
        using var _ = model;
        if (model.InterestCount < 2)
            throw new ArgumentException($"--diversity needs a multi-interest model (mind, comirec-dr, comirec-sa), but {folder} holds {model.Name} with {model.InterestCount} interest");
        var metadata = DiversityMetadata(metadataPath, loaded);
        var categories = DiversityReport.CategoryTable(metadata, dataset.Vocabulary);
        int described = categories.Skip(1).Count(c => c != DiversityReport.UnknownCategory);
        if (described == 0)
            throw new InvalidDataException($"{metadata.Source}: describes none of the model's {model.Config.NumItems} items (is it the metadata of this data set?)");
        int distinct = categories.Skip(1).Where(c => c != DiversityReport.UnknownCategory).Distinct().Count();

        var watch = Stopwatch.StartNew();
        var results = DiversityReport.EvaluateTables(model, cases, categories, lambdas, EvaluationProtocols.P1(ndcg), seed, facts);
        int n = results[0].N;
        var table = new Table().Title(Markup.Escape($"{model.Name}: controllable aggregation, P1 {(onTest ? "test" : "valid")} ({cases.Count} users)"));
        table.AddColumn("lambda");
        string ndcgName = results[0].Table.Metrics.First(m => m.StartsWith("NDCG", StringComparison.Ordinal));
        foreach (var header in new[] { "Recall@20", $"Recall@{n}", $"{ndcgName}@{n}", $"HitRate@{n}", $"Diversity@{n}" })
            table.AddColumn(new TableColumn(header).RightAligned());
        foreach (var r in results)
            table.AddRow(r.Lambda.ToString("0.###", CultureInfo.InvariantCulture), F(r.Table["Recall", 20]), F(r.Table["Recall", n]),
                F(r.Table[ndcgName, n]), F(r.Table["HitRate", n]), F(r.Diversity));
        console.Write(table);
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"categories: first listed category of each item from {metadata.Source} ({distinct} distinct; {model.Config.NumItems - described} of {model.Config.NumItems} items without metadata share one 'unknown' category); " +
            $"diversity = fraction of item pairs in a list whose categories differ; seed {seed}; {watch.Elapsed.TotalSeconds:0.00} s")));
        if (jsonPath is not null)
        {
            var rows = new System.Text.Json.Nodes.JsonArray();
            foreach (var r in results)
                rows.Add(new System.Text.Json.Nodes.JsonObject
                {
                    ["lambda"] = r.Lambda, ["diversity"] = r.Diversity, ["n"] = r.N,
                    ["table"] = System.Text.Json.Nodes.JsonNode.Parse(r.Table.ToJson()),
                });
            File.WriteAllText(jsonPath, rows.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        }
        return 0;
    }

    private static string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    /// <summary>The item categories for --diversity: --metadata FILE, else the data folder's own metadata; errors name the file.</summary>
    private static Data.Loaders.ItemMetadata DiversityMetadata(string? metadataPath, LoadedData loaded)
    {
        if (metadataPath is null)
            return loaded.ItemMetadata ?? throw new ArgumentException(
                $"--diversity needs item categories, and the data {loaded.Path} holds no item metadata: pass --metadata FILE (e.g. /work/shared/data/ml-1m/movies.dat for ml-1m-head)");
        if (!File.Exists(metadataPath)) throw new FileNotFoundException($"--metadata {metadataPath}: file not found", metadataPath);
        try
        {
            return Data.Loaders.ItemMetadataLoader.Load(metadataPath);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or OverflowException or IOException)
        {
            throw new InvalidDataException($"--metadata {metadataPath}: cannot read item categories ({e.Message})", e);
        }
    }
}
