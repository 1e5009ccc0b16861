using RecSharp.Data.Splits;
using RecSharp.Torch;

namespace RecSharp.Models.Graph;

/// <summary>
/// The symmetric-normalised user-item bipartite adjacency D^-1/2 A D^-1/2 of LightGCN (He et al. 2020) as one
/// coalesced sparse COO tensor over all nodes: users are nodes 0..U-1 and item i (1..N) is node U + i, so node
/// U is the padding item, which has no edges. A(u, U + i) = A(U + i, u) = 1 for every distinct train pair
/// (repeated interactions count once, as in MMRec), d_v is a node's number of neighbours, and an edge weighs
/// 1 / sqrt(d_u d_i). Isolated nodes (users or items without train interactions) simply have no entries.
/// </summary>
public sealed class NormalizedAdjacency : IDisposable
{
    private NormalizedAdjacency(int numUsers, int numItems, long[] rows, long[] columns, float[] values)
    {
        NumUsers = numUsers;
        NumItems = numItems;
        Rows = rows;
        Columns = columns;
        Values = values;
        using var scope = torch.NewDisposeScope();
        long nnz = values.Length;
        var indexData = new long[2 * nnz];
        rows.CopyTo(indexData, 0);
        columns.CopyTo(indexData, nnz);
        var indices = torch.Tensor(indexData, 2, nnz);
        var weights = torch.Tensor(values, nnz);
        Matrix = Sparse.CooTensor(indices, weights, NumNodes, NumNodes);
        Matrix.DetachFromDisposeScope();
    }

    public int NumUsers { get; }
    /// <summary>Real items are 1..NumItems.</summary>
    public int NumItems { get; }
    /// <summary>U + N + 1 (the padding item is a node without edges, so item tables keep their row 0).</summary>
    public int NumNodes => NumUsers + NumItems + 1;

    /// <summary>The sparse [NumNodes, NumNodes] float32 matrix (coalesced).</summary>
    public Tensor Matrix { get; }

    /// <summary>Row of each stored entry (both directions of every edge), in construction order.</summary>
    public long[] Rows { get; }
    public long[] Columns { get; }
    public float[] Values { get; }

    /// <summary>Node index of item <paramref name="item"/> (0..NumItems; 0 is padding).</summary>
    public int ItemNode(int item) => NumUsers + item;

    /// <summary>Builds the adjacency of the train lists (<paramref name="train"/>: users 0..U-1, items 1..numItems).</summary>
    public static NormalizedAdjacency Build(UserItemLists train, int numItems)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (numItems < 1) throw new ArgumentOutOfRangeException(nameof(numItems), numItems, "the graph needs at least one item");
        int numUsers = train.NumUsers;
        var userDegree = new int[numUsers];
        var itemDegree = new int[numItems + 1];
        var pairs = new List<(int User, int Item)>(train.Count);
        var seen = new HashSet<int>();
        for (int u = 0; u < numUsers; u++)
        {
            seen.Clear();
            foreach (int item in train[u])
            {
                if (item < 1 || item > numItems)
                    throw new ArgumentException($"user {u} has train item {item}, outside 1..{numItems}", nameof(train));
                if (!seen.Add(item)) continue;
                pairs.Add((u, item));
                userDegree[u]++;
                itemDegree[item]++;
            }
        }

        int edges = pairs.Count;
        var rows = new long[2 * edges];
        var columns = new long[2 * edges];
        var values = new float[2 * edges];
        for (int k = 0; k < edges; k++)
        {
            var (u, item) = pairs[k];
            long itemNode = numUsers + item;
            float weight = (float)(1.0 / Math.Sqrt((double)userDegree[u] * itemDegree[item]));
            rows[k] = u;
            columns[k] = itemNode;
            values[k] = weight;
            rows[edges + k] = itemNode;
            columns[edges + k] = u;
            values[edges + k] = weight;
        }
        return new NormalizedAdjacency(numUsers, numItems, rows, columns, values);
    }

    public void Dispose() => Matrix.Dispose();
}
