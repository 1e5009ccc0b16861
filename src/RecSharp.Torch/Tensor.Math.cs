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

    // Integer scalars keep integer tensors integer (ids + offset stays int64), as a Python int does in PyTorch;
    // the double overloads above promote them to float, as a Python float does. C# picks these for int literals.
    public Tensor Add(long value) => Wrap(rs_add_scalar_int(Handle, value, out var r), r);
    public Tensor Sub(long value) => Wrap(rs_add_scalar_int(Handle, checked(-value), out var r), r);
    public Tensor Mul(long value) => Wrap(rs_mul_scalar_int(Handle, value, out var r), r);
    public Tensor Pow(long exponent) => Wrap(rs_pow_scalar_int(Handle, exponent, out var r), r);
    public Tensor RSub(long value) => Wrap(rs_rsub_scalar_int(Handle, value, out var r), r);

    /// <summary>Python's % (the result has the sign of the divisor), e.g. hashing ids into buckets.</summary>
    public Tensor Remainder(long divisor) => Wrap(rs_remainder_scalar_int(Handle, divisor, out var r), r);

    /// <summary>Python's // (rounds toward negative infinity).</summary>
    public Tensor FloorDivide(long divisor) => Wrap(rs_floor_divide_scalar_int(Handle, divisor, out var r), r);
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
    public Tensor Square() => Wrap(rs_square(Handle, out var r), r);
    public Tensor Log1p() => Wrap(rs_log1p(Handle, out var r), r);
    public Tensor Reciprocal() => Wrap(rs_reciprocal(Handle, out var r), r);
    public Tensor Sin() => Wrap(rs_sin(Handle, out var r), r);
    public Tensor Cos() => Wrap(rs_cos(Handle, out var r), r);

    /// <summary>GELU: x * Phi(x) exactly, or with BERT's tanh approximation when <paramref name="tanhApproximation"/>.</summary>
    public Tensor Gelu(bool tanhApproximation = false) => Wrap(rs_gelu(Handle, tanhApproximation ? 1 : 0, out var r), r);

    public Tensor IsNan() => Wrap(rs_isnan(Handle, out var r), r);
    public Tensor IsFinite() => Wrap(rs_isfinite(Handle, out var r), r);

    /// <summary>The upper triangle of the last two dimensions (elements below <paramref name="diagonal"/> set to 0), e.g. causal masks.</summary>
    public Tensor Triu(long diagonal = 0) => Wrap(rs_triu(Handle, diagonal, out var r), r);

    /// <summary>The lower triangle of the last two dimensions (elements above <paramref name="diagonal"/> set to 0).</summary>
    public Tensor Tril(long diagonal = 0) => Wrap(rs_tril(Handle, diagonal, out var r), r);

    /// <summary>Clamps to [min, max]; either bound may be omitted.</summary>
    public Tensor Clamp(double? min = null, double? max = null) =>
        Wrap(rs_clamp(Handle, min.HasValue ? 1 : 0, min ?? 0, max.HasValue ? 1 : 0, max ?? 0, out var r), r);

    public Tensor ClampMin(double min) => Clamp(min, null);

    /// <summary>Clamps with integer bounds, which keeps an integer tensor integer.</summary>
    public Tensor Clamp(long? min = null, long? max = null) =>
        Wrap(rs_clamp_int(Handle, min.HasValue ? 1 : 0, min ?? 0, max.HasValue ? 1 : 0, max ?? 0, out var r), r);

    public Tensor ClampMin(long min) => Clamp(min, null);
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

    /// <summary>beta * this + alpha * (batch1 @ batch2) for batches of matrices.</summary>
    public Tensor BAddBmm(Tensor batch1, Tensor batch2, double beta = 1, double alpha = 1) =>
        Wrap(rs_baddbmm(Handle, batch1.Handle, batch2.Handle, beta, alpha, out var r), r);

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

    /// <summary>Variance over <paramref name="dims"/> (all elements when empty), unbiased (n - 1) by default as in PyTorch.</summary>
    public Tensor Var(ReadOnlySpan<long> dims = default, bool unbiased = true, bool keepDim = false)
    {
        fixed (long* d = dims) return Wrap(rs_var(Handle, d, dims.Length, unbiased ? 1 : 0, keepDim ? 1 : 0, out var r), r);
    }

    /// <summary>Standard deviation over <paramref name="dims"/> (all elements when empty), unbiased by default.</summary>
    public Tensor Std(ReadOnlySpan<long> dims = default, bool unbiased = true, bool keepDim = false)
    {
        fixed (long* d = dims) return Wrap(rs_std(Handle, d, dims.Length, unbiased ? 1 : 0, keepDim ? 1 : 0, out var r), r);
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
    public Tensor ArgMin() => Wrap(rs_argmin_all(Handle, out var r), r);
    public Tensor ArgMin(long dim, bool keepDim = false) => Wrap(rs_argmin(Handle, dim, keepDim ? 1 : 0, out var r), r);

    /// <summary>True (a 0-d bool tensor) when any element is non-zero.</summary>
    public Tensor Any() => Wrap(rs_any_all(Handle, out var r), r);

    /// <summary>True (a 0-d bool tensor) when every element is non-zero.</summary>
    public Tensor All() => Wrap(rs_all_all(Handle, out var r), r);

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
    public static Tensor operator +(Tensor a, long b) => a.Add(b);
    public static Tensor operator -(Tensor a, long b) => a.Sub(b);
    public static Tensor operator *(Tensor a, long b) => a.Mul(b);
    public static Tensor operator %(Tensor a, long b) => a.Remainder(b);
    public static Tensor operator +(long a, Tensor b) => b.Add(a);
    public static Tensor operator -(long a, Tensor b) => b.RSub(a);
    public static Tensor operator *(long a, Tensor b) => b.Mul(a);
    public static Tensor operator -(Tensor a) => a.Neg();

    public static Tensor operator /(double a, Tensor b)
    {
        using var inverse = b.Reciprocal();
        return inverse.Mul(a);
    }
}
