namespace RecSharp.Data.Dataset;

/// <summary>
/// Interactions in internal ids, grouped per user and ordered by time (stable: rows with equal times keep
/// file order). Stored as CSR: user u's rows are <c>Offsets[u] .. Offsets[u + 1] - 1</c> of the row arrays.
/// Built once from an <see cref="InteractionTable"/>; nothing is dropped, anomalies are counted in
/// <see cref="Statistics"/>.
/// </summary>
public sealed class InteractionDataset
{
    private InteractionDataset(IdVocabulary vocabulary, int[] offsets, int[] items, long[] timestamps, float[] ratings, SplitLabel[] labels, InteractionTable source)
    {
        Vocabulary = vocabulary;
        Offsets = offsets;
        Items = items;
        Timestamps = timestamps;
        Ratings = ratings;
        Labels = labels;
        HasRatings = source.HasRatings;
        HasTimestamps = source.HasTimestamps;
        HasSplitLabels = source.HasSplitLabels;
        Source = source.Source;
    }

    public IdVocabulary Vocabulary { get; }
    public string Source { get; }
    public int NumUsers => Vocabulary.NumUsers;
    /// <summary>Real items are 1..NumItems; 0 is padding.</summary>
    public int NumItems => Vocabulary.NumItems;
    public int NumInteractions => Items.Length;
    public bool HasRatings { get; }
    public bool HasTimestamps { get; }
    public bool HasSplitLabels { get; }

    /// <summary>CSR row pointer, length NumUsers + 1.</summary>
    public int[] Offsets { get; }
    /// <summary>Internal item id per row (1..N), grouped by user, time-ordered within a user.</summary>
    public int[] Items { get; }
    public long[] Timestamps { get; }
    public float[] Ratings { get; }
    public SplitLabel[] Labels { get; }
    public DatasetStatistics Statistics { get; private set; } = null!;

    public ReadOnlySpan<int> Sequence(int user) => Items.AsSpan(Offsets[user], Offsets[user + 1] - Offsets[user]);
    public ReadOnlySpan<long> SequenceTimes(int user) => Timestamps.AsSpan(Offsets[user], Offsets[user + 1] - Offsets[user]);
    public ReadOnlySpan<SplitLabel> SequenceLabels(int user) => Labels.AsSpan(Offsets[user], Offsets[user + 1] - Offsets[user]);
    public int Length(int user) => Offsets[user + 1] - Offsets[user];

    /// <summary>
    /// Builds the dataset. Without a vocabulary, ids are numbered by first appearance in the table. With one
    /// (e.g. reloaded beside a model), every id must be in it.
    /// </summary>
    // Runs once over every row: compile optimised straight away instead of starting in tier 0.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static InteractionDataset Build(InteractionTable table, IdVocabulary? vocabulary = null, string? name = null, string? format = null)
    {
        vocabulary ??= IdVocabulary.FromFirstAppearance(table);
        var n = table.Count;
        var rowUser = new int[n];
        var rowItem = new int[n];
        var users = table.Users;
        var items = table.Items;
        for (var i = 0; i < n; i++)
        {
            if (!vocabulary.TryUser(users[i], out rowUser[i]))
            {
                throw new DataFormatException(table.Source, 0, $"row {i + 1}: user {users[i]}", "a user id present in the vocabulary");
            }

            if (!vocabulary.TryItem(items[i], out rowItem[i]))
            {
                throw new DataFormatException(table.Source, 0, $"row {i + 1}: item {items[i]}", "an item id present in the vocabulary");
            }
        }

        // Counting sort by user keeps file order inside each user (stable).
        var offsets = new int[vocabulary.NumUsers + 1];
        foreach (var u in rowUser)
        {
            offsets[u + 1]++;
        }

        for (var u = 0; u < vocabulary.NumUsers; u++)
        {
            offsets[u + 1] += offsets[u];
        }

        var next = (int[])offsets.Clone();
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[next[rowUser[i]]++] = i;
        }

        var times = table.Timestamps;
        var nonMonotonic = 0L;
        var keys = Array.Empty<long>();
        for (var u = 0; u < vocabulary.NumUsers; u++)
        {
            var segment = order.AsSpan(offsets[u], offsets[u + 1] - offsets[u]);
            var decreases = 0;
            for (var k = 1; k < segment.Length; k++)
            {
                if (times[segment[k]] < times[segment[k - 1]])
                {
                    decreases++;
                }
            }

            if (decreases > 0)
            {
                nonMonotonic += decreases;
                if (keys.Length < segment.Length)
                {
                    keys = new long[Math.Max(segment.Length, keys.Length * 2)];
                }

                var keySpan = keys.AsSpan(0, segment.Length);
                for (var k = 0; k < segment.Length; k++)
                {
                    keySpan[k] = times[segment[k]];
                }

                SortStable(keySpan, segment);
            }
        }

        var sortedItems = new int[n];
        var sortedTimes = new long[n];
        var sortedRatings = new float[n];
        var sortedLabels = new SplitLabel[n];
        var ratings = table.Ratings;
        var labels = table.Labels;
        for (var k = 0; k < n; k++)
        {
            var row = order[k];
            sortedItems[k] = rowItem[row];
            sortedTimes[k] = times[row];
            sortedRatings[k] = ratings[row];
            sortedLabels[k] = labels[row];
        }

        var dataset = new InteractionDataset(vocabulary, offsets, sortedItems, sortedTimes, sortedRatings, sortedLabels, table);
        dataset.Statistics = DatasetStatistics.Compute(dataset, table, nonMonotonic, name ?? Path.GetFileName(table.Source.TrimEnd('/')), format ?? "interactions");
        return dataset;
    }

    /// <summary>
    /// Sorts <paramref name="rows"/> by <paramref name="keys"/>, keeping ascending row order among equal keys. The
    /// primitive-key sort is fast but not stable, so each run of equal keys gets its rows re-sorted afterwards
    /// (rows are file positions, so ascending row order is file order).
    /// </summary>
    private static void SortStable(Span<long> keys, Span<int> rows)
    {
        keys.Sort(rows);
        var start = 0;
        for (var k = 1; k <= keys.Length; k++)
        {
            if (k == keys.Length || keys[k] != keys[start])
            {
                if (k - start > 1)
                {
                    rows[start..k].Sort();
                }

                start = k;
            }
        }
    }
}
