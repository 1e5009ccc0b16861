using RecSharp.Evaluation.Metrics;

namespace RecSharp.Tests.Evaluation;

public class SampledRankingTests
{
    [Fact]
    public void TiesRankAgainstTheHeldOutItem()
    {
        float[] negatives = [0.9f, 0.5f, 0.1f, 0.5f];
        // 0.9 is higher and both 0.5s tie: three negatives rank above the target.
        Assert.Equal(3, SampledRanking.RankOfTarget(0.5f, negatives));
        Assert.Equal(0.0, SampledRanking.HitRate(0.5f, negatives, 3));
        Assert.Equal(1.0, SampledRanking.HitRate(0.5f, negatives, 4));
        Assert.Equal(0.43067655807339306, SampledRanking.Ndcg(0.5f, negatives, 10), 1e-12); // 1/log2(5)
    }

    [Fact]
    public void ConstantScoresGiveNoCredit()
    {
        var negatives = Enumerable.Repeat(1f, 99).ToArray();
        Assert.Equal(99, SampledRanking.RankOfTarget(1f, negatives));
        Assert.Equal(0.0, SampledRanking.HitRate(1f, negatives, 10));
        Assert.Equal(0.0, SampledRanking.Ndcg(1f, negatives, 10));
    }

    [Fact]
    public void TopScoreRanksFirst()
    {
        Assert.Equal(0, SampledRanking.RankOfTarget(2f, [1f, 0f]));
        Assert.Equal(1.0, SampledRanking.Ndcg(2f, [1f, 0f], 10));
    }

    [Fact]
    public void NaNScoresAreRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => SampledRanking.RankOfTarget(1f, [0f, float.NaN]));
        Assert.StartsWith("negative score 1 is NaN", e.Message);
    }
}
