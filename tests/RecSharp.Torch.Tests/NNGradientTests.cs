using RecSharp.Torch.NN;

namespace RecSharp.Torch.Tests;

/// <summary>Finite-difference checks (float64) of the gradients that flow through the nn modules.</summary>
public class NNGradientTests
{
    /// <summary>A fixed random projection turns any output into a scalar whose gradient has no symmetry.</summary>
    private static Tensor Projection(long[] shape)
    {
        var t = torch.Randn(shape, ScalarType.Float64);
        t.DetachFromDisposeScope();
        return t;
    }

    [Fact]
    public void LinearGradientsMatchFiniteDifferences()
    {
        torch.ManualSeed(1);
        using var linear = new Linear(3, 4, dtype: ScalarType.Float64);
        using var x = torch.Randn([5, 3], ScalarType.Float64, requiresGrad: true);
        using var r = Projection([5, 4]);
        NNGradCheck.AssertGradientsMatch(() => (linear.Forward(x) * r).Sum(), [x, linear.Weight, linear.Bias!]);
    }

    [Fact]
    public void EmbeddingGradientsMatchAndThePaddingRowGetsNone()
    {
        torch.ManualSeed(2);
        using var embedding = new Embedding(5, 3, paddingIdx: 0, dtype: ScalarType.Float64);
        using var ids = torch.Tensor(new long[] { 1, 0, 3, 3, 0, 4 }, 2, 3);
        using var r = Projection([2, 3, 3]);

        var (analytic, numeric) = NNGradCheck.Gradients(() => (embedding.Forward(ids) * r).Sum(), [embedding.Weight])[0];

        // Row 0 (padding) is used by the forward pass, so its numeric gradient is not zero, but it must receive none.
        Assert.Contains(numeric[..3], v => Math.Abs(v) > 1e-3);
        Assert.Equal(new double[3], analytic[..3]);
        NNGradCheck.AssertClose(analytic[3..], numeric[3..], 1e-6, 1e-5, "non-padding rows");
        Assert.Equal(new double[3], analytic[6..9]); // row 2 is never looked up
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void GruGradientsMatchFiniteDifferences(int layers)
    {
        torch.ManualSeed(3);
        using var gru = new GRU(inputSize: 3, hiddenSize: 2, numLayers: layers, batchFirst: true, dtype: ScalarType.Float64);
        using var x = torch.Randn([2, 4, 3], ScalarType.Float64, requiresGrad: true); // batch 2, 4 steps
        using var h0 = torch.Randn([layers, 2, 2], ScalarType.Float64, requiresGrad: true);
        using var rOut = Projection([2, 4, 2]);
        using var rHidden = Projection([layers, 2, 2]);

        Tensor Loss()
        {
            var (output, hidden) = gru.Forward(x, h0);
            return (output * rOut).Sum() + (hidden * rHidden).Sum();
        }

        NNGradCheck.AssertGradientsMatch(Loss, [x, h0, .. gru.FlatWeights]);
    }

    [Fact]
    public void LayerNormGradientsMatchFiniteDifferences()
    {
        torch.ManualSeed(4);
        using var norm = new LayerNorm(4, dtype: ScalarType.Float64);
        using (torch.NoGrad())
        {
            // Move the affine parameters off 1 and 0 so their gradients are exercised in general position.
            using var w = torch.Randn([4], ScalarType.Float64);
            using var b = torch.Randn([4], ScalarType.Float64);
            norm.Weight!.CopyFrom(w);
            norm.Bias!.CopyFrom(b);
        }
        using var x = torch.Randn([3, 4], ScalarType.Float64, requiresGrad: true);
        using var r = Projection([3, 4]);
        NNGradCheck.AssertGradientsMatch(() => (norm.Forward(x) * r).Sum(), [x, norm.Weight!, norm.Bias!]);
    }

    [Fact]
    public void SequentialMlpGradientsMatchFiniteDifferences()
    {
        torch.ManualSeed(5);
        using var mlp = new Sequential(new Linear(3, 4, dtype: ScalarType.Float64), new Tanh(), new Linear(4, 2, dtype: ScalarType.Float64));
        using var x = torch.Randn([2, 3], ScalarType.Float64, requiresGrad: true);
        using var r = Projection([2, 2]);
        NNGradCheck.AssertGradientsMatch(() => (mlp.Forward(x) * r).Sum(), [x, .. mlp.Parameters()]);
    }
}
