namespace RecSharp.Data;

/// <summary>
/// Raw interactions as read from files, column by column, still in external ids (the ids written in the file).
/// Rows keep file order. When a format has no timestamp, <see cref="Timestamps"/> holds the row's position
/// (or the position inside the user's line), so a stable sort by time keeps the file order.
/// </summary>
public sealed class InteractionTable
{
    private long[] _users;
    private long[] _items;
    private long[] _timestamps;
    private float[] _ratings;
    private SplitLabel[] _labels;

    public InteractionTable(string source, int capacity = 1024)
    {
        Source = source;
        capacity = Math.Max(capacity, 16);
        _users = new long[capacity];
        _items = new long[capacity];
        _timestamps = new long[capacity];
        _ratings = new float[capacity];
        _labels = new SplitLabel[capacity];
    }

    /// <summary>File or folder the rows came from (for messages).</summary>
    public string Source { get; }
    public int Count { get; private set; }
    /// <summary>True when the format carries an explicit rating/weight column.</summary>
    public bool HasRatings { get; set; }
    /// <summary>True when timestamps are real times; false when they are positions.</summary>
    public bool HasTimestamps { get; set; }
    /// <summary>True when rows carry a split label (MMRec x_label, NCF train/test, LATTICE json).</summary>
    public bool HasSplitLabels { get; set; }
    /// <summary>Blank lines met while reading (skipped, but counted so nothing vanishes unnoticed).</summary>
    public long BlankLines { get; set; }
    /// <summary>Things the loader met and handled that a user should know about (printed with the statistics).</summary>
    public List<string> Notes { get; } = [];
    /// <summary>When ids were tokens (not integers): the token of external user id k is <c>UserNames[k]</c>; otherwise null.</summary>
    public List<string>? UserNames { get; set; }
    /// <summary>When ids were tokens: the token of external item id k is <c>ItemNames[k]</c>; otherwise null.</summary>
    public List<string>? ItemNames { get; set; }

    public ReadOnlySpan<long> Users => _users.AsSpan(0, Count);
    public ReadOnlySpan<long> Items => _items.AsSpan(0, Count);
    public ReadOnlySpan<long> Timestamps => _timestamps.AsSpan(0, Count);
    /// <summary>Rating (or weight) per row; 1 when the format has none.</summary>
    public ReadOnlySpan<float> Ratings => _ratings.AsSpan(0, Count);
    public ReadOnlySpan<SplitLabel> Labels => _labels.AsSpan(0, Count);

    public void Add(long user, long item, float rating, long timestamp, SplitLabel label = SplitLabel.None)
    {
        if (Count == _users.Length)
        {
            Grow();
        }

        _users[Count] = user;
        _items[Count] = item;
        _ratings[Count] = rating;
        _timestamps[Count] = timestamp;
        _labels[Count] = label;
        Count++;
    }

    /// <summary>Appends every row of <paramref name="other"/> (used to join split files into one table).</summary>
    public void AddRange(InteractionTable other)
    {
        if (other.UserNames is not null || other.ItemNames is not null || UserNames is not null || ItemNames is not null)
        {
            throw new InvalidOperationException($"{other.Source}: tables with token ids cannot be appended to each other (their codes differ)");
        }

        for (var i = 0; i < other.Count; i++)
        {
            Add(other._users[i], other._items[i], other._ratings[i], other._timestamps[i], other._labels[i]);
        }

        BlankLines += other.BlankLines;
        Notes.AddRange(other.Notes);
    }

    /// <summary>A new table with the rows whose <paramref name="keep"/> flag is set, in the same order and with the same flags.</summary>
    public InteractionTable Filter(ReadOnlySpan<bool> keep)
    {
        if (keep.Length != Count)
        {
            throw new ArgumentException($"keep has {keep.Length} flags for {Count} rows", nameof(keep));
        }

        var kept = 0;
        foreach (var k in keep)
        {
            kept += k ? 1 : 0;
        }

        var result = new InteractionTable(Source, kept) { HasRatings = HasRatings, HasTimestamps = HasTimestamps, HasSplitLabels = HasSplitLabels, BlankLines = BlankLines };
        result.Notes.AddRange(Notes);
        result.UserNames = UserNames;
        result.ItemNames = ItemNames;
        for (var i = 0; i < Count; i++)
        {
            if (keep[i])
            {
                result.Add(_users[i], _items[i], _ratings[i], _timestamps[i], _labels[i]);
            }
        }

        return result;
    }

    private void Grow()
    {
        var size = _users.Length * 2;
        Array.Resize(ref _users, size);
        Array.Resize(ref _items, size);
        Array.Resize(ref _timestamps, size);
        Array.Resize(ref _ratings, size);
        Array.Resize(ref _labels, size);
    }
}
