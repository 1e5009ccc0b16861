using RecSharp.Torch.NN;

namespace RecSharp.Torch.Tests;

/// <summary>Forward values of the nn layers against hand-computed results, and their default initialisations.</summary>
public class NNLayerTests
{
    private static void SetData(Tensor target, double[] values)
    {
        using var noGrad = torch.NoGrad();
        using var source = torch.FromSpan<double>(values, target.Shape);
        using var converted = source.To(target.DType);
        target.CopyFrom(converted);
    }

    [Fact]
    public void LinearComputesXWTransposePlusB()
    {
        using var linear = new Linear(2, 3);
        SetData(linear.Weight, [1, 2, 3, 4, 5, 6]);
        SetData(linear.Bias!, [0.5, -1, 2]);
        using var x = torch.Tensor(new float[] { 1, -1, 2, 0.5f }, 2, 2);
        using var y = linear.Forward(x);
        Assert.Equal(new long[] { 2, 3 }, y.Shape);
        Assert.Equal(new float[] { -0.5f, -2, 1, 3.5f, 7, 15 }, y.ToArray<float>());
    }

    [Fact]
    public void LinearWithoutBiasHasOnlyAWeight()
    {
        using var linear = new Linear(4, 2, hasBias: false);
        Assert.Null(linear.Bias);
        Assert.Equal(["weight"], linear.NamedParameters().Select(p => p.Name));
        using var state = new DisposingState(linear.StateDict());
        Assert.Equal(["weight"], state.Dict.Keys);
    }

    [Fact]
    public void LinearDefaultInitIsUniformWithinOneOverSqrtFanIn()
    {
        torch.ManualSeed(7);
        using var linear = new Linear(16, 200);
        double bound = 1 / Math.Sqrt(16);
        var w = linear.Weight.ToArray<float>();
        var b = linear.Bias!.ToArray<float>();
        Assert.All(w, v => Assert.InRange(v, -bound, bound));
        Assert.All(b, v => Assert.InRange(v, -bound, bound));
        // 3200 uniform draws: the extremes come close to the bound, which a too-narrow init would not reach.
        Assert.True(w.Max() > 0.95 * bound && w.Min() < -0.95 * bound, $"weights span [{w.Min()}, {w.Max()}], bound {bound}");
        Assert.True(linear.Weight.RequiresGrad && linear.Weight.IsLeaf);
    }

    [Fact]
    public void InitsAreReproducibleUnderTheGlobalSeed()
    {
        // The generator is process-wide and other test classes run in parallel; a draw by another thread between
        // seeding and initialising would break one attempt, but not three in a row.
        bool same = false;
        for (int attempt = 0; attempt < 3 && !same; attempt++)
        {
            torch.ManualSeed(11);
            using var a = new Linear(3, 3);
            torch.ManualSeed(11);
            using var b = new Linear(3, 3);
            same = a.Weight.ToArray<float>().SequenceEqual(b.Weight.ToArray<float>()) && a.Bias!.ToArray<float>().SequenceEqual(b.Bias!.ToArray<float>());
        }
        Assert.True(same);
    }

    [Fact]
    public void EmbeddingStartsStandardNormalWithAZeroPaddingRow()
    {
        torch.ManualSeed(8);
        using var embedding = new Embedding(1000, 16, paddingIdx: -1);
        Assert.Equal(999, embedding.PaddingIdx);
        var w = embedding.Weight.ToArray<float>();
        Assert.Equal(new float[16], w[(999 * 16)..]);
        var drawn = w[..(999 * 16)];
        double mean = drawn.Average(v => (double)v);
        double std = Math.Sqrt(drawn.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, -0.05, 0.05);
        Assert.InRange(std, 0.95, 1.05);
    }

    [Fact]
    public void EmbeddingLooksUpRowsAndKeepsThePaddingRowZeroUnderTraining()
    {
        using var embedding = new Embedding(3, 2, paddingIdx: 1);
        SetData(embedding.Weight, [1, 2, 0, 0, 5, 6]);
        using var ids = torch.Tensor(new long[] { 2, 1, 0 }, 3);
        using var y = embedding.Forward(ids);
        Assert.Equal(new float[] { 5, 6, 0, 0, 1, 2 }, y.ToArray<float>());

        using var opt = new Optim.SGD(embedding.Parameters(), lr: 1);
        using (var scope = torch.NewDisposeScope())
            embedding.Forward(ids).Sum().Backward();
        opt.Step();
        Assert.Equal(new float[] { 0, 1, 0, 0, 4, 5 }, embedding.Weight.ToArray<float>());
    }

    [Fact]
    public void EmbeddingRejectsAPaddingIndexOutsideTheTable()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new Embedding(4, 2, paddingIdx: 4));
        Assert.StartsWith("padding_idx must be within [-4, 4)", e.Message);
    }

    [Fact]
    public void EmbeddingFromPretrainedCopiesAndFreezes()
    {
        using var weights = torch.Tensor(new float[] { 1, 2, 3, 4 }, 2, 2);
        using var embedding = Embedding.FromPretrained(weights);
        Assert.False(embedding.Weight.RequiresGrad);
        using (torch.NoGrad()) weights.Fill_(0);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, embedding.Weight.ToArray<float>());
    }

    [Fact]
    public void DropoutIsIdentityInEvalAndScalesSurvivorsInTraining()
    {
        torch.ManualSeed(9);
        using var dropout = new Dropout(0.5);
        using var x = torch.Ones(1000);

        using (var y = dropout.Forward(x))
        {
            var v = y.ToArray<float>();
            Assert.All(v, e => Assert.True(e == 0 || e == 2, $"unexpected value {e}"));
            Assert.InRange(v.Count(e => e == 0), 400, 600);
        }

        dropout.Eval();
        using var x2 = torch.Randn(50);
        using var z = dropout.Forward(x2);
        Assert.Equal(x2.ToArray<float>(), z.ToArray<float>());
    }

    [Fact]
    public void LayerNormNormalisesTheLastDimension()
    {
        using var norm = new LayerNorm(4, dtype: ScalarType.Float64);
        using var x = torch.Tensor(new double[] { 1, 2, 3, 4, 10, 10, 10, 14 }, 2, 4);
        using var y = norm.Forward(x);
        // Row 1: mean 2.5, biased variance 1.25. Row 2: mean 11, variance 3.
        double s1 = Math.Sqrt(1.25 + 1e-5), s2 = Math.Sqrt(3 + 1e-5);
        var expected = new[] { -1.5 / s1, -0.5 / s1, 0.5 / s1, 1.5 / s1, -1 / s2, -1 / s2, -1 / s2, 3 / s2 };
        NNGradCheck.AssertClose(y.ToArray<double>(), expected, 1e-12, 1e-12, "layer norm");

        SetData(norm.Weight!, [1, 2, 3, 4]);
        SetData(norm.Bias!, [1, 1, 1, 1]);
        using var y2 = norm.Forward(x);
        Assert.Equal(1 + 4 * 1.5 / s1, y2.ToArray<double>()[3], 12);
    }

    [Fact]
    public void GruOneLayerMatchesTheGateEquationsStepByStep()
    {
        torch.ManualSeed(10);
        const int inSize = 2, hidden = 3, steps = 2, batch = 2;
        using var gru = new GRU(inSize, hidden, dtype: ScalarType.Float64);
        using var x = torch.Randn([steps, batch, inSize], ScalarType.Float64);
        var (output, hN) = gru.Forward(x);
        using var _o = output;
        using var _h = hN;

        var wIh = gru.FlatWeights[0].ToArray<double>();
        var wHh = gru.FlatWeights[1].ToArray<double>();
        var bIh = gru.FlatWeights[2].ToArray<double>();
        var bHh = gru.FlatWeights[3].ToArray<double>();
        var xs = x.ToArray<double>();

        var expected = new double[steps * batch * hidden];
        var h = new double[batch, hidden]; // h0 = 0
        for (int t = 0; t < steps; t++)
        {
            var next = new double[batch, hidden];
            for (int b = 0; b < batch; b++)
                for (int j = 0; j < hidden; j++)
                {
                    // Gate row g*H + j of W_ih (H x in) and W_hh (H x H); gates stacked r, z, n.
                    double Ix(int g) { double s = bIh[g * hidden + j]; for (int k = 0; k < inSize; k++) s += wIh[(g * hidden + j) * inSize + k] * xs[(t * batch + b) * inSize + k]; return s; }
                    double Hh(int g) { double s = bHh[g * hidden + j]; for (int k = 0; k < hidden; k++) s += wHh[(g * hidden + j) * hidden + k] * h[b, k]; return s; }
                    double r = Sigmoid(Ix(0) + Hh(0));
                    double z = Sigmoid(Ix(1) + Hh(1));
                    double n = Math.Tanh(Ix(2) + r * Hh(2));
                    next[b, j] = (1 - z) * n + z * h[b, j];
                    expected[(t * batch + b) * hidden + j] = next[b, j];
                }
            h = next;
        }

        Assert.Equal(new long[] { steps, batch, hidden }, output.Shape);
        Assert.Equal(new long[] { 1, batch, hidden }, hN.Shape);
        NNGradCheck.AssertClose(output.ToArray<double>(), expected, 1e-12, 1e-10, "GRU output");
        NNGradCheck.AssertClose(hN.ToArray<double>(), expected[(batch * hidden)..], 1e-12, 1e-10, "GRU h_n");
    }

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    [Fact]
    public void GruBatchFirstAndUnbatchedAgreeWithSequenceFirst()
    {
        torch.ManualSeed(12);
        using var seqFirst = new GRU(3, 4, numLayers: 2);
        using var batchFirst = new GRU(3, 4, numLayers: 2, batchFirst: true);
        using (var state = new DisposingState(seqFirst.StateDict())) batchFirst.LoadStateDict(state.Dict);

        using var scope = torch.NewDisposeScope();
        var x = torch.Randn(5, 2, 3); // (T, B, in)
        var (o1, h1) = seqFirst.Forward(x);
        var (o2, h2) = batchFirst.Forward(x.Transpose(0, 1));
        Assert.Equal(new long[] { 2, 5, 4 }, o2.Shape);
        Assert.Equal(new long[] { 2, 2, 4 }, h2.Shape);
        Assert.Equal(o1.Transpose(0, 1).Contiguous().ToArray<float>(), o2.ToArray<float>());
        Assert.Equal(h1.ToArray<float>(), h2.ToArray<float>());

        var (o3, h3) = seqFirst.Forward(x.Select(1, 1)); // unbatched (T, in): the second sequence alone
        Assert.Equal(new long[] { 5, 4 }, o3.Shape);
        Assert.Equal(new long[] { 2, 4 }, h3.Shape);
        NNGradCheck.AssertClose(o3.To(ScalarType.Float64).ToArray<double>(), o1.Select(1, 1).Contiguous().To(ScalarType.Float64).ToArray<double>(), 1e-6, 0, "unbatched");
    }

    [Fact]
    public void GruNamesItsParametersLikePyTorch()
    {
        using var gru = new GRU(3, 4, numLayers: 2);
        Assert.Equal(
            ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1"],
            gru.NamedParameters().Select(p => p.Name));
        Assert.Equal(new long[] { 12, 3 }, gru.FlatWeights[0].Shape);
        Assert.Equal(new long[] { 12, 4 }, gru.FlatWeights[4].Shape);
        double bound = 0.5; // 1/sqrt(4)
        Assert.All(gru.Parameters(), p => Assert.All(p.ToArray<float>(), v => Assert.InRange(v, -bound, bound)));
    }

    [Fact]
    public void GruRejectsBadShapesClearly()
    {
        using var gru = new GRU(3, 4);
        using var x = torch.Zeros(5, 2, 2);
        var e = Assert.Throws<ArgumentException>(() => gru.Forward(x));
        Assert.StartsWith("GRU expects input of shape (T, B, 3), (B, T, 3) with batch_first, or (T, 3); got [5, 2, 2]", e.Message);

        using var good = torch.Zeros(5, 2, 3);
        using var h0 = torch.Zeros(1, 3, 4);
        e = Assert.Throws<ArgumentException>(() => gru.Forward(good, h0));
        Assert.StartsWith("GRU expects h0 of shape [1, 2, 4], got [1, 3, 4]", e.Message);
    }

    [Fact]
    public void InitSchemesUseTheirDocumentedBounds()
    {
        torch.ManualSeed(13);
        using var t = torch.Empty([300, 100]);
        Init.XavierUniform(t, gain: 2);
        double xavier = 2 * Math.Sqrt(6.0 / 400);
        var v = t.ToArray<float>();
        Assert.All(v, e => Assert.InRange(e, -xavier, xavier));
        Assert.True(v.Max() > 0.99 * xavier);

        Init.KaimingUniform(t, nonlinearity: Nonlinearity.Relu);
        double kaiming = Math.Sqrt(2) * Math.Sqrt(3.0 / 100);
        v = t.ToArray<float>();
        Assert.All(v, e => Assert.InRange(e, -kaiming, kaiming));
        Assert.True(v.Max() > 0.99 * kaiming);

        Init.KaimingNormal(t, mode: FanMode.FanOut, nonlinearity: Nonlinearity.Relu);
        v = t.ToArray<float>();
        double std = Math.Sqrt(v.Average(e => (double)e * e));
        Assert.InRange(std, 0.97 * Math.Sqrt(2.0 / 300), 1.03 * Math.Sqrt(2.0 / 300));

        Init.Constant(t, 0.25);
        Assert.All(t.ToArray<float>(), e => Assert.Equal(0.25f, e));

        Assert.Equal(5.0 / 3, Init.CalculateGain(Nonlinearity.Tanh));
        Assert.Equal(Math.Sqrt(2 / (1 + 0.2 * 0.2)), Init.CalculateGain(Nonlinearity.LeakyRelu, 0.2));
        Assert.Equal((100L, 300L), Init.CalculateFanInAndFanOut(t));
    }

    [Fact]
    public void InitWorksInPlaceOnParametersThatRequireGrad()
    {
        using var linear = new Linear(2, 2);
        Init.Zeros(linear.Weight);
        Assert.Equal(new float[4], linear.Weight.ToArray<float>());
        Assert.True(linear.Weight.RequiresGrad);
    }

    [Fact]
    public void FanCannotBeComputedForVectors()
    {
        using var v = torch.Zeros(3);
        var e = Assert.Throws<ArgumentException>(() => Init.XavierUniform(v));
        Assert.StartsWith("fan in and fan out cannot be computed for a tensor with fewer than 2 dimensions (shape [3])", e.Message);
    }
}

/// <summary>Disposes every tensor of a state dict at the end of a using block.</summary>
internal sealed class DisposingState(OrderedDictionary<string, Tensor> dict) : IDisposable
{
    public OrderedDictionary<string, Tensor> Dict { get; } = dict;

    public void Dispose()
    {
        foreach (var t in Dict.Values) t.Dispose();
    }
}
