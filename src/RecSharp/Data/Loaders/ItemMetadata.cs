namespace RecSharp.Data.Loaders;

/// <summary>Title and categories (genres, tags or attribute ids) of one item, keyed by its external id.</summary>
public sealed record ItemInfo(long Id, string Title, string[] Categories);

/// <summary>Side information about items, keyed by external item id.</summary>
public sealed class ItemMetadata
{
    private readonly Dictionary<long, ItemInfo> _items = [];

    public ItemMetadata(string source) => Source = source;

    public string Source { get; }
    public int Count => _items.Count;
    public IEnumerable<ItemInfo> Items => _items.Values;

    public bool TryGet(long id, out ItemInfo info) => _items.TryGetValue(id, out info!);

    /// <summary>Adds an item; a second line for the same id is an error (it would silently replace the first).</summary>
    public void Add(ItemInfo info, LineReader? reader = null, string? line = null)
    {
        if (!_items.TryAdd(info.Id, info))
        {
            throw new DataFormatException(reader?.Path ?? Source, reader?.LineNumber ?? 0, line ?? info.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), $"each item id once, but {info.Id} appears again");
        }
    }

    /// <summary>Number of distinct categories over all items.</summary>
    public int DistinctCategories => _items.Values.SelectMany(i => i.Categories).Distinct(StringComparer.Ordinal).Count();
}
