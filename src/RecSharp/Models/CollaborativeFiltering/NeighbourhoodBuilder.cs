using RecSharp.Retrieval;

namespace RecSharp.Models.CollaborativeFiltering;

/// <summary>
/// Computes, for every row a of a bipartite graph (items for ItemCF, users for UserCF), the top-K rows b
/// that share "middle" nodes with it (users for ItemCF, items for UserCF):
/// C(a, b) = sum over shared middles m of weight(m), then normalised by the degrees of a and b.
/// Rows are processed in parallel; each row is computed by one thread in a fixed order with that
/// thread's own scratch, so the result is bit-identical for any thread count.
/// </summary>
internal static class NeighbourhoodBuilder
{
    /// <param name="rowOffsets">row -> middles CSR offsets (length rowCount + 1).</param>
    /// <param name="rowMiddles">row -> middles CSR entries.</param>
    /// <param name="middleOffsets">middle -> rows CSR offsets.</param>
    /// <param name="middleRows">middle -> rows CSR entries.</param>
    /// <param name="inverseMiddleFrequency">weight each middle m by 1 / ln(1 + |rows of m|) instead of 1.</param>
    public static SimilarityLists Build(int[] rowOffsets, int[] rowMiddles, int[] middleOffsets, int[] middleRows,
        bool inverseMiddleFrequency, CfOptions options, int threads)
    {
        int rowCount = rowOffsets.Length - 1;
        double[] middleWeights = MiddleWeights(middleOffsets, inverseMiddleFrequency);
        int k = Math.Min(options.TopK, Math.Max(rowCount - 1, 0));
        var rowIds = new int[rowCount][];
        var rowScores = new double[rowCount][];

        Parallelism.ForEachRow(rowCount, threads, () => new Scratch(rowCount, k), (a, scratch) =>
            (rowIds[a], rowScores[a]) = BuildRow(a, rowOffsets, rowMiddles, middleOffsets, middleRows,
                middleWeights, options, k, scratch));

        return Concatenate(rowIds, rowScores);
    }

    private sealed class Scratch(int rowCount, int k)
    {
        public readonly SparseAccumulator Counts = new(rowCount);
        public readonly TopKSelector Selector = new(k);
        public readonly int[] Ids = new int[k];
        public readonly double[] Scores = new double[k];
    }

    private static double[] MiddleWeights(int[] middleOffsets, bool inverseFrequency)
    {
        var weights = new double[middleOffsets.Length - 1];
        for (int m = 0; m < weights.Length; m++)
        {
            int degree = middleOffsets[m + 1] - middleOffsets[m];
            weights[m] = inverseFrequency && degree > 0 ? 1.0 / Math.Log(1.0 + degree) : 1.0;
        }
        return weights;
    }

    private static (int[] Ids, double[] Scores) BuildRow(int a, int[] rowOffsets, int[] rowMiddles,
        int[] middleOffsets, int[] middleRows, double[] middleWeights, CfOptions options, int k, Scratch scratch)
    {
        int degreeA = rowOffsets[a + 1] - rowOffsets[a];
        if (degreeA == 0 || k == 0) return ([], []);

        var counts = scratch.Counts;
        for (int p = rowOffsets[a]; p < rowOffsets[a + 1]; p++)
        {
            int m = rowMiddles[p];
            double w = middleWeights[m];
            for (int q = middleOffsets[m]; q < middleOffsets[m + 1]; q++)
            {
                int b = middleRows[q];
                if (b != a) counts.Add(b, w);
            }
        }

        var selector = scratch.Selector;
        selector.Reset(k);
        foreach (int b in counts.Touched)
        {
            int degreeB = rowOffsets[b + 1] - rowOffsets[b];
            selector.Offer(b, Normalise(counts[b], degreeA, degreeB, options));
        }
        counts.Clear();

        int n = selector.Drain(scratch.Ids, scratch.Scores);
        var ids = scratch.Ids.AsSpan(0, n).ToArray();
        var scores = scratch.Scores.AsSpan(0, n).ToArray();
        if (options.NormalizeRowsByMax && n > 0 && scores[0] > 0)
        {
            double max = scores[0]; // best first, so the first score is the row maximum
            for (int i = 0; i < n; i++) scores[i] /= max;
        }
        return (ids, scores);
    }

    internal static double Normalise(double count, int degreeA, int degreeB, CfOptions options) =>
        options.Similarity switch
        {
            CfSimilarity.Cosine => count / Math.Sqrt((double)degreeA * degreeB),
            CfSimilarity.None => count,
            CfSimilarity.Asymmetric => count / (Math.Pow(degreeA, options.Alpha) * Math.Pow(degreeB, 1.0 - options.Alpha)),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Similarity, "unknown similarity"),
        };

    private static SimilarityLists Concatenate(int[][] rowIds, double[][] rowScores)
    {
        var offsets = new int[rowIds.Length + 1];
        for (int r = 0; r < rowIds.Length; r++) offsets[r + 1] = offsets[r] + rowIds[r].Length;
        var ids = new int[offsets[^1]];
        var scores = new double[offsets[^1]];
        for (int r = 0; r < rowIds.Length; r++)
        {
            rowIds[r].CopyTo(ids, offsets[r]);
            rowScores[r].CopyTo(scores, offsets[r]);
        }
        return new SimilarityLists(offsets, ids, scores);
    }
}
