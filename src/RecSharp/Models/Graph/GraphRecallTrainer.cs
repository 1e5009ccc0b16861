using System.Globalization;
using RecSharp.Data.Features;
using RecSharp.Data.Sampling;
using RecSharp.Data.Splits;
using RecSharp.Evaluation.Protocols;
using RecSharp.Models.CollaborativeFiltering.Neural;
using RecSharp.Torch;
using RecSharp.Torch.Optim;
using RecSharp.Training;

namespace RecSharp.Models.Graph;

/// <summary>
/// Trains a graph recall model (LightGCN, or BM3 with any number of named feature tables or none) on a split's training part with the shared <see cref="Trainer"/> and
/// Adam. Model selection never reads test cases: a fixed number of epochs (last kept) or early stopping on the
/// validation cases' protocol metric (<see cref="LearnedCfTrainer.ValidationMetric"/>: Recall@20 under P3, HR@10 under P2).
/// </summary>
public static class GraphRecallTrainer
{
    /// <summary>Model names accepted by <see cref="Fit"/>.</summary>
    public static readonly IReadOnlyList<string> Models = ["lightgcn", "bm3"];

    public static bool IsGraph(string model) => Models.Contains(model);

    /// <param name="features">BM3 only: named item feature tables aligned to the split's items (none = ID-only BM3).</param>
    public static LearnedCfModel Fit(string model, DataSplit split, LearnedCfOptions learned, GraphOptions graph, Action<string>? log = null,
        IReadOnlyList<FeatureTable>? features = null)
    {
        ArgumentNullException.ThrowIfNull(split);
        learned.Validate();
        graph.Validate();
        if (!IsGraph(model)) throw new ArgumentException($"unknown graph model '{model}': expected {string.Join(", ", Models)}", nameof(model));
        if (learned.EarlyStopping && split.Validation.Count == 0)
            throw new InvalidOperationException("early stopping needs validation cases, but the split has none");
        if (split.Train.Count == 0) throw new InvalidOperationException("the split has no training interactions");
        features ??= [];
        if (features.Count > 0 && model != "bm3")
            throw new ArgumentException($"{model} uses no item features; feature tables ({string.Join(", ", features.Select(f => f.Name))}) are for bm3");
        foreach (var f in features)
            if (f.NumItems != split.NumItems)
                throw new ArgumentException($"feature table '{f.Name}' covers {f.NumItems} items but the split has {split.NumItems}");

        int dim = learned.Dim ?? 64;
        int layers = graph.ResolvedLayers(model);
        double reg = graph.ResolvedRegWeight(model);
        var settings = new Dictionary<string, string>
        {
            ["model"] = model,
            ["dim"] = Format(dim),
            ["layers"] = Format(layers),
            ["reg_weight"] = Format(reg),
            ["epochs"] = Format(learned.Epochs),
            ["lr"] = Format(learned.LearningRate),
            ["batch"] = Format(learned.BatchSize),
            ["train_seed"] = Format(learned.Seed),
            ["selection"] = learned.EarlyStopping ? $"early stopping on valid {SelectionMetric(split.Protocol)} (patience {learned.Patience})" : "fixed epochs, last kept",
        };

        torch.ManualSeed(learned.Seed);
        var adjacency = NormalizedAdjacency.Build(split.Train, split.NumItems);
        RecSharp.Torch.NN.Module? module = null;
        try
        {
            var batches = new PairwiseBatchIterator(split, learned.BatchSize, learned.Seed);
            Func<IItemScorer> scorer;
            ITrainingTask task;
            if (model == "bm3")
            {
                var tables = features.Select(f => (f.Name, Table: f.ToTensor())).ToArray();
                Bm3 bm3;
                try
                {
                    bm3 = new Bm3(adjacency, dim, layers, graph.Dropout, tables, ownsAdjacency: true);
                }
                finally
                {
                    foreach (var (_, table) in tables) table.Dispose();
                }
                module = bm3;
                settings["dropout"] = Format(graph.Dropout);
                settings["cl_weight"] = Format(graph.ClWeight);
                settings["features"] = features.Count == 0 ? "none (ID only)" : string.Join("; ", features.Select(f => f.ToString()));
                task = new Bm3TrainingTask(bm3, batches, graph.ClWeight, reg);
                scorer = bm3.Scorer;
            }
            else
            {
                var lightGcn = new LightGcn(adjacency, dim, layers, ownsAdjacency: true);
                module = lightGcn;
                task = new PairwiseTrainingTask<LightGcn>(lightGcn, batches, reg);
                scorer = lightGcn.Scorer;
            }
            var history = Train(task, split, learned, scorer, log);
            Record(settings, history);
            return new LearnedCfModel(model, module, scorer(), [(model, history)], settings);
        }
        catch
        {
            // Once a model exists it owns the adjacency (and frees it); before that it is freed here.
            if (module is null) adjacency.Dispose();
            else module.Dispose();
            throw;
        }
    }

    private static string SelectionMetric(SplitProtocol protocol)
    {
        var (metric, k) = LearnedCfTrainer.ValidationMetric(protocol);
        return $"{metric}@{k}";
    }

    private static TrainingHistory Train(ITrainingTask task, DataSplit split, LearnedCfOptions options, Func<IItemScorer> scorer, Action<string>? log)
    {
        using var optimizer = new Adam(task.Model.Parameters(), options.LearningRate);
        return LearnedCfTrainer.Train(task, optimizer, split, options, scorer, log);
    }

    private static void Record(Dictionary<string, string> settings, TrainingHistory history)
    {
        settings["epochs_run"] = Format(history.Epochs.Count);
        settings["train_seconds"] = history.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        if (history.Epochs.Count > 0)
            settings["seconds_per_epoch"] = (history.TotalSeconds / history.Epochs.Count).ToString("0.00", CultureInfo.InvariantCulture);
        if (history.BestEpoch >= 0) settings["best_epoch"] = Format(history.BestEpoch + 1);
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
