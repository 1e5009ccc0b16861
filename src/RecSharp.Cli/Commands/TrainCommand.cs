using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using RecSharp.Data;
using RecSharp.Data.Splits;
using RecSharp.Evaluation;
using RecSharp.Models.Sequential;
using RecSharp.Models.Sequential.Losses;
using RecSharp.Torch;
using RecSharp.Torch.Optim;
using RecSharp.Training;
using Spectre.Console;

namespace RecSharp.Cli.Commands;

/// <summary>
/// <c>recsharp train --model pooling|gru4rec|mind|comirec-dr|comirec-sa --data &lt;folder|file&gt; [...]</c>: protocol P1
/// end to end: split users 8:1:1, train with Adam, early-stop on valid Recall@50, restore the best epoch, print
/// the test table and save the model folder (safetensors + config.json + vocab.json + history.csv).
/// </summary>
public static class TrainCommand
{
    private static readonly TrainSettings Defaults = new()
    {
        Dim = 64, MaxLength = 20, Interests = 4, Lr = 1e-3, Batch = 128, Epochs = 20, Patience = 5, Seed = 2020,
        Loss = "full", Proposal = "uniform", Threads = 0,
    };

    public static Command Create()
    {
        var model = new Option<string?>("--model") { Description = "Sequential (P1): " + string.Join("|", SequentialModels.Names) + "; CF (P2/P3): itemcf|usercf|bpr|gmf|mlp|neumf|neumf-pretrained; graph (P3): lightgcn|bm3." };
        var data = new Option<string?>("--data") { Description = "A data folder (e.g. ../shared/data/ml-1m-head) or file." };
        var dim = new Option<int?>("--dim") { Description = "Embedding size (default 64)." };
        var maxLength = new Option<int?>("--max-length") { Description = "History length L (default 20)." };
        var interests = new Option<int?>("--interests") { Description = "Interests K of the multi-interest models (default 4)." };
        var lr = new Option<double?>("--lr") { Description = "Adam learning rate (default 1e-3)." };
        var batch = new Option<int?>("--batch") { Description = "Batch size (default 128)." };
        var epochs = new Option<int?>("--epochs") { Description = "Maximum epochs (default 20)." };
        var patience = new Option<int?>("--patience") { Description = "Stop after this many epochs without a better valid Recall@50 (default 5; 0 = never)." };
        var seed = new Option<long?>("--seed") { Description = "Seed of the split, the initialisation and the sampling (default 2020)." };
        var loss = new Option<string?>("--loss") { Description = "full (softmax over all items, default) or sampled (sampled softmax with log-Q correction)." };
        var negatives = new Option<int?>("--negatives") { Description = "Sampled softmax: negatives per batch, shared by its rows (default 10 x batch, as ComiRec)." };
        var proposal = new Option<string?>("--proposal") { Description = "Sampled softmax proposal: uniform (default), popularity (count^0.75) or log-uniform (Zipf over the popularity rank)." };
        var output = new Option<string?>("--out") { Description = "Model folder to write (default ./models/<model>-<data>)." };
        var config = new Option<string?>("--config") { Description = "JSON or YAML (.yaml/.yml) file with the same keys (model, data, dim, max-length, ...); flags override it." };
        var threads = new Option<int?>("--threads") { Description = "Engine threads (0 = one per core)." };
        var resume = new Option<string?>("--resume")
        {
            Description = "Sequential models: continue the run saved in this model folder (its settings, best weights and epoch history); --epochs is the new total, " +
                          "--lr/--batch/--patience/--threads may change; Adam's moments start afresh. Writes back to the folder unless --out is given.",
        };
        // Collaborative-filtering and graph models (trained under P2 or P3; see CfTrainRun and GraphTrainRun).
        var protocol = new Option<string?>("--protocol") { Description = "CF/graph models: p2 (leave-one-out, 99 negatives) or p3 (full ranking)." };
        var layers = new Option<string?>("--layers") { Description = "MLP/NeuMF tower widths, e.g. 64,32,16,8." };
        var reg = new Option<double?>("--reg") { Description = "BPR: L2 weight on the batch embeddings." };
        var finetune = new Option<string?>("--finetune") { Description = "neumf-pretrained: fine-tuning optimizer, sgd (the NCF paper) or adam." };
        var finetuneLr = new Option<double?>("--finetune-lr") { Description = "neumf-pretrained: fine-tuning learning rate (default: --lr)." };
        var pretrainFrom = new Option<string?>("--pretrain-from") { Description = "neumf: GMF_DIR,MLP_DIR model folders to initialise NeuMF from (the NCF paper's pretraining)." };
        var earlyStopping = new Option<bool?>("--early-stopping") { Description = "CF/graph models: select the epoch on validation (never on test)." };
        var neighbours = new Option<int?>("--neighbours") { Description = "ItemCF/UserCF: neighbours kept per item/user (default 100)." };
        var gcnLayers = new Option<int?>("--gcn-layers") { Description = "LightGCN/BM3: propagation layers." };
        var graphReg = new Option<double?>("--graph-reg") { Description = "LightGCN/BM3: L2 weight on the embeddings." };
        var dropout = new Option<double?>("--dropout") { Description = "BM3: dropout of the target view." };
        var clWeight = new Option<double?>("--cl-weight") { Description = "BM3: weight of the modality terms." };
        var capsuleScale = new Option<bool?>("--capsule-scale") { Description = "comirec-dr: true adds a learned positive scale on the capsules before scoring (NOT in the authors' model; helped on ml-1m-head, overfits on seq-beauty; default false = the authors' model)." };
        var feature = GraphModelFlags.FeatureOption();
        var p3Split = GraphModelFlags.P3SplitOption();

        var command = new Command("train", "Train a recall model and save it as a model folder: sequential models under P1, CF and graph models under P2 or P3.");
        foreach (var option in new Option[] { model, data, dim, maxLength, interests, lr, batch, epochs, patience, seed, loss, negatives, proposal, output, config, threads, resume,
                     protocol, layers, reg, finetune, finetuneLr, pretrainFrom, earlyStopping, neighbours, gcnLayers, graphReg, dropout, clWeight, feature, p3Split, capsuleScale })
            command.Options.Add(option);
        command.SetAction(r =>
        {
            var flags = new TrainSettings
            {
                Model = r.GetValue(model), Data = r.GetValue(data), Dim = r.GetValue(dim), MaxLength = r.GetValue(maxLength),
                Interests = r.GetValue(interests), Lr = r.GetValue(lr), Batch = r.GetValue(batch), Epochs = r.GetValue(epochs),
                Patience = r.GetValue(patience), Seed = r.GetValue(seed), Loss = r.GetValue(loss), Negatives = r.GetValue(negatives),
                Proposal = r.GetValue(proposal), Out = r.GetValue(output), Threads = r.GetValue(threads),
                Protocol = r.GetValue(protocol), P3Split = r.GetValue(p3Split), Layers = r.GetValue(layers), Reg = r.GetValue(reg), Finetune = r.GetValue(finetune),
                FinetuneLr = r.GetValue(finetuneLr), PretrainFrom = r.GetValue(pretrainFrom), EarlyStopping = r.GetValue(earlyStopping),
                Neighbours = r.GetValue(neighbours), GcnLayers = r.GetValue(gcnLayers), GraphReg = r.GetValue(graphReg),
                Dropout = r.GetValue(dropout), ClWeight = r.GetValue(clWeight), Features = r.GetValue(feature) is { Length: > 0 } f ? f : null,
                CapsuleScale = r.GetValue(capsuleScale),
            };
            return Dispatch(r.GetValue(config), flags, r.GetValue(resume));
        });
        return command;
    }

    /// <summary>Merges config file and flags, then hands the run to the model's family.</summary>
    private static int Dispatch(string? configFile, TrainSettings flags, string? resumeFolder)
    {
        TrainSettings merged;
        try
        {
            merged = (configFile is null ? new TrainSettings() : TrainSettings.Load(configFile)).With(flags);
            if (resumeFolder is not null)
                return Run(Defaults.With(ResumedRun.Settings(resumeFolder, merged)), resumeFolder);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException or ArgumentException)
        {
            AnsiConsole.Console.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
        string name = merged.Model?.Trim().ToLowerInvariant() ?? "";
        if (CfTrainRun.Handles(name)) return CfTrainRun.Run(merged);
        if (GraphTrainRun.Handles(name)) return GraphTrainRun.Run(merged);
        if (name.Length > 0 && !SequentialModels.Names.Contains(name))
        {
            // Said before any data is read, with every family's names.
            AnsiConsole.Console.MarkupLine($"[red]error:[/] {Markup.Escape(UnknownModel(merged.Model!))}");
            return 1;
        }
        return Run(Defaults.With(merged));
    }

    /// <summary>The error for a --model no family trains.</summary>
    public static string UnknownModel(string model) =>
        $"unknown --model '{model}': expected one of {string.Join(", ", SequentialModels.Names.Concat(CfTrainRun.Names).Concat(GraphTrainRun.Names))}";

    private static int Run(TrainSettings settings, string? resumeFolder = null)
    {
        var console = AnsiConsole.Console;
        try
        {
            string name = settings.Model?.Trim().ToLowerInvariant() ?? throw new ArgumentException($"--model is required ({string.Join(", ", SequentialModels.Names)})");
            string dataPath = settings.Data ?? throw new ArgumentException("--data is required (a data folder or file)");
            long seed = settings.Seed!.Value;
            torch.SetNumThreads(settings.Threads is > 0 ? settings.Threads.Value : Environment.ProcessorCount);
            torch.ManualSeed(seed);

            var watch = Stopwatch.StartNew();
            var loaded = DataFolder.Open(dataPath);
            var dataset = loaded.BuildDataset();
            var split = SequentialUserSplitter.Split(dataset, new SequentialSplitOptions { Seed = seed, MaxLength = settings.MaxLength!.Value });
            string dataName = Path.GetFileName(loaded.Path.TrimEnd('/'));
            console.MarkupLine($"[bold]{Markup.Escape(name)}[/] on [bold]{Markup.Escape(dataName)}[/] ({loaded.Format}), P1: {split.NumItems:N0} items, " +
                $"{split.TrainUsers.Length:N0} / {split.Validation.Count:N0} / {split.Test.Count:N0} train / valid / test users; load+split {watch.Elapsed.TotalSeconds:0.0} s");
            foreach (var note in split.Notes) console.MarkupLine($"[grey]note: {Markup.Escape(note)}[/]");
            console.MarkupLine($"[grey]{Markup.Escape(settings.ToString())}; BLAS {(torch.UsesOpenBlas ? "OpenBLAS" : "reference")}, {torch.NumThreads} thread(s)[/]");

            var modelConfig = new SequentialModelConfig
            {
                NumItems = split.NumItems, Dim = settings.Dim!.Value, MaxLength = settings.MaxLength.Value, Interests = settings.Interests!.Value,
                LearnedCapsuleScale = settings.CapsuleScale,
            };
            TrainingHistory? resumeFrom = null;
            using var model = resumeFolder is null ? SequentialModels.Create(name, modelConfig) : ResumedRun.Load(resumeFolder, modelConfig, out resumeFrom);
            if (resumeFrom is not null)
                console.MarkupLine($"resuming [bold]{Markup.Escape(resumeFolder!)}[/] after epoch {resumeFrom.Epochs.Count} (best {resumeFrom.BestEpoch + 1}); Adam's moments start afresh");
            var lossFunction = CreateLoss(settings, split);
            var task = new SequentialTrainingTask(model, split, lossFunction, settings.Batch!.Value, seed);
            using var optimizer = new Adam(model.Parameters(), lr: settings.Lr!.Value);
            var view = new TrainingConsole(console);
            var trainer = new Trainer(new TrainerOptions { Epochs = settings.Epochs!.Value, Patience = settings.Patience!.Value })
            {
                Progress = view.Progress,
                Log = line => view.Log(line + (line.StartsWith("epoch ", StringComparison.Ordinal) && task.TrainSeconds.Count > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"  train {task.TrainSeconds[^1]:0.0} s ({task.SamplesPerEpoch / task.TrainSeconds[^1]:0} samples/s)")
                    : "")),
            };
            var history = trainer.Fit(task, optimizer, _ => SequentialEvaluation.SelectionValue(model, split.Validation), "valid Recall@50", resumeFrom);
            if (model is ComiRecDr { CapsuleScale: double scale })
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[grey]learned capsule scale {scale:0.###} (initial {Math.Sqrt(modelConfig.Dim):0.###})[/]"));

            watch.Restart();
            var facts = new Dictionary<string, string>(split.Settings)
            {
                ["data"] = dataName, ["loss"] = lossFunction.Name, ["best_epoch"] = (history.BestEpoch + 1).ToString(CultureInfo.InvariantCulture),
            };
            var table = SequentialEvaluation.Evaluate(model, split.Test, EvaluationProtocols.P1(), options: facts, generatorSeed: seed);
            double testSeconds = watch.Elapsed.TotalSeconds;
            table.Print(console);
            double trainTotal = task.TrainSeconds.Sum();
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[grey]{history.Epochs.Count} epoch(s), best {history.BestEpoch + 1}; training {trainTotal:0.0} s ({trainTotal / task.TrainSeconds.Count:0.00} s/epoch, {task.SamplesPerEpoch * task.TrainSeconds.Count / trainTotal:0} samples/s); evaluating {split.Test.Count} test users {testSeconds:0.00} s[/]"));

            string folder = settings.Out ?? resumeFolder ?? Path.Combine("models", $"{name}-{dataName}");
            var run = new JsonObject
            {
                ["protocol"] = "P1",
                ["data"] = loaded.Path,
                ["data_format"] = loaded.Format.ToString(),
                ["seed"] = seed,
                ["loss"] = lossFunction.Name,
                ["settings"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(settings)),
                ["split"] = new JsonObject(split.Settings.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
                ["epochs_run"] = history.Epochs.Count,
                ["best_epoch"] = history.BestEpoch + 1,
                ["train_seconds"] = Math.Round(trainTotal, 3),
                ["test"] = JsonNode.Parse(table.ToJson()),
            };
            if (resumeFolder is not null)
            {
                run["resumed_from"] = Path.GetFullPath(resumeFolder);
                run["not_restored"] = "Adam moments; the sampling stream restarts from the seed";
            }
            SequentialCheckpoint.Save(folder, model, run, dataset.Vocabulary, history);
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

    private static ISequentialLoss CreateLoss(TrainSettings settings, DataSplit split)
    {
        switch (settings.Loss!.Trim().ToLowerInvariant())
        {
            case "full":
                return new FullSoftmaxLoss();
            case "sampled":
                var proposal = settings.Proposal!.Trim().ToLowerInvariant() switch
                {
                    "uniform" => SamplingProposal.Uniform,
                    "popularity" => SamplingProposal.Popularity,
                    "log-uniform" => SamplingProposal.LogUniform,
                    _ => throw new ArgumentException($"unknown --proposal '{settings.Proposal}': expected uniform, popularity or log-uniform"),
                };
                var counts = new long[split.NumItems + 1];
                foreach (var item in split.Train.Items) counts[item]++;
                return new SampledSoftmaxLoss(split.NumItems, proposal, counts, numNegatives: settings.Negatives);
            default:
                throw new ArgumentException($"unknown --loss '{settings.Loss}': expected full or sampled");
        }
    }
}
