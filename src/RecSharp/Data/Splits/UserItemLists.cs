namespace RecSharp.Data.Splits;

/// <summary>
/// One list of internal item ids (1..N) per user 0..U-1, stored as CSR: user u's items are
/// <c>Items[Offsets[u] .. Offsets[u + 1])</c>. Order inside a list is time order (oldest first) for splits
/// built from timed data. A user without items has an empty list.
/// </summary>
public sealed class UserItemLists
{
    public UserItemLists(int[] offsets, int[] items)
    {
        if (offsets.Length == 0 || offsets[0] != 0 || offsets[^1] != items.Length)
        {
            throw new ArgumentException($"offsets must start at 0 and end at {items.Length}", nameof(offsets));
        }

        Offsets = offsets;
        Items = items;
    }

    /// <summary>CSR row pointer, length NumUsers + 1.</summary>
    public int[] Offsets { get; }
    /// <summary>All items, user after user.</summary>
    public int[] Items { get; }
    public int NumUsers => Offsets.Length - 1;
    /// <summary>Total number of (user, item) entries.</summary>
    public int Count => Items.Length;

    /// <summary>The items of <paramref name="user"/>.</summary>
    public ReadOnlySpan<int> this[int user] => Items.AsSpan(Offsets[user], Offsets[user + 1] - Offsets[user]);

    public int Length(int user) => Offsets[user + 1] - Offsets[user];

    /// <summary>Builds the CSR form from one list per user (null = empty).</summary>
    public static UserItemLists FromLists(IReadOnlyList<IReadOnlyList<int>?> lists)
    {
        var offsets = new int[lists.Count + 1];
        for (var u = 0; u < lists.Count; u++)
        {
            offsets[u + 1] = offsets[u] + (lists[u]?.Count ?? 0);
        }

        var items = new int[offsets[^1]];
        for (var u = 0; u < lists.Count; u++)
        {
            var list = lists[u];
            for (var k = 0; k < (list?.Count ?? 0); k++)
            {
                items[offsets[u] + k] = list![k];
            }
        }

        return new UserItemLists(offsets, items);
    }
}
