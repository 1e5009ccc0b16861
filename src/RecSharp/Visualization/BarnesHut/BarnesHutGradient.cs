namespace RecSharp.Visualization.BarnesHut;

/// <summary>
/// The Barnes-Hut approximation of the t-SNE gradient (van der Maaten 2014) for 2-d layouts:
/// ∂C/∂y_i = 4 (Σ_j p_ij w_ij (y_i − y_j) − Σ_j w_ij² (y_i − y_j) / Z), w = (1 + d²)⁻¹, Z = Σ_{k≠l} w_kl.
/// The attractive sum runs over the sparse P exactly; the repulsive sums and Z come from a quadtree, O(n log n) per step.
/// Each point's terms are computed independently and Z is summed in point order, so results do not depend on threads.
/// </summary>
public sealed class BarnesHutGradient : ITsneGradient
{
    private readonly SparseAffinities p;
    private readonly double theta;
    private readonly ParallelOptions parallel;

    /// <param name="theta">Accuracy knob: a cell is summarised when side / distance &lt; θ. 0 is exact; 0.5 is usual.</param>
    public BarnesHutGradient(SparseAffinities affinities, double theta = 0.5, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(affinities);
        if (!(theta >= 0)) throw new ArgumentOutOfRangeException(nameof(theta), theta, "θ must be at least 0");
        p = affinities;
        this.theta = theta;
        parallel = new ParallelOptions { MaxDegreeOfParallelism = threads > 0 ? threads : Environment.ProcessorCount };
    }

    public int Count => p.Count;

    public double Compute(ReadOnlySpan<double> layout, int dims, Span<double> gradient, double exaggeration = 1, bool withCost = false)
    {
        if (dims != 2) throw new ArgumentException($"Barnes-Hut t-SNE draws 2-d layouts only, got {dims} dimensions (use the exact method)", nameof(dims));
        int n = Count;
        if (layout.Length != 2L * n || gradient.Length != layout.Length)
            throw new ArgumentException($"expected a {n}×2 layout and gradient, got {layout.Length} and {gradient.Length} values");
        var y = layout.ToArray();
        var tree = new QuadTree(y);
        var zParts = new double[n];
        var repulsion = new double[2 * n];
        var attraction = new double[2 * n];
        var costParts = withCost ? new double[n] : null;
        Parallel.For(0, n, parallel, () => new int[tree.StackSize], (i, _, stack) =>
        {
            zParts[i] = tree.Repulsion(i, theta, stack, out repulsion[2 * i], out repulsion[2 * i + 1]);
            double ax = 0, ay = 0;
            for (int e = p.RowStart[i]; e < p.RowStart[i + 1]; e++)
            {
                int j = p.Columns[e];
                double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                double pw = p.Values[e] * exaggeration / (1.0 + dx * dx + dy * dy);
                ax += pw * dx;
                ay += pw * dy;
            }
            attraction[2 * i] = ax;
            attraction[2 * i + 1] = ay;
            return stack;
        }, _ => { });
        double z = 0;
        for (int i = 0; i < n; i++) z += zParts[i];
        for (int k = 0; k < gradient.Length; k++) gradient[k] = 4 * (attraction[k] - repulsion[k] / z);
        if (!withCost) return double.NaN;
        // KL over the stored affinities (the rest are zero): Σ p log(p / q), q_ij = w_ij / Z.
        Parallel.For(0, n, parallel, i =>
        {
            double sum = 0;
            for (int e = p.RowStart[i]; e < p.RowStart[i + 1]; e++)
            {
                int j = p.Columns[e];
                double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                double target = p.Values[e] * exaggeration;
                double q = 1.0 / (1.0 + dx * dx + dy * dy) / z;
                if (target > 0) sum += target * Math.Log(Math.Max(target, 1e-12) / Math.Max(q, 1e-12));
            }
            costParts![i] = sum;
        });
        double cost = 0;
        for (int i = 0; i < n; i++) cost += costParts![i];
        return cost;
    }

    public void Dispose() { }
}
