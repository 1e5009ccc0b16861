using RecSharp.Data.Dataset;
using RecSharp.Data.Loaders;

namespace RecSharp.Data.Features;

/// <summary>
/// Feature tables from a .npy matrix (float16/32/64, 2-d, C order), e.g. MMRec's text_feat.npy / image_feat.npy.
/// Rows map to items in one of two ways:
/// <list type="bullet">
/// <item>without an ids file, row r is the item whose external id is r (MMRec's rule: its itemID is the row index,
/// and RecSharp keeps external ids as they are in the data file), so the file needs at least max item id + 1 rows;</item>
/// <item>with an ids file (one external item id per line, no header), row r is the item on line r; the file must
/// have exactly as many lines as the matrix has rows.</item>
/// </list>
/// </summary>
public static class NpyFeatures
{
    public static FeatureTable Load(string name, string source, string path, string? idsPath, IdVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var matrix = NpyReader.Read(path);
        if (matrix.Rows == 0 || matrix.Columns == 0)
            throw new DataFormatException(path, 0, $"shape ({matrix.Rows}, {matrix.Columns})", "a non-empty 2-d matrix (items x features)");
        if (idsPath is null)
        {
            long maxId = 0;
            for (int item = 1; item <= vocabulary.NumItems; item++) maxId = Math.Max(maxId, vocabulary.ExternalItem(item));
            if (matrix.Rows < maxId + 1)
                throw new DataFormatException(path, 0, $"{matrix.Rows} rows",
                    $"at least {maxId + 1} rows (row r = item id r, and the data has item ids up to {maxId}); give an ids file (npy:FILE,ids=IDS) if the rows follow another order");
            return FeatureTable.Align(name, source, matrix, id => id >= 0 && id < matrix.Rows ? (int)id : null, vocabulary);
        }

        var rows = ReadIds(idsPath);
        if (rows.Count != matrix.Rows)
            throw new DataFormatException(idsPath, 0, $"{rows.Count} ids", $"one id per row of {path}, i.e. {matrix.Rows} ids");
        return FeatureTable.Align(name, source, matrix, id => rows.TryGetValue(id, out int r) ? r : null, vocabulary);
    }

    /// <summary>External item id -> row (line number, 0-based) of an ids file.</summary>
    private static Dictionary<long, int> ReadIds(string path)
    {
        var rows = new Dictionary<long, int>();
        using var reader = new LineReader(path);
        int row = 0;
        while (reader.TryRead(out var line))
        {
            var text = line.Trim();
            if (text.Length == 0) continue;
            if (!long.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long id))
                throw new DataFormatException(path, reader.LineNumber, line, "one integer item id per line");
            if (!rows.TryAdd(id, row))
                throw new DataFormatException(path, reader.LineNumber, line, $"each item id once (id {id} is already on row {rows[id]})");
            row++;
        }
        return rows;
    }
}
