using RecSharp.Data.Dataset;
using RecSharp.Data.Loaders;
using RecSharp.Torch.Faiss;

namespace RecSharp.Data.Features;

/// <summary>
/// Text features of ../shared/data/ml-1m-title-bert-pq: a folder with one Faiss index file (*.index; BERT [CLS]
/// vectors of the titles, OPQ + IVF-PQ compressed) and one RecBole .item file whose data row r (after the header)
/// holds the item id of index vector r. The 768-d vectors are reconstructed through Faiss (lossy: PQ codes).
/// </summary>
public static class BertPqFeatures
{
    public static FeatureTable Load(string name, string source, string folder, IdVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"{folder}: the bert-pq feature folder does not exist");
        string indexPath = Single(folder, "*.index");
        string itemPath = Single(folder, "*.item");
        var ids = ReadItemIds(itemPath);
        using var index = StoredIndex.Open(indexPath);
        if (index.Count != ids.Count)
            throw new DataFormatException(itemPath, 0, $"{ids.Count} item rows", $"one row per vector of {indexPath}, i.e. {index.Count} rows");
        var matrix = new FeatureMatrix(index.ReconstructAll(), ids.Count, index.Dimension);
        return FeatureTable.Align(name, source, matrix, id => ids.TryGetValue(id, out int row) ? row : null, vocabulary);
    }

    private static string Single(string folder, string pattern)
    {
        var files = Directory.GetFiles(folder, pattern);
        return files.Length == 1
            ? files[0]
            : throw new FileNotFoundException($"{folder}: expected exactly one {pattern} file for bert-pq features, found {files.Length}");
    }

    /// <summary>Item id (first tab-separated field) -> data row, 0-based after the header.</summary>
    private static Dictionary<long, int> ReadItemIds(string path)
    {
        var rows = new Dictionary<long, int>();
        using var reader = new LineReader(path);
        if (!reader.TryRead(out var header) || !header.StartsWith("item_id", StringComparison.Ordinal))
            throw new DataFormatException(path, 1, header ?? "", "a RecBole header starting with item_id:token");
        while (reader.TryRead(out var line))
        {
            if (line.Length == 0) continue;
            int tab = line.IndexOf('\t');
            var field = tab < 0 ? line : line[..tab];
            if (!long.TryParse(field, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long id))
                throw new DataFormatException(path, reader.LineNumber, line, "an integer item id in the first field");
            if (!rows.TryAdd(id, rows.Count))
                throw new DataFormatException(path, reader.LineNumber, line, $"each item id once (id {id} repeats)");
        }
        return rows;
    }
}
