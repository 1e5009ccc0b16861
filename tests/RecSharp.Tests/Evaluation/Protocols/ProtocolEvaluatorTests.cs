using RecSharp.Data.Splits;
using RecSharp.Evaluation.Metrics;
using RecSharp.Evaluation.Protocols;
using RecSharp.Models;
using RecSharp.Models.Popularity;

namespace RecSharp.Tests.Evaluation.Protocols;

public class ProtocolEvaluatorTests
{
    /// <summary>Scores item i with table[i] for every user.</summary>
    private sealed class FixedScorer(float[] table) : IItemScorer
    {
        public int NumItems => table.Length - 1;
        public void ScoreAll(EvaluationCase user, Span<float> scores) => table.CopyTo(scores);
    }

    private static DataSplit Split(SplitProtocol protocol, UserItemLists train, params EvaluationCase[] test) => new()
    {
        Protocol = protocol,
        NumUsers = train.NumUsers,
        NumItems = 5,
        Train = train,
        TrainUsers = Enumerable.Range(0, train.NumUsers).ToArray(),
        Validation = [],
        Test = test,
        Settings = new Dictionary<string, string>(),
    };

    [Fact]
    public void TopKSelectionMatchesAFullSortWithLowerIdsWinningTies()
    {
        var random = new Random(7);
        var scores = new float[501];
        for (int i = 0; i < scores.Length; i++) scores[i] = random.Next(0, 40); // many ties
        scores[17] = float.NegativeInfinity;
        var expected = Enumerable.Range(1, 500).Where(i => i != 17)
            .OrderByDescending(i => scores[i]).ThenBy(i => i).Take(50).ToArray();
        var ranking = new int[50];
        int n = new ScoreTopK(50).Select(scores, 1, ranking);
        Assert.Equal(50, n);
        Assert.Equal(expected, ranking);
    }

    [Fact]
    public void TopKReturnsFewerItemsWhenMostAreMasked()
    {
        float[] scores = [9, float.NegativeInfinity, 2, float.NegativeInfinity, 5];
        var ranking = new int[4];
        Assert.Equal(2, new ScoreTopK(4).Select(scores, 1, ranking));
        Assert.Equal([4, 2], ranking[..2]);
    }

    [Fact]
    public void PopularityCountsEveryTrainingInteraction()
    {
        var train = UserItemLists.FromLists([[1, 2, 2], [2, 3], [5]]);
        var pop = MostPopular.Fit(train, 5);
        Assert.Equal([0f, 1, 3, 1, 0, 1], Enumerable.Range(0, 6).Select(pop.Count).ToArray());
        var error = Assert.Throws<ArgumentException>(() => MostPopular.Fit(UserItemLists.FromLists([[6]]), 5));
        Assert.StartsWith("training item 6 is outside 1..5", error.Message);
    }

    [Fact]
    public void P3ExcludesTrainingItemsAndScoresRecallAndNdcgByHand()
    {
        // Scores rank items 5 > 4 > 3 > 2 > 1. User 0 trained on 5, so its ranking is 4, 3, 2, 1.
        var scorer = new FixedScorer([0, 1, 2, 3, 4, 5]);
        var train = UserItemLists.FromLists([[5], [1]]);
        var split = Split(SplitProtocol.P3Holdout, train,
            new EvaluationCase(0, [], [3, 1]),   // hits at ranks 1 and 3
            new EvaluationCase(1, [], [5]));     // ranking 5, 4, 3, 2: hit at rank 0
        var metrics = new MetricSet([MetricKind.Recall, MetricKind.Ndcg], [2, 4]);
        var table = ProtocolEvaluator.Evaluate(scorer, split, split.Test, metrics);

        double user0Ndcg2 = (1 / Math.Log2(3)) / (1 + 1 / Math.Log2(3));
        double user0Ndcg4 = (1 / Math.Log2(3) + 1 / Math.Log2(5)) / (1 + 1 / Math.Log2(3));
        Assert.Equal(2, table.UserCount);
        Assert.Equal((0.5 + 1.0) / 2, table["Recall", 2], 12);
        Assert.Equal((1.0 + 1.0) / 2, table["Recall", 4], 12);
        Assert.Equal((user0Ndcg2 + 1.0) / 2, table["NDCG", 2], 12);
        Assert.Equal((user0Ndcg4 + 1.0) / 2, table["NDCG", 4], 12);
    }

    [Fact]
    public void P2BreaksTiesAgainstTheHeldOutItem()
    {
        // Item 2 (target) ties with negative 4; negative 5 scores higher: rank 2 (0-based).
        var scorer = new FixedScorer([0, 0, 3, 1, 3, 7]);
        var split = Split(SplitProtocol.P2LeaveOneOut, UserItemLists.FromLists([[1]]), new EvaluationCase(0, [1], [2], [3, 4, 5]));
        var metrics = new MetricSet([MetricKind.HitRate, MetricKind.Ndcg], [2, 3]);
        var table = ProtocolEvaluator.Evaluate(scorer, split, split.Test, metrics);
        Assert.Equal(0.0, table["HitRate", 2]);
        Assert.Equal(1.0, table["HitRate", 3]);
        Assert.Equal(0.0, table["NDCG", 2]);
        Assert.Equal(1 / Math.Log2(4), table["NDCG", 3], 12);
    }

    [Fact]
    public void P2RejectsCasesWithoutNegativesWithAClearMessage()
    {
        var scorer = new FixedScorer([0, 1, 2, 3, 4, 5]);
        var split = Split(SplitProtocol.P2LeaveOneOut, UserItemLists.FromLists([[1]]), new EvaluationCase(0, [1], [2]));
        // The worker's own exception, not an AggregateException around it: the CLI catches ArgumentException.
        var error = Assert.Throws<ArgumentException>(() => ProtocolEvaluator.Evaluate(scorer, split, split.Test, threads: 2));
        Assert.Equal("user 0: protocol P2 needs sampled negatives but the case has none", error.Message);
    }

    [Fact]
    public void ResultsDoNotDependOnTheThreadCount()
    {
        var random = new Random(3);
        var table = Enumerable.Range(0, 6).Select(_ => (float)random.NextDouble()).ToArray();
        var cases = Enumerable.Range(0, 40).Select(u => new EvaluationCase(u, [], [1 + u % 5])).ToArray();
        var train = UserItemLists.FromLists(Enumerable.Range(0, 40).Select(u => (IReadOnlyList<int>?)new[] { 1 + (u + 2) % 5 }).ToArray());
        var split = Split(SplitProtocol.P3Holdout, train, cases);
        var one = ProtocolEvaluator.Evaluate(new FixedScorer(table), split, cases, threads: 1);
        var two = ProtocolEvaluator.Evaluate(new FixedScorer(table), split, cases, threads: 2);
        Assert.Equal(one.ToJson(), two.ToJson());
    }

    [Fact]
    public void SumsAreTakenInFixedChunksOfCasesSoEveryThreadCountGivesTheSameBits()
    {
        // Items 1..20 score their id; each case's 19 negatives are the other items, so target t sits at rank 20 - t
        // and adds NDCG 1 / log2(rank + 2). 1,000 cases with pseudo-random targets.
        var random = new Random(11);
        var table = Enumerable.Range(0, 21).Select(i => (float)i).ToArray();
        var targets = Enumerable.Range(0, 1000).Select(_ => random.Next(1, 21)).ToArray();
        var cases = targets.Select((t, u) => new EvaluationCase(u, [], [t], Enumerable.Range(1, 20).Where(i => i != t).ToArray())).ToArray();
        var split = new DataSplit
        {
            Protocol = SplitProtocol.P2LeaveOneOut, NumUsers = cases.Length, NumItems = 20,
            Train = UserItemLists.FromLists(Enumerable.Range(0, cases.Length).Select(_ => (IReadOnlyList<int>?)new[] { 1 }).ToArray()),
            TrainUsers = Enumerable.Range(0, cases.Length).ToArray(), Validation = [], Test = cases,
            Settings = new Dictionary<string, string>(),
        };
        var metrics = new MetricSet([MetricKind.Ndcg], [20]);

        double chunked = 0, sequential = 0;
        for (int start = 0; start < cases.Length; start += ProtocolEvaluator.ChunkSize)
        {
            double chunk = 0;
            for (int c = start; c < Math.Min(cases.Length, start + ProtocolEvaluator.ChunkSize); c++) chunk += 1 / Math.Log2(20 - targets[c] + 2);
            chunked += chunk;
        }
        foreach (int t in targets) sequential += 1 / Math.Log2(20 - t + 2);
        Assert.NotEqual(sequential, chunked); // the order matters in the last bits for these cases

        foreach (int threads in new[] { 1, 2, 3, 8 })
            Assert.Equal(chunked / cases.Length, ProtocolEvaluator.Evaluate(new FixedScorer(table), split, cases, metrics, threads: threads)["NDCG", 20]);
    }
}
