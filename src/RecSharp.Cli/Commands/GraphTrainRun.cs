using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using RecSharp.Data;
using RecSharp.Data.Features;
using RecSharp.Data.Splits;
using RecSharp.Evaluation.Protocols;
using RecSharp.Models.CollaborativeFiltering;
using RecSharp.Models.CollaborativeFiltering.Neural;
using RecSharp.Models.Graph;
using RecSharp.Torch;
using Spectre.Console;

namespace RecSharp.Cli.Commands;

/// <summary>
/// <c>recsharp train --model lightgcn|bm3 --data DIR [--protocol p3] [--feature NAME=SOURCE ...] --out DIR</c>: split the
/// data (P3 by default), train (with --early-stopping: select the epoch on valid Recall@20, never on test), evaluate
/// the test users and save a graph model folder (<see cref="GraphModelFolder"/>).
/// </summary>
internal static class GraphTrainRun
{
    public static readonly IReadOnlyList<string> Names = ["lightgcn", "bm3"];

    public static bool Handles(string model) => Names.Contains(model);

    public static int Run(TrainSettings settings)
    {
        var console = AnsiConsole.Console;
        try
        {
            string name = settings.Model!.Trim().ToLowerInvariant();
            string dataPath = settings.Data ?? throw new ArgumentException("--data is required (a data folder or file)");
            string protocolName = settings.Protocol ?? "p3";
            var protocol = ProtocolSplits.Parse(protocolName);
            if (protocol == SplitProtocol.P1SequentialUserSplit)
                throw new ArgumentException($"{name} learns one embedding per training user, so it needs protocol p2 or p3 (p1 evaluates users unseen in training)");
            long seed = settings.Seed ?? 2020;
            int threads = settings.Threads ?? 0;
            torch.SetNumThreads(threads > 0 ? threads : Environment.ProcessorCount);
            var learned = new LearnedCfOptions
            {
                Dim = settings.Dim ?? 64,
                Epochs = settings.Epochs ?? 20,
                LearningRate = settings.Lr ?? 0.001,
                BatchSize = settings.Batch ?? 2048,
                Seed = seed,
                EarlyStopping = settings.EarlyStopping ?? false,
                Patience = settings.Patience ?? 20,
                Threads = threads,
                Verbose = false,
            };
            var graph = new GraphOptions
            {
                Layers = settings.GcnLayers,
                RegWeight = settings.GraphReg,
                Dropout = settings.Dropout ?? 0.3,
                ClWeight = settings.ClWeight ?? 2.0,
            };
            var specs = GraphModelFlags.ParseFeatures(name, settings.Features);
            var p3Split = GraphModelFlags.ParseP3Split(settings.P3Split);

            var watch = Stopwatch.StartNew();
            var loaded = DataFolder.Open(dataPath);
            var dataset = loaded.BuildDataset();
            if (learned.EarlyStopping && protocol == SplitProtocol.P2LeaveOneOut)
                throw new ArgumentException("early stopping of graph models is implemented for p3 (valid Recall@20); use p3 or fixed epochs");
            var spec = new CfSplitSpec(protocol, Path.GetFullPath(loaded.Path), seed, P3Split: p3Split);
            var split = spec.Split(loaded, dataset);
            string dataName = Path.GetFileName(loaded.Path.TrimEnd('/'));
            console.MarkupLine($"[bold]{name}[/] on [bold]{Markup.Escape(dataName)}[/] ({loaded.Format}), {ProtocolEvaluator.Name(protocol)}: {split.NumUsers:N0} users, " +
                $"{split.NumItems:N0} items, {split.Train.Count:N0} train interactions; load+split {watch.Elapsed.TotalSeconds:0.0} s");
            foreach (var note in split.Notes) console.MarkupLine($"[grey]note: {Markup.Escape(note)}[/]");

            watch.Restart();
            var features = specs.Select(s => s.Load(dataset.Vocabulary)).ToArray();
            foreach (var f in features) console.MarkupLine($"[grey]feature {Markup.Escape(f.ToString())}[/]");
            if (features.Length > 0) console.MarkupLine($"[grey]features loaded in {watch.Elapsed.TotalSeconds:0.0} s[/]");
            console.MarkupLine($"[grey]BLAS {(torch.UsesOpenBlas ? "OpenBLAS" : "reference")}, {torch.NumThreads} thread(s)[/]");

            var view = new TrainingConsole(console);
            using var trained = GraphRecallTrainer.Fit(name, split, learned with { Progress = view.Progress }, graph, view.Log, features);

            watch.Restart();
            var table = ProtocolEvaluator.Evaluate(trained, split, split.Test, ProtocolEvaluator.DefaultMetrics(protocol),
                ProtocolSplits.ExtraTestExclusions(split), new Dictionary<string, string>(trained.Settings) { ["data"] = dataName }, threads);
            double evalSeconds = watch.Elapsed.TotalSeconds;
            table.Print(console);
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[grey]{trained.Settings.GetValueOrDefault("epochs_run")} epoch(s), best {trained.Settings.GetValueOrDefault("best_epoch", "last")}; training {trained.Settings.GetValueOrDefault("train_seconds")} s ({trained.Settings.GetValueOrDefault("seconds_per_epoch")} s/epoch); full-ranking evaluation of {split.Test.Count:N0} test users {evalSeconds:0.00} s[/]"));

            string folder = settings.Out ?? Path.Combine("models", $"{name}-{dataName}");
            var config = new JsonObject
            {
                ["model"] = name,
                ["data_format"] = loaded.Format.ToString(),
                ["features"] = new JsonObject(specs.Select(s => KeyValuePair.Create(s.Name, (JsonNode?)s.Source))),
                ["feature_columns"] = new JsonObject(features.Select(f => KeyValuePair.Create(f.Name, (JsonNode?)f.Columns))),
                ["feature_missing_items"] = new JsonObject(features.Select(f => KeyValuePair.Create(f.Name, (JsonNode?)f.MissingItems))),
                ["settings"] = new JsonObject(trained.Settings.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
                ["split"] = new JsonObject(split.Settings.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
                ["test_eval_seconds"] = Math.Round(evalSeconds, 3),
                ["test"] = JsonNode.Parse(table.ToJson()),
            };
            // The split keys CF folders carry too, with the P3 rule actually used (also when it was the default), so
            // evaluate --checkpoint re-creates the same split.
            (split.Settings.TryGetValue(CfSplitSpec.P3SplitKey, out var rule) ? spec with { P3Split = HoldoutSplitter.ParseRule(rule) } : spec).WriteTo(config);
            GraphModelFolder.Save(folder, trained, config, dataset.Vocabulary);
            console.MarkupLine($"model saved to [bold]{Markup.Escape(folder)}[/]");
            return 0;
        }
        catch (Exception e) when (e is DataFormatException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException
                                      or InvalidOperationException or ArgumentException or NotSupportedException or TorchException)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
    }
}
