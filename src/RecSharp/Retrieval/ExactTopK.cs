using RecSharp.Torch;
using F = RecSharp.Torch.NN.Functional;

namespace RecSharp.Retrieval;

/// <summary>
/// Exact top-K by inner product or cosine of query vectors [Q, d] against an item table [N, d], on the engine:
/// one matmul and one topk per block of queries (see <see cref="BlockTopK"/>), so a Q x N matrix is never built
/// for large catalogues. Holds its own reference to the item table (normalised once for cosine), so the
/// caller may dispose its tensor; dispose this object to release it.
/// </summary>
public sealed class ExactTopK : IRetriever, IDisposable
{
    private readonly Tensor itemsTransposed; // [d, N]

    public ExactTopK(Tensor itemTable, ExactTopKOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(itemTable);
        Options = options ?? new ExactTopKOptions();
        var shape = itemTable.Shape;
        if (shape.Length != 2 || shape[0] < 1 || shape[1] < 1)
            throw new ArgumentException($"the item table must be a non-empty [items, dim] matrix but has shape [{string.Join(", ", shape)}]", nameof(itemTable));
        if (Options.PaddingItem is int pad && (pad < 0 || pad >= shape[0]))
            throw new ArgumentException($"the padding item {pad} is not a row of the item table (0..{shape[0] - 1})", nameof(options));
        ItemCount = checked((int)shape[0]);
        Dimension = checked((int)shape[1]);
        using (torch.NoGrad())
        using (var scope = torch.NewDisposeScope())
        {
            var items = itemTable.Detach();
            if (Metric == SimilarityMetric.Cosine) items = F.Normalize(items, 2, 1);
            itemsTransposed = items.T.DetachFromDisposeScope();
        }
    }

    public ExactTopKOptions Options { get; }
    public int ItemCount { get; }
    public int Dimension { get; }
    public SimilarityMetric Metric => Options.Metric;

    public TopKResult Search(Tensor queries, int k, ItemSets? exclude = null)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var shape = queries.Shape;
        if (shape.Length != 2 || shape[1] != Dimension)
            throw new ArgumentException($"queries must have shape [count, {Dimension}] but have [{string.Join(", ", shape)}]", nameof(queries));
        int count = checked((int)shape[0]);
        using var noGrad = torch.NoGrad();
        using var scope = torch.NewDisposeScope();
        var q = queries.Detach();
        if (Metric == SimilarityMetric.Cosine) q = F.Normalize(q, 2, 1);
        int block = Options.BlockSize ?? BlockTopK.AutoBlockSize(ItemCount, Options.MaxBlockElements);
        return BlockTopK.Run((first, n) => q.Narrow(0, first, n).Mm(itemsTransposed), count, ItemCount, k, exclude,
            Options.PaddingItem, block);
    }

    public void Dispose() => itemsTransposed.Dispose();
}
