namespace RecSharp.Models.CollaborativeFiltering;

/// <summary>
/// Implicit (user, item) interactions held twice in compressed sparse rows: user -> items and
/// item -> users, both sorted ascending. Users are 0..UserCount-1; items are 1..ItemCount
/// (0 is the padding id and never occurs). Repeated pairs are collapsed to one interaction and
/// counted in <see cref="DuplicateCount"/> so the caller can see that it happened.
/// </summary>
public sealed class CfInteractions
{
    private readonly int[] _userOffsets; // length UserCount + 1
    private readonly int[] _userItems;
    private readonly int[] _itemOffsets; // length ItemCount + 2, indexed by item id 0..ItemCount
    private readonly int[] _itemUsers;

    private CfInteractions(int userCount, int itemCount, int duplicateCount,
        int[] userOffsets, int[] userItems, int[] itemOffsets, int[] itemUsers)
    {
        UserCount = userCount;
        ItemCount = itemCount;
        DuplicateCount = duplicateCount;
        _userOffsets = userOffsets;
        _userItems = userItems;
        _itemOffsets = itemOffsets;
        _itemUsers = itemUsers;
    }

    /// <summary>Number of users; user ids are 0..UserCount-1.</summary>
    public int UserCount { get; }

    /// <summary>Largest item id; item ids are 1..ItemCount.</summary>
    public int ItemCount { get; }

    /// <summary>Number of distinct (user, item) pairs kept.</summary>
    public int InteractionCount => _userItems.Length;

    /// <summary>Number of input pairs dropped because the same pair occurred earlier.</summary>
    public int DuplicateCount { get; }

    /// <summary>Items of <paramref name="user"/>, ascending.</summary>
    public ReadOnlySpan<int> ItemsOf(int user)
    {
        if ((uint)user >= (uint)UserCount)
            throw new ArgumentOutOfRangeException(nameof(user), user, $"user must be in 0..{UserCount - 1}.");
        return _userItems.AsSpan(_userOffsets[user], _userOffsets[user + 1] - _userOffsets[user]);
    }

    /// <summary>Users of <paramref name="item"/>, ascending.</summary>
    public ReadOnlySpan<int> UsersOf(int item)
    {
        if (item < 1 || item > ItemCount)
            throw new ArgumentOutOfRangeException(nameof(item), item, $"item must be in 1..{ItemCount}.");
        return _itemUsers.AsSpan(_itemOffsets[item], _itemOffsets[item + 1] - _itemOffsets[item]);
    }

    internal int[] UserOffsets => _userOffsets;
    internal int[] UserItems => _userItems;
    internal int[] ItemOffsets => _itemOffsets;
    internal int[] ItemUsers => _itemUsers;

    /// <summary>
    /// Builds the interactions from parallel id arrays: pair k is (users[k], items[k]).
    /// <paramref name="userCount"/> / <paramref name="itemCount"/> fix the id ranges (so users or
    /// items without interactions still exist); when null they are max user + 1 and max item.
    /// </summary>
    public static CfInteractions FromPairs(ReadOnlySpan<int> users, ReadOnlySpan<int> items,
        int? userCount = null, int? itemCount = null)
    {
        // Messages name the offending array and index themselves, so no ParamName suffix is appended.
        if (users.Length != items.Length)
            throw new ArgumentException(
                $"users has {users.Length} entries but items has {items.Length}; they must have the same length.");
        if (userCount is < 0)
            throw new ArgumentOutOfRangeException(nameof(userCount), userCount, "userCount must be >= 0.");
        if (itemCount is < 0)
            throw new ArgumentOutOfRangeException(nameof(itemCount), itemCount, "itemCount must be >= 0.");

        int maxUser = -1, maxItem = 0;
        for (int k = 0; k < users.Length; k++)
        {
            int u = users[k], i = items[k];
            if (u < 0)
                throw new ArgumentException($"users[{k}] = {u}: user ids must be >= 0.");
            if (i == 0)
                throw new ArgumentException(
                    $"items[{k}] = 0: item id 0 is reserved for padding; item ids start at 1.");
            if (i < 0)
                throw new ArgumentException($"items[{k}] = {i}: item ids must be >= 1.");
            if (userCount is int uc && u >= uc)
                throw new ArgumentException(
                    $"users[{k}] = {u}: user ids must be < userCount ({uc}).");
            if (itemCount is int ic && i > ic)
                throw new ArgumentException(
                    $"items[{k}] = {i}: item ids must be <= itemCount ({ic}).");
            if (u > maxUser) maxUser = u;
            if (i > maxItem) maxItem = i;
        }

        int nUsers = userCount ?? maxUser + 1;
        int nItems = itemCount ?? maxItem;

        // Counting sort by user, then sort and de-duplicate each user's items.
        var offsets = new int[nUsers + 1];
        foreach (int u in users) offsets[u + 1]++;
        for (int u = 0; u < nUsers; u++) offsets[u + 1] += offsets[u];
        var raw = new int[users.Length];
        var cursor = offsets.AsSpan(0, nUsers).ToArray();
        for (int k = 0; k < users.Length; k++) raw[cursor[users[k]]++] = items[k];

        var userOffsets = new int[nUsers + 1];
        int write = 0;
        for (int u = 0; u < nUsers; u++)
        {
            var span = raw.AsSpan(offsets[u], offsets[u + 1] - offsets[u]);
            span.Sort();
            for (int k = 0; k < span.Length; k++)
                if (k == 0 || span[k] != span[k - 1]) raw[write++] = span[k];
            userOffsets[u + 1] = write;
        }
        var userItems = raw.AsSpan(0, write).ToArray();

        return FromSortedUserRows(nUsers, nItems, users.Length - write, userOffsets, userItems);
    }

    /// <summary>
    /// Builds from an already valid user -> items CSR (each row strictly ascending, ids in 1..itemCount);
    /// derives item -> users. Callers that read untrusted data validate with <see cref="FromPairs"/> instead.
    /// </summary>
    internal static CfInteractions FromSortedUserRows(int userCount, int itemCount, int duplicateCount,
        int[] userOffsets, int[] userItems)
    {
        var itemOffsets = new int[itemCount + 2];
        foreach (int i in userItems) itemOffsets[i + 1]++;
        for (int i = 0; i <= itemCount; i++) itemOffsets[i + 1] += itemOffsets[i];
        var itemUsers = new int[userItems.Length];
        var cursor = itemOffsets.AsSpan(0, itemCount + 1).ToArray();
        // Walking users in ascending order leaves every item's user list ascending.
        for (int u = 0; u < userCount; u++)
            for (int k = userOffsets[u]; k < userOffsets[u + 1]; k++)
                itemUsers[cursor[userItems[k]]++] = u;
        return new CfInteractions(userCount, itemCount, duplicateCount, userOffsets, userItems, itemOffsets, itemUsers);
    }
}
