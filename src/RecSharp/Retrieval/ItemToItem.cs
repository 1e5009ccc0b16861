using RecSharp.Torch;

namespace RecSharp.Retrieval;

/// <summary>
/// Nearest neighbours of items among items by cosine similarity of their vectors ("similar items"), excluding
/// the query item itself (by id, so an identical vector stored under another id is still found) and padding.
/// </summary>
public static class ItemToItem
{
    /// <summary>The <paramref name="k"/> most similar items to each of <paramref name="queryItems"/> (rows of <paramref name="itemTable"/> [N, d]).</summary>
    public static TopKResult Neighbours(Tensor itemTable, ReadOnlySpan<int> queryItems, int k, int? paddingItem = 0, int? blockSize = null)
    {
        ArgumentNullException.ThrowIfNull(itemTable);
        var shape = itemTable.Shape;
        if (shape.Length != 2)
            throw new ArgumentException($"the item table must be [items, dim] but has shape [{string.Join(", ", shape)}]", nameof(itemTable));
        var query = new long[queryItems.Length];
        var self = new int[queryItems.Length];
        var offsets = new int[queryItems.Length + 1];
        for (int i = 0; i < queryItems.Length; i++)
        {
            int id = queryItems[i];
            if (id < 0 || id >= shape[0])
                throw new ArgumentException($"query item {id} (position {i}) is not a row of the item table (0..{shape[0] - 1})", nameof(queryItems));
            query[i] = id;
            self[i] = id;
            offsets[i + 1] = i + 1;
        }
        using var scope = torch.NewDisposeScope();
        using var retriever = new ExactTopK(itemTable, new ExactTopKOptions
        {
            Metric = SimilarityMetric.Cosine,
            PaddingItem = paddingItem,
            BlockSize = blockSize,
        });
        var queries = itemTable.IndexSelect(0, torch.Tensor(query));
        return retriever.Search(queries, k, new ItemSets(offsets, self));
    }
}
