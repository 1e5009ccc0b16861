using RecSharp.Torch;
using RecSharp.Visualization;

namespace RecSharp.Tests.Visualization;

/// <summary>Tsne.ExactCost scores any finished layout (e.g. a Barnes-Hut one) by KL against the dense affinities.</summary>
public class TsneExactCostTests
{
    // An equilateral triangle (all squared distances 1): with perplexity 2 = n - 1 each point splits its mass 1/2, 1/2
    // over the other two, so every joint affinity is (1/2 + 1/2) / (2·3) = 1/6.
    private static Tensor Triangle() => torch.Tensor(new[] { 0.0, 0.0, 1.0, 0.0, 0.5, Math.Sqrt(3) / 2 }, 3, 2);

    [Fact]
    public void AnEquilateralLayoutOfAnEquilateralInputCostsNothing()
    {
        using var points = Triangle();
        var layout = new TsneResult([0, 0, 2, 0, 1, Math.Sqrt(3)], 3, 2, [0, 1, 2], double.NaN, null);
        Assert.Equal(0.0, Tsne.ExactCost(points, layout), 6);
    }

    [Fact]
    public void ACollinearLayoutCostsTheHandComputedKl()
    {
        using var points = Triangle();
        // Layout 0, 1, 3 on a line: w12 = 1/2, w13 = 1/10, w23 = 1/5, Z = 2 (1/2 + 1/10 + 1/5) = 1.6, so
        // q = 0.3125, 0.0625, 0.125 and KL = 2 · (1/6) · [ln(1/6 / 0.3125) + ln(1/6 / 0.0625) + ln(1/6 / 0.125)] = 0.2133008.
        var layout = new TsneResult([0, 0, 1, 0, 3, 0], 3, 2, [0, 1, 2], double.NaN, null);
        Assert.Equal(0.2133008, Tsne.ExactCost(points, layout), 6);
    }

    [Fact]
    public void OnAnExactRunItAgreesWithTheMethodsOwnFinalCost()
    {
        // 3 clusters x 20 points in 5-d; the exact method's final cost is taken on the layout before the last update,
        // so that step (a change of about 0.003 here) separates the two.
        var random = new Random(3);
        var data = new double[60 * 5];
        for (int i = 0; i < 60; i++)
            for (int d = 0; d < 5; d++)
                data[i * 5 + d] = (d == i % 3 ? 10.0 : 0.0) + random.NextDouble();
        using var points = torch.Tensor(data, 60, 5);
        var result = Tsne.Run(points, new TsneOptions { Perplexity = 10, Iterations = 400, Seed = 2, Precision = ScalarType.Float64, Method = TsneMethod.Exact });
        Assert.InRange(Math.Abs(result.FinalCost - Tsne.ExactCost(points, result, perplexity: 10)), 0, 0.01);
    }

    [Fact]
    public void ASubsampledLayoutIsScoredAgainstItsOwnSourceRows()
    {
        // Row 0 is far away and not in the layout; rows 1..3 are the triangle, drawn equilateral.
        using var points = torch.Tensor(new[] { 50.0, 50.0, 0.0, 0.0, 1.0, 0.0, 0.5, Math.Sqrt(3) / 2 }, 4, 2);
        var layout = new TsneResult([0, 0, 2, 0, 1, Math.Sqrt(3)], 3, 2, [1, 2, 3], double.NaN, null);
        Assert.Equal(0.0, Tsne.ExactCost(points, layout), 6);
    }
}
