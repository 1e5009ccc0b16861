using RecSharp.Torch;

namespace RecSharp.Visualization;

/// <summary>Numbers that say whether a low-dimensional layout is faithful: neighbour preservation and cluster purity.</summary>
public static class LayoutQuality
{
    /// <summary>
    /// kNN preservation: the mean over points of |kNN_input(i) ∩ kNN_layout(i)| / k, self excluded. 1 means every point keeps
    /// its k nearest input neighbours in the picture; random layouts score about k / n.
    /// </summary>
    public static double KnnPreservation(Tensor input, Tensor layout, int k = 10)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(layout);
        if (input.Shape[0] != layout.Shape[0]) throw new ArgumentException($"input has {input.Shape[0]} rows but the layout has {layout.Shape[0]}");
        var inputNeighbours = NearestNeighbours(input, k);
        var layoutNeighbours = NearestNeighbours(layout, k);
        int n = inputNeighbours.Length;
        double kept = 0;
        for (int i = 0; i < n; i++)
            kept += inputNeighbours[i].Intersect(layoutNeighbours[i]).Count();
        return kept / ((double)n * inputNeighbours[0].Length);
    }

    /// <summary>
    /// Trustworthiness (Venna and Kaski 2001): 1 − 2 / (n k (2n − 3k − 1)) Σ_i Σ_{j ∈ U_k(i)} (r(i, j) − k), where U_k(i)
    /// are the layout's k nearest neighbours of i that are not among its k nearest input neighbours and r(i, j) is j's
    /// rank among i's input neighbours. 1 means no layout neighbour is a stranger in the input; it penalises false
    /// neighbours by how far they really are. Needs k &lt; (2n − 1) / 3.
    /// </summary>
    public static double Trustworthiness(Tensor input, Tensor layout, int k = 10)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(layout);
        int n = checked((int)input.Shape[0]);
        if (layout.Shape[0] != n) throw new ArgumentException($"input has {n} rows but the layout has {layout.Shape[0]}");
        if (k < 1 || 3L * k >= 2L * n - 1) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in [1, (2n − 1) / 3) for n = {n}");
        var inputGraph = NeighbourGraph.Build(input, k);
        var layoutGraph = NeighbourGraph.Build(layout, k);
        double penalty = 0;
        // Ranks need whole rows of input distances: count, per row, the points closer than each layout neighbour.
        int blockRows = (int)Math.Clamp(NeighbourGraph.BlockElements / ((long)n * k), 1, 1024);
        using var scope = torch.NewDisposeScope();
        var x = input.To(ScalarType.Float64);
        var norms = (x * x).Sum(1);
        var neighbours = torch.Tensor(layoutGraph.Indices.Select(i => (long)i).ToArray(), n, k);
        for (int start = 0; start < n; start += blockRows)
        {
            using var block = torch.NewDisposeScope();
            int end = Math.Min(n, start + blockRows);
            var distances = (norms.Slice(0, start, end).Unsqueeze(1) + norms.Unsqueeze(0) - x.Slice(0, start, end).Mm(x.T) * 2.0).ClampMin(0.0);
            var thresholds = distances.Gather(1, neighbours.Slice(0, start, end));
            // Self is at distance 0, so the count of strictly closer points (self included) is the 1-based rank.
            var ranks = distances.Unsqueeze(1).Lt(thresholds.Unsqueeze(2)).To(ScalarType.Int64).Sum(2).Contiguous().ToArray<long>();
            for (int i = start; i < end; i++)
            {
                var inputNeighbours = inputGraph.Neighbours(i);
                for (int c = 0; c < k; c++)
                {
                    int j = layoutGraph.Indices[(long)i * k + c];
                    if (inputNeighbours.Contains(j)) continue;
                    penalty += Math.Max(0, ranks[(i - start) * k + c] - k);
                }
            }
        }
        return 1 - 2.0 / ((double)n * k * (2.0 * n - 3.0 * k - 1.0)) * penalty;
    }

    /// <summary>Layout rows (count×dims, row-major) as a tensor, for the helpers here.</summary>
    public static Tensor LayoutTensor(TsneResult result) => torch.Tensor(result.Layout, result.Count, result.Dimensions);

    /// <summary>
    /// Cluster purity by neighbour vote: the fraction of points whose k nearest layout neighbours (self excluded) are
    /// mostly of the point's own label (ties count as failures). Well-separated clusters score 1.
    /// </summary>
    public static double ClusterPurity(Tensor layout, IReadOnlyList<int> labels, int k = 10)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != layout.Shape[0]) throw new ArgumentException($"{labels.Count} labels for {layout.Shape[0]} points", nameof(labels));
        var neighbours = NearestNeighbours(layout, k);
        int pure = 0;
        for (int i = 0; i < neighbours.Length; i++)
        {
            var votes = neighbours[i].GroupBy(j => labels[j]).Select(g => (Label: g.Key, Count: g.Count())).OrderByDescending(v => v.Count).ToList();
            bool unique = votes.Count == 1 || votes[0].Count > votes[1].Count;
            if (unique && votes[0].Label == labels[i]) pure++;
        }
        return (double)pure / neighbours.Length;
    }

    /// <summary>Indices of each row's k nearest other rows (squared Euclidean), nearest first.</summary>
    public static int[][] NearestNeighbours(Tensor points, int k)
    {
        var graph = NeighbourGraph.Build(points, k);
        var result = new int[graph.Count][];
        for (int i = 0; i < graph.Count; i++) result[i] = graph.Neighbours(i).ToArray();
        return result;
    }
}
