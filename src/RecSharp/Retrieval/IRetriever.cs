using RecSharp.Torch;

namespace RecSharp.Retrieval;

/// <summary>
/// Finds the best-scoring items of a fixed item table for a batch of query vectors. Implemented exactly on the
/// engine by <see cref="ExactTopK"/>; an approximate Faiss index (flat IP, IVF, HNSW) can implement the same
/// contract so that evaluators and serving code do not change when the index does.
/// </summary>
public interface IRetriever
{
    /// <summary>Rows of the item table (item ids are row numbers 0..ItemCount-1, including the padding row when there is one).</summary>
    int ItemCount { get; }

    /// <summary>Length of the item vectors (and of the queries).</summary>
    int Dimension { get; }

    /// <summary>How queries are compared with items.</summary>
    SimilarityMetric Metric { get; }

    /// <summary>
    /// The <paramref name="k"/> best items of each row of <paramref name="queries"/> ([Q, Dimension], float32 or
    /// float64), best first. Items of row q of <paramref name="exclude"/> (which must then have Q rows) are never
    /// returned for query q; neither is the padding item when the implementation is configured with one. Rows
    /// with fewer eligible items than k are filled with -1 / -inf (see <see cref="TopKResult"/>). The queries
    /// tensor is borrowed, not disposed. Implementations need not be thread-safe. An index that cannot mask
    /// (Faiss) meets the exclusion contract by searching k + |exclude row| items and filtering.
    /// </summary>
    TopKResult Search(Tensor queries, int k, ItemSets? exclude = null);
}
