using RecSharp.Data.Dataset;
using RecSharp.Data.Loaders;

namespace RecSharp.Data.Features;

/// <summary>
/// Multi-hot feature tables from item side information with discrete values: ml-1m genres (movies.dat) or S3-Rec
/// attribute ids (item2attributes.json). Column c is the c-th distinct value in ordinal order; a row holds 1 for each
/// value of the item. Optionally the multi-hot rows are multiplied by a seeded random ±1/sqrt(dim) matrix
/// (Achlioptas' projection, which keeps inner products in expectation) to get <c>dim</c> columns.
/// </summary>
public static class MultiHotFeatures
{
    public static FeatureTable Build(string name, string source, ItemMetadata metadata, IdVocabulary vocabulary, int? projectTo = null, long seed = 2020)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var values = metadata.Items.SelectMany(i => i.Categories).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (values.Length == 0)
            throw new DataFormatException(metadata.Source, 0, "no values", "at least one genre/attribute value to build multi-hot features from");
        var column = values.Select((v, c) => (v, c)).ToDictionary(p => p.v, p => p.c, StringComparer.Ordinal);
        var rows = new Dictionary<long, int>();
        var multiHot = new float[(long)metadata.Count * values.Length];
        int r = 0;
        foreach (var info in metadata.Items)
        {
            rows[info.Id] = r;
            foreach (var value in info.Categories) multiHot[(long)r * values.Length + column[value]] = 1f;
            r++;
        }
        var matrix = new FeatureMatrix(multiHot, metadata.Count, values.Length);
        if (projectTo is { } dim)
        {
            if (dim < 1) throw new ArgumentOutOfRangeException(nameof(projectTo), dim, "the projection needs at least one column");
            matrix = Project(matrix, dim, seed);
        }
        return FeatureTable.Align(name, source, matrix, id => rows.TryGetValue(id, out int row) ? row : null, vocabulary);
    }

    /// <summary>rows [n, f] x R [f, dim] with R entries ±1/sqrt(dim) drawn from <paramref name="seed"/>.</summary>
    internal static FeatureMatrix Project(FeatureMatrix matrix, int dim, long seed)
    {
        var random = new SeededRandom(seed);
        float scale = (float)(1 / Math.Sqrt(dim));
        var projection = new float[(long)matrix.Columns * dim];
        for (long k = 0; k < projection.Length; k++) projection[k] = random.NextInt(2) == 0 ? -scale : scale;
        var result = new float[(long)matrix.Rows * dim];
        for (int row = 0; row < matrix.Rows; row++)
        {
            var source = matrix.Row(row);
            var target = result.AsSpan(row * dim, dim);
            for (int c = 0; c < source.Length; c++)
            {
                float x = source[c];
                if (x == 0) continue;
                var weights = projection.AsSpan(c * dim, dim);
                for (int j = 0; j < dim; j++) target[j] += x * weights[j];
            }
        }
        return new FeatureMatrix(result, matrix.Rows, dim);
    }
}
