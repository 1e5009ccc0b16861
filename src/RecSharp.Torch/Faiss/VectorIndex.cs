using System.Runtime.InteropServices;
using RecSharp.Torch.Native;

namespace RecSharp.Torch.Faiss;

/// <summary>
/// A Faiss index over vectors of <see cref="Dimension"/> floats. Vectors get ids in insertion order
/// (0, 1, 2, ...); a search returns, per query, the ids of the k nearest vectors and their scores, best first
/// (a query with fewer than k stored vectors gets id -1 in the unused slots).
/// Searches may run from several threads at once; Train, Add and Write must not overlap any other call.
/// Faiss runs on OpenMP with the thread count set by <see cref="torch.SetNumThreads"/>.
/// </summary>
public abstract unsafe class VectorIndex : IDisposable
{
    private readonly FaissIndexHandle handle;

    private protected VectorIndex(FaissIndexHandle handle)
    {
        this.handle = handle;
        NativeMethods.Check(NativeMethods.rs_faiss_dimension(handle, out int d));
        Dimension = d;
    }

    /// <summary>Wraps a freshly created native index, or throws the native error.</summary>
    private protected static FaissIndexHandle Created(int status, IntPtr index)
    {
        NativeMethods.Check(status);
        return new FaissIndexHandle(index);
    }

    /// <summary>The native handle; throws a clear error when the index was disposed.</summary>
    internal FaissIndexHandle Handle
    {
        get
        {
            if (handle.IsClosed) throw new ObjectDisposedException(GetType().Name, "the index was used after it was disposed");
            return handle;
        }
    }

    /// <summary>Length of every stored and queried vector.</summary>
    public int Dimension { get; }

    /// <summary>Number of vectors added so far (the next added vector gets this id).</summary>
    public long Count
    {
        get
        {
            NativeMethods.Check(NativeMethods.rs_faiss_count(Handle, out long n));
            return n;
        }
    }

    public Metric Metric
    {
        get
        {
            NativeMethods.Check(NativeMethods.rs_faiss_metric(Handle, out int m));
            return (Metric)m;
        }
    }

    /// <summary>False only for an index that needs training (IVF) and has not been trained yet.</summary>
    public bool IsTrained
    {
        get
        {
            NativeMethods.Check(NativeMethods.rs_faiss_is_trained(Handle, out int t));
            return t != 0;
        }
    }

    public bool IsDisposed => handle.IsClosed;

    public void Dispose() => handle.Dispose();

    // ---- train --------------------------------------------------------------------------------------

    /// <summary>Learns the index's structure (IVF: the nlist centroids) from row-major vectors; a no-op for exact indexes.</summary>
    public void Train(ReadOnlySpan<float> rows)
    {
        long n = RowCount(rows.Length, nameof(rows), "training vectors");
        fixed (float* p = rows) NativeMethods.Check(NativeMethods.rs_faiss_train(Handle, n, p));
    }

    public void Train(float[] rows) => Train(rows.AsSpan());

    /// <summary>Trains from a float32 tensor [n, Dimension].</summary>
    public void Train(Tensor rows)
    {
        CheckRows(rows, nameof(rows), "training vectors");
        NativeMethods.Check(NativeMethods.rs_faiss_train_tensor(Handle, rows.Handle));
    }

    // ---- add ----------------------------------------------------------------------------------------

    /// <summary>Appends row-major vectors; they get ids Count, Count + 1, ...</summary>
    public void Add(ReadOnlySpan<float> rows)
    {
        long n = RowCount(rows.Length, nameof(rows), "vectors");
        RequireTrained("Add");
        fixed (float* p = rows) NativeMethods.Check(NativeMethods.rs_faiss_add(Handle, n, p));
    }

    public void Add(float[] rows) => Add(rows.AsSpan());

    /// <summary>Appends the rows of a float32 tensor [n, Dimension].</summary>
    public void Add(Tensor rows)
    {
        CheckRows(rows, nameof(rows), "vectors");
        RequireTrained("Add");
        NativeMethods.Check(NativeMethods.rs_faiss_add_tensor(Handle, rows.Handle));
    }

    // ---- search -------------------------------------------------------------------------------------

    /// <summary>
    /// Searches all queries (row-major, q rows) in one batched call. Returns q*k scores and ids, query by query,
    /// best first within each query.
    /// </summary>
    public (float[] Scores, long[] Ids) Search(ReadOnlySpan<float> queries, int k)
    {
        long q = RowCount(queries.Length, nameof(queries), "queries");
        CheckK(k);
        RequireTrained("Search");
        int total = checked((int)(q * k));
        var scores = new float[total];
        var ids = new long[total];
        fixed (float* x = queries)
        fixed (float* s = scores)
        fixed (long* i = ids)
            NativeMethods.Check(NativeMethods.rs_faiss_search(Handle, q, x, k, s, i));
        return (scores, ids);
    }

    public (float[] Scores, long[] Ids) Search(float[] queries, int k) => Search(queries.AsSpan(), k);

    /// <summary>Searches the rows of a float32 tensor [q, Dimension]; returns scores (float32) and ids (int64), both [q, k].</summary>
    public (Tensor Scores, Tensor Ids) Search(Tensor queries, int k)
    {
        CheckRows(queries, nameof(queries), "queries");
        CheckK(k);
        RequireTrained("Search");
        int status = NativeMethods.rs_faiss_search_tensor(Handle, queries.Handle, k, out var scores, out var ids);
        return NativeMethods.Wrap2(status, scores, ids);
    }

    // ---- files --------------------------------------------------------------------------------------

    /// <summary>Writes the index in Faiss's own format (Python's faiss.read_index reads it), atomically.</summary>
    public void Write(string path)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"cannot write the Faiss index to '{full}': the folder '{folder}' does not exist");
        // Same folder, so the final move is a rename and readers never see a half-written file.
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            if (NativeMethods.rs_faiss_write(Handle, temp) != 0)
                throw new TorchException($"cannot write the Faiss index to '{full}': {LastNativeError()}");
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Reads an index written by <see cref="Write"/> (or by Faiss itself) as the matching subclass.</summary>
    public static VectorIndex Read(string path)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"Faiss index file '{full}' does not exist", full);
        if (NativeMethods.rs_faiss_read(full, out var index, out int kind) != 0)
            throw new TorchException($"'{full}' is not a readable Faiss index: {LastNativeError()}");
        var owned = new FaissIndexHandle(index);
        return (IndexKind)kind switch
        {
            IndexKind.Flat => new FlatIndex(owned),
            IndexKind.IvfFlat => new IvfFlatIndex(owned),
            IndexKind.HnswFlat => new HnswFlatIndex(owned),
            _ => throw new InvalidOperationException($"native index kind {kind} has no C# class"),
        };
    }

    // ---- checks -------------------------------------------------------------------------------------

    private long RowCount(int floats, string parameter, string what)
    {
        if (floats % Dimension != 0)
            throw new ArgumentException($"{what} hold {floats} floats, which is not a whole number of rows of dimension {Dimension}", parameter);
        return floats / Dimension;
    }

    private void CheckRows(Tensor rows, string parameter, string what)
    {
        var shape = rows.Shape;
        if (shape.Length != 2 || shape[1] != Dimension)
            throw new ArgumentException($"{what} must be a tensor [n, {Dimension}], got shape [{string.Join(", ", shape)}]", parameter);
        var dtype = rows.DType;
        if (dtype != ScalarType.Float32)
            throw new ArgumentException($"{what} must be a Float32 tensor, got {dtype}", parameter);
    }

    private static void CheckK(int k)
    {
        if (k <= 0) throw new ArgumentOutOfRangeException(nameof(k), k, "k (results per query) must be at least 1");
    }

    private void RequireTrained(string operation)
    {
        if (!IsTrained)
            throw new InvalidOperationException($"the {GetType().Name} is not trained: call Train with sample vectors before {operation}");
    }

    private static string LastNativeError() => Marshal.PtrToStringUTF8(NativeMethods.rs_last_error()) ?? "unknown native error";
}
