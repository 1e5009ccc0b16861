using RecSharp.Data.Splits;
using RecSharp.Evaluation;
using RecSharp.Evaluation.Metrics;
using RecSharp.Retrieval;
using RecSharp.Torch;

namespace RecSharp.Models.Sequential;

/// <summary>
/// P1 evaluation of a sequential recall model: user vectors of the evaluation cases computed in blocks (eval mode,
/// no grad), retrieval over <see cref="SequentialRecallModel.ItemVectors"/> with the padding row excluded (per
/// interest and merged for multi-interest models, <see cref="MultiInterestMerge"/>), metrics by
/// <see cref="RankingEvaluator"/>.
/// </summary>
public static class SequentialEvaluation
{
    /// <summary>The value model selection maximises (P1: valid Recall@50).</summary>
    public const string SelectionMetric = "Recall";
    public const int SelectionK = 50;

    /// <param name="generatorSeed">
    /// When given, the engine's global generator is seeded with it just before the user vectors are computed, so a model
    /// whose forward pass draws random numbers (MIND: fresh routing logits every pass) gives the same numbers every time
    /// it is evaluated with the same seed: in <c>train</c> right after training and in <c>evaluate --checkpoint</c> later.
    /// Null leaves the generator alone (model selection during training must not reset it).
    /// </param>
    public static ResultsTable Evaluate(SequentialRecallModel model, IReadOnlyList<EvaluationCase> cases, MetricSet? metrics = null,
        SimilarityMetric similarity = SimilarityMetric.InnerProduct, IReadOnlyDictionary<string, string>? options = null, int blockSize = 1024,
        long? generatorSeed = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(cases);
        if (cases.Count == 0) throw new ArgumentException("there are no evaluation cases (the split gave this part no user with a history and targets)", nameof(cases));
        metrics ??= EvaluationProtocols.P1();
        var facts = new Dictionary<string, string>(options ?? new Dictionary<string, string>()) { ["model"] = model.Name };
        var evaluator = new RankingEvaluator(metrics, "P1", facts);
        var labels = ItemSets.FromRows(cases.Select(c => c.Targets));
        bool wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            using var noGrad = torch.NoGrad();
            using var scope = torch.NewDisposeScope();
            if (generatorSeed is long seed) torch.ManualSeed(seed);
            var users = UserVectors(model, cases.Select(c => c.History).ToArray(), blockSize);
            using var retriever = new ExactTopK(model.ItemVectors(), new ExactTopKOptions { Metric = similarity });
            return evaluator.EvaluateVectors(retriever, users, labels);
        }
        finally
        {
            model.Train(wasTraining);
        }
    }

    /// <summary>Valid Recall@50 (the P1 model-selection value).</summary>
    public static double SelectionValue(SequentialRecallModel model, IReadOnlyList<EvaluationCase> validation) =>
        Evaluate(model, validation, new MetricSet([MetricKind.Recall], [SelectionK]))[SelectionMetric, SelectionK];

    /// <summary>
    /// User vectors of <paramref name="histories"/> (internal ids, oldest first; only the last L items are read):
    /// [U, d] for single-interest models, [U, K, d] for multi-interest ones. Computed in blocks without gradients.
    /// </summary>
    public static Tensor UserVectors(SequentialRecallModel model, IReadOnlyList<int[]> histories, int blockSize = 1024)
    {
        if (blockSize < 1) throw new ArgumentOutOfRangeException(nameof(blockSize), blockSize, "a block needs at least one history");
        if (histories.Count == 0) throw new ArgumentException("no histories to encode", nameof(histories));
        int length = model.Config.MaxLength;
        using var noGrad = torch.NoGrad();
        var blocks = new List<Tensor>();
        try
        {
            for (int start = 0; start < histories.Count; start += blockSize)
            {
                int count = Math.Min(blockSize, histories.Count - start);
                var ids = new long[count * length];
                var mask = new float[count * length];
                for (int row = 0; row < count; row++)
                {
                    var history = histories[start + row];
                    int first = Math.Max(0, history.Length - length);
                    for (int p = first; p < history.Length; p++)
                    {
                        int item = history[p];
                        if (item < 1 || item > model.Config.NumItems)
                            throw new ArgumentOutOfRangeException(nameof(histories), item, $"history {start + row} holds item {item}, outside 1..{model.Config.NumItems}");
                        ids[row * length + p - first] = item;
                        mask[row * length + p - first] = 1f;
                    }
                }
                using var scope = torch.NewDisposeScope();
                var vectors = model.UserVectors(torch.Tensor(ids, count, length), torch.Tensor(mask, count, length));
                blocks.Add(vectors.MoveToOuterScope());
            }
            var all = blocks.Count == 1 ? blocks[0] : torch.Cat(blocks, 0);
            if (model.InterestCount != 1) return all;
            var single = all.Squeeze(1);
            all.Dispose();
            return single;
        }
        finally
        {
            if (blocks.Count > 1) foreach (var b in blocks) b.Dispose();
        }
    }
}
