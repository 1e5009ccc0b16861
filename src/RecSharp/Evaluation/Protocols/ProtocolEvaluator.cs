using RecSharp.Data.Splits;
using RecSharp.Evaluation.Metrics;
using RecSharp.Models;

namespace RecSharp.Evaluation.Protocols;

/// <summary>
/// Runs a fitted <see cref="IItemScorer"/> over a split's evaluation cases the way docs PROTOCOLS.md says:
/// full-catalogue ranking (P1, P3) or ranking of the held-out item among its sampled negatives (P2).
/// Users are scored in parallel, each worker with its own buffers and accumulator.
/// </summary>
public static class ProtocolEvaluator
{
    /// <summary>The metrics each protocol reports by default.</summary>
    public static MetricSet DefaultMetrics(SplitProtocol protocol, NdcgVariant ndcg = NdcgVariant.Standard) => protocol switch
    {
        SplitProtocol.P1SequentialUserSplit => EvaluationProtocols.P1(ndcg),
        SplitProtocol.P2LeaveOneOut => EvaluationProtocols.P2(),
        SplitProtocol.P3Holdout => EvaluationProtocols.P3(),
        _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "unknown protocol"),
    };

    /// <summary>Short protocol name used in result tables ("P1", "P2", "P3").</summary>
    public static string Name(SplitProtocol protocol) => protocol switch
    {
        SplitProtocol.P1SequentialUserSplit => "P1",
        SplitProtocol.P2LeaveOneOut => "P2",
        SplitProtocol.P3Holdout => "P3",
        _ => protocol.ToString(),
    };

    /// <summary>
    /// Evaluates <paramref name="model"/> on <paramref name="cases"/> (the split's Test or Validation cases) with
    /// the protocol's ranking rule. P3 excludes the user's training items (and, when the split says so, what
    /// <paramref name="alsoExclude"/> holds); P1 excludes nothing but padding; P2 ranks the target among its negatives.
    /// </summary>
    public static ResultsTable Evaluate(IItemScorer model, DataSplit split, IReadOnlyList<EvaluationCase> cases,
        MetricSet? metrics = null, UserItemLists? alsoExclude = null, IReadOnlyDictionary<string, string>? options = null, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(cases);
        if (model.NumItems != split.NumItems)
            throw new ArgumentException($"the model scores {model.NumItems} items but the split has {split.NumItems}", nameof(model));
        metrics ??= DefaultMetrics(split.Protocol);
        var allOptions = new Dictionary<string, string>(split.Settings);
        foreach (var (key, value) in options ?? new Dictionary<string, string>()) allOptions[key] = value;

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
        bool sampled = split.Protocol == SplitProtocol.P2LeaveOneOut;
        UserItemLists? exclude = split.Protocol == SplitProtocol.P3Holdout ? split.Train : null;

        // Fixed chunks, each with its own sums, merged in chunk order: the result does not depend on the thread
        // count or on which thread ran which chunk (floating-point sums are not associative), so a saved model
        // evaluated again reproduces its train-time figures bit for bit.
        int chunkCount = (cases.Count + ChunkSize - 1) / ChunkSize;
        var chunkSums = new MetricAccumulator[chunkCount];
        try
        {
            Parallel.For(0, chunkCount, parallel,
                () => new Worker(model.NumItems, metrics),
                (chunk, _, worker) =>
                {
                    var sums = new MetricAccumulator(metrics);
                    for (int c = chunk * ChunkSize, end = Math.Min(cases.Count, c + ChunkSize); c < end; c++)
                    {
                        if (sampled) worker.AddSampled(model, cases[c], sums);
                        else worker.AddFullRanking(model, cases[c], exclude, alsoExclude, sums);
                    }
                    chunkSums[chunk] = sums;
                    return worker;
                },
                _ => { });
        }
        catch (AggregateException e)
        {
            // A case failed (an unknown user, a case without negatives, ...): surface the (first) error, not the
            // wrapper, so that callers such as the CLI report its message instead of crashing on an AggregateException.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.Flatten().InnerExceptions[0]).Throw();
        }

        var total = new MetricAccumulator(metrics);
        foreach (var sums in chunkSums) total.Merge(sums);
        return total.ToTable(Name(split.Protocol), allOptions);
    }

    /// <summary>Cases per chunk of <see cref="Evaluate"/>; fixed so that the sums do not depend on the thread count.</summary>
    internal const int ChunkSize = 64;

    /// <summary>Per-thread buffers: one score row, one ranking, one top-K heap.</summary>
    private sealed class Worker(int numItems, MetricSet metrics)
    {
        private readonly float[] scores = new float[numItems + 1];
        private readonly int[] ranking = new int[metrics.MaxK];
        private readonly ScoreTopK topK = new(metrics.MaxK);
        private float[] negativeScores = [];

        public void AddFullRanking(IItemScorer model, EvaluationCase user, UserItemLists? exclude, UserItemLists? alsoExclude, MetricAccumulator sums)
        {
            if (user.Targets.Length == 0) return; // no held-out items: not evaluated (the split's notes count them)
            model.ScoreAll(user, scores);
            if (exclude is not null && user.User < exclude.NumUsers)
                foreach (int item in exclude[user.User]) scores[item] = float.NegativeInfinity;
            if (alsoExclude is not null && user.User < alsoExclude.NumUsers)
                foreach (int item in alsoExclude[user.User]) scores[item] = float.NegativeInfinity;
            int n = topK.Select(scores, firstItem: 1, ranking);
            sums.AddUser(ranking.AsSpan(0, n), new HashSet<int>(user.Targets));
        }

        public void AddSampled(IItemScorer model, EvaluationCase user, MetricAccumulator sums)
        {
            if (user.Negatives is null)
                throw new ArgumentException($"user {user.User}: protocol P2 needs sampled negatives but the case has none");
            if (user.Targets.Length != 1)
                throw new ArgumentException($"user {user.User}: protocol P2 holds out exactly one item, the case has {user.Targets.Length}");
            model.ScoreAll(user, scores);
            if (negativeScores.Length != user.Negatives.Length) negativeScores = new float[user.Negatives.Length];
            for (int i = 0; i < user.Negatives.Length; i++) negativeScores[i] = scores[user.Negatives[i]];
            sums.AddSingleLabelRank(SampledRanking.RankOfTarget(scores[user.Targets[0]], negativeScores));
        }
    }
}
