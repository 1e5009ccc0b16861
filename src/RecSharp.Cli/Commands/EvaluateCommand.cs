using System.CommandLine;
using System.Diagnostics;
using RecSharp.Data;
using RecSharp.Data.Dataset;
using RecSharp.Data.Features;
using RecSharp.Data.Splits;
using RecSharp.Evaluation;
using RecSharp.Evaluation.Metrics;
using RecSharp.Evaluation.Protocols;
using RecSharp.Models;
using RecSharp.Models.CollaborativeFiltering;
using RecSharp.Models.CollaborativeFiltering.Neural;
using RecSharp.Models.Graph;
using RecSharp.Models.Popularity;
using RecSharp.Torch;
using Spectre.Console;

namespace RecSharp.Cli.Commands;

/// <summary>
/// <c>recsharp evaluate --model pop|itemcf|usercf|bpr|gmf|mlp|neumf|neumf-pretrained|lightgcn|bm3 --protocol p1|p2|p3 --data &lt;folder&gt;</c>:
/// split the data the protocol's way, fit a statistical model or train a learned one on the training part and print
/// its metric table.
/// </summary>
public static class EvaluateCommand
{
    private static readonly string[] Models = ["pop", "itemcf", "usercf", .. LearnedCfTrainer.Models, .. GraphRecallTrainer.Models];

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = $"{string.Join(", ", Models)} (not with --checkpoint)." };
        var protocol = new Option<string>("--protocol") { Description = "p1 (sequential user split), p2 (leave-one-out, 99 negatives) or p3 (full ranking, labelled holdout)." };
        var data = new Option<string>("--data") { Description = "A data folder (e.g. ../shared/data/ml-1m-head) or file (with --checkpoint: default the model's data)." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "A model folder written by recsharp train: evaluate it on the split it was trained with (P1 for sequential models, the recorded P2/P3 for CF and graph models)." };
        var seed = new Option<long>("--seed") { Description = "Seed of the split (P1 user shuffle, P2 negatives) and of learned models (initial weights, training negatives).", DefaultValueFactory = _ => 2020 };
        var maxLength = new Option<int>("--max-length") { Description = "P1: history length L.", DefaultValueFactory = _ => 20 };
        var ndcg = new Option<string>("--ndcg") { Description = "NDCG variant for P1: standard or comirec.", DefaultValueFactory = _ => "standard" };
        var excludeValid = new Option<bool>("--exclude-valid") { Description = "P3: also exclude each user's validation items when ranking for test." };
        var on = new Option<string>("--on") { Description = "Which cases to evaluate: test or valid.", DefaultValueFactory = _ => "test" };
        var neighbours = new Option<int>("--neighbours") { Description = "ItemCF/UserCF: neighbours kept per item/user.", DefaultValueFactory = _ => 100 };
        var json = new Option<string?>("--json") { Description = "Also write the results table as JSON to this file." };
        var diversity = new Option<string?>("--diversity") { Description = "With --checkpoint of a multi-interest model (mind, comirec-dr, comirec-sa): ComiRec's controllable aggregation for these lambdas, e.g. 0,0.05,0.1,0.2; one row each with Recall@20/@50, NDCG@50, HitRate@50 and category diversity@50." };
        var metadata = new Option<string?>("--metadata") { Description = "With --diversity: item categories (movies.dat genres, *_item2attributes.json, ...; default: the data folder's own metadata)." };
        var threads = new Option<int>("--threads") { Description = "Worker threads (0 = one per core).", DefaultValueFactory = _ => 0 };
        var p3Split = GraphModelFlags.P3SplitOption();

        var learned = new LearnedModelFlags();
        var graph = new GraphModelFlags();

        var command = new Command("evaluate", "Fit or train a recall model and evaluate it under protocol P1, P2 or P3 (docs PROTOCOLS.md), or evaluate a trained model folder.");
        foreach (var option in new Option[] { model, protocol, data, checkpoint, seed, maxLength, ndcg, excludeValid, p3Split, on, neighbours, json, threads, diversity, metadata }.Concat(learned.All).Concat(graph.All))
            command.Options.Add(option);
        command.SetAction(parseResult =>
        {
            if (parseResult.GetValue(checkpoint) is { } folder)
                return RunCheckpoint(folder, parseResult.GetValue(data), parseResult.GetValue(on)!, parseResult.GetValue(ndcg)!, parseResult.GetValue(json),
                    parseResult.GetValue(threads), parseResult.GetValue(diversity), parseResult.GetValue(metadata));
            if (parseResult.GetValue(diversity) is not null)
            {
                AnsiConsole.MarkupLine("[red]error:[/] --diversity needs --checkpoint DIR (a trained multi-interest model folder)");
                return 1;
            }
            LearnedCfOptions learnedOptions;
            GraphOptions graphOptions;
            IReadOnlyList<FeatureSpec> features;
            HoldoutRule? rule;
            try
            {
                learnedOptions = learned.Bind(parseResult, parseResult.GetValue(seed), parseResult.GetValue(threads));
                graphOptions = graph.Bind(parseResult);
                features = graph.Features(parseResult, parseResult.GetValue(model) ?? "");
                rule = GraphModelFlags.ParseP3Split(parseResult.GetValue(p3Split));
            }
            catch (ArgumentException e)
            {
                AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
                return 1;
            }
            return Run(new Request(
                parseResult.GetValue(model)!, parseResult.GetValue(protocol)!, parseResult.GetValue(data)!,
                parseResult.GetValue(seed), parseResult.GetValue(maxLength), parseResult.GetValue(ndcg)!,
                parseResult.GetValue(excludeValid), parseResult.GetValue(on)!, parseResult.GetValue(neighbours),
                parseResult.GetValue(json), parseResult.GetValue(threads), learnedOptions, graphOptions, features, rule));
        });
        return command;
    }

    private sealed record Request(string Model, string Protocol, string Data, long Seed, int MaxLength, string Ndcg,
        bool ExcludeValid, string On, int Neighbours, string? Json, int Threads, LearnedCfOptions Learned, GraphOptions Graph,
        IReadOnlyList<FeatureSpec> Features, HoldoutRule? P3Split);

    private static int RunCheckpoint(string folder, string? data, string on, string ndcg, string? json, int threads, string? diversity = null, string? metadata = null)
    {
        try
        {
            return EvaluateCheckpoint.Run(folder, data, ParseOn(on), ParseNdcg(ndcg), json, threads, diversity, metadata);
        }
        catch (Exception e) when (e is DataFormatException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException
                                      or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            AnsiConsole.Console.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
    }

    private static NdcgVariant ParseNdcg(string ndcg) => ndcg.Trim().ToLowerInvariant() switch
    {
        "standard" => NdcgVariant.Standard,
        "comirec" => NdcgVariant.ComiRec,
        _ => throw new ArgumentException($"unknown NDCG variant '{ndcg}': expected standard or comirec"),
    };

    private static bool ParseOn(string on) => on.Trim().ToLowerInvariant() switch
    {
        "test" => true,
        "valid" => false,
        _ => throw new ArgumentException($"--on must be test or valid, not '{on}'"),
    };

    private static int Run(Request request)
    {
        var console = AnsiConsole.Console;
        try
        {
            if (request.Model is null || request.Protocol is null || request.Data is null)
                throw new ArgumentException("--model, --protocol and --data are required (or --checkpoint DIR for a trained model folder)");
            string modelName = request.Model.Trim().ToLowerInvariant();
            if (!Models.Contains(modelName))
                throw new ArgumentException($"unknown model '{request.Model}': expected {string.Join(", ", Models)}");
            var protocol = ProtocolSplits.Parse(request.Protocol);
            if (LearnedCfTrainer.IsLearned(modelName) && protocol == SplitProtocol.P1SequentialUserSplit)
                throw new ArgumentException($"{modelName} learns one embedding per training user, so it needs protocol p2 or p3 (p1 evaluates users unseen in training)");
            var ndcgVariant = request.Ndcg.Trim().ToLowerInvariant() switch
            {
                "standard" => NdcgVariant.Standard,
                "comirec" => NdcgVariant.ComiRec,
                _ => throw new ArgumentException($"unknown NDCG variant '{request.Ndcg}': expected standard or comirec"),
            };
            bool onTest = request.On.Trim().ToLowerInvariant() switch
            {
                "test" => true,
                "valid" => false,
                _ => throw new ArgumentException($"--on must be test or valid, not '{request.On}'"),
            };

            var watch = Stopwatch.StartNew();
            var loaded = DataFolder.Open(request.Data);
            var dataset = loaded.BuildDataset();
            var split = protocol == SplitProtocol.P1SequentialUserSplit
                ? ProtocolSplits.Create(loaded, dataset, protocol, new ProtocolOptions { Seed = request.Seed, MaxLength = request.MaxLength, P3Split = request.P3Split })
                : new CfSplitSpec(protocol, loaded.Path, request.Seed, HoldOutValidation: request.Learned.EarlyStopping && protocol == SplitProtocol.P2LeaveOneOut,
                    ExcludeValid: request.ExcludeValid, P3Split: request.P3Split).Split(loaded, dataset);
            var splitTime = watch.Elapsed;

            watch.Restart();
            var features = request.Features.Select(f => f.Load(dataset.Vocabulary)).ToArray();
            foreach (var f in features) console.MarkupLine($"[grey]feature {Markup.Escape(f.ToString())}[/]");
            var (scorer, modelOptions) = Fit(modelName, split, request, features);
            using var disposeModel = scorer as IDisposable;
            var fitTime = watch.Elapsed;

            var cases = onTest ? split.Test : split.Validation;
            if (cases.Count == 0)
                throw new InvalidOperationException($"{loaded.Path}: the {ProtocolSplits.Parse(request.Protocol)} split has no {(onTest ? "test" : "validation")} cases");
            watch.Restart();
            var options = new Dictionary<string, string>(modelOptions)
            {
                ["model"] = modelName,
                ["data"] = Path.GetFileName(loaded.Path.TrimEnd('/')),
                ["evaluated_on"] = onTest ? "test" : "valid",
            };
            var metrics = ProtocolEvaluator.DefaultMetrics(protocol, ndcgVariant);
            var table = ProtocolEvaluator.Evaluate(scorer, split, cases, metrics,
                onTest ? ProtocolSplits.ExtraTestExclusions(split) : null, options, request.Threads);
            var evalTime = watch.Elapsed;

            console.MarkupLine($"[bold]{Markup.Escape(modelName)}[/] on [bold]{Markup.Escape(options["data"])}[/] ({loaded.Format}), protocol {ProtocolEvaluator.Name(protocol)}: " +
                $"{split.NumUsers:N0} users, {split.NumItems:N0} items, {split.Train.Count:N0} training interactions");
            foreach (var note in split.Notes) console.MarkupLine($"[grey]note: {Markup.Escape(note)}[/]");
            table.Print(console);
            console.MarkupLine($"[grey]load+split {splitTime.TotalSeconds:0.00} s, fit {fitTime.TotalSeconds:0.00} s, evaluate {evalTime.TotalSeconds:0.00} s[/]");
            if (request.Json is { } jsonPath)
            {
                table.Save(jsonPath);
                console.MarkupLine($"[grey]results written to {Markup.Escape(jsonPath)}[/]");
            }
            return 0;
        }
        catch (Exception e) when (e is DataFormatException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException
                                      or InvalidOperationException or ArgumentException or NotSupportedException or TorchException)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
    }

    private static (IItemScorer Scorer, Dictionary<string, string> Options) Fit(string model, DataSplit split, Request request, IReadOnlyList<FeatureTable> features)
    {
        if (model == "pop") return (MostPopular.Fit(split.Train, split.NumItems), new Dictionary<string, string>());
        if (LearnedCfTrainer.IsLearned(model))
        {
            torch.SetNumThreads(request.Threads > 0 ? request.Threads : Environment.ProcessorCount);
            var trained = LearnedCfTrainer.Fit(model, split, request.Learned with { Verbose = false }, Console.WriteLine);
            return (trained, new Dictionary<string, string>(trained.Settings));
        }

        if (GraphRecallTrainer.IsGraph(model))
        {
            torch.SetNumThreads(request.Threads > 0 ? request.Threads : Environment.ProcessorCount);
            var trained = GraphRecallTrainer.Fit(model, split, request.Learned with { Verbose = false }, request.Graph, Console.WriteLine, features);
            return (trained, new Dictionary<string, string>(trained.Settings));
        }

        var cfOptions = new CfOptions { TopK = request.Neighbours };
        var fitted = CfNeighbourhoodTrainer.Fit(model, split, cfOptions, request.Threads);
        return (new CfItemScorer(fitted), new Dictionary<string, string>
        {
            ["similarity"] = cfOptions.Similarity.ToString().ToLowerInvariant(),
            ["neighbours"] = cfOptions.TopK.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }
}
