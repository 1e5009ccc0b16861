using RecSharp.Torch;

namespace RecSharp.Visualization;

/// <summary>
/// The analytic gradient of the t-SNE cost KL(P‖Q) with a Student-t (one degree of freedom) layout kernel:
/// ∂C/∂y_i = 4 Σ_j (p_ij − q_ij)(y_i − y_j)(1 + |y_i − y_j|²)⁻¹, with all O(n²) work done on the engine.
/// </summary>
public sealed class TsneGradient : ITsneGradient
{
    private readonly Tensor p;
    private readonly Tensor offDiagonal;

    /// <param name="jointAffinities">Symmetric P (n×n, row-major), summing to 1 with a zero diagonal.</param>
    /// <param name="dtype">Float64 for checks, Float32 for speed.</param>
    public TsneGradient(double[] jointAffinities, int n, ScalarType dtype = ScalarType.Float32)
    {
        ArgumentNullException.ThrowIfNull(jointAffinities);
        if (jointAffinities.Length != (long)n * n) throw new ArgumentException($"expected {n}×{n} affinities, got {jointAffinities.Length}", nameof(jointAffinities));
        Count = n;
        Dtype = dtype;
        using var scope = torch.NewDisposeScope();
        p = torch.Tensor(jointAffinities, n, n).To(dtype).MoveToOuterScope();
        offDiagonal = (1.0 - torch.Eye(n, dtype)).MoveToOuterScope();
    }

    public int Count { get; }
    public ScalarType Dtype { get; }

    /// <summary>
    /// Writes ∂C/∂Y for the layout <paramref name="layout"/> (n×dims, row-major) into <paramref name="gradient"/>, with P
    /// multiplied by <paramref name="exaggeration"/>; returns the cost Σ p log(p/q) when <paramref name="withCost"/>, else NaN.
    /// </summary>
    public double Compute(ReadOnlySpan<double> layout, int dims, Span<double> gradient, double exaggeration = 1, bool withCost = false)
    {
        if (layout.Length != (long)Count * dims || gradient.Length != layout.Length)
            throw new ArgumentException($"expected a {Count}×{dims} layout and gradient, got {layout.Length} and {gradient.Length} values");
        using var scope = torch.NewDisposeScope();
        var y = torch.FromSpan(layout, [Count, dims]).To(Dtype);
        var squaredNorms = (y * y).Sum(1, keepDim: true);
        // Student-t kernel (1 + |y_i − y_j|²)⁻¹ with the diagonal removed.
        var kernel = (squaredNorms + squaredNorms.T - y.Mm(y.T) * 2.0 + 1.0).Reciprocal() * offDiagonal;
        var q = kernel / kernel.Sum();
        var target = exaggeration == 1 ? p : p * exaggeration;
        var weights = (target - q) * kernel;
        var grad = (weights.Sum(1, keepDim: true) * y - weights.Mm(y)) * 4.0;
        var values = grad.To(ScalarType.Float64).Contiguous();
        values.CopyTo(gradient);
        if (!withCost) return double.NaN;
        // 0·log(0/q) = 0: clamping only inside the log keeps zero affinities (the diagonal) out of the sum.
        var cost = (target * (target.ClampMin(1e-12) / q.ClampMin(1e-12)).Log()).Sum();
        return cost.ToDouble();
    }

    public void Dispose()
    {
        p.Dispose();
        offDiagonal.Dispose();
    }
}
