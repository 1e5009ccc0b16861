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
