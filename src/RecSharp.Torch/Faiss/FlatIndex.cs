using RecSharp.Torch.Native;

namespace RecSharp.Torch.Faiss;

/// <summary>
/// Exact search (faiss::IndexFlatIP / IndexFlatL2): compares every query with every stored vector.
/// The right choice up to about a million items; needs no training.
/// </summary>
public sealed class FlatIndex : VectorIndex
{
    public FlatIndex(int dimension, Metric metric)
        : base(Created(NativeMethods.rs_faiss_flat_create(dimension, (int)metric, out var index), index)) { }

    internal FlatIndex(FaissIndexHandle handle) : base(handle) { }
}
