namespace RecSharp.Retrieval;

/// <summary>How a query vector is compared with an item vector.</summary>
public enum SimilarityMetric
{
    /// <summary>Dot product of the raw vectors (P1's default).</summary>
    InnerProduct,

    /// <summary>Dot product of the L2-normalised vectors.</summary>
    Cosine,
}
