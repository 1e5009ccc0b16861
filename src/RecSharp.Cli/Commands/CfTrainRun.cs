using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using RecSharp.Data;
using RecSharp.Data.Splits;
using RecSharp.Evaluation.Protocols;
using RecSharp.Models;
using RecSharp.Models.CollaborativeFiltering;
using RecSharp.Models.CollaborativeFiltering.Neural;
using RecSharp.Torch;
using Spectre.Console;

namespace RecSharp.Cli.Commands;

/// <summary>
/// <c>recsharp train --model itemcf|usercf|bpr|gmf|mlp|neumf|neumf-pretrained --data DIR [--protocol p2|p3] [...] --out DIR</c>:
/// split the data (P2 by default), fit or train the model on the training part, evaluate it on test, print the
/// table and save a "cf" model folder (<see cref="CfModelFolder"/>). <c>--pretrain-from GMF_DIR,MLP_DIR</c>
/// initialises NeuMF from two saved folders (the NCF paper's pretraining) and fine-tunes it.
/// </summary>
internal static class CfTrainRun
{
    public static readonly IReadOnlyList<string> Names = ["itemcf", "usercf", .. LearnedCfTrainer.Models];

    /// <summary>The defaults of LearnedModelFlags / LearnedCfOptions, P2 and 100 neighbours.</summary>
    private static readonly TrainSettings Defaults = new()
    {
        Protocol = "p2", Seed = 2020, Threads = 0, Epochs = 20, Lr = 0.001, Batch = 256, Negatives = 4, Layers = "64,32,16,8",
        Reg = 1e-5, Finetune = "sgd", EarlyStopping = false, Patience = 5, Neighbours = 100,
    };

    public static bool Handles(string model) => Names.Contains(model);

    public static int Run(TrainSettings given)
    {
        var console = AnsiConsole.Console;
        try
        {
            var settings = Defaults.With(given);
            string name = settings.Model?.Trim().ToLowerInvariant() ?? throw new ArgumentException($"--model is required ({string.Join(", ", Names)})");
            string dataPath = settings.Data ?? throw new ArgumentException("--data is required (a data folder or file)");
            var protocol = CfSplitSpec.ParseProtocol(settings.Protocol!);
            bool learned = LearnedCfTrainer.IsLearned(name);
            if (settings.PretrainFrom is not null && name is not ("neumf" or "neumf-pretrained"))
                throw new ArgumentException($"--pretrain-from initialises NeuMF from GMF and MLP folders; it does not apply to {name}");
            var options = learned ? LearnedOptions(settings) : null;
            var spec = new CfSplitSpec(protocol, Path.GetFullPath(dataPath), settings.Seed!.Value,
                HoldOutValidation: options is { EarlyStopping: true } && protocol == SplitProtocol.P2LeaveOneOut,
                P3Split: GraphModelFlags.ParseP3Split(settings.P3Split));
            torch.SetNumThreads(settings.Threads is > 0 ? settings.Threads.Value : Environment.ProcessorCount);

            var watch = Stopwatch.StartNew();
            var (loaded, dataset, split) = spec.Create();
            string dataName = Path.GetFileName(loaded.Path.TrimEnd('/'));
            console.MarkupLine($"[bold]{Markup.Escape(name)}[/] on [bold]{Markup.Escape(dataName)}[/] ({loaded.Format}), protocol {ProtocolEvaluator.Name(protocol)}: " +
                $"{split.NumUsers:N0} users, {split.NumItems:N0} items, {split.Train.Count:N0} training interactions; load+split {watch.Elapsed.TotalSeconds:0.0} s");
            foreach (var note in split.Notes) console.MarkupLine($"[grey]note: {Markup.Escape(note)}[/]");

            string folder = settings.Out ?? Path.Combine("models", $"{name}-{dataName}");
            watch.Restart();
            if (!learned)
            {
                var cfOptions = new CfOptions { TopK = settings.Neighbours!.Value };
                var model = CfNeighbourhoodTrainer.Fit(name, split, cfOptions, settings.Threads!.Value);
                double fitSeconds = watch.Elapsed.TotalSeconds;
                var facts = new Dictionary<string, string>
                {
                    ["model"] = name, ["data"] = dataName,
                    ["similarity"] = cfOptions.Similarity.ToString().ToLowerInvariant(),
                    ["neighbours"] = cfOptions.TopK.ToString(CultureInfo.InvariantCulture),
                    ["fit_seconds"] = fitSeconds.ToString("0.00", CultureInfo.InvariantCulture),
                };
                var table = Evaluate(new CfItemScorer(model), split, facts, settings.Threads!.Value, console);
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]fit {fitSeconds:0.00} s[/]"));
                CfModelFolder.Save(folder, model, spec, dataset.Vocabulary, RunRecord(facts, table, null));
            }
            else
            {
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                using var model = Train(name, given, options!, spec, dataset.Vocabulary, split, console);
                double trainCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
                var facts = new Dictionary<string, string>(model.Settings) { ["data"] = dataName };
                var table = Evaluate(model, split, facts, settings.Threads!.Value, console);
                var speed = Speed(model, split, options!, trainCpu);
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                    $"[grey]{speed.Epochs} epoch(s) of the last stage, {speed.SecondsPerEpoch:0.00} s/epoch, {speed.SamplesPerSecond:0} samples/s ({speed.SamplesPerEpoch:N0} per epoch)[/]"));
                string cpuLine = speed.CpuSecondsPerEpoch is { } cpu
                    ? string.Create(CultureInfo.InvariantCulture, $"training used {trainCpu:0.0} s of process CPU time, {cpu:0.00} CPU s/epoch, {speed.SamplesPerEpoch / cpu:0} samples per CPU second")
                    : string.Create(CultureInfo.InvariantCulture, $"training used {trainCpu:0.0} s of process CPU time over {model.Stages.Count} stages");
                console.MarkupLine($"[grey]{cpuLine}[/]");
                CfModelFolder.Save(folder, model, spec, dataset.Vocabulary, RunRecord(facts, table, speed));
            }
            console.MarkupLine($"model saved to [bold]{Markup.Escape(folder)}[/]");
            return 0;
        }
        catch (Exception e) when (e is DataFormatException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException
                                      or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
    }

    /// <summary>The learned-model options from the merged settings (bad values are named by LearnedCfOptions.Validate).</summary>
    private static LearnedCfOptions LearnedOptions(TrainSettings s)
    {
        var options = new LearnedCfOptions
        {
            Dim = s.Dim,
            Epochs = s.Epochs!.Value,
            LearningRate = s.Lr!.Value,
            BatchSize = s.Batch!.Value,
            Negatives = s.Negatives!.Value,
            MlpLayers = LearnedModelFlags.ParseLayers(s.Layers!),
            RegWeight = s.Reg!.Value,
            FinetuneOptimizer = s.Finetune!.Trim().ToLowerInvariant(),
            FinetuneLearningRate = s.FinetuneLr,
            EarlyStopping = s.EarlyStopping!.Value,
            Patience = s.Patience!.Value,
            Seed = s.Seed!.Value,
            Threads = s.Threads!.Value,
            Verbose = false,
        };
        options.Validate();
        return options;
    }

    /// <summary>Trains from scratch, or (with --pretrain-from) fine-tunes NeuMF from saved GMF and MLP folders; <paramref name="given"/> are the settings before defaults.</summary>
    private static LearnedCfModel Train(string name, TrainSettings given, LearnedCfOptions options, CfSplitSpec spec,
        RecSharp.Data.Dataset.IdVocabulary vocabulary, DataSplit split, IAnsiConsole console)
    {
        var view = new TrainingConsole(console);
        options = options with { Progress = view.Progress };
        if (given.PretrainFrom is not { } pretrainFrom) return LearnedCfTrainer.Fit(name, split, options, view.Log);
        var (gmfFolder, mlpFolder) = PretrainedNcfFolders.Parse(pretrainFrom);
        var (gmf, mlp) = PretrainedNcfFolders.Load(gmfFolder, mlpFolder, spec, vocabulary);
        using (gmf)
        using (mlp)
        {
            if (given.Dim is { } dim && dim != gmf.Features.Factors)
                throw new ArgumentException($"--dim {dim} disagrees with the GMF folder {gmfFolder} ({gmf.Features.Factors} factors); NeuMF takes its factors from the pretrained GMF");
            if (given.Layers is { } layers && !LearnedModelFlags.ParseLayers(layers).SequenceEqual(mlp.Features.Layers))
                throw new ArgumentException($"--layers {layers} disagrees with the MLP folder {mlpFolder} ({string.Join(",", mlp.Features.Layers)}); NeuMF takes its tower from the pretrained MLP");
            console.WriteLine($"initialising NeuMF from {gmfFolder} (GMF) and {mlpFolder} (MLP), alpha {options.Alpha.ToString(CultureInfo.InvariantCulture)}");
            var model = LearnedCfTrainer.FitFromPretrained(gmf, mlp, split, options, view.Log);
            var withSources = new Dictionary<string, string>(model.Settings) { ["pretrain_from"] = $"{gmfFolder},{mlpFolder}" };
            return new LearnedCfModel(model.Name, model.Module, model.Scorer, model.Stages, withSources);
        }
    }

    private static RecSharp.Evaluation.ResultsTable Evaluate(IItemScorer model, DataSplit split, Dictionary<string, string> facts, int threads, IAnsiConsole console)
    {
        var watch = Stopwatch.StartNew();
        facts["evaluated_on"] = "test";
        var table = ProtocolEvaluator.Evaluate(model, split, split.Test, ProtocolEvaluator.DefaultMetrics(split.Protocol),
            ProtocolSplits.ExtraTestExclusions(split), facts, threads);
        table.Print(console);
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]evaluated {split.Test.Count:N0} test users in {watch.Elapsed.TotalSeconds:0.00} s[/]"));
        return table;
    }

    /// <summary>
    /// Wall-clock speed of the last stage, and process CPU time of the whole training (all threads, sampling
    /// included): on a shared machine the CPU time per epoch is the steadier figure. Per epoch only for one stage.
    /// </summary>
    private sealed record TrainingSpeed(int Epochs, double SecondsPerEpoch, long SamplesPerEpoch, double SamplesPerSecond, double TrainSeconds,
        double TrainCpuSeconds, double? CpuSecondsPerEpoch);

    /// <summary>Speed of the last training stage: BPR visits each train pair once per epoch, the NCF models add their negatives.</summary>
    private static TrainingSpeed Speed(LearnedCfModel model, DataSplit split, LearnedCfOptions options, double trainCpu)
    {
        var history = model.Stages[^1].History;
        long samples = model.Name == "bpr" ? split.Train.Count : (long)split.Train.Count * (1 + options.Negatives);
        double seconds = history.TotalSeconds;
        int epochs = Math.Max(1, history.Epochs.Count);
        return new TrainingSpeed(history.Epochs.Count, seconds / epochs, samples, seconds > 0 ? samples * epochs / seconds : 0,
            model.Stages.Sum(s => s.History.TotalSeconds), trainCpu,
            model.Stages.Count == 1 && history.Epochs.Count > 0 ? trainCpu / history.Epochs.Count : null);
    }

    private static JsonObject RunRecord(Dictionary<string, string> facts, RecSharp.Evaluation.ResultsTable table, TrainingSpeed? speed)
    {
        var run = new JsonObject
        {
            [CfModelFolder.SettingsKey] = new JsonObject(facts.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["test"] = JsonNode.Parse(table.ToJson()),
        };
        if (speed is not null)
        {
            run["epochs_run"] = speed.Epochs;
            run["train_seconds"] = Math.Round(speed.TrainSeconds, 3);
            run["seconds_per_epoch"] = Math.Round(speed.SecondsPerEpoch, 4);
            run["samples_per_epoch"] = speed.SamplesPerEpoch;
            run["samples_per_second"] = Math.Round(speed.SamplesPerSecond, 1);
            run["train_cpu_seconds"] = Math.Round(speed.TrainCpuSeconds, 3);
            if (speed.CpuSecondsPerEpoch is { } cpu) run["cpu_seconds_per_epoch"] = Math.Round(cpu, 4);
        }
        return run;
    }
}
