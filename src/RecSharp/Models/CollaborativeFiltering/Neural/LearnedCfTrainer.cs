using System.Globalization;
using RecSharp.Data.Sampling;
using RecSharp.Data.Splits;
using RecSharp.Evaluation.Metrics;
using RecSharp.Evaluation.Protocols;
using RecSharp.Models.MatrixFactorization;
using RecSharp.Torch;
using RecSharp.Torch.NN;
using RecSharp.Torch.Optim;
using RecSharp.Training;

namespace RecSharp.Models.CollaborativeFiltering.Neural;

/// <summary>
/// Trains BPR-MF, GMF, MLP, NeuMF or pretrained NeuMF on a split's training part with the shared
/// <see cref="Trainer"/>. Model selection never reads test cases: either a fixed number of epochs (the default,
/// last epoch kept) or early stopping on the split's validation cases.
/// </summary>
public static class LearnedCfTrainer
{
    /// <summary>Model names accepted by <see cref="Fit"/>.</summary>
    public static readonly IReadOnlyList<string> Models = ["bpr", "gmf", "mlp", "neumf", "neumf-pretrained"];

    public static bool IsLearned(string model) => Models.Contains(model);

    public static LearnedCfModel Fit(string model, DataSplit split, LearnedCfOptions? options = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(split);
        options ??= new LearnedCfOptions();
        options.Validate();
        if (!IsLearned(model)) throw new ArgumentException($"unknown learned model '{model}': expected {string.Join(", ", Models)}", nameof(model));
        if (options.EarlyStopping && split.Validation.Count == 0)
            throw new InvalidOperationException("early stopping needs validation cases, but the split has none (P2: hold out a validation item)");
        if (split.Train.Count == 0) throw new InvalidOperationException("the split has no training interactions");

        var settings = new Dictionary<string, string>
        {
            ["model"] = model,
            ["dim"] = Format(options.ResolvedDim(model)),
            ["epochs"] = Format(options.Epochs),
            ["lr"] = Format(options.LearningRate),
            ["batch"] = Format(options.BatchSize),
            ["train_seed"] = Format(options.Seed),
            ["selection"] = options.EarlyStopping ? $"early stopping on validation (patience {options.Patience})" : "fixed epochs, last kept",
        };
        return model switch
        {
            "bpr" => FitBpr(split, options, settings, log),
            "neumf-pretrained" => FitPretrainedNeuMf(split, options, settings, log),
            _ => FitPointwise(model, split, options, settings, log),
        };
    }

    private static LearnedCfModel FitBpr(DataSplit split, LearnedCfOptions options, Dictionary<string, string> settings, Action<string>? log)
    {
        torch.ManualSeed(options.Seed);
        var model = new BprMf(split.NumUsers, split.NumItems, options.ResolvedDim("bpr"));
        try
        {
            var task = new PairwiseTrainingTask<BprMf>(model, new PairwiseBatchIterator(split, options.BatchSize, options.Seed), options.RegWeight);
            using var optimizer = new Adam(model.Parameters(), options.LearningRate);
            var history = Train(task, optimizer, split, options, () => EmbeddingDotScorer.From(model), log);
            settings["reg_weight"] = Format(options.RegWeight);
            Record(settings, "bpr", history);
            return new LearnedCfModel("bpr", model, EmbeddingDotScorer.From(model), [("bpr", history)], settings);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static LearnedCfModel FitPointwise(string name, DataSplit split, LearnedCfOptions options, Dictionary<string, string> settings, Action<string>? log)
    {
        var model = Create(name, split, options);
        try
        {
            var history = TrainPointwise(model, split, options, options.LearningRate, "adam", log);
            settings["negatives"] = Format(options.Negatives);
            if (name != "gmf") settings["layers"] = string.Join("-", options.MlpLayers);
            Record(settings, name, history);
            return new LearnedCfModel(name, model, new PointwiseScorer(model), [(name, history)], settings);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>The NCF paper's recipe: train GMF and MLP, initialise NeuMF from both (alpha-weighted output), fine-tune.</summary>
    private static LearnedCfModel FitPretrainedNeuMf(DataSplit split, LearnedCfOptions options, Dictionary<string, string> settings, Action<string>? log)
    {
        using var gmf = (Gmf)Create("gmf", split, options);
        log?.Invoke("pretraining GMF");
        var gmfHistory = TrainPointwise(gmf, split, options, options.LearningRate, "adam", log);
        using var mlp = (Mlp)Create("mlp", split, options);
        log?.Invoke("pretraining MLP");
        var mlpHistory = TrainPointwise(mlp, split, options, options.LearningRate, "adam", log);

        var finetuned = FineTunePretrained(gmf, mlp, split, options, settings, log);
        Record(settings, "gmf", gmfHistory);
        Record(settings, "mlp", mlpHistory);
        return new LearnedCfModel("neumf-pretrained", finetuned.Module, finetuned.Scorer,
            [("gmf", gmfHistory), ("mlp", mlpHistory), finetuned.Stages[^1]], settings);
    }

    /// <summary>
    /// NeuMF initialised from already trained <paramref name="gmf"/> and <paramref name="mlp"/> (e.g. loaded from
    /// their model folders) exactly as in the NCF paper (<see cref="NeuMf.FromPretrained"/>, alpha
    /// <see cref="LearnedCfOptions.Alpha"/>), then fine-tuned with <see cref="LearnedCfOptions.FinetuneOptimizer"/>
    /// for <see cref="LearnedCfOptions.Epochs"/> epochs. The sources are not changed. The model is "neumf-pretrained".
    /// </summary>
    public static LearnedCfModel FitFromPretrained(Gmf gmf, Mlp mlp, DataSplit split, LearnedCfOptions? options = null, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(gmf);
        ArgumentNullException.ThrowIfNull(mlp);
        ArgumentNullException.ThrowIfNull(split);
        options ??= new LearnedCfOptions();
        options.Validate();
        if (gmf.NumUsers != split.NumUsers || gmf.NumItems != split.NumItems)
            throw new ArgumentException($"the pretrained models have {gmf.NumUsers} users and {gmf.NumItems} items but the split has {split.NumUsers} and {split.NumItems}");
        if (options.EarlyStopping && split.Validation.Count == 0)
            throw new InvalidOperationException("early stopping needs validation cases, but the split has none (P2: hold out a validation item)");
        var settings = new Dictionary<string, string>
        {
            ["model"] = "neumf-pretrained",
            ["dim"] = Format(gmf.Features.Factors),
            ["epochs"] = Format(options.Epochs),
            ["lr"] = Format(options.LearningRate),
            ["batch"] = Format(options.BatchSize),
            ["train_seed"] = Format(options.Seed),
            ["selection"] = options.EarlyStopping ? $"early stopping on validation (patience {options.Patience})" : "fixed epochs, last kept",
        };
        return FineTunePretrained(gmf, mlp, split, options, settings, log);
    }

    private static LearnedCfModel FineTunePretrained(Gmf gmf, Mlp mlp, DataSplit split, LearnedCfOptions options, Dictionary<string, string> settings, Action<string>? log)
    {
        var neumf = NeuMf.FromPretrained(gmf, mlp, options.Alpha);
        try
        {
            double lr = options.FinetuneLearningRate ?? options.LearningRate;
            log?.Invoke($"fine-tuning NeuMF ({options.FinetuneOptimizer}, lr {Format(lr)})");
            var history = TrainPointwise(neumf, split, options, lr, options.FinetuneOptimizer, log);
            settings["negatives"] = Format(options.Negatives);
            settings["layers"] = string.Join("-", mlp.Features.Layers);
            settings["alpha"] = Format(options.Alpha);
            settings["finetune"] = $"{options.FinetuneOptimizer} lr {Format(lr)}";
            Record(settings, "neumf", history);
            return new LearnedCfModel("neumf-pretrained", neumf, new PointwiseScorer(neumf), [("neumf", history)], settings);
        }
        catch
        {
            neumf.Dispose();
            throw;
        }
    }

    private static PointwiseRecommender Create(string name, DataSplit split, LearnedCfOptions options)
    {
        torch.ManualSeed(options.Seed);
        int dim = options.ResolvedDim(name);
        return name switch
        {
            "gmf" => new Gmf(split.NumUsers, split.NumItems, dim),
            "mlp" => new Mlp(split.NumUsers, split.NumItems, options.MlpLayers),
            "neumf" => new NeuMf(split.NumUsers, split.NumItems, dim, options.MlpLayers),
            _ => throw new ArgumentException($"'{name}' is not a pointwise model", nameof(name)),
        };
    }

    private static TrainingHistory TrainPointwise(PointwiseRecommender model, DataSplit split, LearnedCfOptions options, double lr, string optimizerName,
        Action<string>? log)
    {
        var task = new PointwiseTrainingTask(model, new PointwiseBatchIterator(split, options.BatchSize, options.Negatives, options.Seed));
        using Optimizer optimizer = optimizerName == "sgd" ? new SGD(model.Parameters(), lr) : new Adam(model.Parameters(), lr);
        using var scorer = new PointwiseScorer(model);
        return Train(task, optimizer, split, options, () => scorer, log);
    }

    /// <summary>Runs the shared trainer; with early stopping it selects on the protocol's validation metric (<see cref="ValidationMetric"/>).</summary>
    internal static TrainingHistory Train(ITrainingTask task, Optimizer optimizer, DataSplit split, LearnedCfOptions options,
        Func<IItemScorer> scorer, Action<string>? log)
    {
        var trainer = new Trainer(new TrainerOptions
        {
            Epochs = options.Epochs,
            Patience = options.EarlyStopping ? options.Patience : 0,
            RestoreBest = options.EarlyStopping,
            Verbose = options.Verbose,
        })
        { Log = log, Progress = options.Progress };
        if (!options.EarlyStopping) return trainer.Fit(task, optimizer);
        var (metric, k) = ValidationMetric(split.Protocol);
        return trainer.Fit(task, optimizer,
            _ => ProtocolEvaluator.Evaluate(scorer(), split, split.Validation, threads: options.Threads)[metric, k],
            $"valid {metric}@{k}");
    }

    /// <summary>The model-selection metric of docs PROTOCOLS.md: P2 HR@10, P3 (and P1) Recall@20.</summary>
    public static (string Metric, int K) ValidationMetric(SplitProtocol protocol) => protocol == SplitProtocol.P2LeaveOneOut
        ? (MetricNames.Of(MetricKind.HitRate), 10)
        : (MetricNames.Of(MetricKind.Recall), 20);

    private static void Record(Dictionary<string, string> settings, string stage, TrainingHistory history)
    {
        settings[$"{stage}_epochs_run"] = Format(history.Epochs.Count);
        settings[$"{stage}_train_seconds"] = history.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        if (history.BestEpoch >= 0) settings[$"{stage}_best_epoch"] = Format(history.BestEpoch + 1);
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
