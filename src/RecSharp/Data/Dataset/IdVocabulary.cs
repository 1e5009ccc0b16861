using System.Text.Json;

namespace RecSharp.Data.Dataset;

/// <summary>
/// Maps external ids (as written in the files) to internal ids: users 0..U-1, items 1..N, item 0 being the
/// padding id that is never a real item. Ids are given in order of first appearance (PROTOCOLS.md), or, for
/// files whose ids are already dense and 0-based (NCF), by identity (user u -> u, item i -> i + 1).
/// Saved as JSON beside a model so its ids can be read back.
/// </summary>
public sealed class IdVocabulary
{
    private readonly long[] _users;
    private readonly long[] _items;
    private readonly Dictionary<long, int> _userIndex;
    private readonly Dictionary<long, int> _itemIndex;

    private IdVocabulary(long[] users, long[] items, string[]? userNames = null, string[]? itemNames = null)
    {
        if ((userNames is not null && userNames.Length != users.Length) || (itemNames is not null && itemNames.Length != items.Length))
        {
            throw new ArgumentException("there must be one name per id");
        }

        UserNames = userNames;
        ItemNames = itemNames;
        _users = users;
        _items = items;
        _userIndex = new Dictionary<long, int>(users.Length);
        for (var u = 0; u < users.Length; u++)
        {
            if (!_userIndex.TryAdd(users[u], u))
            {
                throw new ArgumentException($"user id {users[u]} appears twice in the vocabulary");
            }
        }

        _itemIndex = new Dictionary<long, int>(items.Length);
        for (var i = 0; i < items.Length; i++)
        {
            if (!_itemIndex.TryAdd(items[i], i + 1))
            {
                throw new ArgumentException($"item id {items[i]} appears twice in the vocabulary");
            }
        }
    }

    /// <summary>Original tokens of the users in internal order, when the file's ids were tokens; otherwise null.</summary>
    public string[]? UserNames { get; }
    /// <summary>Original tokens of the items: <c>ItemNames[i - 1]</c> is item i's token; null for integer ids.</summary>
    public string[]? ItemNames { get; }

    public int NumUsers => _users.Length;
    /// <summary>Number of real items N; internal item ids are 1..N and arrays indexed by item need N + 1 rows.</summary>
    public int NumItems => _items.Length;

    /// <summary>Ids in order of first appearance in the table's rows.</summary>
    // Runs once over every row: compile optimised straight away instead of starting in tier 0.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static IdVocabulary FromFirstAppearance(InteractionTable table)
    {
        var users = new List<long>();
        var items = new List<long>();
        var seenUsers = new HashSet<long>();
        var seenItems = new HashSet<long>();
        var u = table.Users;
        var it = table.Items;
        for (var i = 0; i < table.Count; i++)
        {
            if (seenUsers.Add(u[i]))
            {
                users.Add(u[i]);
            }

            if (seenItems.Add(it[i]))
            {
                items.Add(it[i]);
            }
        }

        var userNames = table.UserNames is { } un ? users.Select(u => un[(int)u]).ToArray() : null;
        var itemNames = table.ItemNames is { } inames ? items.Select(i => inames[(int)i]).ToArray() : null;
        return new IdVocabulary(users.ToArray(), items.ToArray(), userNames, itemNames);
    }

    /// <summary>Dense 0-based external ids kept as they are: user u -> u, item i -> i + 1 (0 stays padding).</summary>
    public static IdVocabulary Identity(int numUsers, int numItems) =>
        new(Enumerable.Range(0, numUsers).Select(i => (long)i).ToArray(), Enumerable.Range(0, numItems).Select(i => (long)i).ToArray());

    public bool TryUser(long external, out int user) => _userIndex.TryGetValue(external, out user);
    public bool TryItem(long external, out int item) => _itemIndex.TryGetValue(external, out item);

    public int User(long external) => TryUser(external, out var u) ? u : throw new KeyNotFoundException($"user id {external} is not in the vocabulary ({NumUsers} users)");
    public int Item(long external) => TryItem(external, out var i) ? i : throw new KeyNotFoundException($"item id {external} is not in the vocabulary ({NumItems} items)");

    public long ExternalUser(int user) => _users[user];
    /// <summary>External id of internal item <paramref name="item"/> (1..N).</summary>
    public long ExternalItem(int item) => item >= 1 && item <= _items.Length
        ? _items[item - 1]
        : throw new ArgumentOutOfRangeException(nameof(item), item, $"internal item ids are 1..{_items.Length} (0 is padding)");

    /// <summary>Writes <c>{"users": [external ids in internal order], "items": [...]}</c> atomically (temp file, then move).</summary>
    public void Save(string path)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        using (var stream = File.Create(temp))
        {
            JsonSerializer.Serialize(stream, new VocabularyFile(_users, _items, UserNames, ItemNames), SerializerOptions);
        }

        File.Move(temp, full, overwrite: true);
    }

    public static IdVocabulary Load(string path)
    {
        VocabularyFile? file;
        try
        {
            file = JsonSerializer.Deserialize<VocabularyFile>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, (e.LineNumber ?? 0) + 1, e.Path ?? string.Empty, $"a vocabulary JSON {{\"users\": [...], \"items\": [...]}} ({e.Message})");
        }

        if (file?.Users is null || file.Items is null)
        {
            throw new DataFormatException(path, 1, string.Empty, "a vocabulary JSON with \"users\" and \"items\" lists");
        }

        try
        {
            return new IdVocabulary(file.Users, file.Items, file.UserNames, file.ItemNames);
        }
        catch (ArgumentException e)
        {
            throw new DataFormatException(path, 1, string.Empty, $"each id once ({e.Message})");
        }
    }

    private static readonly JsonSerializerOptions SerializerOptions = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private sealed record VocabularyFile(
        [property: System.Text.Json.Serialization.JsonPropertyName("users")] long[] Users,
        [property: System.Text.Json.Serialization.JsonPropertyName("items")] long[] Items,
        [property: System.Text.Json.Serialization.JsonPropertyName("user_names")] string[]? UserNames = null,
        [property: System.Text.Json.Serialization.JsonPropertyName("item_names")] string[]? ItemNames = null);
}
