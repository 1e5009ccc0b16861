using RecSharp.Torch;

namespace RecSharp.Visualization;

/// <summary>Squared Euclidean distances between the rows of a matrix, computed on the engine by one matmul.</summary>
public static class PairwiseDistances
{
    /// <summary>
    /// Returns the n×n squared distances (row-major, float64) of the rows of <paramref name="points"/> (n×d):
    /// |x_i|² + |x_j|² − 2 x_i·x_j, clamped at 0 because rounding can make it slightly negative, with an exact-zero diagonal.
    /// </summary>
    public static double[] Squared(Tensor points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Shape.Length != 2) throw new ArgumentException($"expected an n×d matrix, got shape [{string.Join(", ", points.Shape)}]", nameof(points));
        using var scope = torch.NewDisposeScope();
        var x = points.To(ScalarType.Float64);
        var norms = (x * x).Sum(1, keepDim: true);
        var distances = (norms + norms.T - x.Mm(x.T) * 2.0).ClampMin(0.0);
        var result = distances.Contiguous().ToArray<double>();
        int n = (int)points.Shape[0];
        for (int i = 0; i < n; i++) result[(long)i * n + i] = 0;
        return result;
    }
}
