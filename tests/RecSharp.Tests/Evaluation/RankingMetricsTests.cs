using RecSharp.Evaluation.Metrics;

namespace RecSharp.Tests.Evaluation;

public class RankingMetricsTests
{
    // Expected values are computed by hand from 1/log2(r + 2): r=0 -> 1, r=1 -> 0.6309297536, r=2 -> 0.5,
    // r=3 -> 0.4306765581, r=4 -> 0.3868528072.
    private const double Tol = 1e-12;
    private static readonly int[] Ranking = [5, 3, 9, 1, 7];
    private static readonly HashSet<int> ThreeLabels = [3, 7, 8];

    [Fact]
    public void TwoHitsInTopFive()
    {
        Assert.Equal(2.0 / 3, RankingMetrics.Recall(Ranking, ThreeLabels, 5), Tol);
        Assert.Equal(1.0, RankingMetrics.HitRate(Ranking, ThreeLabels, 5), Tol);
        Assert.Equal(0.4, RankingMetrics.Precision(Ranking, ThreeLabels, 5), Tol);
        Assert.Equal(0.5, RankingMetrics.Mrr(Ranking, ThreeLabels, 5), Tol);
        // DCG = 1/log2(3) + 1/log2(6) = 1.0177825608; IDCG(3) = 2.1309297536; IDCG(2) = 1.6309297536.
        Assert.Equal(0.4776237035032179, RankingMetrics.Ndcg(Ranking, ThreeLabels, 5), Tol);
        Assert.Equal(0.6240505200038379, RankingMetrics.Ndcg(Ranking, ThreeLabels, 5, NdcgVariant.ComiRec), Tol);
    }

    [Fact]
    public void CutOffTwoSeesOnlyTheFirstHit()
    {
        Assert.Equal(1.0 / 3, RankingMetrics.Recall(Ranking, ThreeLabels, 2), Tol);
        Assert.Equal(0.5, RankingMetrics.Precision(Ranking, ThreeLabels, 2), Tol);
        // IDCG over min(3 labels, K=2) = 1 + 0.6309297536.
        Assert.Equal(0.38685280723454163, RankingMetrics.Ndcg(Ranking, ThreeLabels, 2), Tol);
        // ComiRec: IDCG of the single hit found = 1.
        Assert.Equal(0.6309297536, RankingMetrics.Ndcg(Ranking, ThreeLabels, 2, NdcgVariant.ComiRec), 1e-10);
    }

    [Fact]
    public void FewerLabelsThanKUsesOnlyThatManyIdealHits()
    {
        HashSet<int> labels = [2, 4];
        int[] ranking = [1, 2, 3, 4];
        // (1/log2(3) + 1/log2(5)) / (1 + 1/log2(3))
        Assert.Equal(0.6509209298071326, RankingMetrics.Ndcg(ranking, labels, 10), Tol);
        Assert.Equal(1.0, RankingMetrics.Recall(ranking, labels, 10), Tol);
        Assert.Equal(1.0, RankingMetrics.Ndcg([5, 1], new HashSet<int> { 5 }, 10), Tol);
    }

    [Fact]
    public void DuplicateLabelsCountOnce()
    {
        var labels = RankingMetrics.Labels([3, 3, 7]);
        Assert.Equal(2, labels.Count);
        Assert.Equal(0.5, RankingMetrics.Recall([3, 1, 2], labels, 3), Tol);
    }

    [Fact]
    public void ItemRepeatedInRankingIsOneHitAtItsFirstPosition()
    {
        HashSet<int> labels = [3, 7];
        int[] ranking = [3, 3, 7];
        Assert.Equal(1.0, RankingMetrics.Recall(ranking, labels, 3), Tol);
        Assert.Equal(2.0 / 3, RankingMetrics.Precision(ranking, labels, 3), Tol);
        // DCG = 1 + 1/log2(4) = 1.5 over IDCG(2) = 1.6309297536
        Assert.Equal(0.9197207891481876, RankingMetrics.Ndcg(ranking, labels, 3), Tol);
    }

    [Fact]
    public void NoHitsGiveZeroEverywhere()
    {
        HashSet<int> labels = [42];
        foreach (var kind in Enum.GetValues<MetricKind>())
        {
            Assert.Equal(0.0, RankingMetrics.Compute(kind, Ranking, labels, 5));
            Assert.Equal(0.0, RankingMetrics.Compute(kind, Ranking, labels, 5, NdcgVariant.ComiRec));
        }
    }

    [Fact]
    public void EmptyRankingGivesZero()
    {
        foreach (var kind in Enum.GetValues<MetricKind>())
            Assert.Equal(0.0, RankingMetrics.Compute(kind, ReadOnlySpan<int>.Empty, ThreeLabels, 20));
    }

    [Fact]
    public void KLargerThanTheListStillDividesPrecisionByK()
    {
        Assert.Equal(1.0, RankingMetrics.Recall([4], new HashSet<int> { 4 }, 50), Tol);
        Assert.Equal(0.02, RankingMetrics.Precision([4], new HashSet<int> { 4 }, 50), Tol);
        Assert.Equal(1.0, RankingMetrics.Ndcg([4], new HashSet<int> { 4 }, 50), Tol);
    }

    [Fact]
    public void ComiRecNdcgIsNeverBelowStandard()
    {
        var rng = new Random(7);
        for (int trial = 0; trial < 200; trial++)
        {
            var ranking = Enumerable.Range(0, 30).Select(_ => rng.Next(40)).ToArray();
            var labels = RankingMetrics.Labels(Enumerable.Range(0, 1 + rng.Next(10)).Select(_ => rng.Next(40)).ToArray());
            double standard = RankingMetrics.Ndcg(ranking, labels, 20);
            double comirec = RankingMetrics.Ndcg(ranking, labels, 20, NdcgVariant.ComiRec);
            Assert.InRange(standard, 0, 1 + 1e-12);
            Assert.InRange(comirec, standard - 1e-12, 1 + 1e-12);
        }
    }

    [Fact]
    public void UserWithoutLabelsIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => RankingMetrics.Recall(Ranking, new HashSet<int>(), 5));
        Assert.StartsWith("the user has no labels, so recall and NDCG are undefined", e.Message);
    }

    [Fact]
    public void KBelowOneIsRejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => RankingMetrics.Recall(Ranking, ThreeLabels, 0));
        Assert.StartsWith("the cut-off K must be at least 1 but was 0", e.Message);
    }
}
