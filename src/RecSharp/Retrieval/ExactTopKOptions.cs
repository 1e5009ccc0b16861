namespace RecSharp.Retrieval;

/// <summary>Settings of <see cref="ExactTopK"/>.</summary>
public sealed record ExactTopKOptions
{
    public SimilarityMetric Metric { get; init; } = SimilarityMetric.InnerProduct;

    /// <summary>Item id never returned (0 under P1/P3, where row 0 is padding); null when all ids are real items (P2's 0-based ids).</summary>
    public int? PaddingItem { get; init; } = 0;

    /// <summary>Queries per block; null sizes blocks so that a block's score matrix holds at most <see cref="MaxBlockElements"/> scores.</summary>
    public int? BlockSize { get; init; }

    public long MaxBlockElements { get; init; } = BlockTopK.DefaultMaxBlockElements;
}
