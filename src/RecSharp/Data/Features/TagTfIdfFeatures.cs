using RecSharp.Data.Dataset;
using RecSharp.Data.Loaders;

namespace RecSharp.Data.Features;

/// <summary>
/// TF-IDF feature tables from free-text item tags (MovieLens tags.csv, see <see cref="ItemMetadataLoader.LoadTagsCsv"/>):
/// one column per distinct tag (trimmed, lower-cased, in ordinal order) applied to at least <c>minCount</c> items;
/// tf is how often the tag was applied to the item, idf the smoothed ln((1 + N) / (1 + df)) + 1 of scikit-learn's
/// TfidfTransformer over the N tagged items; each row is L2-normalised. Items without tags get zero rows (counted by
/// <see cref="FeatureTable.MissingItems"/>). Optionally random-projected to <c>dim</c> columns like the multi-hot tables.
/// </summary>
public static class TagTfIdfFeatures
{
    public static FeatureTable Build(string name, string source, ItemMetadata tags, IdVocabulary vocabulary, int minCount = 1, int? projectTo = null, long seed = 2020)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (minCount < 1) throw new ArgumentOutOfRangeException(nameof(minCount), minCount, "a tag must be applied to at least one item");
        var items = tags.Items.ToArray();
        var documentFrequency = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var item in items)
            foreach (var tag in item.Categories.Distinct(StringComparer.Ordinal))
                documentFrequency[tag] = documentFrequency.GetValueOrDefault(tag) + 1;
        var terms = documentFrequency.Where(p => p.Value >= minCount).Select(p => p.Key).Order(StringComparer.Ordinal).ToArray();
        if (terms.Length == 0)
            throw new DataFormatException(tags.Source, 0, "no tags", $"at least one tag applied to {minCount} or more items");
        var column = terms.Select((t, c) => (t, c)).ToDictionary(p => p.t, p => p.c, StringComparer.Ordinal);
        var idf = terms.Select(t => Math.Log((1.0 + items.Length) / (1.0 + documentFrequency[t])) + 1).ToArray();

        var rows = new Dictionary<long, int>();
        var values = new float[(long)items.Length * terms.Length];
        for (int r = 0; r < items.Length; r++)
        {
            rows[items[r].Id] = r;
            var counts = new Dictionary<int, int>();
            foreach (var tag in items[r].Categories)
                if (column.TryGetValue(tag, out int c)) counts[c] = counts.GetValueOrDefault(c) + 1;
            double norm = Math.Sqrt(counts.Sum(p => Math.Pow(p.Value * idf[p.Key], 2)));
            if (norm == 0) continue;   // every tag of this item is below minCount: a zero row
            foreach (var (c, count) in counts) values[(long)r * terms.Length + c] = (float)(count * idf[c] / norm);
        }
        var matrix = new FeatureMatrix(values, items.Length, terms.Length);
        if (projectTo is { } dim)
        {
            if (dim < 1) throw new ArgumentOutOfRangeException(nameof(projectTo), dim, "the projection needs at least one column");
            matrix = MultiHotFeatures.Project(matrix, dim, seed);
        }
        return FeatureTable.Align(name, source, matrix, id => rows.TryGetValue(id, out int row) ? row : null, vocabulary);
    }
}
