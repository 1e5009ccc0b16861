namespace RecSharp.Visualization;

/// <summary>
/// Symmetric joint affinities kept only between near neighbours, in compressed sparse rows: the entries of row i are
/// Values[RowStart[i]..RowStart[i + 1]) at columns Columns[...] (ascending). Built as P = (P_{j|i} + P_{i|j}) / 2n over
/// the kNN graph, so it is symmetric, has a zero diagonal and sums to 1.
/// </summary>
public sealed class SparseAffinities
{
    private SparseAffinities(int count, int[] rowStart, int[] columns, double[] values)
    {
        Count = count;
        RowStart = rowStart;
        Columns = columns;
        Values = values;
    }

    public int Count { get; }
    public int[] RowStart { get; }
    public int[] Columns { get; }
    public double[] Values { get; }

    /// <summary>Calibrates each point's Gaussian over its neighbours in <paramref name="graph"/> and symmetrises.</summary>
    public static SparseAffinities FromNeighbours(NeighbourGraph graph, double perplexity)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var conditional = PerplexityAffinities.ConditionalOnNeighbours(graph, perplexity);
        int n = graph.Count, k = graph.K;
        // Each conditional entry goes to (i, j) and to (j, i); sorting by the pair key merges the two halves.
        var keys = new long[2L * n * k];
        var values = new double[keys.Length];
        double scale = 1.0 / (2.0 * n);
        long e = 0;
        for (int i = 0; i < n; i++)
            for (int c = 0; c < k; c++)
            {
                int j = graph.Indices[(long)i * k + c];
                double v = conditional[(long)i * k + c] * scale;
                keys[e] = (long)i * n + j; values[e++] = v;
                keys[e] = (long)j * n + i; values[e++] = v;
            }
        Array.Sort(keys, values);
        var rowStart = new int[n + 1];
        var columns = new List<int>(keys.Length / 2);
        var merged = new List<double>(keys.Length / 2);
        for (long a = 0; a < keys.Length;)
        {
            long key = keys[a];
            double sum = 0;
            while (a < keys.Length && keys[a] == key) sum += values[a++];
            int row = (int)(key / n);
            rowStart[row + 1]++;
            columns.Add((int)(key % n));
            merged.Add(sum);
        }
        for (int i = 0; i < n; i++) rowStart[i + 1] += rowStart[i];
        return new SparseAffinities(n, rowStart, columns.ToArray(), merged.ToArray());
    }

    /// <summary>The dense n×n matrix (row-major), for checks against exact t-SNE on small sets.</summary>
    public double[] ToDense()
    {
        var dense = new double[(long)Count * Count];
        for (int i = 0; i < Count; i++)
            for (int e = RowStart[i]; e < RowStart[i + 1]; e++)
                dense[(long)i * Count + Columns[e]] = Values[e];
        return dense;
    }
}
