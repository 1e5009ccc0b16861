using RecSharp.Models.CollaborativeFiltering;
using static RecSharp.Tests.Models.CollaborativeFiltering.CfToyData;

namespace RecSharp.Tests.Models.CollaborativeFiltering;

/// <summary>Hand-computed user similarities and scores on the toy data (see <see cref="CfToyData"/>).</summary>
public class UserCfTests
{
    private static readonly double Sqrt6 = Math.Sqrt(6.0);

    [Fact]
    public void CosineWithIifIsTheDefault()
    {
        var model = UserCf.Fit(Build(), new CfOptions());
        // C(u0,u1) = w(1) + w(3) = 1/ln3 + 1/ln4 = 1.6315867 -> / sqrt(3*2) = 0.6660925
        // C(u0,u2) = w(2) + w(3) = 1/ln3 + 1/ln4             -> / sqrt(3*3) = 0.5438622
        // C(u1,u2) = w(3) = 1/ln4 = 0.7213475                -> / sqrt(2*3) = 0.2944889
        // C(u2,u3) = w(4) = 1/ln3 = 0.9102392                -> / sqrt(3*2) = 0.3716036
        AssertList(model.SimilarUsers(0, 10), (1, (InvLn3 + InvLn4) / Sqrt6), (2, (InvLn3 + InvLn4) / 3));
        AssertList(model.SimilarUsers(2, 10), (0, (InvLn3 + InvLn4) / 3), (3, InvLn3 / Sqrt6), (1, InvLn4 / Sqrt6));
        AssertList(model.SimilarUsers(3, 10), (2, InvLn3 / Sqrt6));
        Assert.Equal(0.5438622, model.SimilarUsers(0, 10)[1].Similarity, 7);
        Assert.Equal(0.3716036, model.SimilarUsers(3, 1)[0].Similarity, 7);
    }

    [Fact]
    public void CosineWithoutIif()
    {
        var model = UserCf.Fit(Build(), Plain(CfSimilarity.Cosine));
        AssertList(model.SimilarUsers(0, 10), (1, 2 / Sqrt6), (2, 2.0 / 3));
        AssertList(model.SimilarUsers(2, 10), (0, 2.0 / 3), (1, 1 / Sqrt6), (3, 1 / Sqrt6)); // tie u1/u3 -> smaller id
    }

    [Fact]
    public void CoOccurrenceCounts()
    {
        AssertList(UserCf.Fit(Build(), Plain(CfSimilarity.None)).SimilarUsers(0, 10), (1, 2.0), (2, 2.0));
        AssertList(UserCf.Fit(Build(), new CfOptions { Similarity = CfSimilarity.None }).SimilarUsers(2, 10),
            (0, InvLn3 + InvLn4), (3, InvLn3), (1, InvLn4)); // 1.6315867, 0.9102392, 0.7213475
    }

    [Fact]
    public void AsymmetricCosineAlphaOneIsConditionalProbability()
    {
        var model = UserCf.Fit(Build(), Plain(CfSimilarity.Asymmetric) with { Alpha = 1.0 });
        AssertList(model.SimilarUsers(1, 10), (0, 1.0), (2, 0.5));     // C / |N(u1)| = 2/2, 1/2
        AssertList(model.SimilarUsers(0, 10), (1, 2.0 / 3), (2, 2.0 / 3)); // C / |N(u0)| = 2/3, 2/3
    }

    [Fact]
    public void IufOptionDoesNotAffectUserCf()
    {
        var a = UserCf.Fit(Build(), Plain(CfSimilarity.Cosine));
        var b = UserCf.Fit(Build(), Plain(CfSimilarity.Cosine) with { InverseUserFrequency = true });
        Assert.Equal(a.SimilarUsers(2, 10), b.SimilarUsers(2, 10));
    }

    [Fact]
    public void RecommendSumsNeighbourSimilarities()
    {
        var model = UserCf.Fit(Build(), new CfOptions());
        // u1 = {1, 3}; neighbours u0 (0.6660925, items 1 2 3) and u2 (0.2944889, items 2 3 4):
        // item 2 <- 0.6660925 + 0.2944889 = 0.9605814; item 4 <- 0.2944889.
        AssertList(model.Recommend(1, 5), (2, (InvLn3 + InvLn4) / Sqrt6 + InvLn4 / Sqrt6), (4, InvLn4 / Sqrt6));
        Assert.Equal(0.9605814, model.Recommend(1, 1)[0].Score, 7);
        // u3 = {4, 5}; only neighbour u2 (0.3716036): items 2 and 3 tie; smaller id first.
        AssertList(model.Recommend(3, 5), (2, InvLn3 / Sqrt6), (3, InvLn3 / Sqrt6));
        // Without exclusion u3 also gets its own item 4 from u2.
        AssertList(model.Recommend(3, 5, excludeSeen: false), (2, InvLn3 / Sqrt6), (3, InvLn3 / Sqrt6), (4, InvLn3 / Sqrt6));
    }

    [Fact]
    public void RecommendWithTopKOne()
    {
        var model = UserCf.Fit(Build(), Plain(CfSimilarity.Cosine) with { TopK = 1 });
        // u2 keeps only u0 (2/3); u0's unseen item for u2 is item 1.
        AssertList(model.Recommend(2, 5), (1, 2.0 / 3));
        Assert.Equal(new[] { 2.0 / 3, 2.0 / 3, 0.0 }, model.Score(2, new[] { 1, 2, 5 }));
    }

    [Fact]
    public void SimilarUsersRangeError()
    {
        var model = UserCf.Fit(Build(), new CfOptions());
        Assert.StartsWith("user must be in 0..3.", Assert.Throws<ArgumentOutOfRangeException>(() => model.SimilarUsers(-1, 1)).Message);
    }
}
