using RecSharp.Torch.Native;

namespace RecSharp.Torch.Faiss;

/// <summary>
/// Inverted-file index with exact vectors (faiss::IndexIVFFlat, owning a flat quantizer of the same metric).
/// Train clusters sample vectors into <see cref="NList"/> lists; a search scans the <see cref="NProbe"/>
/// lists closest to the query, so NProbe = NList gives exact results and smaller values trade recall for speed.
/// </summary>
public sealed class IvfFlatIndex : VectorIndex
{
    /// <param name="nlist">Number of clusters; training needs at least this many vectors (Faiss advises 39 per list).</param>
    public IvfFlatIndex(int dimension, long nlist, Metric metric)
        : base(Created(NativeMethods.rs_faiss_ivfflat_create(dimension, nlist, (int)metric, out var index), index)) { }

    internal IvfFlatIndex(FaissIndexHandle handle) : base(handle) { }

    public long NList
    {
        get
        {
            NativeMethods.Check(NativeMethods.rs_faiss_ivf_nlist(Handle, out long n));
            return n;
        }
    }

    /// <summary>Lists scanned per query, 1 to NList (Faiss's default is 1). Saved with the index.</summary>
    public long NProbe
    {
        get
        {
            NativeMethods.Check(NativeMethods.rs_faiss_ivf_get_nprobe(Handle, out long n));
            return n;
        }
        set => NativeMethods.Check(NativeMethods.rs_faiss_ivf_set_nprobe(Handle, value));
    }
}
