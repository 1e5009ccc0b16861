using RecSharp.Torch;

namespace RecSharp.Visualization;

/// <summary>Numbers that say whether a low-dimensional layout is faithful: neighbour preservation and cluster purity.</summary>
public static class LayoutQuality
{
    private const int BlockRows = 1024;

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

    /// <summary>Indices of each row's k nearest other rows (squared Euclidean), scored in blocks so memory stays O(block·n).</summary>
    public static int[][] NearestNeighbours(Tensor points, int k)
    {
        int n = checked((int)points.Shape[0]);
        if (k < 1 || k >= n) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in [1, n − 1 = {n - 1}]");
        var result = new int[n][];
        using var scope = torch.NewDisposeScope();
        var x = points.To(ScalarType.Float64);
        var norms = (x * x).Sum(1);
        for (int start = 0; start < n; start += BlockRows)
        {
            using var block = torch.NewDisposeScope();
            int end = Math.Min(n, start + BlockRows);
            var rows = x.Slice(0, start, end);
            var distances = (norms.Slice(0, start, end).Unsqueeze(1) + norms.Unsqueeze(0) - rows.Mm(x.T) * 2.0);
            var (_, indices) = distances.TopK(k + 1, dim: 1, largest: false);
            var flat = indices.Contiguous().ToArray<long>();
            for (int r = 0; r < end - start; r++)
            {
                int self = start + r;
                // Drop self (normally first; with duplicates it may be anywhere, or beaten by a twin).
                var row = new List<int>(k);
                for (int c = 0; c <= k && row.Count < k; c++)
                {
                    int j = (int)flat[r * (k + 1) + c];
                    if (j != self) row.Add(j);
                }
                result[self] = row.ToArray();
            }
        }
        return result;
    }
}
