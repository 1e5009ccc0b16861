using RecSharp.Torch;

namespace RecSharp.Visualization;

/// <summary>
/// The k nearest other rows of every row (squared Euclidean), row-major n×k, nearest first. Scored on the engine in
/// blocks of rows so memory stays bounded (about <see cref="BlockElements"/> distances at a time) even for large n.
/// </summary>
public sealed record NeighbourGraph(int Count, int K, int[] Indices, double[] SquaredDistances)
{
    /// <summary>Distances held at once while scoring: 2²⁴ doubles = 128 MiB.</summary>
    public const long BlockElements = 1L << 24;

    public ReadOnlySpan<int> Neighbours(int row) => Indices.AsSpan(row * K, K);
    public ReadOnlySpan<double> Distances(int row) => SquaredDistances.AsSpan(row * K, K);

    public static NeighbourGraph Build(Tensor points, int k)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Shape.Length != 2) throw new ArgumentException($"expected an n×d matrix, got shape [{string.Join(", ", points.Shape)}]", nameof(points));
        int n = checked((int)points.Shape[0]);
        if (k < 1 || k >= n) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in [1, n − 1 = {n - 1}]");
        var indices = new int[(long)n * k];
        var distances = new double[(long)n * k];
        int blockRows = (int)Math.Clamp(BlockElements / n, 1, 1024);
        using var scope = torch.NewDisposeScope();
        var x = points.To(ScalarType.Float64);
        var norms = (x * x).Sum(1);
        for (int start = 0; start < n; start += blockRows)
        {
            using var block = torch.NewDisposeScope();
            int end = Math.Min(n, start + blockRows);
            var rows = x.Slice(0, start, end);
            var squared = (norms.Slice(0, start, end).Unsqueeze(1) + norms.Unsqueeze(0) - rows.Mm(x.T) * 2.0).ClampMin(0.0);
            var (values, found) = squared.TopK(k + 1, dim: 1, largest: false);
            var flatIndices = found.Contiguous().ToArray<long>();
            var flatValues = values.Contiguous().ToArray<double>();
            for (int r = 0; r < end - start; r++)
            {
                int self = start + r;
                // Drop self (normally first; with duplicates it may be anywhere, or beaten by a twin).
                int kept = 0;
                for (int c = 0; c <= k && kept < k; c++)
                {
                    int j = (int)flatIndices[r * (k + 1) + c];
                    if (j == self) continue;
                    indices[(long)self * k + kept] = j;
                    distances[(long)self * k + kept] = flatValues[r * (k + 1) + c];
                    kept++;
                }
            }
        }
        return new NeighbourGraph(n, k, indices, distances);
    }
}
