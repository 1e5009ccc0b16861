using RecSharp.Torch.Native;

namespace RecSharp.Torch.Faiss;

/// <summary>
/// Graph index with exact vectors (faiss::IndexHNSWFlat); needs no training. With inner product it keeps good
/// recall only on L2-normalised vectors (DESIGN.md, Faiss lessons); on raw vectors prefer <see cref="FlatIndex"/>.
/// </summary>
public sealed class HnswFlatIndex : VectorIndex
{
    // Parameter selectors of rs_faiss_hnsw_get / rs_faiss_hnsw_set.
    private const int ParamM = 0;
    private const int ParamEfConstruction = 1;
    private const int ParamEfSearch = 2;

    /// <param name="m">Links per node (per upper layer; twice as many on the base layer).</param>
    /// <param name="efConstruction">Candidate list size while adding: higher builds slower and better graphs.</param>
    /// <param name="efSearch">Candidate list size while searching: higher is slower and more accurate (use at least k).</param>
    public HnswFlatIndex(int dimension, Metric metric, int m = 32, int efConstruction = 40, int efSearch = 16)
        : base(Created(NativeMethods.rs_faiss_hnswflat_create(dimension, m, (int)metric, out var index), index))
    {
        EfConstruction = efConstruction;
        EfSearch = efSearch;
    }

    internal HnswFlatIndex(FaissIndexHandle handle) : base(handle) { }

    public int M => Get(ParamM);

    /// <summary>Applies to vectors added after it is set.</summary>
    public int EfConstruction
    {
        get => Get(ParamEfConstruction);
        set => NativeMethods.Check(NativeMethods.rs_faiss_hnsw_set(Handle, ParamEfConstruction, value));
    }

    /// <summary>Saved with the index, like EfConstruction.</summary>
    public int EfSearch
    {
        get => Get(ParamEfSearch);
        set => NativeMethods.Check(NativeMethods.rs_faiss_hnsw_set(Handle, ParamEfSearch, value));
    }

    private int Get(int which)
    {
        NativeMethods.Check(NativeMethods.rs_faiss_hnsw_get(Handle, which, out int v));
        return v;
    }
}
