namespace RecSharp.Retrieval;

/// <summary>
/// One set of item ids per row in compressed sparse row (CSR) form: row r holds
/// <c>Items[Offsets[r] .. Offsets[r + 1])</c>. Used for each user's seen items (to exclude from retrieval) and
/// for each user's ground-truth labels. Rows may be empty; ids within a row may repeat (consumers treat a row
/// as a set). The arrays are shared, not copied.
/// </summary>
public sealed class ItemSets
{
    private readonly int[] offsets;
    private readonly int[] items;

    /// <param name="offsets">Row starts: length rows + 1, offsets[0] = 0, non-decreasing, last = items.Length.</param>
    /// <param name="items">Item ids of all rows, concatenated.</param>
    public ItemSets(int[] offsets, int[] items)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(items);
        if (offsets.Length == 0 || offsets[0] != 0)
            throw new ArgumentException("CSR offsets must start with 0 (one entry per row plus a final end)", nameof(offsets));
        for (int r = 0; r + 1 < offsets.Length; r++)
            if (offsets[r + 1] < offsets[r])
                throw new ArgumentException($"CSR offsets must not decrease, but offsets[{r + 1}] = {offsets[r + 1]} < offsets[{r}] = {offsets[r]}", nameof(offsets));
        if (offsets[^1] != items.Length)
            throw new ArgumentException($"the last CSR offset must equal the number of items ({items.Length}) but is {offsets[^1]}", nameof(offsets));
        this.offsets = offsets;
        this.items = items;
    }

    /// <summary>Builds the CSR arrays from one list of ids per row.</summary>
    public static ItemSets FromRows(IEnumerable<IEnumerable<int>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var offsets = new List<int> { 0 };
        var items = new List<int>();
        foreach (var row in rows)
        {
            items.AddRange(row);
            offsets.Add(items.Count);
        }
        return new ItemSets(offsets.ToArray(), items.ToArray());
    }

    /// <summary>Number of rows.</summary>
    public int Count => offsets.Length - 1;

    /// <summary>Total number of ids over all rows.</summary>
    public int TotalItems => items.Length;

    public ReadOnlySpan<int> Offsets => offsets;
    public ReadOnlySpan<int> Items => items;

    /// <summary>The ids of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<int> this[int row]
    {
        get
        {
            if ((uint)row >= (uint)Count)
                throw new ArgumentOutOfRangeException(nameof(row), row, $"row {row} does not exist; there are {Count} rows");
            return items.AsSpan(offsets[row], offsets[row + 1] - offsets[row]);
        }
    }

    /// <summary>Each row repeated <paramref name="times"/> times in a row (rows r*times .. r*times+times-1 equal row r).</summary>
    public ItemSets RepeatEachRow(int times)
    {
        if (times < 1) throw new ArgumentOutOfRangeException(nameof(times), times, "a row must be repeated at least once");
        if (times == 1) return this;
        var newOffsets = new int[checked(Count * times + 1)];
        var newItems = new int[checked(items.Length * times)];
        int pos = 0, outRow = 0;
        for (int r = 0; r < Count; r++)
        {
            var row = this[r];
            for (int t = 0; t < times; t++)
            {
                row.CopyTo(newItems.AsSpan(pos));
                pos += row.Length;
                newOffsets[++outRow] = pos;
            }
        }
        return new ItemSets(newOffsets, newItems);
    }

    /// <summary>
    /// Row r of the result is row r of this followed by row r of <paramref name="other"/> (e.g. P3 with the option
    /// that excludes valid items too: train items + valid items per user).
    /// </summary>
    public ItemSets ConcatRows(ItemSets other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count != Count)
            throw new ArgumentException($"cannot join item sets row by row: {Count} rows and {other.Count} rows", nameof(other));
        var newOffsets = new int[Count + 1];
        var newItems = new int[checked(items.Length + other.items.Length)];
        for (int r = 0; r < Count; r++)
        {
            var a = this[r];
            var b = other[r];
            a.CopyTo(newItems.AsSpan(newOffsets[r]));
            b.CopyTo(newItems.AsSpan(newOffsets[r] + a.Length));
            newOffsets[r + 1] = newOffsets[r] + a.Length + b.Length;
        }
        return new ItemSets(newOffsets, newItems);
    }

    /// <summary>Rows <paramref name="rows"/>, in that order, as a new CSR (for evaluating a subset of users).</summary>
    public ItemSets SelectRows(ReadOnlySpan<int> rows)
    {
        var newOffsets = new int[rows.Length + 1];
        int total = 0;
        for (int i = 0; i < rows.Length; i++) newOffsets[i + 1] = total += this[rows[i]].Length;
        var newItems = new int[total];
        for (int i = 0; i < rows.Length; i++) this[rows[i]].CopyTo(newItems.AsSpan(newOffsets[i]));
        return new ItemSets(newOffsets, newItems);
    }
}
