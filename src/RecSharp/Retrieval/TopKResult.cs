namespace RecSharp.Retrieval;

/// <summary>
/// The top K items of each query, best first: ids and scores row-major in arrays of QueryCount x K. A row that
/// has fewer than K eligible items (a small catalogue, many exclusions) is filled up with id -1 and score -inf
/// after its real entries; <see cref="Ids(int)"/> and <see cref="Scores(int)"/> return only the real entries.
/// </summary>
public sealed class TopKResult
{
    /// <summary>Id that marks an empty slot.</summary>
    public const int NoItem = -1;

    private readonly int[] ids;
    private readonly float[] scores;
    private readonly int[] lengths;

    public TopKResult(int queryCount, int k, int[] ids, float[] scores)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(scores);
        if (queryCount < 0) throw new ArgumentOutOfRangeException(nameof(queryCount), queryCount, "cannot be negative");
        if (k < 0) throw new ArgumentOutOfRangeException(nameof(k), k, "cannot be negative");
        long expected = (long)queryCount * k;
        if (ids.Length != expected || scores.Length != expected)
            throw new ArgumentException($"{queryCount} queries x {k} need {expected} ids and scores, got {ids.Length} ids and {scores.Length} scores");
        QueryCount = queryCount;
        K = k;
        this.ids = ids;
        this.scores = scores;
        lengths = new int[queryCount];
        for (int q = 0; q < queryCount; q++)
        {
            int n = 0;
            while (n < k && ids[q * k + n] != NoItem) n++;
            lengths[q] = n;
        }
    }

    public int QueryCount { get; }
    public int K { get; }

    /// <summary>All ids, row-major (QueryCount x K), empty slots = -1.</summary>
    public ReadOnlySpan<int> AllIds => ids;

    /// <summary>All scores, row-major (QueryCount x K), empty slots = -inf.</summary>
    public ReadOnlySpan<float> AllScores => scores;

    /// <summary>The real entries of query <paramref name="query"/>, best first.</summary>
    public ReadOnlySpan<int> Ids(int query) => ids.AsSpan(RowStart(query), lengths[query]);

    public ReadOnlySpan<float> Scores(int query) => scores.AsSpan(RowStart(query), lengths[query]);

    /// <summary>Number of real entries of query <paramref name="query"/>.</summary>
    public int Length(int query)
    {
        RowStart(query);
        return lengths[query];
    }

    /// <summary>Row <paramref name="query"/> as an array (the form the evaluator and fusion take).</summary>
    public int[] IdsArray(int query) => Ids(query).ToArray();

    private int RowStart(int query)
    {
        if ((uint)query >= (uint)QueryCount)
            throw new ArgumentOutOfRangeException(nameof(query), query, $"query {query} does not exist; there are {QueryCount}");
        return query * K;
    }

    /// <summary>Builds a result from variable-length rows (each at most <paramref name="k"/> long).</summary>
    public static TopKResult FromRows(int k, IReadOnlyList<(int[] Ids, float[] Scores)> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var ids = new int[checked(rows.Count * k)];
        var scores = new float[ids.Length];
        Array.Fill(ids, NoItem);
        Array.Fill(scores, float.NegativeInfinity);
        for (int q = 0; q < rows.Count; q++)
        {
            var (rowIds, rowScores) = rows[q];
            if (rowIds.Length != rowScores.Length || rowIds.Length > k)
                throw new ArgumentException($"row {q} has {rowIds.Length} ids and {rowScores.Length} scores; both must be equal and at most {k}");
            rowIds.CopyTo(ids, q * k);
            rowScores.CopyTo(scores, q * k);
        }
        return new TopKResult(rows.Count, k, ids, scores);
    }
}
