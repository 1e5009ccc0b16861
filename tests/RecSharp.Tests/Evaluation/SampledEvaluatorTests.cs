using RecSharp.Evaluation;
using RecSharp.Torch;

namespace RecSharp.Tests.Evaluation;

public class SampledEvaluatorTests
{
    [Fact]
    public void AveragesHitRateAndNdcgWithTiesAgainstTheTarget()
    {
        // Three users, 12 negatives each. User 0: target beats all (rank 0). User 1: 10 negatives tie with the
        // target, so it ranks 10th (0-based) and misses HR@10. User 2: 3 negatives higher (rank 3).
        var negatives = new float[36];
        for (int j = 0; j < 12; j++) negatives[12 + j] = j < 10 ? 0.5f : 0.1f;
        for (int j = 0; j < 3; j++) negatives[24 + j] = 2f;
        float[] targets = [1f, 0.5f, 1f];
        var table = new SampledEvaluator().Evaluate(targets, negatives, 12);
        Assert.Equal(3, table.UserCount);
        Assert.Equal(2.0 / 3, table["HitRate", 10], 1e-12);
        Assert.Equal((1.0 + 0 + 1 / Math.Log2(5)) / 3, table["NDCG", 10], 1e-12);
        Assert.Equal("12", table.Options["negatives"]);
    }

    [Fact]
    public void ScoreMatrixColumnZeroIsTheHeldOutItem()
    {
        using var scope = torch.NewDisposeScope();
        // user 0: target 3 vs 1, 2 -> rank 0; user 1: target 1 vs 1, 2 -> rank 2.
        var scores = torch.Tensor(new double[] { 3, 1, 2, 1, 1, 2 }, 2, 3);
        var table = new SampledEvaluator(new([RecSharp.Evaluation.Metrics.MetricKind.HitRate], [1, 3])).Evaluate(scores);
        Assert.Equal(0.5, table["HitRate", 1], 1e-12);
        Assert.Equal(1.0, table["HitRate", 3], 1e-12);
    }

    [Fact]
    public void WrongNegativeCountIsNamed()
    {
        var e = Assert.Throws<ArgumentException>(() => new SampledEvaluator().Evaluate([1f, 2f], new float[197], 99));
        Assert.StartsWith("2 users x 99 negatives need 198 negative scores but 197 were given", e.Message);
    }
}
