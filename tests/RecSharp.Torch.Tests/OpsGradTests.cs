using RecSharp.Torch.NN;
using static RecSharp.Torch.Tests.GradCheck;
using F = RecSharp.Torch.NN.Functional;

namespace RecSharp.Torch.Tests;

/// <summary>
/// Finite-difference checks of the gradient of every differentiable op of the engine (float64).
/// Each case is a function of float64 inputs; integer arguments (indices, targets, masks) are constants.
/// </summary>
public class OpsGradTests
{
    private sealed record Case(Func<Tensor[], Tensor> F, GradInput[] Inputs);

    private static Case C(Func<Tensor[], Tensor> f, params GradInput[] inputs) => new(f, inputs);

    private static Tensor Long(params long[] values) => torch.Tensor(values);
    private static Tensor Double(params double[] values) => torch.Tensor(values);
    private static Tensor Long2(long[] values, params long[] shape) => torch.Tensor(values, shape);
    private static Tensor Bool(bool[] values, params long[] shape) => torch.Tensor(values, shape);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // ---- matrix products -------------------------------------------------------------------
        ["mm"] = C(x => x[0].Mm(x[1]), Normal(1, 3, 4), Normal(2, 4, 2)),
        ["matmul broadcast"] = C(x => x[0].MatMul(x[1]), Normal(1, 2, 3, 4), Normal(2, 4, 2)),
        ["matmul vector"] = C(x => x[0].MatMul(x[1]), Normal(1, 3, 4), Normal(2, 4)),
        ["bmm"] = C(x => x[0].Bmm(x[1]), Normal(1, 2, 3, 4), Normal(2, 2, 4, 2)),
        ["baddbmm"] = C(x => x[0].BAddBmm(x[1], x[2], beta: 0.5, alpha: 2), Normal(3, 2, 3, 2), Normal(1, 2, 3, 4), Normal(2, 2, 4, 2)),

        // ---- elementwise binary (with broadcasting) --------------------------------------------
        ["add alpha"] = C(x => x[0].Add(x[1], alpha: 2), Normal(1, 2, 3), Normal(2, 3)),
        ["sub alpha"] = C(x => x[0].Sub(x[1], alpha: 0.5), Normal(1, 2, 3), Normal(2, 2, 1)),
        ["mul"] = C(x => x[0].Mul(x[1]), Normal(1, 2, 3), Normal(2, 3)),
        ["div"] = C(x => x[0].Div(x[1]), Normal(1, 2, 3), Uniform(2, 0.5, 2, 2, 3)),
        ["pow tensor"] = C(x => x[0].Pow(x[1]), Uniform(1, 0.5, 2, 2, 3), Normal(2, 2, 3)),
        ["pow scalar 3"] = C(x => x[0].Pow(3), Normal(1, 2, 3)),
        ["pow scalar 0.5"] = C(x => x[0].Pow(0.5), Uniform(1, 0.5, 2, 2, 3)),
        ["maximum"] = C(x => x[0].Maximum(x[1]), Normal(1, 2, 3), Normal(2, 2, 3)),
        ["minimum"] = C(x => x[0].Minimum(x[1]), Normal(1, 2, 3), Normal(2, 2, 3)),
        ["operators"] = C(x => (x[0] * x[1] + 2.0 - x[0] / x[1]) * 3.0 - (1.0 - x[0]) + (-x[1]) + 2.0 / x[1],
            Normal(1, 2, 3), Uniform(2, 0.5, 2, 2, 3)),
        ["scalar arithmetic"] = C(x => x[0].Add(1.5).Sub(0.5).Mul(3).Div(4).RSub(2), Normal(1, 2, 3)),

        // ---- elementwise unary -----------------------------------------------------------------
        ["neg"] = C(x => x[0].Neg(), Normal(1, 2, 3)),
        ["exp"] = C(x => x[0].Exp(), Normal(1, 2, 3)),
        ["log"] = C(x => x[0].Log(), Uniform(1, 0.5, 2, 2, 3)),
        ["sqrt"] = C(x => x[0].Sqrt(), Uniform(1, 0.5, 2, 2, 3)),
        ["abs"] = C(x => x[0].Abs(), Normal(1, 2, 3)),
        ["square"] = C(x => x[0].Square(), Normal(1, 2, 3)),
        ["log1p"] = C(x => x[0].Log1p(), Uniform(1, 0, 2, 2, 3)),
        ["reciprocal"] = C(x => x[0].Reciprocal(), Uniform(1, 0.5, 2, 2, 3)),
        ["clamp both"] = C(x => x[0].Clamp(-0.5, 0.5), Normal(1, 3, 4)),
        ["clamp min"] = C(x => x[0].ClampMin(0.1), Normal(1, 3, 4)),
        ["clamp max"] = C(x => x[0].Clamp(max: -0.1), Normal(1, 3, 4)),
        ["sigmoid"] = C(x => x[0].Sigmoid(), Normal(1, 2, 3)),
        ["tanh"] = C(x => x[0].Tanh(), Normal(1, 2, 3)),
        ["relu"] = C(x => x[0].Relu(), Normal(1, 2, 3)),
        ["leaky_relu"] = C(x => x[0].LeakyRelu(0.2), Normal(1, 2, 3)),
        ["log_sigmoid"] = C(x => x[0].LogSigmoid(), Normal(1, 2, 3)),
        ["softplus"] = C(x => x[0].Softplus(), Normal(1, 2, 3)),
        ["sin"] = C(x => x[0].Sin(), Normal(1, 2, 3)),
        ["cos"] = C(x => x[0].Cos(), Normal(1, 2, 3)),
        ["gelu"] = C(x => F.Gelu(x[0]), Normal(1, 2, 3)),
        ["gelu tanh"] = C(x => F.Gelu(x[0], tanhApproximation: true), Normal(1, 2, 3)),
        ["triu"] = C(x => x[0].Triu(1), Normal(1, 2, 3, 3)),
        ["tril"] = C(x => x[0].Tril(), Normal(1, 3, 4)),

        // ---- reductions --------------------------------------------------------------------------
        ["sum all"] = C(x => x[0].Sum(), Normal(1, 2, 3)),
        ["sum dims keepdim"] = C(x => x[0].Sum([0, 2], keepDim: true), Normal(1, 2, 3, 4)),
        ["sum dim"] = C(x => x[0].Sum(1), Normal(1, 2, 3, 4)),
        ["mean all"] = C(x => x[0].Mean(), Normal(1, 2, 3)),
        ["mean dim keepdim"] = C(x => x[0].Mean(-1, keepDim: true), Normal(1, 2, 3, 4)),
        ["var all"] = C(x => x[0].Var(), Normal(1, 3, 4)),
        ["var dim biased keepdim"] = C(x => x[0].Var([1], unbiased: false, keepDim: true), Normal(1, 3, 4)),
        ["std dims"] = C(x => x[0].Std([0, 2]), Normal(1, 2, 3, 4)),
        ["max all"] = C(x => x[0].Max(), Normal(1, 3, 4)),
        ["min all"] = C(x => x[0].Min(), Normal(1, 3, 4)),
        ["max dim values"] = C(x => x[0].Max(1).Values, Normal(1, 2, 3, 4)),
        ["max dim keepdim values"] = C(x => x[0].Max(0, keepDim: true).Values, Normal(1, 3, 4)),
        ["min dim values"] = C(x => x[0].Min(-1).Values, Normal(1, 3, 4)),
        ["topk values last dim"] = C(x => x[0].TopK(2).Values, Normal(1, 3, 5)),
        ["topk values smallest dim 0"] = C(x => x[0].TopK(2, dim: 0, largest: false).Values, Normal(1, 4, 3)),
        ["sort values"] = C(x => x[0].Sort().Values, Normal(1, 3, 5)),
        ["sort values descending dim 0"] = C(x => x[0].Sort(dim: 0, descending: true).Values, Normal(1, 4, 3)),
        ["norm all"] = C(x => x[0].Norm(), Normal(1, 3, 4)),
        ["norm p1 dim"] = C(x => x[0].Norm(1, [1]), Normal(1, 3, 4)),
        ["norm dim keepdim"] = C(x => x[0].Norm(2, [0], keepDim: true), Normal(1, 3, 4)),
        ["logsumexp"] = C(x => F.LogSumExp(x[0], 1), Normal(1, 3, 4)),
        ["logsumexp keepdim"] = C(x => F.LogSumExp(x[0], 0, keepDim: true), Normal(1, 3, 4)),
        ["cumsum"] = C(x => x[0].CumSum(1), Normal(1, 3, 4)),

        // ---- shape --------------------------------------------------------------------------------
        ["reshape"] = C(x => x[0].Reshape(4, -1).Mul(x[1]), Normal(1, 2, 6), Normal(2, 4, 3)),
        ["view"] = C(x => x[0].View(3, 4).Mul(x[1]), Normal(1, 2, 6), Normal(2, 3, 4)),
        ["transpose"] = C(x => x[0].Transpose(0, 2).Mul(x[1]), Normal(1, 2, 3, 4), Normal(2, 4, 3, 2)),
        ["T"] = C(x => x[0].T.Mm(x[1]), Normal(1, 3, 2), Normal(2, 3, 4)),
        ["permute"] = C(x => x[0].Permute(2, 0, 1).Mul(x[1]), Normal(1, 2, 3, 4), Normal(2, 4, 2, 3)),
        ["unsqueeze"] = C(x => x[0].Unsqueeze(1).Mul(x[1]), Normal(1, 2, 3), Normal(2, 2, 4, 3)),
        ["squeeze dim"] = C(x => x[0].Squeeze(1).Mul(x[1]), Normal(1, 2, 1, 3), Normal(2, 2, 3)),
        ["squeeze all"] = C(x => x[0].Squeeze().Mul(x[1]), Normal(1, 1, 3, 1), Normal(2, 3)),
        ["flatten"] = C(x => x[0].Flatten(1).Mul(x[1]), Normal(1, 2, 3, 2), Normal(2, 6)),
        ["expand"] = C(x => x[0].Expand(2, 4, 3).Mul(x[1]), Normal(1, 2, 1, 3), Normal(2, 2, 4, 3)),
        ["expand keep -1"] = C(x => x[0].Expand(3, -1).Mul(x[1]), Normal(1, 1, 4), Normal(2, 3, 4)),
        ["repeat"] = C(x => x[0].Repeat(2, 3).Mul(x[1]), Normal(1, 2, 2), Normal(2, 4, 6)),
        ["repeat_interleave scalar"] = C(x => x[0].RepeatInterleave(3, 1).Mul(x[1]), Normal(1, 2, 2), Normal(2, 2, 6)),
        ["repeat_interleave tensor"] = C(x => x[0].RepeatInterleave(Long(1, 0, 3), 0).Mul(x[1]), Normal(1, 3, 2), Normal(2, 4, 2)),
        ["cat"] = C(x => torch.Cat([x[0], x[1], x[0]], 1), Normal(1, 2, 3), Normal(2, 2, 1)),
        ["cat dim 0"] = C(x => torch.Cat([x[0], x[1]]), Normal(1, 2, 3), Normal(2, 1, 3)),
        ["stack"] = C(x => torch.Stack([x[0], x[1]], 1), Normal(1, 2, 3), Normal(2, 2, 3)),
        ["stack last"] = C(x => torch.Stack([x[0], x[1], x[1]], -1), Normal(1, 2, 3), Normal(2, 2, 3)),
        ["split"] = C(x => x[0].Split(2, 1)[1].Mul(3).Add(x[0].Chunk(2, 1)[0]), Normal(1, 2, 4)),

        // ---- indexing -----------------------------------------------------------------------------
        ["select"] = C(x => x[0].Select(1, 2), Normal(1, 3, 4)),
        ["indexer"] = C(x => x[0][-1].Mul(x[0][1..3].Sum(0)), Normal(1, 4, 3)),
        ["slice with step"] = C(x => x[0].Slice(1, 0, 5, 2), Normal(1, 3, 5)),
        ["narrow"] = C(x => x[0].Narrow(0, 1, 2), Normal(1, 4, 3)),
        ["index_select dim 0 repeated"] = C(x => x[0].IndexSelect(0, Long(2, 0, 2, 3)), Normal(1, 4, 3)),
        ["index_select dim 1"] = C(x => x[0].IndexSelect(1, Long(1, 1)), Normal(1, 4, 3)),
        ["index by tensor"] = C(x => x[0][Long(3, 1)], Normal(1, 4, 3)),
        ["gather"] = C(x => x[0].Gather(1, Long2([0, 0, 2, 1, 2, 1], 2, 3)), Normal(1, 2, 3)),
        ["gather dim 0"] = C(x => x[0].Gather(0, Long2([1, 0, 1], 1, 3)), Normal(1, 2, 3)),
        ["scatter_add"] = C(x => x[0].ScatterAdd(1, Long2([0, 0, 2, 1, 1, 1], 2, 3), x[1]), Normal(1, 2, 4), Normal(2, 2, 3)),
        ["index_add"] = C(x => x[0].IndexAdd(0, Long(2, 0, 2), x[1], alpha: 1.5), Normal(1, 4, 3), Normal(2, 3, 3)),
        ["index_copy"] = C(x => x[0].IndexCopy(0, Long(2, 0), x[1]), Normal(1, 4, 3), Normal(2, 2, 3)),
        ["masked_fill"] = C(x => x[0].MaskedFill(Bool([true, false, false, true, true, false], 2, 3), -7), Normal(1, 2, 3)),
        ["masked_fill broadcast"] = C(x => x[0].MaskedFill(Bool([false, true, false], 3), 5), Normal(1, 2, 3)),
        ["masked_select"] = C(x => x[0].MaskedSelect(Bool([true, false, false, true, true, false], 2, 3)), Normal(1, 2, 3)),
        ["where"] = C(x => torch.Where(Bool([true, false, false, true, true, false], 2, 3), x[0], x[1]), Normal(1, 2, 3), Normal(2, 2, 3)),
        ["where broadcast"] = C(x => torch.Where(Bool([true, false, true], 3), x[0], x[1]), Normal(1, 2, 3), Normal(2, 1, 1)),

        // ---- nn functional ------------------------------------------------------------------------
        ["linear"] = C(x => F.Linear(x[0], x[1], x[2]), Normal(1, 2, 3, 4), Normal(2, 5, 4), Normal(3, 5)),
        ["linear no bias"] = C(x => F.Linear(x[0], x[1]), Normal(1, 3, 4), Normal(2, 2, 4)),
        ["softmax dim 0"] = C(x => F.Softmax(x[0], 0), Normal(1, 3, 4)),
        ["softmax dim 1"] = C(x => F.Softmax(x[0], 1), Normal(1, 2, 3, 4)),
        ["softmax dim -1"] = C(x => F.Softmax(x[0], -1), Normal(1, 2, 3, 4)),
        ["log_softmax dim 0"] = C(x => F.LogSoftmax(x[0], 0), Normal(1, 3, 4)),
        ["log_softmax dim 1"] = C(x => F.LogSoftmax(x[0], 1), Normal(1, 2, 3, 4)),
        ["log_softmax dim -1"] = C(x => F.LogSoftmax(x[0], -1), Normal(1, 2, 3, 4)),
        ["layer_norm weight bias"] = C(x => F.LayerNorm(x[0], [4], x[1], x[2]), Normal(1, 2, 3, 4), Normal(2, 4), Normal(3, 4)),
        ["layer_norm last two dims"] = C(x => F.LayerNorm(x[0], [3, 4], x[1], x[2]), Normal(1, 2, 3, 4), Normal(2, 3, 4), Normal(3, 3, 4)),
        ["layer_norm no affine"] = C(x => F.LayerNorm(x[0], [4]), Normal(1, 3, 4)),
        ["normalize dim 1"] = C(x => F.Normalize(x[0]), Normal(1, 3, 4)),
        ["normalize dim 0 p1"] = C(x => F.Normalize(x[0], p: 1, dim: 0), Normal(1, 3, 4)),
        ["cosine_similarity"] = C(x => F.CosineSimilarity(x[0], x[1]), Normal(1, 3, 4), Normal(2, 3, 4)),
        ["cosine_similarity broadcast last dim"] = C(x => F.CosineSimilarity(x[0], x[1], dim: -1), Normal(1, 2, 3, 4), Normal(2, 3, 4)),

        // ---- losses --------------------------------------------------------------------------------
        ["cross_entropy"] = C(x => F.CrossEntropy(x[0], Long(2, 0, 1, 2)), Normal(1, 4, 3)),
        ["cross_entropy ignore_index"] = C(x => F.CrossEntropy(x[0], Long(2, -100, 1, 0)), Normal(1, 4, 3)),
        ["cross_entropy custom ignore_index sum"] =
            C(x => F.CrossEntropy(x[0], Long(2, 0, 0, 1), reduction: Reduction.Sum, ignoreIndex: 0), Normal(1, 4, 3)),
        // Class weights, bce weights and pos_weight are constants: libtorch does not differentiate with respect to them.
        ["cross_entropy class weights"] = C(x => F.CrossEntropy(x[0], Long(2, 0, 1, 2), weight: Double(0.5, 2, 1.5)), Normal(1, 4, 3)),
        ["cross_entropy label smoothing"] = C(x => F.CrossEntropy(x[0], Long(2, 0, 1, 2), labelSmoothing: 0.1), Normal(1, 4, 3)),
        ["cross_entropy none 3d"] = C(x => F.CrossEntropy(x[0], Long2([0, 2, 1, 1, 0, 2], 2, 3), reduction: Reduction.None), Normal(1, 2, 3, 3)),
        ["nll_loss"] = C(x => F.NllLoss(F.LogSoftmax(x[0], 1), Long(2, -100, 1)), Normal(1, 3, 3)),
        ["bce"] = C(x => F.BinaryCrossEntropy(x[0], x[1]), Uniform(1, 0.05, 0.95, 2, 3), Uniform(2, 0, 1, 2, 3)),
        ["bce weight sum"] = C(x => F.BinaryCrossEntropy(x[0], x[1], Double(0.5, 2, 1.5), Reduction.Sum), Uniform(1, 0.05, 0.95, 2, 3),
            Uniform(2, 0, 1, 2, 3)),
        ["bce_with_logits"] = C(x => F.BinaryCrossEntropyWithLogits(x[0], x[1]), Normal(1, 2, 3), Uniform(2, 0, 1, 2, 3)),
        ["bce_with_logits weights none"] = C(x => F.BinaryCrossEntropyWithLogits(x[0], x[1], weight: Double(2, 1, 0.5),
            posWeight: Double(0.5, 3, 1), reduction: Reduction.None), Normal(1, 2, 3), Uniform(2, 0, 1, 2, 3)),
        ["mse"] = C(x => F.MseLoss(x[0], x[1]), Normal(1, 2, 3), Normal(2, 2, 3)),
        ["mse sum"] = C(x => F.MseLoss(x[0], x[1], Reduction.Sum), Normal(1, 2, 3), Normal(2, 2, 3)),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void GradientMatchesFiniteDifference(string op)
    {
        var c = Cases[op];
        Check(c.F, c.Inputs);
    }

    [Fact]
    public void EmbeddingGradientSkipsThePaddingRow()
    {
        using var scope = torch.NewDisposeScope();
        var indices = Long2([1, 0, 3, 1, 0, 2], 2, 3);
        var results = Compute(x => F.Embedding(indices, x[0], paddingIdx: 0), Normal(1, 4, 3));
        var (analytic, numeric) = (results[0].Analytic, results[0].Numeric);
        // Row 0 is the padding row: it is used in the forward pass, but by definition gets no gradient.
        Assert.Equal(new double[3], analytic[..3]);
        Assert.NotEqual(0, numeric[0]);
        AssertClose(numeric[3..], analytic[3..], "embedding weight rows 1..3");
    }

    [Fact]
    public void EmbeddingWithoutPaddingMatchesFiniteDifference() =>
        Check(x => F.Embedding(Long2([1, 0, 3, 1, 0, 2], 2, 3), x[0]), Normal(1, 4, 3));

    [Fact]
    public void AnyNegativePaddingIndexMeansNoPaddingRow() =>
        Check(x => F.Embedding(Long2([1, 0, 3, 1, 0, 2], 2, 3), x[0], paddingIdx: -3), Normal(1, 4, 3));

    [Fact]
    public void SparseTimesDenseGradientReachesTheDenseSide()
    {
        using var scope = torch.NewDisposeScope();
        var indices = Long2([0, 0, 1, 2, 2, /* cols */ 1, 3, 0, 0, 2], 2, 5);
        var values = torch.Tensor(new double[] { 1.5, -2, 0.5, 3, -1 });
        var sparse = Sparse.CooTensor(indices, values, 3, 4);
        Check(x => Sparse.Mm(sparse, x[0]), Normal(1, 4, 2));
    }

    [Fact]
    public void SparseTimesDenseGradientReachesTheSparseValues()
    {
        using var scope = torch.NewDisposeScope();
        // Indices deliberately out of order and with a duplicate (0,1) so the coalescing step is on the path.
        var indices = Long2([2, 0, 1, 0, 2, /* cols */ 0, 1, 0, 1, 2], 2, 5);
        Check(x => Sparse.Mm(Sparse.CooTensor(indices, x[0], 3, 4), x[1]), Normal(1, 5), Normal(2, 4, 2));
    }

    [Fact]
    public void GruTwoLayersBatchFirstGradientsForInputStateAndEveryWeight()
    {
        const int batch = 2, steps = 3, inputSize = 3, hidden = 2;
        var inputs = new[]
        {
            Normal(1, batch, steps, inputSize), Normal(2, 2, batch, hidden),
            Normal(3, 3 * hidden, inputSize), Normal(4, 3 * hidden, hidden), Normal(5, 3 * hidden), Normal(6, 3 * hidden),
            Normal(7, 3 * hidden, hidden), Normal(8, 3 * hidden, hidden), Normal(9, 3 * hidden), Normal(10, 3 * hidden),
        };
        Check(x =>
        {
            var (output, hiddenState) = F.Gru(x[0], x[1], x[2..], hasBiases: true, numLayers: 2, dropout: 0, training: true, batchFirst: true);
            Assert.Equal(new long[] { batch, steps, hidden }, output.Shape);
            Assert.Equal(new long[] { 2, batch, hidden }, hiddenState.Shape);
            return torch.Cat([output.Flatten(), hiddenState.Flatten().Mul(2)]);
        }, inputs);
    }

    [Fact]
    public void GradientsAccumulateUntilZeroed()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Tensor(new double[] { 1, 2, 3 }).RequiresGrad_();
        x.Mul(x).Sum().Backward();
        x.Mul(3).Sum().Backward();
        Assert.Equal(new double[] { 5, 7, 9 }, x.Grad!.ToArray<double>());
        x.ZeroGrad(setToNone: false);
        Assert.Equal(new double[3], x.Grad!.ToArray<double>());
        x.ZeroGrad();
        Assert.Null(x.Grad);
    }

    [Fact]
    public void DetachCutsTheGraphAndNoGradRecordsNothing()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Tensor(new double[] { 1, 2 }).RequiresGrad_();
        var y = x.Mul(x).Add(x.Detach().Mul(x.Detach()));
        Assert.True(y.RequiresGrad);
        Assert.False(x.Detach().RequiresGrad);
        y.Sum().Backward();
        Assert.Equal(new double[] { 2, 4 }, x.Grad!.ToArray<double>());

        using (torch.NoGrad())
        {
            Assert.False(torch.IsGradEnabled);
            var z = x.Mul(2);
            Assert.False(z.RequiresGrad);
            Assert.True(z.IsLeaf);
        }
        Assert.True(torch.IsGradEnabled);
    }

    [Fact]
    public void RetainGradKeepsTheGradientOfAnIntermediate()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Tensor(new double[] { 1, 2 }).RequiresGrad_();
        var h = x.Mul(3);
        h.RetainGrad();
        h.Square().Sum().Backward(retainGraph: true);
        Assert.Equal(new double[] { 6, 12 }, h.Grad!.ToArray<double>());
        Assert.Equal(new double[] { 18, 36 }, x.Grad!.ToArray<double>());
        Assert.False(h.IsLeaf);
        // A second pass through the retained graph with an explicit upstream gradient.
        h.Backward(torch.Tensor(new double[] { 1, -1 }));
        Assert.Equal(new double[] { 21, 33 }, x.Grad!.ToArray<double>());
    }
}
