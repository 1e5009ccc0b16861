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
    public static int Run(string folder, string? dataOverride, bool onTest, NdcgVariant ndcg, string? jsonPath, int threads = 0)
    {
        var family = ModelArtifact.ReadConfig(folder)[ModelFolder.FamilyKey]?.GetValue<string>() ?? ModelFolder.Sequential;
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

    private static int RunSequential(string folder, string? dataOverride, bool onTest, NdcgVariant ndcg, string? jsonPath)
    {
        var console = AnsiConsole.Console;
        var (model, config) = SequentialCheckpoint.Load(folder);
        using var _ = model;
        string dataPath = dataOverride ?? config["data"]?.GetValue<string>()
            ?? throw new ArgumentException($"{folder}: config.json names no data; pass --data");
        long seed = config["seed"]?.GetValue<long>() ?? 2020;
        var loaded = DataFolder.Open(dataPath);
        var dataset = loaded.BuildDataset();
        if (dataset.NumItems != model.Config.NumItems)
            throw new InvalidOperationException($"{dataPath} has {dataset.NumItems} items but the model in {folder} was trained on {model.Config.NumItems}: not the same data");
        var split = SequentialUserSplitter.Split(dataset, new SequentialSplitOptions { Seed = seed, MaxLength = model.Config.MaxLength });
        var cases = onTest ? split.Test : split.Validation;
        var watch = Stopwatch.StartNew();
        var facts = new Dictionary<string, string>(split.Settings)
        {
            ["data"] = Path.GetFileName(loaded.Path.TrimEnd('/')),
            ["evaluated_on"] = onTest ? "test" : "valid",
            ["checkpoint"] = folder,
        };
        var table = SequentialEvaluation.Evaluate(model, cases, EvaluationProtocols.P1(ndcg), options: facts);
        table.Print(console);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]evaluated {cases.Count} users in {watch.Elapsed.TotalSeconds:0.00} s[/]"));
        if (jsonPath is not null) table.Save(jsonPath);
        return 0;
    }
}
