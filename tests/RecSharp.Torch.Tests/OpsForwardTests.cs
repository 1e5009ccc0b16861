using RecSharp.Torch.NN;
using F = RecSharp.Torch.NN.Functional;

namespace RecSharp.Torch.Tests;

/// <summary>Forward values of the engine's ops against small cases worked out by hand.</summary>
public class OpsForwardTests
{
    [Fact]
    public void IntegerTensorsAddAndSubtractAsIntegers()
    {
        using var scope = torch.NewDisposeScope();
        var a = torch.Tensor(new long[] { 5, 7, 9 }, 3);
        var b = torch.Tensor(new long[] { 1, 2, 3 }, 3);
        Assert.Equal(new long[] { 6, 9, 12 }, a.Add(b).ToArray<long>());
        Assert.Equal(new long[] { 3, 3, 3 }, a.Sub(b, 2).ToArray<long>());
        Assert.Equal(ScalarType.Int64, a.Add(b).DType);
        // A fractional alpha on integer tensors is still libtorch's error, with its message.
        var error = Assert.Throws<TorchException>(() => a.Add(b, 0.5));
        Assert.Contains("alpha must not be a floating point number", error.Message);
    }

    private static Tensor F32(float[] values, params long[] shape) => torch.Tensor(values, shape);
    private static Tensor F64(double[] values, params long[] shape) => torch.Tensor(values, shape);
    private static Tensor I64(long[] values, params long[] shape) => torch.Tensor(values, shape);

    private static void Close(double[] expected, Tensor actual, double tolerance = 1e-6)
    {
        var values = actual.DType == ScalarType.Float32 ? actual.ToArray<float>().Select(v => (double)v).ToArray() : actual.ToArray<double>();
        Assert.Equal(expected.Length, values.Length);
        for (int i = 0; i < values.Length; i++)
            Assert.True(Math.Abs(expected[i] - values[i]) <= tolerance, $"element {i}: expected {expected[i]:R}, got {values[i]:R}");
    }

    // ---- dtypes, creation, copies ---------------------------------------------------------------

    [Fact]
    public void EveryDtypeRoundTripsThroughArraysAndSpans()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal(new float[] { 1.5f, -2 }, torch.Tensor(new float[] { 1.5f, -2 }).ToArray<float>());
        Assert.Equal(new double[] { 1e-300, 3 }, torch.Tensor(new double[] { 1e-300, 3 }).ToArray<double>());
        Assert.Equal(new long[] { long.MinValue, long.MaxValue }, torch.Tensor(new long[] { long.MinValue, long.MaxValue }).ToArray<long>());
        Assert.Equal(new[] { true, false, true }, torch.Tensor(new[] { true, false, true }).ToArray<bool>());
        Assert.Equal(ScalarType.Bool, torch.Tensor(new[] { true }).DType);

        ReadOnlySpan<double> source = [1, 2, 3, 4, 5, 6];
        var t = torch.FromSpan(source, [3, 2]);
        Span<double> destination = stackalloc double[6];
        t.T.CopyTo(destination); // a non-contiguous view is copied in logical (row-major) order
        Assert.Equal(new double[] { 1, 3, 5, 2, 4, 6 }, destination.ToArray());

        var rect = torch.Tensor(new long[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal(new long[] { 2, 3 }, rect.Shape);
        Assert.Equal(6L, rect[1][2].Item<long>());
        Assert.Equal(0, torch.Scalar(7).Dim);
        Assert.Equal(7f, torch.Scalar(7).Item<float>());
    }

    [Fact]
    public void ConversionsBetweenDtypes()
    {
        using var scope = torch.NewDisposeScope();
        var x = F32([1.7f, -1.7f, 0], 3);
        Assert.Equal(new long[] { 1, -1, 0 }, x.To(ScalarType.Int64).ToArray<long>()); // truncation toward zero
        Assert.Equal(new[] { true, true, false }, x.To(ScalarType.Bool).ToArray<bool>());
        Assert.Equal(new double[] { 1, 0 }, torch.Tensor(new[] { true, false }).To(ScalarType.Float64).ToArray<double>());
        var clone = x.Clone();
        clone.Fill_(5);
        Assert.Equal(1.7f, x.ToArray<float>()[0]);
    }

    [Fact]
    public void CreationByShape()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Equal(new long[] { 0, 1, 2, 3 }, torch.Arange(4).ToArray<long>());
        Close([1, 1.5, 2, 2.5], torch.Arange(1, 3, 0.5, ScalarType.Float32));
        Assert.Equal(new double[] { 2.5, 2.5 }, torch.Full([2], 2.5, ScalarType.Float64).ToArray<double>());
        var like = torch.ZerosLike(I64([1, 2, 3], 3));
        Assert.Equal(ScalarType.Int64, like.DType);
        Assert.Equal(new long[3], like.ToArray<long>());
        Assert.Equal(new float[] { 1, 1 }, torch.OnesLike(I64([4, 5], 2), ScalarType.Float32).ToArray<float>());
        Assert.Equal(new float[] { 1, 0, 0, 1 }, torch.Eye(2).ToArray<float>());
        Assert.True(torch.FullLike(torch.Zeros(2), 3, requiresGrad: true).RequiresGrad);
    }

    // ---- elementwise ----------------------------------------------------------------------------

    [Fact]
    public void LeakyReluUsesTheSlopeBelowZero()
    {
        using var scope = torch.NewDisposeScope();
        var x = F32([-2, 0, 3], 3);
        Close([-0.2, 0, 3], x.LeakyRelu(0.1));
        Close([-0.02, 0, 3], F.LeakyRelu(x));
        Close([0, 0, 3], x.Relu());
    }

    [Fact]
    public void ClampWithOneOrBothBounds()
    {
        using var scope = torch.NewDisposeScope();
        var x = F32([-2, 0.5f, 3], 3);
        Close([-1, 0.5, 1], x.Clamp(-1, 1));
        Close([0, 0.5, 3], x.ClampMin(0));
        Close([-2, 0.5, 2], x.Clamp(max: 2));
        Assert.Equal(new long[] { 0, 1, 1 }, I64([-5, 1, 9], 3).Clamp(0, 1).ToArray<long>());
        x.Clamp_(-1, 1);
        Close([-1, 0.5, 1], x);
    }

    [Fact]
    public void PowerWithTensorAndScalarExponents()
    {
        using var scope = torch.NewDisposeScope();
        Close([8, Math.Sqrt(3), 0.25], F64([2, 3, 2], 3).Pow(F64([3, 0.5, -2], 3)), 1e-12);
        Close([4, 9, 0.25], F64([-2, 3, 0.5], 3).Pow(2), 1e-12);
        Close([4, 9, 0.25], F64([-2, 3, 0.5], 3).Square(), 1e-12);
        Assert.True(double.IsNaN(F64([-8], 1).Pow(1.0 / 3).Item<double>()));
    }

    [Fact]
    public void UnaryFunctionsAtKnownPoints()
    {
        using var scope = torch.NewDisposeScope();
        var x = F64([0, 1, -1], 3);
        Close([1, Math.E, 1 / Math.E], x.Exp(), 1e-12);
        Close([0.5, 1 / (1 + Math.Exp(-1)), 1 / (1 + Math.Exp(1))], x.Sigmoid(), 1e-12);
        Close([0, Math.Tanh(1), -Math.Tanh(1)], x.Tanh(), 1e-12);
        Close([0, 1, 1], x.Abs(), 0);
        Close([0, -1, 1], x.Neg(), 0);
        Close([Math.Log(2), Math.Log(1 + Math.E), Math.Log(1 + 1 / Math.E)], x.Softplus(), 1e-12);
        Close([0, Math.Log(2)], F64([1, 2], 2).Log(), 1e-12);
        Close([3, 0.5], F64([9, 0.25], 2).Sqrt(), 1e-12);
        Close([2, 0.25], F64([0.5, 4], 2).Reciprocal(), 1e-12);
        Close([4, 0.5], 2.0 / F64([0.5, 4], 2), 1e-12);
        Close([0, Math.Sin(1), -Math.Sin(1)], x.Sin(), 1e-12);
        Close([1, Math.Cos(1), Math.Cos(1)], x.Cos(), 1e-12);
        // GELU(1) = 1 * Phi(1) = 0.841344746...; the tanh form gives 0.841191990...
        Close([0, 0.8413447460685429, -1 + 0.8413447460685429], x.Gelu(), 1e-12);
        Close([0, 0.8411919906082768, -1 + 0.8411919906082768], x.Gelu(tanhApproximation: true), 1e-12);
        Assert.Equal(new[] { false, true, false }, F64([1, double.NaN, double.PositiveInfinity], 3).IsNan().ToArray<bool>());
        Assert.Equal(new[] { true, false, false }, F64([1, double.NaN, double.PositiveInfinity], 3).IsFinite().ToArray<bool>());
    }

    [Fact]
    public void ArithmeticBroadcastsAndPromotes()
    {
        using var scope = torch.NewDisposeScope();
        var a = F32([1, 2, 3, 4, 5, 6], 2, 3);
        var b = F32([10, 20, 30], 3);
        Close([11, 22, 33, 14, 25, 36], a + b);
        Close([-19, -38, -57, -16, -35, -54], a.Sub(b, alpha: 2));
        Close([10, 40, 90, 40, 100, 180], a * b);
        Close([0.1, 0.1, 0.1, 0.4, 0.25, 0.2], a / b);
        Close([-1, 0, 1, 2, 3, 4], a - 2);
        Close([1, 0, -1, -2, -3, -4], 2 - a);
        Assert.Equal(ScalarType.Float32, (I64([1], 1) + F32([0.5f], 1)).DType);
        Assert.Equal(new long[] { 3, 5 }, (I64([1, 2], 2) * 2 + 1).ToArray<long>());
    }

    [Fact]
    public void IntegerScalarsKeepIntegerTensorsInteger()
    {
        using var scope = torch.NewDisposeScope();
        var ids = I64([-3, 0, 7], 3);
        Assert.Equal(new long[] { 97, 100, 107 }, (ids + 100).ToArray<long>()); // e.g. item ids after user ids
        Assert.Equal(new long[] { -5, -2, 5 }, (ids - 2).ToArray<long>());
        Assert.Equal(new long[] { 13, 10, 3 }, (10 - ids).ToArray<long>());
        Assert.Equal(new long[] { -6, 0, 14 }, (2 * ids).ToArray<long>());
        Assert.Equal(new long[] { 9, 0, 49 }, ids.Pow(2).ToArray<long>());
        Assert.Equal(new long[] { 1, 0, 3 }, (ids % 4).ToArray<long>()); // Python's sign rule: -3 % 4 == 1
        Assert.Equal(new long[] { -1, 0, 1 }, ids.FloorDivide(4).ToArray<long>());
        Assert.Equal(new long[] { 0, 0, 5 }, ids.Clamp(0, 5).ToArray<long>());
        Assert.Equal(ScalarType.Float32, (ids + 0.5).DType); // a fractional scalar promotes, as a Python float does
        Close([-2.5, 0.5, 7.5], ids + 0.5);
        Assert.Equal(ScalarType.Float32, ids.Clamp(-0.5, 0.5).DType);
        Close([2.5, 1, -2.5], F32([5, 2, -5], 3).Mul(1).Div(2)); // an integer scalar leaves float tensors float
    }

    [Fact]
    public void ComparisonsAndLogicalOps()
    {
        using var scope = torch.NewDisposeScope();
        var a = F32([1, 2, 3], 3);
        var b = F32([3, 2, 1], 3);
        Assert.Equal(new[] { false, true, false }, a.Eq(b).ToArray<bool>());
        Assert.Equal(new[] { true, false, true }, a.Ne(b).ToArray<bool>());
        Assert.Equal(new[] { true, false, false }, a.Lt(b).ToArray<bool>());
        Assert.Equal(new[] { true, true, false }, a.Le(b).ToArray<bool>());
        Assert.Equal(new[] { false, false, true }, a.Gt(b).ToArray<bool>());
        Assert.Equal(new[] { false, true, true }, a.Ge(b).ToArray<bool>());
        Assert.Equal(new[] { false, true, true }, a.Gt(1.5).ToArray<bool>());
        Assert.Equal(new[] { true, false, false }, a.Eq(1).ToArray<bool>());
        var p = torch.Tensor(new[] { true, true, false, false });
        var q = torch.Tensor(new[] { true, false, true, false });
        Assert.Equal(new[] { true, false, false, false }, p.LogicalAnd(q).ToArray<bool>());
        Assert.Equal(new[] { true, true, true, false }, p.LogicalOr(q).ToArray<bool>());
        Assert.Equal(new[] { false, false, true, true }, p.LogicalNot().ToArray<bool>());
        Assert.True(p.Any().Item<bool>());
        Assert.False(p.All().Item<bool>());
        Close([3, 2, 3], a.Maximum(b));
        Close([1, 2, 1], a.Minimum(b));
    }

    // ---- matrix products --------------------------------------------------------------------------

    [Fact]
    public void MatrixProducts()
    {
        using var scope = torch.NewDisposeScope();
        var a = F32([1, 2, 3, 4, 5, 6], 2, 3);
        var b = F32([1, 0, 0, 1, 1, 1], 3, 2);
        Close([4, 5, 10, 11], a.Mm(b));
        Close([4, 5, 10, 11], a.MatMul(b));
        Close([14, 32], a.MatMul(F32([1, 2, 3], 3)));
        var batch = torch.Stack([a, a.Mul(2)]);
        Close([4, 5, 10, 11, 8, 10, 20, 22], batch.Bmm(torch.Stack([b, b])));
        Close([4, 5, 10, 11, 8, 10, 20, 22], batch.MatMul(b));
        var bias = torch.Ones(2, 2, 2);
        Close([9, 11, 21, 23, 17, 21, 41, 45], bias.BAddBmm(batch, torch.Stack([b, b]), beta: 1, alpha: 2));
    }

    // ---- reductions -------------------------------------------------------------------------------

    [Fact]
    public void SumAndMeanOverDims()
    {
        using var scope = torch.NewDisposeScope();
        var x = F32([1, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal(21f, x.Sum().Item<float>());
        Close([5, 7, 9], x.Sum(0));
        var kept = x.Sum(1, keepDim: true);
        Assert.Equal(new long[] { 2, 1 }, kept.Shape);
        Close([6, 15], kept);
        Close([21], x.Sum([0, 1]));
        Close([2, 5], x.Mean(1));
        Assert.Equal(3.5f, x.Mean().Item<float>());
        Assert.Equal(new long[] { 1, 3 }, x.Mean(0, keepDim: true).Shape);
        Assert.Equal(21L, I64([1, 2, 3, 4, 5, 6], 2, 3).Sum().Item<long>()); // integer sums stay int64
        Close([1, 3, 6, 4, 9, 15], x.CumSum(1));
        Assert.Equal(3.5f, x.Var().Item<float>(), 5); // sum of squared deviations 17.5 over n - 1 = 5
        Close([2.0 / 3, 2.0 / 3], x.Var([1], unbiased: false), 1e-6);
        Close([Math.Sqrt(4.5), Math.Sqrt(4.5), Math.Sqrt(4.5)], x.Std([0]), 1e-6);
        Assert.Equal(new long[] { 1, 3 }, x.Std([0], keepDim: true).Shape);
    }

    [Fact]
    public void MaxMinArgmaxWithTiesAndKeepdim()
    {
        using var scope = torch.NewDisposeScope();
        var x = F32([1, 5, 2, 7, 0, 7], 2, 3);
        Assert.Equal(7f, x.Max().Item<float>());
        Assert.Equal(0f, x.Min().Item<float>());
        Assert.Equal(3L, x.ArgMax().Item<long>()); // first of the tied maxima in flattened order
        Assert.Equal(4L, x.ArgMin().Item<long>());
        var am = x.ArgMax(1, keepDim: true);
        Assert.Equal(new long[] { 2, 1 }, am.Shape);
        Assert.Equal(new long[] { 1, 0 }, am.ToArray<long>());
        Assert.Equal(new long[] { 1, 0, 1 }, x.ArgMax(0).ToArray<long>());
        Assert.Equal(new long[] { 0, 1 }, x.ArgMin(1).ToArray<long>());
        var (values, indices) = x.Max(1);
        Close([5, 7], values);
        Assert.Equal(1L, indices[0].Item<long>());
        Assert.Contains(indices[1].Item<long>(), new long[] { 0, 2 }); // libtorch does not promise which tie for max(dim)
        var (minValues, minIndices) = x.Min(0, keepDim: true);
        Assert.Equal(new long[] { 1, 3 }, minValues.Shape);
        Close([1, 0, 2], minValues);
        Assert.Equal(new long[] { 0, 1, 0 }, minIndices.ToArray<long>());
    }

    [Fact]
    public void TopKAlongDimsWithTies()
    {
        using var scope = torch.NewDisposeScope();
        var x = F32([1, 3, 3, 2], 4);
        var (v, i) = x.TopK(2);
        Close([3, 3], v);
        Assert.Equal(new long[] { 1, 2 }, i.ToArray<long>().Order().ToArray()); // both tied entries, in either order
        (v, i) = x.TopK(3, largest: false);
        Close([1, 2, 3], v);
        Assert.Equal(new long[] { 0, 3 }, i.ToArray<long>()[..2]);

        var m = F32([1, 5, 4, 2, 3, 6], 3, 2);
        (v, i) = m.TopK(2, dim: 0);
        Assert.Equal(new long[] { 2, 2 }, v.Shape);
        Close([4, 6, 3, 5], v);
        Assert.Equal(new long[] { 1, 2, 2, 0 }, i.ToArray<long>());
        (v, i) = m.TopK(1, dim: 1);
        Close([5, 4, 6], v);
        Assert.Equal(new long[] { 1, 0, 1 }, i.ToArray<long>());
    }

    [Fact]
    public void SortWithTiesDimsAndStability()
    {
        using var scope = torch.NewDisposeScope();
        var x = F32([2, 1, 2, 1], 4);
        var (v, i) = x.Sort(stable: true);
        Close([1, 1, 2, 2], v);
        Assert.Equal(new long[] { 1, 3, 0, 2 }, i.ToArray<long>());
        (v, i) = x.Sort(descending: true, stable: true);
        Close([2, 2, 1, 1], v);
        Assert.Equal(new long[] { 0, 2, 1, 3 }, i.ToArray<long>());

        var m = F32([3, 1, 2, 0, 5, 4], 2, 3);
        (v, i) = m.Sort(dim: 0);
        Close([0, 1, 2, 3, 5, 4], v);
        Assert.Equal(new long[] { 1, 0, 0, 0, 1, 1 }, i.ToArray<long>());
        (v, i) = m.Sort(dim: 1, descending: true);
        Close([3, 2, 1, 5, 4, 0], v);
        Assert.Equal(new long[] { 0, 2, 1, 1, 2, 0 }, i.ToArray<long>());
    }

    [Fact]
    public void NormsAndLogSumExp()
    {
        using var scope = torch.NewDisposeScope();
        var x = F64([3, -4, 0, 12], 2, 2);
        Assert.Equal(13, x.Norm().Item<double>(), 12);
        Close([5, 12], x.Norm(2, [1]), 1e-12);
        Close([7, 12], x.Norm(1, [1]), 1e-12);
        Close([Math.Log(Math.Exp(3) + Math.Exp(-4)), Math.Log(1 + Math.Exp(12))], F.LogSumExp(x, 1), 1e-12);
        Close([Math.Log(3) + 1000], F.LogSumExp(F64([1000, 1000, 1000], 3), 0), 1e-9); // no overflow
    }

    // ---- shape ----------------------------------------------------------------------------------

    [Fact]
    public void ShapeOpsMoveValuesAsPyTorchDoes()
    {
        using var scope = torch.NewDisposeScope();
        var x = F32([0, 1, 2, 3, 4, 5], 2, 3);
        Close([0, 3, 1, 4, 2, 5], x.T.Contiguous());
        Close([0, 1, 2, 3, 4, 5], x.Reshape(3, 2));
        Assert.Equal(new long[] { 3, 2 }, x.View(-1, 2).Shape);
        var cube = torch.Arange(24).Reshape(2, 3, 4);
        var permuted = cube.Permute(2, 0, 1);
        Assert.Equal(new long[] { 4, 2, 3 }, permuted.Shape);
        Assert.Equal(cube.Select(0, 1).Select(0, 2).Select(0, 3).Item<long>(), permuted.Select(0, 3).Select(0, 1).Select(0, 2).Item<long>());
        Assert.Equal(new long[] { 2, 1, 3 }, x.Unsqueeze(1).Shape);
        Assert.Equal(new long[] { 2, 3, 1 }, x.Unsqueeze(-1).Shape);
        Assert.Equal(new long[] { 2, 3 }, x.Unsqueeze(0).Squeeze(0).Shape);
        Assert.Equal(new long[] { 3 }, torch.Zeros(1, 3, 1).Squeeze().Shape);
        Assert.Equal(new long[] { 2, 3 }, x.Squeeze(0).Shape); // squeezing a non-1 dim is a no-op
        Assert.Equal(new long[] { 6 }, x.Flatten().Shape);
        Close([0, 1, 2, 0, 1, 2], F32([0, 1, 2], 1, 3).Expand(2, 3).Contiguous());
        Close([0, 1, 0, 1, 0, 1], F32([0, 1], 2).Repeat(3));
        Close([0, 0, 1, 1, 2, 2], F32([0, 1, 2], 3).RepeatInterleave(2, 0));
        Assert.Equal(new long[] { 5, 5, 7, 7, 7 }, I64([5, 6, 7], 3).RepeatInterleave(I64([2, 0, 3], 3), 0).ToArray<long>());
        Close([0, 1, 2, 9, 3, 4, 5, 9], torch.Cat([x, torch.Full([2, 1], 9)], 1));
        var stacked = torch.Stack([F32([1, 2], 2), F32([3, 4], 2)], 1);
        Assert.Equal(new long[] { 2, 2 }, stacked.Shape);
        Close([1, 3, 2, 4], stacked);
        var pieces = torch.Arange(5).Split(2);
        Assert.Equal(new[] { 2L, 2, 1 }, pieces.Select(p => p.NumEl));
        Assert.Equal(new long[] { 4 }, pieces[2].ToArray<long>());
        Assert.Equal(new[] { 3L, 2 }, torch.Arange(5).Chunk(2).Select(p => p.NumEl));
    }

    [Fact]
    public void ViewsShareStorage()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Zeros(2, 3);
        x.View(6).Narrow(0, 1, 2).Fill_(7);
        x[1].Fill_(1);
        Close([0, 7, 7, 1, 1, 1], x);
    }

    // ---- indexing -------------------------------------------------------------------------------

    [Fact]
    public void SlicingAndIndexing()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Arange(10);
        Assert.Equal(new long[] { 0, 2, 4 }, x.Slice(0, 0, 5, 2).ToArray<long>());
        Assert.Equal(new long[] { 1, 4, 7 }, x.Slice(0, 1, 10, 3).ToArray<long>());
        Assert.Equal(new long[] { 7, 8 }, x[7..^1].ToArray<long>());
        Assert.Equal(9L, x[-1].Item<long>());
        Assert.Equal(new long[] { 3, 4 }, x.Narrow(0, 3, 2).ToArray<long>());
        Assert.Equal(new long[] { 9, 0, 9 }, x[I64([9, 0, 9], 3)].ToArray<long>());
        var m = torch.Arange(6).Reshape(2, 3);
        Assert.Equal(new long[] { 2, 1, 5, 4 }, m.IndexSelect(1, I64([2, 1], 2)).ToArray<long>());
        Assert.Equal(new long[] { 1, 4 }, m.Select(1, 1).ToArray<long>());
        Assert.Equal(new long[] { 0, 2, 4 }, torch.Tensor(new long[] { 0, 1, 2, 3, 4 }).MaskedSelect(torch.Tensor(new[] { true, false, true, false, true })).ToArray<long>());
        Assert.Equal(new long[] { 0, 0, 1, 1 }, torch.Tensor(new[] { true, false, false, true }, 2, 2).NonZero().ToArray<long>());
        Assert.Equal(new long[] { 1, 0, 2, 0 }, I64([0, 2, 2], 3).BinCount(4).ToArray<long>());
    }

    [Fact]
    public void GatherScatterAndIndexUpdates()
    {
        using var scope = torch.NewDisposeScope();
        var x = F32([1, 2, 3, 4, 5, 6], 2, 3);
        Close([3, 1, 4, 4], x.Gather(1, I64([2, 0, 0, 0], 2, 2)));
        // row 0 gets src 10 at col 1 and 20 at col 1 again; row 1 gets 30 at col 0 and 40 at col 2
        Close([1, 32, 3, 34, 5, 46], x.ScatterAdd(1, I64([1, 1, 0, 2], 2, 2), F32([10, 20, 30, 40], 2, 2)));
        Close([1, 2, 3, 4, 5, 6], x); // scatter_add is out of place
        Close([10, 20, 30, 4, 5, 6], x.IndexCopy(0, I64([0], 1), F32([10, 20, 30], 1, 3)));
        Close([1, 2, 3, 4 + 20, 5 + 40, 6 + 60], x.IndexAdd(0, I64([1, 1], 2), F32([1, 2, 3, 9, 18, 27], 2, 3), alpha: 2));
        var y = torch.Zeros(4);
        y.IndexPut_(I64([1, 3, 1], 3), F32([1, 2, 3], 3), accumulate: true);
        Close([0, 4, 0, 2], y);
    }

    [Fact]
    public void MaskedFillAndWhere()
    {
        using var scope = torch.NewDisposeScope();
        var x = F32([1, 2, 3, 4], 2, 2);
        var mask = torch.Tensor(new[] { true, false, false, true }, 2, 2);
        Close([-1, 2, 3, -1], x.MaskedFill(mask, -1));
        Close([1, 0, 3, 0], x.MaskedFill(torch.Tensor(new[] { false, true }), 0)); // broadcast over rows
        Close([1, 20, 30, 4], torch.Where(mask, x, F32([10, 20, 30, 40], 2, 2)));
        Close([1, 0, 0, 4], torch.Where(mask, x, torch.Zeros(1)));
        Assert.True(float.IsNegativeInfinity(x.MaskedFill(mask, double.NegativeInfinity).ToArray<float>()[0]));
        x.MaskedFill_(mask, 0);
        Close([0, 2, 3, 0], x);
        Close([1, 1, 0, 1], torch.Ones(2, 2).Triu());
        Close([0, 0, 0, 0, 0, 0, 1, 0, 0], torch.Ones(3, 3).Tril(-2));
    }

    // ---- nn functional --------------------------------------------------------------------------

    [Fact]
    public void EmbeddingLinearAndActivations()
    {
        using var scope = torch.NewDisposeScope();
        var weight = F32([0, 0, 1, 2, 3, 4], 3, 2);
        var e = F.Embedding(I64([2, 0, 1, 2], 2, 2), weight, paddingIdx: 0);
        Assert.Equal(new long[] { 2, 2, 2 }, e.Shape);
        Close([3, 4, 0, 0, 1, 2, 3, 4], e);
        var w = F32([1, 0, 1, 1, 2, -1], 3, 2);
        Close([1, 3, 0, 3, 7, 2], F.Linear(F32([1, 2, 3, 4], 2, 2), w));
        Close([1.5, 2, 0, 3.5, 6, 2], F.Linear(F32([1, 2, 3, 4], 2, 2), w, F32([0.5f, -1, 0], 3)));
    }

    [Fact]
    public void SoftmaxAndLogSoftmaxAlongDims()
    {
        using var scope = torch.NewDisposeScope();
        var x = F64([0, Math.Log(2), Math.Log(3), 0, 0, 0], 2, 3);
        Close([1.0 / 6, 2.0 / 6, 3.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 3], F.Softmax(x, 1), 1e-12);
        Close(new[] { 1.0 / 6, 2.0 / 6, 3.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 3 }.Select(v => Math.Log(v)).ToArray(), F.LogSoftmax(x, -1), 1e-12);
        Close([0.5, 2.0 / 3, 0.75, 0.5, 1.0 / 3, 0.25], F.Softmax(x, 0), 1e-12);
        Close([0.5, 0.5], F.Softmax(F64([1000, 1000], 2), 0), 1e-12); // stable for large logits
    }

    [Fact]
    public void NormalisationAndSimilarity()
    {
        using var scope = torch.NewDisposeScope();
        double s = Math.Sqrt(1.5); // [1, 2, 3]: mean 2, biased variance 2/3, so (x - 2) / sqrt(2/3)
        Close([-s, 0, s], F.LayerNorm(F64([1, 2, 3], 1, 3), [3], eps: 0), 1e-12);
        Close([-2 * s + 1, 1, 2 * s + 1], F.LayerNorm(F64([1, 2, 3], 1, 3), [3], F64([2, 2, 2], 3), F64([1, 1, 1], 3), eps: 0), 1e-12);
        Close([0.6, 0.8, 0, 1], F.Normalize(F64([3, 4, 0, 2], 2, 2)), 1e-12);
        Close([0.6, 0, 0.8, 0], F.Normalize(F64([3, 0, 4, 0], 2, 2), dim: 0), 1e-12); // the zero column stays zero (eps)
        Close([Math.Sqrt(0.5), 0, -1], F.CosineSimilarity(F64([1, 0, 0, 1, 1, 1], 3, 2), F64([1, 1, 1, 0, -2, -2], 3, 2)), 1e-12);
    }

    [Fact]
    public void CrossEntropyOnATwoByThreeExample()
    {
        using var scope = torch.NewDisposeScope();
        var logits = F64([1, 2, 3, 1, 1, 1], 2, 3);
        // Row 0, target 2: -log(e^3 / (e + e^2 + e^3)). Row 1, target 0: -log(1/3).
        double row0 = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3)) - 3;
        double row1 = Math.Log(3);
        Assert.Equal(0.40760596444, row0, 10);
        Assert.Equal((row0 + row1) / 2, F.CrossEntropy(logits, I64([2, 0], 2)).Item<double>(), 12);
        Assert.Equal(row0 + row1, F.CrossEntropy(logits, I64([2, 0], 2), reduction: Reduction.Sum).Item<double>(), 12);
        Close([row0, row1], F.CrossEntropy(logits, I64([2, 0], 2), reduction: Reduction.None), 1e-12);
        // An ignored target counts neither in the sum nor in the mean's denominator.
        Assert.Equal(row0, F.CrossEntropy(logits, I64([2, -100], 2)).Item<double>(), 12);
        Assert.Equal(row1, F.CrossEntropy(logits, I64([2, 0], 2), ignoreIndex: 2).Item<double>(), 12);
        // Class weights: a weighted mean, sum(w_t * loss) / sum(w_t).
        Assert.Equal((3 * row0 + 0.5 * row1) / 3.5, F.CrossEntropy(logits, I64([2, 0], 2), weight: F64([0.5, 1, 3], 3)).Item<double>(), 12);
        Assert.Equal((row0 + row1) / 2, F.NllLoss(F.LogSoftmax(logits, 1), I64([2, 0], 2)).Item<double>(), 12);
    }

    [Fact]
    public void BinaryCrossEntropyClampsItsLogs()
    {
        using var scope = torch.NewDisposeScope();
        // libtorch clamps log(p) and log(1 - p) at -100, so certain wrong answers cost 100, not infinity.
        Close([100, 100, Math.Log(2), 0], F.BinaryCrossEntropy(F64([0, 1, 0.5, 1], 4), F64([1, 0, 1, 1], 4), reduction: Reduction.None), 1e-12);
        Assert.Equal(-(Math.Log(0.8) + Math.Log(0.6)) / 2, F.BinaryCrossEntropy(F64([0.8, 0.4], 2), F64([1, 0], 2)).Item<double>(), 12);
        // With logits the loss is computed stably: x = 100, y = 0 costs 100; x = -100, y = 0 costs ~0.
        Close([Math.Log(2), 100, 0, Math.Log(1 + Math.Exp(-2))],
            F.BinaryCrossEntropyWithLogits(F64([0, 100, -100, 2], 4), F64([1, 0, 0, 1], 4), reduction: Reduction.None), 1e-12);
        // pos_weight multiplies the positive term: y * pw * -log(sigmoid(x)).
        Close([3 * Math.Log(2)], F.BinaryCrossEntropyWithLogits(F64([0], 1), F64([1], 1), posWeight: F64([3], 1), reduction: Reduction.None), 1e-12);
        Assert.Equal(2.5, F.MseLoss(F64([1, 2], 2), F64([0, 4], 2)).Item<double>(), 12);
    }

    /// <summary>One GRU layer written out from its equations, to pin down libtorch's gate order (r, z, n).</summary>
    private static Tensor ManualGruLayer(Tensor input, Tensor h, Tensor wIh, Tensor wHh, Tensor bIh, Tensor bHh)
    {
        var gi = wIh.Chunk(3);
        var gh = wHh.Chunk(3);
        var bi = bIh.Chunk(3);
        var bh = bHh.Chunk(3);
        var outputs = new List<Tensor>();
        for (long t = 0; t < input.Size(1); t++)
        {
            var x = input.Select(1, t);
            var r = (F.Linear(x, gi[0], bi[0]) + F.Linear(h, gh[0], bh[0])).Sigmoid();
            var z = (F.Linear(x, gi[1], bi[1]) + F.Linear(h, gh[1], bh[1])).Sigmoid();
            var n = (F.Linear(x, gi[2], bi[2]) + r * F.Linear(h, gh[2], bh[2])).Tanh();
            h = (1.0 - z) * n + z * h;
            outputs.Add(h);
        }
        return torch.Stack(outputs, 1);
    }

    [Fact]
    public void GruMatchesItsEquationsForTwoLayersBatchFirst()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(11);
        const int batch = 2, steps = 4, inputSize = 3, hidden = 5;
        var x = torch.Randn([batch, steps, inputSize], ScalarType.Float64);
        var h0 = torch.Randn([2, batch, hidden], ScalarType.Float64);
        var weights = new List<Tensor>();
        foreach (var inSize in new[] { inputSize, hidden })
        {
            weights.Add(torch.Randn([3 * hidden, inSize], ScalarType.Float64));
            weights.Add(torch.Randn([3 * hidden, hidden], ScalarType.Float64));
            weights.Add(torch.Randn([3 * hidden], ScalarType.Float64));
            weights.Add(torch.Randn([3 * hidden], ScalarType.Float64));
        }
        var (output, hN) = F.Gru(x, h0, weights, hasBiases: true, numLayers: 2, dropout: 0, training: false, batchFirst: true);

        var layer1 = ManualGruLayer(x, h0[0], weights[0], weights[1], weights[2], weights[3]);
        var layer2 = ManualGruLayer(layer1, h0[1], weights[4], weights[5], weights[6], weights[7]);
        Close(layer2.ToArray<double>(), output, 1e-12);
        Close(layer1.Select(1, steps - 1).ToArray<double>(), hN[0], 1e-12);
        Close(layer2.Select(1, steps - 1).ToArray<double>(), hN[1], 1e-12);
    }

    // ---- sparse ---------------------------------------------------------------------------------

    [Fact]
    public void SparseCooCoalescesDuplicatesAndMultiplies()
    {
        using var scope = torch.NewDisposeScope();
        // (0,1) appears twice: coalescing sums it to 3; entries are sorted by (row, col).
        var s = Sparse.CooTensor(I64([1, 0, 0, /* cols */ 2, 1, 1], 2, 3), F32([5, 1, 2], 3), 2, 3);
        Assert.True(s.IsSparse);
        Assert.Equal(new long[] { 0, 1, 1, 2 }, s.SparseIndices().ToArray<long>());
        Close([3, 5], s.SparseValues());
        Close([0, 3, 0, 0, 0, 5], s.ToDense());
        var dense = F32([1, 2, 3, 4, 5, 6], 3, 2);
        Close([9, 12, 25, 30], Sparse.Mm(s, dense));
        Assert.False(Sparse.Mm(s, dense).IsSparse);
    }

    // ---- random ---------------------------------------------------------------------------------

    [Fact]
    public void RandomFunctionsRespectTheirRanges()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(5);
        var ints = torch.RandInt(3, 7, [10000]).ToArray<long>();
        Assert.Equal(new long[] { 3, 4, 5, 6 }, ints.Distinct().Order().ToArray());
        var uniform = torch.Rand([10000], ScalarType.Float64).ToArray<double>();
        Assert.All(uniform, u => Assert.True(u >= 0 && u < 1, $"{u} is outside [0, 1)"));
        Assert.InRange(uniform.Average(), 0.48, 0.52);
        var normal = torch.Randn([10000], ScalarType.Float64).ToArray<double>();
        Assert.InRange(normal.Average(), -0.05, 0.05);
        Assert.InRange(Math.Sqrt(normal.Select(v => v * v).Average()), 0.95, 1.05);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), torch.RandPerm(50).ToArray<long>().Order());
        var u = torch.Empty([1000]).Uniform_(-2, -1).ToArray<float>();
        Assert.All(u, v => Assert.InRange(v, -2f, -1f));
    }

    [Fact]
    public void MultinomialWithoutReplacementNeverRepeats()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(9);
        var weights = F64([5, 0, 1, 1, 3, 0, 2, 1], 8); // zero weights are never drawn
        for (int round = 0; round < 50; round++)
        {
            var draw = torch.Multinomial(weights, 6).ToArray<long>();
            Assert.Equal(6, draw.Distinct().Count());
            Assert.DoesNotContain(1L, draw);
            Assert.DoesNotContain(5L, draw);
        }
        var rows = torch.Multinomial(F32([1, 1, 1, 0, 0, 1, 1, 1], 2, 4), 3);
        Assert.Equal(new long[] { 2, 3 }, rows.Shape);
        Assert.DoesNotContain(3L, rows[0].ToArray<long>());
        Assert.DoesNotContain(0L, rows[1].ToArray<long>());
        var withReplacement = torch.Multinomial(F32([0, 1], 2), 20, replacement: true).ToArray<long>();
        Assert.All(withReplacement, i => Assert.Equal(1L, i));
    }
}
