namespace RecSharp.Torch.Faiss;

/// <summary>How an index compares vectors. Values equal faiss::MetricType, so files written by Python agree.</summary>
public enum Metric
{
    /// <summary>Larger dot product = closer; scores are dot products, best first.</summary>
    InnerProduct = 0,

    /// <summary>Smaller Euclidean distance = closer; scores are SQUARED distances, best (smallest) first.</summary>
    L2 = 1,
}

/// <summary>The index classes RecSharp wraps; values equal the Kind enum in native/src/faiss.cpp.</summary>
internal enum IndexKind
{
    Flat = 0,
    IvfFlat = 1,
    HnswFlat = 2,
}
