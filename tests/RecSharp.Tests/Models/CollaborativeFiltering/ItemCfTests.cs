using RecSharp.Models.CollaborativeFiltering;
using static RecSharp.Tests.Models.CollaborativeFiltering.CfToyData;

namespace RecSharp.Tests.Models.CollaborativeFiltering;

/// <summary>Hand-computed item similarities and scores on the toy data (see <see cref="CfToyData"/>).</summary>
public class ItemCfTests
{
    private static readonly double Sqrt6 = Math.Sqrt(6.0);

    [Fact]
    public void CosineWithoutIuf()
    {
        var model = ItemCf.Fit(Build(), Plain(CfSimilarity.Cosine));
        AssertList(model.SimilarItems(1, 10), (3, 2 / Sqrt6), (2, 0.5));                 // 0.8165, 0.5
        AssertList(model.SimilarItems(2, 10), (3, 2 / Sqrt6), (1, 0.5), (4, 0.5));       // tie 1/4 -> smaller id
        AssertList(model.SimilarItems(3, 10), (1, 2 / Sqrt6), (2, 2 / Sqrt6), (4, 1 / Sqrt6));
        AssertList(model.SimilarItems(4, 10), (5, 1 / Math.Sqrt(2)), (2, 0.5), (3, 1 / Sqrt6));
        AssertList(model.SimilarItems(5, 10), (4, 0.7071067811865476));
    }

    [Fact]
    public void CosineWithIufIsTheDefault()
    {
        var model = ItemCf.Fit(Build(), new CfOptions());
        // Row 1: C(1,3) = 1/ln4 (u0) + 1/ln3 (u1) = 1.6315867470 -> / sqrt(2*3) = 0.6660925;
        //        C(1,2) = 1/ln4 = 0.7213475 -> / sqrt(2*2) = 0.3606738.
        AssertList(model.SimilarItems(1, 10), (3, (InvLn4 + InvLn3) / Sqrt6), (2, InvLn4 / 2));
        // Row 3: C(3,1) = 1/ln4 + 1/ln3, C(3,2) = 2/ln4 = 1.4426950 -> 0.5889778, C(3,4) = 1/ln4 -> 0.2944889.
        AssertList(model.SimilarItems(3, 10), (1, (InvLn4 + InvLn3) / Sqrt6), (2, 2 * InvLn4 / Sqrt6), (4, InvLn4 / Sqrt6));
        // Row 4: C(4,5) = 1/ln3 (u3) -> / sqrt(2*1) = 0.6436363; C(4,2) = 1/ln4 -> 0.3606738; C(4,3) -> 0.2944889.
        AssertList(model.SimilarItems(4, 10), (5, InvLn3 / Math.Sqrt(2)), (2, InvLn4 / 2), (3, InvLn4 / Sqrt6));
    }

    [Fact]
    public void HandValuesToEightDecimals()
    {
        var model = ItemCf.Fit(Build(), new CfOptions());
        var row = model.SimilarItems(1, 10);
        Assert.Equal(0.66609250, row[0].Similarity, 8);
        Assert.Equal(0.36067376, row[1].Similarity, 8);
    }

    [Fact]
    public void CoOccurrenceCounts()
    {
        var plain = ItemCf.Fit(Build(), Plain(CfSimilarity.None));
        AssertList(plain.SimilarItems(3, 10), (1, 2.0), (2, 2.0), (4, 1.0));
        AssertList(plain.SimilarItems(1, 10), (3, 2.0), (2, 1.0));
        var iuf = ItemCf.Fit(Build(), new CfOptions { Similarity = CfSimilarity.None });
        AssertList(iuf.SimilarItems(1, 10), (3, InvLn4 + InvLn3), (2, InvLn4)); // 1.6315867, 0.7213475
        AssertList(iuf.SimilarItems(5, 10), (4, InvLn3));
    }

    [Fact]
    public void AsymmetricCosine()
    {
        // alpha = 1: C(a,b) / |N(a)|, the conditional probability P(b | a).
        var one = ItemCf.Fit(Build(), Plain(CfSimilarity.Asymmetric) with { Alpha = 1.0 });
        AssertList(one.SimilarItems(1, 10), (3, 1.0), (2, 0.5));
        AssertList(one.SimilarItems(3, 10), (1, 2.0 / 3), (2, 2.0 / 3), (4, 1.0 / 3));
        // alpha = 0: C(a,b) / |N(b)|.
        var zero = ItemCf.Fit(Build(), Plain(CfSimilarity.Asymmetric) with { Alpha = 0.0 });
        AssertList(zero.SimilarItems(1, 10), (3, 2.0 / 3), (2, 0.5));
        AssertList(zero.SimilarItems(3, 10), (1, 1.0), (2, 1.0), (4, 0.5));
        // alpha = 0.25: sim(1,3) = 2 / (2^0.25 3^0.75) = 0.7377879, sim(3,1) = 2 / (3^0.25 2^0.75) = 0.9036020.
        var quarter = ItemCf.Fit(Build(), Plain(CfSimilarity.Asymmetric) with { Alpha = 0.25 });
        Assert.Equal(0.7377879, quarter.SimilarItems(1, 1)[0].Similarity, 7);
        Assert.Equal(0.9036020, quarter.SimilarItems(3, 1)[0].Similarity, 7);
        // alpha = 0.5 is the cosine.
        var half = ItemCf.Fit(Build(), Plain(CfSimilarity.Asymmetric));
        AssertList(half.SimilarItems(3, 10), (1, 2 / Sqrt6), (2, 2 / Sqrt6), (4, 1 / Sqrt6));
    }

    [Fact]
    public void NormalizeRowsByMax()
    {
        var model = ItemCf.Fit(Build(), Plain(CfSimilarity.Cosine) with { NormalizeRowsByMax = true });
        AssertList(model.SimilarItems(3, 10), (1, 1.0), (2, 1.0), (4, 0.5));
        AssertList(model.SimilarItems(1, 10), (3, 1.0), (2, Sqrt6 / 4)); // 0.5 / (2/sqrt6) = 0.6123724
    }

    [Fact]
    public void TopKKeepsTheBestWithIdTieBreak()
    {
        var model = ItemCf.Fit(Build(), Plain(CfSimilarity.Cosine) with { TopK = 1 });
        AssertList(model.SimilarItems(3, 10), (1, 2 / Sqrt6));
        AssertList(model.SimilarItems(2, 10), (3, 2 / Sqrt6));
        AssertList(model.SimilarItems(4, 10), (5, 1 / Math.Sqrt(2)));
        Assert.Single(ItemCf.Fit(Build(), Plain(CfSimilarity.Cosine)).SimilarItems(3, 1));
    }

    [Fact]
    public void RecommendSumsNeighbourSimilaritiesAndExcludesSeen()
    {
        var model = ItemCf.Fit(Build(), Plain(CfSimilarity.Cosine));
        // u1 = {1, 3}: item 2 <- sim(1,2) + sim(3,2) = 0.5 + 2/sqrt6 = 1.3164966; item 4 <- sim(3,4) = 0.4082483.
        AssertList(model.Recommend(1, 5), (2, 0.5 + 2 / Sqrt6), (4, 1 / Sqrt6));
        Assert.Equal(1.3164966, model.Recommend(1, 1)[0].Score, 7);
        Assert.Single(model.Recommend(1, 1));
        // Without exclusion the seen items 1 (<- sim(3,1)) and 3 (<- sim(1,3)) tie at 2/sqrt6; smaller id first.
        AssertList(model.Recommend(1, 5, excludeSeen: false), (2, 0.5 + 2 / Sqrt6), (1, 2 / Sqrt6), (3, 2 / Sqrt6), (4, 1 / Sqrt6));
        Assert.Empty(model.Recommend(1, 0));
        Assert.Equal(model.Recommend(1, 5), model.Recommend(1, int.MaxValue)); // n is capped by the catalogue, not allocated
    }

    [Fact]
    public void RecommendWithDefaults()
    {
        var model = ItemCf.Fit(Build(), new CfOptions());
        // u1: item 2 <- (1/ln4)/2 + (2/ln4)/sqrt6 = 0.3606738 + 0.5889778 = 0.9496515; item 4 <- (1/ln4)/sqrt6 = 0.2944889.
        AssertList(model.Recommend(1, 5), (2, InvLn4 / 2 + 2 * InvLn4 / Sqrt6), (4, InvLn4 / Sqrt6));
        Assert.Equal(0.9496515, model.Recommend(1, 5)[0].Score, 7);
        // u3 = {4, 5}: only row 4 reaches unseen items: 2 <- (1/ln4)/2, 3 <- (1/ln4)/sqrt6.
        AssertList(model.Recommend(3, 5), (2, InvLn4 / 2), (3, InvLn4 / Sqrt6));
        // u0 = {1, 2, 3}: item 4 <- sim(2,4) + sim(3,4) = 0.3606738 + 0.2944889; item 5 is reached by no row.
        AssertList(model.Recommend(0, 5), (4, InvLn4 / 2 + InvLn4 / Sqrt6));
    }

    [Fact]
    public void ScoreMatchesRecommendExactly()
    {
        var model = ItemCf.Fit(Build(), Plain(CfSimilarity.Cosine));
        double[] scores = model.Score(1, new[] { 1, 2, 3, 4, 5 });
        Assert.Equal(new[] { 2 / Sqrt6, 0.5 + 2 / Sqrt6, 2 / Sqrt6, 1 / Sqrt6, 0.0 }, scores, new ToleranceComparer(1e-12));
        var recommended = model.Recommend(1, 2);
        Assert.Equal(recommended[0].Score, scores[1]);
        Assert.Equal(recommended[1].Score, scores[3]);
    }

    [Fact]
    public void RecommendAllEqualsRecommendPerUser()
    {
        var model = ItemCf.Fit(Build(), new CfOptions());
        var all = model.RecommendAll(3, threads: 2);
        Assert.Equal(4, all.Length);
        for (int u = 0; u < 4; u++) Assert.Equal(model.Recommend(u, 3), all[u]);
    }

    [Fact]
    public void RecommendFromHistoryScoresLikeAUserWithThoseItems()
    {
        var model = ItemCf.Fit(Build(), Plain(CfSimilarity.Cosine));
        // History {3, 1, 3} is u1's item set {1, 3} with a repeat, which counts once.
        Assert.Equal(model.Recommend(1, 5), model.RecommendFromHistory(new[] { 3, 1, 3 }, 5));
        Assert.Equal(model.Recommend(1, 5, excludeSeen: false), model.RecommendFromHistory(new[] { 1, 3 }, 5, excludeHistory: false));
        // History {5}: only item 4 is a neighbour of 5, with sim 1/sqrt(2).
        AssertList(model.RecommendFromHistory(new[] { 5 }, 5), (4, 1 / Math.Sqrt(2)));
        Assert.Empty(model.RecommendFromHistory([], 5));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => model.RecommendFromHistory(new[] { 2, 6 }, 5));
        Assert.StartsWith("history[1] = 6: item ids must be in 1..5.", e.Message);
    }

    [Fact]
    public void ArgumentErrors()
    {
        var model = ItemCf.Fit(Build(), new CfOptions());
        Assert.StartsWith("user must be in 0..3.", Assert.Throws<ArgumentOutOfRangeException>(() => model.Recommend(4, 1)).Message);
        Assert.StartsWith("n must be >= 0.", Assert.Throws<ArgumentOutOfRangeException>(() => model.Recommend(0, -1)).Message);
        Assert.StartsWith("item must be in 1..5.", Assert.Throws<ArgumentOutOfRangeException>(() => model.SimilarItems(0, 1)).Message);
        Assert.StartsWith("item ids must be in 1..5.", Assert.Throws<ArgumentOutOfRangeException>(() => model.Score(0, new[] { 6 })).Message);
        Assert.StartsWith("TopK must be >= 1.",
            Assert.Throws<ArgumentOutOfRangeException>(() => ItemCf.Fit(Build(), new CfOptions { TopK = 0 })).Message);
        Assert.StartsWith("Alpha must be in [0, 1].",
            Assert.Throws<ArgumentOutOfRangeException>(() => ItemCf.Fit(Build(), new CfOptions { Alpha = 1.5 })).Message);
        Assert.StartsWith("threads must be >= 0 (0 = one per core).",
            Assert.Throws<ArgumentOutOfRangeException>(() => ItemCf.Fit(Build(), new CfOptions(), threads: -1)).Message);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
