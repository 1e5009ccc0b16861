using RecSharp.Models.Sequential;
using RecSharp.Tests.Retrieval;
using RecSharp.Torch;

namespace RecSharp.Tests.Models.Sequential;

// MIND's routing draws its logits from libtorch's global generator inside the loss the finite differences evaluate:
// no other test may draw from it meanwhile.
[Collection(SerialEngineCollection.Name)]
public class CapsuleRoutingTests
{
    // K = 2 interests, L = 2 positions, d = 2: mapped[k][l] = û for interest k at position l.
    private static readonly double[][][] Mapped =
    [
        [[1.0, 0.0], [0.0, 2.0]],
        [[0.5, 0.5], [-1.0, 1.0]],
    ];

    private static Tensor MappedTensor(double[][][] mapped) =>
        torch.Tensor(mapped.SelectMany(k => k.SelectMany(l => l)).ToArray(), 1, mapped.Length, mapped[0].Length, mapped[0][0].Length);

    [Theory]
    [InlineData(3.0, 4.0)]   // |s|^2 = 25: scale 25/26/5
    [InlineData(0.3, -0.4)]  // |s|^2 = 0.25: scale 0.25/1.25/0.5
    [InlineData(0.0, 0.0)]   // zero stays zero (the epsilon keeps it finite)
    public void SquashScalesByNormOverOnePlusNormSquared(double x, double y)
    {
        double n = x * x + y * y;
        double scale = n / (1 + n) / Math.Sqrt(n + 1e-9);
        using var s = torch.Tensor(new[] { x, y }, 1, 2);
        using var squashed = CapsuleRouting.Squash(s);
        var got = squashed.ToArray<double>();
        Assert.Equal(scale * x, got[0], 12);
        Assert.Equal(scale * y, got[1], 12);
        Assert.True(double.IsFinite(got[0]) && double.IsFinite(got[1]));
    }

    [Fact]
    public void OneIterationWithZeroLogitsIsTheSquashedHalfSum()
    {
        // softmax over K = 2 of zero logits is 1/2 everywhere: s_0 = (0.5, 1), s_1 = (-0.25, 0.75).
        using var scope = torch.NewDisposeScope();
        var got = CapsuleRouting.Route(MappedTensor(Mapped), torch.Tensor(new float[] { 1, 1 }, 1, 2),
            torch.Zeros([1, 2, 2], ScalarType.Float64), 1).ToArray<double>();
        var s0 = CapsuleRoutingReference.Squash([0.5, 1.0]);
        var s1 = CapsuleRoutingReference.Squash([-0.25, 0.75]);
        // By hand: |s_0|^2 = 1.25 -> scale 1.25 / 2.25 / sqrt(1.25) = 0.496903; s_0 -> (0.248452, 0.496904).
        Assert.Equal(0.2484519975, s0[0], 8);
        double[] expected = [.. s0, .. s1];
        for (int i = 0; i < 4; i++) Assert.Equal(expected[i], got[i], 10);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RoutingMatchesThePlainLoops(int iterations)
    {
        using var scope = torch.NewDisposeScope();
        double[][] zero = [[0, 0], [0, 0]];
        var (expected, _) = CapsuleRoutingReference.Route(Mapped, [1, 1], zero, iterations);
        var got = CapsuleRouting.Route(MappedTensor(Mapped), torch.Tensor(new float[] { 1, 1 }, 1, 2),
            torch.Zeros([1, 2, 2], ScalarType.Float64), iterations).ToArray<double>();
        var flat = expected.SelectMany(r => r).ToArray();
        for (int i = 0; i < flat.Length; i++) Assert.Equal(flat[i], got[i], 10);
    }

    [Fact]
    public void SecondIterationShiftsWeightTowardsAgreeingInterest()
    {
        // After iteration 1, position 1 agrees more with interest 0 (<s_0, (0, 2)> = 0.99) than with interest 1
        // (<s_1, (-1, 1)> ~ 0.47): its weight for interest 0 must grow above 1/2.
        double[][] zero = [[0, 0], [0, 0]];
        var (_, weights) = CapsuleRoutingReference.Route(Mapped, [1, 1], zero, 2);
        Assert.True(weights[0][1] > 0.5);
        Assert.Equal(1.0, weights[0][1] + weights[1][1], 12);
    }

    [Fact]
    public void PaddedPositionGetsNoWeight()
    {
        using var scope = torch.NewDisposeScope();
        double[][] logits = [[0.3, -1.2], [0.7, 2.0]];
        var (expected, _) = CapsuleRoutingReference.Route(Mapped, [1, 0], logits, 3);
        // Only position 0 counts: the same as routing a history of length 1.
        var (alone, _) = CapsuleRoutingReference.Route([[Mapped[0][0]], [Mapped[1][0]]], [1], [[0.3], [0.7]], 3);
        Assert.Equal(alone.SelectMany(r => r), expected.SelectMany(r => r));
        var got = CapsuleRouting.Route(MappedTensor(Mapped), torch.Tensor(new float[] { 1, 0 }, 1, 2),
            torch.Tensor(logits.SelectMany(r => r).ToArray(), 1, 2, 2), 3).ToArray<double>();
        var flat = expected.SelectMany(r => r).ToArray();
        for (int i = 0; i < flat.Length; i++) Assert.Equal(flat[i], got[i], 10);
    }

    [Fact]
    public void PerPositionMapAppliesEachPositionsOwnMatrix()
    {
        using var scope = torch.NewDisposeScope();
        using var routing = new CapsuleRouting(dim: 2, maxLength: 2, interests: 2, CapsuleBilinear.PerPosition, dtype: ScalarType.Float64);
        // W[l] is [K*d, d]: rows 0-1 map into interest 0, rows 2-3 into interest 1.
        double[] w = [1, 2, 3, 4, /* */ 0, 1, 1, 0, /* position 1: */ 2, 0, 0, 2, /* */ -1, 0, 0, -1];
        var weight = routing.NamedParameters().Single(p => p.Name == "bilinear_weight").Parameter;
        using (torch.NoGrad()) weight.CopyFrom(torch.Tensor(w, 2, 4, 2));
        var items = torch.Tensor(new double[] { 1, 1, /* */ 3, -1 }, 1, 2, 2);
        var mapped = routing.Map(items).ToArray<double>(); // [1, K=2, L=2, d=2]
        // k=0,l=0: [[1,2],[3,4]]·(1,1) = (3, 7); k=0,l=1: [[2,0],[0,2]]·(3,-1) = (6, -2)
        // k=1,l=0: [[0,1],[1,0]]·(1,1) = (1, 1); k=1,l=1: [[-1,0],[0,-1]]·(3,-1) = (-3, 1)
        Assert.Equal([3, 7, 6, -2, 1, 1, -3, 1], mapped);
    }

    [Theory]
    [InlineData(null, 0.125)] // default 1/sqrt(d) for d = 64: a mapped item keeps about the item's norm
    [InlineData(1.0, 1.0)]    // the authors' N(0, 1)
    public void PerPositionMapsAreDrawnWithTheConfiguredScale(double? std, double expected)
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(7);
        using var routing = new CapsuleRouting(dim: 64, maxLength: 20, interests: 4, CapsuleBilinear.PerPosition, perPositionInitStd: std);
        Assert.Equal(expected, routing.PerPositionInitStd, 12);
        var w = routing.NamedParameters().Single(p => p.Name == "bilinear_weight").Parameter.ToArray<float>();
        double mean = w.Average(v => (double)v);
        double sd = Math.Sqrt(w.Average(v => ((double)v - mean) * ((double)v - mean)));
        // 327,680 draws: the sample sd is within 1 % of the true one with overwhelming probability.
        Assert.InRange(sd, 0.99 * expected, 1.01 * expected);
        Assert.InRange(mean, -0.01 * expected, 0.01 * expected);
    }

    [Fact]
    public void PerPositionInitStdMustBePositive()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new CapsuleRouting(dim: 4, maxLength: 2, interests: 2, CapsuleBilinear.PerPosition, perPositionInitStd: 0));
        Assert.StartsWith("the per-position maps' initial standard deviation must be positive and finite", e.Message);
    }

    [Fact]
    public void ComiRecDrPassesItsConfiguredInitStdToTheRouting()
    {
        using var model = new ComiRecDr(new SequentialModelConfig { NumItems = 10, Dim = 16, MaxLength = 4, PerPositionInitStd = 0.5 });
        Assert.Equal(0.5, model.Routing.PerPositionInitStd);
        using var defaults = new ComiRecDr(new SequentialModelConfig { NumItems = 10, Dim = 16, MaxLength = 4 });
        Assert.Equal(0.25, defaults.Routing.PerPositionInitStd, 12);
    }

    [Fact]
    public void SharedMapIsTheSameForEveryInterest()
    {
        using var scope = torch.NewDisposeScope();
        using var routing = new CapsuleRouting(dim: 2, maxLength: 3, interests: 3, CapsuleBilinear.Shared, dtype: ScalarType.Float64);
        var weight = routing.NamedParameters().Single(p => p.Name == "bilinear.weight").Parameter;
        using (torch.NoGrad()) weight.CopyFrom(torch.Tensor(new double[] { 1, 2, 0, -1 }, 2, 2));
        var mapped = routing.Map(torch.Tensor(new double[] { 1, 1, 2, 0 }, 1, 2, 2)).ToArray<double>();
        // y = W x: (1,1) -> (3, -1); (2,0) -> (2, 0); repeated for K = 3
        Assert.Equal([3, -1, 2, 0, 3, -1, 2, 0, 3, -1, 2, 0], mapped);
    }

    [Fact]
    public void OneIterationMatchesFiniteDifferences()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(11);
        using var routing = new CapsuleRouting(dim: 3, maxLength: 3, interests: 2, CapsuleBilinear.PerPosition, iterations: 1, dtype: ScalarType.Float64);
        var items = torch.Randn([2, 3, 3], ScalarType.Float64).RequiresGrad_();
        var mask = torch.Tensor(new float[] { 1, 1, 1, 1, 1, 0 }, 2, 3);
        var probe = torch.Randn([2, 2, 3], ScalarType.Float64);
        Func<Tensor> loss = () => routing.Forward(items, mask).Mul(probe).Sum();
        var inputs = new List<(string, Tensor)> { ("items", items) };
        inputs.AddRange(routing.NamedParameters().Select(p => (p.Name, (Tensor)p.Parameter)));
        CapsuleRoutingGradCheck.AssertMatches(loss, inputs);
    }

    [Fact]
    public void MindRoutingWithOneIterationMatchesFiniteDifferencesForAFixedSeed()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(12);
        using var routing = new CapsuleRouting(dim: 3, maxLength: 3, interests: 2, CapsuleBilinear.Shared, iterations: 1,
            reluProjection: true, dtype: ScalarType.Float64);
        var items = torch.Randn([2, 3, 3], ScalarType.Float64).RequiresGrad_();
        var mask = torch.Tensor(new float[] { 1, 1, 1, 1, 0, 0 }, 2, 3);
        var probe = torch.Randn([2, 2, 3], ScalarType.Float64);
        Func<Tensor> loss = () =>
        {
            torch.ManualSeed(99); // the routing logits are drawn inside: the same draw for every evaluation
            return routing.Forward(items, mask).Mul(probe).Sum();
        };
        var inputs = new List<(string, Tensor)> { ("items", items) };
        inputs.AddRange(routing.NamedParameters().Select(p => (p.Name, (Tensor)p.Parameter)));
        CapsuleRoutingGradCheck.AssertMatches(loss, inputs);
    }

    [Fact]
    public void GradientFlowsOnlyThroughTheLastIteration()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(13);
        var mapped = torch.Randn([2, 2, 3, 2], ScalarType.Float64).RequiresGrad_();
        var mask = torch.Tensor(new float[] { 1, 1, 1, 1, 1, 0 }, 2, 3);
        var logits = torch.Randn([2, 2, 3], ScalarType.Float64);
        var probe = torch.Randn([2, 2, 2], ScalarType.Float64);
        Func<Tensor> loss = () => CapsuleRouting.Route(mapped, mask, logits, 3).Mul(probe).Sum();
        var analytic = CapsuleRoutingGradCheck.Analytic(loss, mapped);

        // The same loss with the final routing weights frozen as constants (computed by the plain loops): its
        // gradient is the whole gradient when the first two iterations are stop-gradient.
        var weights = new double[2 * 2 * 3];
        var values = mapped.ToArray<double>();
        var logitValues = logits.ToArray<double>();
        var maskValues = new double[] { 1, 1, 1, 1, 1, 0 };
        for (int b = 0; b < 2; b++)
        {
            var m = Enumerable.Range(0, 2).Select(k => Enumerable.Range(0, 3).Select(l =>
                new[] { values[((b * 2 + k) * 3 + l) * 2], values[((b * 2 + k) * 3 + l) * 2 + 1] }).ToArray()).ToArray();
            var lg = Enumerable.Range(0, 2).Select(k => Enumerable.Range(0, 3).Select(l => logitValues[(b * 2 + k) * 3 + l]).ToArray()).ToArray();
            var (_, w) = CapsuleRoutingReference.Route(m, maskValues.Skip(b * 3).Take(3).ToArray(), lg, 3);
            for (int k = 0; k < 2; k++)
                for (int l = 0; l < 3; l++) weights[(b * 2 + k) * 3 + l] = w[k][l];
        }
        var frozen = torch.Tensor(weights, 2, 2, 1, 3);
        Func<Tensor> frozenLoss = () => CapsuleRouting.Squash(frozen.MatMul(mapped)).Squeeze(2).Mul(probe).Sum();
        Assert.Equal(loss().ToDouble(), frozenLoss().ToDouble(), 10);
        CapsuleRoutingGradCheck.AssertClose(analytic, CapsuleRoutingGradCheck.Analytic(frozenLoss, mapped), 1e-9, 1e-7, "stop-gradient");

        // The full derivative (through the routing logits too) is different: the detach is what removes it.
        var numeric = CapsuleRoutingGradCheck.Numeric(loss, mapped);
        Assert.Contains(Enumerable.Range(0, numeric.Length), j => Math.Abs(numeric[j] - analytic[j]) > 1e-4);
    }

    [Fact]
    public void RejectsHistoriesLongerThanThePerPositionMaps()
    {
        using var scope = torch.NewDisposeScope();
        using var routing = new CapsuleRouting(dim: 2, maxLength: 2, interests: 2, CapsuleBilinear.PerPosition);
        var ex = Assert.Throws<ArgumentException>(() => routing.Forward(torch.Zeros(1, 3, 2), torch.Ones(1, 3)));
        Assert.StartsWith("CapsuleRouting: the history has 3 positions but the per-position maps were built for at most 2 (config MaxLength)", ex.Message);
    }
}
