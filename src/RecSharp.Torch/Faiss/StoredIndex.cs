using System.Runtime.InteropServices;
using RecSharp.Torch.Native;

namespace RecSharp.Torch.Faiss;

/// <summary>
/// Any Faiss index read from a file, whatever its type (for example <c>index_factory</c>'s "OPQ32,IVF1,PQ32x8", an
/// OPQ rotation over an IVF-PQ index, as shipped with pre-extracted text features). Search works as for every
/// <see cref="VectorIndex"/>; <see cref="Reconstruct"/> decodes stored vectors back into the input space (lossy for
/// quantised indexes). Use <see cref="VectorIndex.Read"/> for the index types RecSharp builds itself.
/// </summary>
public sealed unsafe class StoredIndex : VectorIndex
{
    private StoredIndex(FaissIndexHandle handle) : base(handle) { }

    /// <summary>Reads any Faiss index file.</summary>
    public static StoredIndex Open(string path)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"Faiss index file '{full}' does not exist", full);
        if (NativeMethods.rs_faiss_read_any(full, out var index, out _) != 0)
            throw new TorchException($"'{full}' is not a readable Faiss index: {Marshal.PtrToStringUTF8(NativeMethods.rs_last_error()) ?? "unknown native error"}");
        return new StoredIndex(new FaissIndexHandle(index));
    }

    /// <summary>
    /// Vectors <paramref name="start"/>..start+count-1 as row-major floats (count × <see cref="VectorIndex.Dimension"/>).
    /// IVF indexes get a direct map on first use (so this must not overlap other calls on the index);
    /// pre-transforms such as OPQ are inverted.
    /// </summary>
    public float[] Reconstruct(long start, long count)
    {
        if (start < 0 || count < 0 || start + count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), $"cannot reconstruct vectors {start}..{start + count - 1}: the index holds {Count}");
        var rows = new float[checked(count * Dimension)];
        fixed (float* p = rows) NativeMethods.Check(NativeMethods.rs_faiss_reconstruct(Handle, start, count, p));
        return rows;
    }

    /// <summary>All stored vectors, row-major.</summary>
    public float[] ReconstructAll() => Reconstruct(0, Count);
}
