namespace RecSharp.Visualization;

/// <summary>
/// The input-space affinities of t-SNE (van der Maaten and Hinton 2008): for each point a Gaussian over the others whose
/// precision β_i is found by binary search so that the row's entropy equals log(perplexity); then the symmetrised joint
/// P = (P_{j|i} + P_{i|j}) / 2n.
/// </summary>
public static class PerplexityAffinities
{
    /// <summary>Tolerance on |H_i − log(perplexity)| (nats), as in the reference implementation.</summary>
    public const double EntropyTolerance = 1e-5;
    public const int MaxSearchSteps = 200;

    /// <summary>Conditional affinities P_{j|i} (row i sums to 1, zero diagonal) from squared distances (n×n, row-major).</summary>
    public static double[] Conditional(ReadOnlySpan<double> squaredDistances, int n, double perplexity)
    {
        if (n < 2) throw new ArgumentException($"t-SNE needs at least 2 points, got {n}", nameof(n));
        if (squaredDistances.Length != (long)n * n) throw new ArgumentException($"expected {n}×{n} distances, got {squaredDistances.Length}", nameof(squaredDistances));
        if (!(perplexity > 0) || perplexity > n - 1)
            throw new ArgumentOutOfRangeException(nameof(perplexity), perplexity, $"perplexity must be in (0, n − 1 = {n - 1}]; it is the effective number of neighbours");
        var p = new double[(long)n * n];
        double target = Math.Log(perplexity);
        for (int i = 0; i < n; i++)
            CalibrateRow(squaredDistances.Slice(i * n, n), i, target, p.AsSpan(i * n, n));
        return p;
    }

    /// <summary>The symmetrised joint affinities P = (P + Pᵀ) / 2n: symmetric, zero diagonal, summing to 1.</summary>
    public static double[] Joint(ReadOnlySpan<double> squaredDistances, int n, double perplexity)
    {
        var conditional = Conditional(squaredDistances, n, perplexity);
        var joint = new double[(long)n * n];
        double scale = 1.0 / (2.0 * n);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                joint[i * n + j] = (conditional[i * n + j] + conditional[j * n + i]) * scale;
        return joint;
    }

    /// <summary>
    /// Conditional affinities restricted to each point's k nearest neighbours (Barnes-Hut t-SNE, van der Maaten 2014):
    /// entry [i·k + c] is P_{j|i} for j = the c-th neighbour of i; every row sums to 1 and has entropy log(perplexity).
    /// </summary>
    public static double[] ConditionalOnNeighbours(NeighbourGraph graph, double perplexity)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (!(perplexity > 0) || perplexity > graph.K)
            throw new ArgumentOutOfRangeException(nameof(perplexity), perplexity, $"perplexity must be in (0, k = {graph.K}]; it is the effective number of neighbours");
        var p = new double[graph.SquaredDistances.Length];
        double target = Math.Log(perplexity);
        for (int i = 0; i < graph.Count; i++)
            CalibrateRow(graph.Distances(i), -1, target, p.AsSpan(i * graph.K, graph.K));
        return p;
    }

    /// <summary>Binary search on β so that the entropy of row <paramref name="self"/> matches <paramref name="targetEntropy"/>.</summary>
    private static void CalibrateRow(ReadOnlySpan<double> distances, int self, double targetEntropy, Span<double> row)
    {
        // Shifting by the nearest distance leaves the normalised row unchanged but keeps exp() from underflowing to 0.
        double nearest = double.PositiveInfinity;
        for (int j = 0; j < distances.Length; j++)
            if (j != self && distances[j] < nearest) nearest = distances[j];
        double beta = 1, low = double.NegativeInfinity, high = double.PositiveInfinity;
        for (int step = 0; step < MaxSearchSteps; step++)
        {
            double entropy = FillRow(distances, self, nearest, beta, row);
            double gap = entropy - targetEntropy;
            if (Math.Abs(gap) < EntropyTolerance) return;
            if (gap > 0)
            {
                // Too flat: sharpen the Gaussian.
                low = beta;
                beta = double.IsPositiveInfinity(high) ? beta * 2 : (beta + high) / 2;
            }
            else
            {
                high = beta;
                beta = double.IsNegativeInfinity(low) ? beta / 2 : (beta + low) / 2;
            }
        }
    }

    /// <summary>Writes the normalised row for precision β and returns its entropy in nats.</summary>
    private static double FillRow(ReadOnlySpan<double> distances, int self, double nearest, double beta, Span<double> row)
    {
        double sum = 0, weighted = 0;
        for (int j = 0; j < row.Length; j++)
        {
            if (j == self) { row[j] = 0; continue; }
            double shifted = distances[j] - nearest;
            double value = Math.Exp(-beta * shifted);
            row[j] = value;
            sum += value;
            weighted += shifted * value;
        }
        for (int j = 0; j < row.Length; j++) row[j] /= sum;
        // H = log Σ exp(−β d) + β Σ d p  (with the shifted distances; the shift cancels).
        return Math.Log(sum) + beta * weighted / sum;
    }
}
