using RecSharp.Evaluation.Metrics;

namespace RecSharp.Tests.Evaluation;

public class MetricAccumulatorTests
{
    private static readonly MetricSet RecallNdcgAt1And3 = new([MetricKind.Recall, MetricKind.Ndcg, MetricKind.HitRate], [3, 1]);

    [Fact]
    public void AveragesOverEveryUserIncludingThoseWithoutHits()
    {
        var acc = new MetricAccumulator(RecallNdcgAt1And3);
        acc.AddUser([1, 2, 3], new HashSet<int> { 2 });        // hit at rank 1
        acc.AddUser([4, 5, 6], new HashSet<int> { 9, 8 });     // no hit
        Assert.Equal(2, acc.UserCount);
        Assert.Equal(0.5, acc.Mean(MetricKind.Recall, 3), 1e-12);
        Assert.Equal(0.0, acc.Mean(MetricKind.Recall, 1), 1e-12);
        Assert.Equal(0.5 / Math.Log2(3), acc.Mean(MetricKind.Ndcg, 3), 1e-12);
        Assert.Equal(0.5, acc.Mean(MetricKind.HitRate, 3), 1e-12);
    }

    [Fact]
    public void SingleLabelRankMatchesTheEquivalentRanking()
    {
        var fromRank = new MetricAccumulator(RecallNdcgAt1And3);
        var fromList = new MetricAccumulator(RecallNdcgAt1And3);
        for (int rank = 0; rank < 5; rank++)
        {
            fromRank.AddSingleLabelRank(rank);
            var ranking = Enumerable.Range(100, 5).ToArray();
            ranking[rank] = 7;
            fromList.AddUser(ranking, new HashSet<int> { 7 });
        }
        foreach (var kind in RecallNdcgAt1And3.Kinds)
            foreach (var k in RecallNdcgAt1And3.Ks)
                Assert.Equal(fromList.Mean(kind, k), fromRank.Mean(kind, k), 1e-12);
    }

    [Fact]
    public void MergeAddsUsers()
    {
        var a = new MetricAccumulator(RecallNdcgAt1And3);
        var b = new MetricAccumulator(RecallNdcgAt1And3);
        a.AddUser([1], new HashSet<int> { 1 });
        b.AddUser([2], new HashSet<int> { 1 });
        a.Merge(b);
        Assert.Equal(2, a.UserCount);
        Assert.Equal(0.5, a.Mean(MetricKind.Recall, 1), 1e-12);
    }

    [Fact]
    public void UnknownMetricIsNamed()
    {
        var acc = new MetricAccumulator(RecallNdcgAt1And3);
        var e = Assert.Throws<ArgumentException>(() => acc.Mean(MetricKind.Mrr, 3));
        Assert.Equal("metric Mrr is not in this accumulator's metric set (Recall, Ndcg, HitRate)", e.Message);
    }

    [Fact]
    public void TableCarriesNamesAndTheNdcgVariant()
    {
        var acc = new MetricAccumulator(new MetricSet([MetricKind.Ndcg], [2], NdcgVariant.ComiRec));
        acc.AddUser([0, 5], new HashSet<int> { 5, 6 });
        var table = acc.ToTable("P1");
        Assert.Equal(["NDCG(comirec)"], table.Metrics);
        // one hit at rank 1: DCG = 1/log2(3), and ComiRec divides by the IDCG of that single hit, 1.
        Assert.Equal(1 / Math.Log2(3), table["NDCG(comirec)", 2], 1e-12);
        Assert.Equal("comirec", table.Options["ndcg"]);
    }
}
