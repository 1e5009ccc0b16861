using RecSharp.Evaluation;
using RecSharp.Evaluation.Metrics;
using RecSharp.Retrieval;
using RecSharp.Tests.Retrieval;
using RecSharp.Torch;

namespace RecSharp.Tests.Evaluation;

public class RankingEvaluatorTests
{
    private static readonly MetricSet RecallNdcgAt2 = new([MetricKind.Recall, MetricKind.Ndcg], [2]);

    [Fact]
    public void AveragesReadyMadeRankingsAndSkipsUsersWithoutLabels()
    {
        var evaluator = new RankingEvaluator(RecallNdcgAt2, "P1");
        var table = evaluator.EvaluateRankings([[1, 2, 3], [4, 5], [6]], ItemSets.FromRows([[2, 9], [], [6, 6]]));
        Assert.Equal(2, table.UserCount);
        Assert.Equal("1", table.Options["skippedUsers"]);
        // user 0: one of two labels at rank 1; user 2: its only (duplicated) label at rank 0.
        Assert.Equal((0.5 + 1.0) / 2, table["Recall", 2], 1e-12);
        double user0 = (1 / Math.Log2(3)) / (1 + 1 / Math.Log2(3));
        Assert.Equal((user0 + 1.0) / 2, table["NDCG", 2], 1e-12);
    }

    [Fact]
    public void EvaluatesUserVectorsWithExclusionsAsBruteForceDoes()
    {
        const int users = 12, items = 30, dim = 5;
        var rng = new Random(21);
        var userData = BruteForce.RandomMatrix(rng, users, dim);
        var itemData = BruteForce.RandomMatrix(rng, items, dim);
        var labels = ItemSets.FromRows(Enumerable.Range(0, users).Select(_ => Enumerable.Range(0, 4).Select(_ => 1 + rng.Next(items - 1)).ToArray()));
        var seen = ItemSets.FromRows(Enumerable.Range(0, users).Select(_ => Enumerable.Range(0, 6).Select(_ => 1 + rng.Next(items - 1)).ToArray()));
        var metrics = new MetricSet([MetricKind.Recall, MetricKind.Ndcg, MetricKind.HitRate, MetricKind.Precision, MetricKind.Mrr], [3, 8]);

        using var scope = torch.NewDisposeScope();
        using var retriever = new ExactTopK(torch.Tensor(itemData, items, dim), new ExactTopKOptions { BlockSize = 5 });
        var table = new RankingEvaluator(metrics, "P3").EvaluateVectors(retriever, torch.Tensor(userData, users, dim), labels, seen);

        var expected = new MetricAccumulator(metrics);
        for (int u = 0; u < users; u++)
        {
            var excluded = new HashSet<int>(seen[u].ToArray()) { 0 };
            var ranking = BruteForce.TopK(userData, u, itemData, items, dim, 8, false, excluded).Select(p => p.Id).ToArray();
            expected.AddUser(ranking, RankingMetrics.Labels(labels[u]));
        }
        foreach (var kind in metrics.Kinds)
            foreach (var k in metrics.Ks)
                Assert.Equal(expected.Mean(kind, k), table[MetricNames.Of(kind), k], 1e-12);
        Assert.Equal("InnerProduct", table.Options["similarity"]);
    }

    [Fact]
    public void MultiInterestVectorsAreMergedBeforeEvaluation()
    {
        // Items along two axes: 1 = (1, 0), 2 = (0, 1), 3 = (0.5, 0). One user with interests (1, 0) and (0, 1).
        using var scope = torch.NewDisposeScope();
        using var retriever = new ExactTopK(torch.Tensor(new float[] { 0, 0, 1, 0, 0, 1, 0.5f, 0 }, 4, 2));
        var interests = torch.Tensor(new float[] { 1, 0, 0, 1 }, 1, 2, 2);
        var table = new RankingEvaluator(RecallNdcgAt2, "P1").EvaluateVectors(retriever, interests, ItemSets.FromRows([[2]]));
        // Merged top 2: item 1 (1.0, interest 0) then item 2 (1.0, interest 1): the label is at rank 1.
        Assert.Equal(1.0, table["Recall", 2]);
        Assert.Equal(1 / Math.Log2(3), table["NDCG", 2], 1e-12);
        Assert.Equal("2", table.Options["interests"]);
    }

    [Fact]
    public void ScorerPathMasksTrainItems()
    {
        // Two users, items 0..4 (0 padding); scores rise with the item id; user 0 has trained on item 4.
        var table = new RankingEvaluator(RecallNdcgAt2, "P3").EvaluateScorer(
            (first, n) => torch.Arange(0, 5, 1, ScalarType.Float32).Unsqueeze(0).Repeat(n, 1),
            userCount: 2, itemCount: 5, labels: ItemSets.FromRows([[2], [2]]), exclude: ItemSets.FromRows([[4], []]), blockSize: 1);
        // user 0 ranks [3, 2]: hit at rank 1; user 1 ranks [4, 3]: no hit.
        Assert.Equal(0.5, table["Recall", 2], 1e-12);
        Assert.Equal(0.5 / Math.Log2(3), table["NDCG", 2], 1e-12);
    }

    [Fact]
    public void MismatchedRowsAreNamed()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            new RankingEvaluator(RecallNdcgAt2, "P1").EvaluateRankings([[1]], ItemSets.FromRows([[1], [2]])));
        Assert.StartsWith("there are 1 rankings but 2 label rows; row u of both must be user u", e.Message);
    }
}
