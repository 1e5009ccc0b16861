using RecSharp.Torch;

namespace RecSharp.Models.Graph;

/// <summary>LightGCN's propagation: e_{k+1} = Â e_k for k = 0..L-1, then the mean of e_0..e_L (no weights, no non-linearity).</summary>
public static class GraphPropagation
{
    /// <summary>Layer mean of <paramref name="ego"/> [nodes, d] propagated <paramref name="layers"/> times over the sparse <paramref name="adjacency"/>.</summary>
    public static Tensor LayerMean(Tensor adjacency, Tensor ego, int layers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layers);
        if (layers == 0) return ego.Clone();
        var all = new List<Tensor>(layers + 1) { ego };
        try
        {
            var current = ego;
            for (int k = 0; k < layers; k++)
            {
                current = Sparse.Mm(adjacency, current);
                all.Add(current);
            }
            using var stacked = torch.Stack(all, 0);
            return stacked.Mean(0);
        }
        finally
        {
            for (int k = 1; k < all.Count; k++) all[k].Dispose();
        }
    }
}
