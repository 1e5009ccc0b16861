using RecSharp.Torch.Native;
using static RecSharp.Torch.Native.NativeMethods;

namespace RecSharp.Torch;

/// <summary>Elementwise math, comparisons, matrix products and reductions.</summary>
public unsafe partial class Tensor
{
    // ---- binary ----------------------------------------------------------------------------------
    public Tensor Add(Tensor other, double alpha = 1) => Wrap(rs_add(Handle, other.Handle, alpha, out var r), r);
    public Tensor Sub(Tensor other, double alpha = 1) => Wrap(rs_sub(Handle, other.Handle, alpha, out var r), r);
    public Tensor Mul(Tensor other) => Wrap(rs_mul(Handle, other.Handle, out var r), r);
    public Tensor Div(Tensor other) => Wrap(rs_div(Handle, other.Handle, out var r), r);
    public Tensor Pow(Tensor exponent) => Wrap(rs_pow(Handle, exponent.Handle, out var r), r);
    public Tensor Add(double value) => Wrap(rs_add_scalar(Handle, value, out var r), r);
    public Tensor Sub(double value) => Wrap(rs_add_scalar(Handle, -value, out var r), r);
    public Tensor Mul(double value) => Wrap(rs_mul_scalar(Handle, value, out var r), r);
    public Tensor Div(double value) => Wrap(rs_div_scalar(Handle, value, out var r), r);
    public Tensor Pow(double exponent) => Wrap(rs_pow_scalar(Handle, exponent, out var r), r);
    /// <summary>value - this.</summary>
    public Tensor RSub(double value) => Wrap(rs_rsub_scalar(Handle, value, out var r), r);
    public Tensor Maximum(Tensor other) => Wrap(rs_maximum(Handle, other.Handle, out var r), r);
    public Tensor Minimum(Tensor other) => Wrap(rs_minimum(Handle, other.Handle, out var r), r);

    // ---- unary -----------------------------------------------------------------------------------
    public Tensor Neg() => Wrap(rs_neg(Handle, out var r), r);
    public Tensor Exp() => Wrap(rs_exp(Handle, out var r), r);
    public Tensor Log() => Wrap(rs_log(Handle, out var r), r);
    public Tensor Sqrt() => Wrap(rs_sqrt(Handle, out var r), r);
    public Tensor Abs() => Wrap(rs_abs(Handle, out var r), r);
    public Tensor Sigmoid() => Wrap(rs_sigmoid(Handle, out var r), r);
    public Tensor Tanh() => Wrap(rs_tanh(Handle, out var r), r);
    public Tensor Relu() => Wrap(rs_relu(Handle, out var r), r);
    public Tensor LeakyRelu(double negativeSlope = 0.01) => Wrap(rs_leaky_relu(Handle, negativeSlope, out var r), r);
    public Tensor LogSigmoid() => Wrap(rs_log_sigmoid(Handle, out var r), r);
    public Tensor Softplus() => Wrap(rs_softplus(Handle, out var r), r);

    /// <summary>Clamps to [min, max]; either bound may be omitted.</summary>
    public Tensor Clamp(double? min = null, double? max = null) =>
        Wrap(rs_clamp(Handle, min.HasValue ? 1 : 0, min ?? 0, max.HasValue ? 1 : 0, max ?? 0, out var r), r);

    public Tensor ClampMin(double min) => Clamp(min, null);
    public Tensor LogicalNot() => Wrap(rs_logical_not(Handle, out var r), r);
    public Tensor LogicalAnd(Tensor other) => Wrap(rs_logical_and(Handle, other.Handle, out var r), r);
    public Tensor LogicalOr(Tensor other) => Wrap(rs_logical_or(Handle, other.Handle, out var r), r);

    // ---- comparisons (bool tensors) ----------------------------------------------------------------
    public Tensor Eq(Tensor other) => Wrap(rs_compare(Handle, other.Handle, 0, out var r), r);
    public Tensor Ne(Tensor other) => Wrap(rs_compare(Handle, other.Handle, 1, out var r), r);
    public Tensor Lt(Tensor other) => Wrap(rs_compare(Handle, other.Handle, 2, out var r), r);
    public Tensor Le(Tensor other) => Wrap(rs_compare(Handle, other.Handle, 3, out var r), r);
    public Tensor Gt(Tensor other) => Wrap(rs_compare(Handle, other.Handle, 4, out var r), r);
    public Tensor Ge(Tensor other) => Wrap(rs_compare(Handle, other.Handle, 5, out var r), r);
    public Tensor Eq(double value) => Wrap(rs_compare_scalar(Handle, value, 0, out var r), r);
    public Tensor Ne(double value) => Wrap(rs_compare_scalar(Handle, value, 1, out var r), r);
    public Tensor Lt(double value) => Wrap(rs_compare_scalar(Handle, value, 2, out var r), r);
    public Tensor Le(double value) => Wrap(rs_compare_scalar(Handle, value, 3, out var r), r);
    public Tensor Gt(double value) => Wrap(rs_compare_scalar(Handle, value, 4, out var r), r);
    public Tensor Ge(double value) => Wrap(rs_compare_scalar(Handle, value, 5, out var r), r);

    // ---- in place --------------------------------------------------------------------------------
    public Tensor Add_(Tensor other, double alpha = 1)
    {
        Check(rs_add_(Handle, other.Handle, alpha));
        return this;
    }

    public Tensor Mul_(double value)
    {
        Check(rs_mul_scalar_(Handle, value));
        return this;
    }

    public Tensor Clamp_(double? min = null, double? max = null)
    {
        Check(rs_clamp_(Handle, min.HasValue ? 1 : 0, min ?? 0, max.HasValue ? 1 : 0, max ?? 0));
        return this;
    }

    // ---- matrix products ---------------------------------------------------------------------------
    public Tensor Mm(Tensor other) => Wrap(rs_mm(Handle, other.Handle, out var r), r);
    public Tensor MatMul(Tensor other) => Wrap(rs_matmul(Handle, other.Handle, out var r), r);
    public Tensor Bmm(Tensor other) => Wrap(rs_bmm(Handle, other.Handle, out var r), r);

    // ---- reductions ------------------------------------------------------------------------------
    public Tensor Sum() => Wrap(rs_sum_all(Handle, out var r), r);
    public Tensor Sum(long dim, bool keepDim = false) => Sum([dim], keepDim);
    public Tensor Sum(ReadOnlySpan<long> dims, bool keepDim = false)
    {
        fixed (long* d = dims) return Wrap(rs_sum(Handle, d, dims.Length, keepDim ? 1 : 0, out var r), r);
    }

    public Tensor Mean() => Wrap(rs_mean_all(Handle, out var r), r);
    public Tensor Mean(long dim, bool keepDim = false) => Mean([dim], keepDim);
    public Tensor Mean(ReadOnlySpan<long> dims, bool keepDim = false)
    {
        fixed (long* d = dims) return Wrap(rs_mean(Handle, d, dims.Length, keepDim ? 1 : 0, out var r), r);
    }

    public Tensor Max() => Wrap(rs_max_all(Handle, out var r), r);
    public Tensor Min() => Wrap(rs_min_all(Handle, out var r), r);

    /// <summary>Maximum along <paramref name="dim"/>: values and their indices.</summary>
    public (Tensor Values, Tensor Indices) Max(long dim, bool keepDim = false) =>
        Wrap2(rs_max_dim(Handle, dim, keepDim ? 1 : 0, out var v, out var i), v, i);

    public (Tensor Values, Tensor Indices) Min(long dim, bool keepDim = false) =>
        Wrap2(rs_min_dim(Handle, dim, keepDim ? 1 : 0, out var v, out var i), v, i);

    public Tensor ArgMax() => Wrap(rs_argmax_all(Handle, out var r), r);
    public Tensor ArgMax(long dim, bool keepDim = false) => Wrap(rs_argmax(Handle, dim, keepDim ? 1 : 0, out var r), r);

    /// <summary>The k largest (or smallest) entries along <paramref name="dim"/>.</summary>
    public (Tensor Values, Tensor Indices) TopK(long k, long dim = -1, bool largest = true, bool sorted = true) =>
        Wrap2(rs_topk(Handle, k, dim, largest ? 1 : 0, sorted ? 1 : 0, out var v, out var i), v, i);

    public (Tensor Values, Tensor Indices) Sort(long dim = -1, bool descending = false, bool stable = false) =>
        Wrap2(rs_sort(Handle, dim, descending ? 1 : 0, stable ? 1 : 0, out var v, out var i), v, i);

    /// <summary>p-norm over all elements, or over <paramref name="dims"/> when given.</summary>
    public Tensor Norm(double p = 2, long[]? dims = null, bool keepDim = false)
    {
        dims ??= [];
        fixed (long* d = dims) return Wrap(rs_norm(Handle, p, d, dims.Length, keepDim ? 1 : 0, out var r), r);
    }

    public Tensor CumSum(long dim) => Wrap(rs_cumsum(Handle, dim, out var r), r);

    // ---- operators -------------------------------------------------------------------------------
    public static Tensor operator +(Tensor a, Tensor b) => a.Add(b);
    public static Tensor operator -(Tensor a, Tensor b) => a.Sub(b);
    public static Tensor operator *(Tensor a, Tensor b) => a.Mul(b);
    public static Tensor operator /(Tensor a, Tensor b) => a.Div(b);
    public static Tensor operator +(Tensor a, double b) => a.Add(b);
    public static Tensor operator -(Tensor a, double b) => a.Sub(b);
    public static Tensor operator *(Tensor a, double b) => a.Mul(b);
    public static Tensor operator /(Tensor a, double b) => a.Div(b);
    public static Tensor operator +(double a, Tensor b) => b.Add(a);
    public static Tensor operator -(double a, Tensor b) => b.RSub(a);
    public static Tensor operator *(double a, Tensor b) => b.Mul(a);
    public static Tensor operator -(Tensor a) => a.Neg();
}
