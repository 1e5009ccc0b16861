using System.Runtime.InteropServices;
using RecSharp.Torch.Faiss;

namespace RecSharp.Torch.Native;

// Declarations for native/src/faiss.cpp (one per export, same order). Index handles are borrowed except in
// rs_faiss_free; tensor results are new handles the caller wraps.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial int rs_faiss_flat_create(int d, int metric, out IntPtr @out);
    [LibraryImport(Lib)] internal static partial int rs_faiss_ivfflat_create(int d, long nlist, int metric, out IntPtr @out);
    [LibraryImport(Lib)] internal static partial int rs_faiss_hnswflat_create(int d, int m, int metric, out IntPtr @out);
    [LibraryImport(Lib)] internal static partial int rs_faiss_free(IntPtr h);

    [LibraryImport(Lib)] internal static partial int rs_faiss_kind(FaissIndexHandle h, out int kind);
    [LibraryImport(Lib)] internal static partial int rs_faiss_dimension(FaissIndexHandle h, out int d);
    [LibraryImport(Lib)] internal static partial int rs_faiss_count(FaissIndexHandle h, out long n);
    [LibraryImport(Lib)] internal static partial int rs_faiss_metric(FaissIndexHandle h, out int metric);
    [LibraryImport(Lib)] internal static partial int rs_faiss_is_trained(FaissIndexHandle h, out int trained);
    [LibraryImport(Lib)] internal static partial int rs_faiss_ivf_nlist(FaissIndexHandle h, out long nlist);
    [LibraryImport(Lib)] internal static partial int rs_faiss_ivf_get_nprobe(FaissIndexHandle h, out long nprobe);
    [LibraryImport(Lib)] internal static partial int rs_faiss_ivf_set_nprobe(FaissIndexHandle h, long nprobe);
    [LibraryImport(Lib)] internal static partial int rs_faiss_hnsw_get(FaissIndexHandle h, int which, out int value);
    [LibraryImport(Lib)] internal static partial int rs_faiss_hnsw_set(FaissIndexHandle h, int which, int value);

    [LibraryImport(Lib)] internal static partial int rs_faiss_train(FaissIndexHandle h, long n, float* x);
    [LibraryImport(Lib)] internal static partial int rs_faiss_add(FaissIndexHandle h, long n, float* x);
    [LibraryImport(Lib)] internal static partial int rs_faiss_search(FaissIndexHandle h, long n, float* x, long k, float* scores, long* ids);

    [LibraryImport(Lib)] internal static partial int rs_faiss_train_tensor(FaissIndexHandle h, TensorHandle x);
    [LibraryImport(Lib)] internal static partial int rs_faiss_add_tensor(FaissIndexHandle h, TensorHandle x);
    [LibraryImport(Lib)] internal static partial int rs_faiss_search_tensor(FaissIndexHandle h, TensorHandle queries, long k, out IntPtr scores, out IntPtr ids);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial int rs_faiss_write(FaissIndexHandle h, string path);
    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial int rs_faiss_read(string path, out IntPtr @out, out int kind);

    [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)] internal static partial int rs_faiss_read_any(string path, out IntPtr @out, out int kind);
    [LibraryImport(Lib)] internal static partial int rs_faiss_reconstruct(FaissIndexHandle h, long start, long n, float* @out);

    [LibraryImport(Lib)] internal static partial int rs_faiss_omp_max_threads(out int threads);
}
