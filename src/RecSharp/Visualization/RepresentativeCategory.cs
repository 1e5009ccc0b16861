namespace RecSharp.Visualization;

/// <summary>
/// Picks the one category a point is coloured by when an item has several (ml-1m lists genres alphabetically, so
/// "first listed" would paint every Action|Sci-Fi film as Action): the item's rarest category among the items drawn,
/// which is its most specific one; ties go to the category listed first.
/// </summary>
public sealed class RepresentativeCategory
{
    private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);

    /// <summary>Counts how many of <paramref name="items"/> (one category list per drawn item) carry each category.</summary>
    public RepresentativeCategory(IEnumerable<IReadOnlyList<string>> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        foreach (var categories in items)
            foreach (var category in categories.Distinct(StringComparer.Ordinal))
                counts[category] = counts.GetValueOrDefault(category) + 1;
    }

    /// <summary>The rarest of <paramref name="categories"/>, or null when there are none.</summary>
    public string? Of(IReadOnlyList<string> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        string? best = null;
        int bestCount = int.MaxValue;
        foreach (var category in categories)
        {
            int count = counts.GetValueOrDefault(category);
            if (count < bestCount)
            {
                best = category;
                bestCount = count;
            }
        }
        return best;
    }
}
