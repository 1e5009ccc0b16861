using System.Runtime.InteropServices;
using RecSharp.Torch.Native;

namespace RecSharp.Torch;

/// <summary>
/// Entry point of the engine, like PyTorch's <c>torch</c> module: tensor creation, random numbers under one
/// global seed, grad mode, dispose scopes and thread settings.
/// </summary>
public static unsafe partial class torch
{
    /// <summary>Version text of the native shim and the libtorch it was built against.</summary>
    public static string Version => Marshal.PtrToStringUTF8(NativeMethods.rs_version()) ?? "";

    // ---- scopes, grad mode, seed, threads ------------------------------------------------------

    /// <summary>Opens a scope that frees every tensor created inside it on this thread when disposed.</summary>
    public static DisposeScope NewDisposeScope() => new();

    /// <summary>Disables gradient recording on this thread until the returned object is disposed.</summary>
    public static IDisposable NoGrad() => new GradModeGuard(false);

    /// <summary>Enables gradient recording on this thread until the returned object is disposed.</summary>
    public static IDisposable EnableGrad() => new GradModeGuard(true);

    public static bool IsGradEnabled
    {
        get
        {
            NativeMethods.Check(NativeMethods.rs_is_grad_enabled(out int v));
            return v != 0;
        }
    }

    /// <summary>Seeds libtorch's global generator (randn, rand, randint, randperm, multinomial, dropout, init).</summary>
    public static void ManualSeed(long seed) => NativeMethods.Check(NativeMethods.rs_manual_seed(seed));

    /// <summary>
    /// Sets the intra-op thread count of libtorch and the OpenMP thread count Faiss uses, for every thread
    /// that calls the engine. OpenBLAS's own pool gets <paramref name="blasThreads"/> (default 1, because its
    /// pthread build multiplies with OpenMP and oversubscribes small machines).
    /// </summary>
    public static void SetNumThreads(int threads, int blasThreads = 1) =>
        NativeMethods.Check(NativeMethods.rs_set_num_threads(threads, blasThreads));

    public static int NumThreads
    {
        get
        {
            NativeMethods.Check(NativeMethods.rs_get_num_threads(out int n));
            return n;
        }
    }

    /// <summary>True when OpenBLAS (not the slow reference BLAS) serves libtorch's matrix products.</summary>
    public static bool UsesOpenBlas
    {
        get
        {
            NativeMethods.Check(NativeMethods.rs_has_openblas(out int v));
            return v != 0;
        }
    }

    /// <summary>Number of native tensor handles alive in the process (for leak tests).</summary>
    public static long LiveTensorCount => NativeMethods.rs_live_tensor_count();

    // ---- creation from .NET data (one copy) ---------------------------------------------------

    /// <summary>Creates a tensor holding a copy of <paramref name="data"/> with the given shape (default: 1-d).</summary>
    public static Tensor FromSpan<T>(ReadOnlySpan<T> data, ReadOnlySpan<long> shape, bool requiresGrad = false) where T : unmanaged
    {
        long count = 1;
        foreach (var s in shape)
        {
            if (s < 0) throw new ArgumentException($"shape [{string.Join(", ", shape.ToArray())}] has a negative size", nameof(shape));
            count *= s;
        }
        if (count != data.Length)
            throw new ArgumentException($"shape [{string.Join(", ", shape.ToArray())}] needs {count} elements but {data.Length} were given", nameof(shape));
        int dtype = (int)ScalarTypeInfo.Of<T>();
        fixed (T* p = data)
        fixed (long* s = shape)
            return NativeMethods.Wrap(NativeMethods.rs_tensor_from_data(p, s, shape.Length, dtype, requiresGrad ? 1 : 0, out var r), r);
    }

    public static Tensor FromSpan<T>(ReadOnlySpan<T> data) where T : unmanaged => FromSpan(data, [data.Length]);

    public static Tensor Tensor(float[] data, params long[] shape) => FromSpan<float>(data, shape.Length == 0 ? [data.Length] : shape);
    public static Tensor Tensor(double[] data, params long[] shape) => FromSpan<double>(data, shape.Length == 0 ? [data.Length] : shape);
    public static Tensor Tensor(long[] data, params long[] shape) => FromSpan<long>(data, shape.Length == 0 ? [data.Length] : shape);
    public static Tensor Tensor(int[] data, params long[] shape) => FromSpan<int>(data, shape.Length == 0 ? [data.Length] : shape);
    public static Tensor Tensor(bool[] data, params long[] shape) => FromSpan<bool>(data, shape.Length == 0 ? [data.Length] : shape);

    /// <summary>Creates a 2-d tensor from a rectangular array.</summary>
    public static Tensor Tensor(float[,] data) => FromRectangular(data);
    public static Tensor Tensor(double[,] data) => FromRectangular(data);
    public static Tensor Tensor(long[,] data) => FromRectangular(data);

    private static Tensor FromRectangular<T>(T[,] data) where T : unmanaged
    {
        var span = MemoryMarshal.CreateReadOnlySpan(ref data[0, 0], data.Length);
        return FromSpan(span, [data.GetLength(0), data.GetLength(1)]);
    }

    /// <summary>A 0-d tensor.</summary>
    public static Tensor Scalar(double value, ScalarType dtype = ScalarType.Float32) => Full([], value, dtype);

    // ---- creation by shape ---------------------------------------------------------------------

    public static Tensor Zeros(ReadOnlySpan<long> shape, ScalarType dtype = ScalarType.Float32, bool requiresGrad = false)
    {
        fixed (long* s = shape)
            return NativeMethods.Wrap(NativeMethods.rs_tensor_zeros(s, shape.Length, (int)dtype, requiresGrad ? 1 : 0, out var r), r);
    }

    public static Tensor Ones(ReadOnlySpan<long> shape, ScalarType dtype = ScalarType.Float32, bool requiresGrad = false)
    {
        fixed (long* s = shape)
            return NativeMethods.Wrap(NativeMethods.rs_tensor_ones(s, shape.Length, (int)dtype, requiresGrad ? 1 : 0, out var r), r);
    }

    public static Tensor Full(ReadOnlySpan<long> shape, double value, ScalarType dtype = ScalarType.Float32, bool requiresGrad = false)
    {
        fixed (long* s = shape)
            return NativeMethods.Wrap(NativeMethods.rs_tensor_full(s, shape.Length, value, (int)dtype, requiresGrad ? 1 : 0, out var r), r);
    }

    public static Tensor Empty(ReadOnlySpan<long> shape, ScalarType dtype = ScalarType.Float32, bool requiresGrad = false)
    {
        fixed (long* s = shape)
            return NativeMethods.Wrap(NativeMethods.rs_tensor_empty(s, shape.Length, (int)dtype, requiresGrad ? 1 : 0, out var r), r);
    }
    public static Tensor Zeros(params long[] shape) => Zeros(shape.AsSpan());

    public static Tensor Ones(params long[] shape) => Ones(shape.AsSpan());

    /// <summary>A tensor shaped like <paramref name="like"/> filled with <paramref name="value"/>; the dtype defaults to its dtype.</summary>
    public static Tensor FullLike(Tensor like, double value, ScalarType? dtype = null, bool requiresGrad = false) =>
        NativeMethods.Wrap(NativeMethods.rs_tensor_full_like(like.Handle, value, dtype.HasValue ? (int)dtype.Value : -1, requiresGrad ? 1 : 0, out var r), r);

    public static Tensor ZerosLike(Tensor like, ScalarType? dtype = null, bool requiresGrad = false) => FullLike(like, 0, dtype, requiresGrad);
    public static Tensor OnesLike(Tensor like, ScalarType? dtype = null, bool requiresGrad = false) => FullLike(like, 1, dtype, requiresGrad);

    /// <summary>Values from <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive).</summary>
    public static Tensor Arange(double start, double end, double step = 1, ScalarType dtype = ScalarType.Int64) =>
        NativeMethods.Wrap(NativeMethods.rs_tensor_arange(start, end, step, (int)dtype, out var r), r);

    public static Tensor Arange(long end, ScalarType dtype = ScalarType.Int64) => Arange(0, end, 1, dtype);

    public static Tensor Eye(long n, ScalarType dtype = ScalarType.Float32) =>
        NativeMethods.Wrap(NativeMethods.rs_tensor_eye(n, (int)dtype, out var r), r);

    // ---- random (libtorch's global generator, see ManualSeed) ---------------------------------

    public static Tensor Randn(ReadOnlySpan<long> shape, ScalarType dtype = ScalarType.Float32, bool requiresGrad = false)
    {
        fixed (long* s = shape)
            return NativeMethods.Wrap(NativeMethods.rs_tensor_randn(s, shape.Length, (int)dtype, requiresGrad ? 1 : 0, out var r), r);
    }

    public static Tensor Rand(ReadOnlySpan<long> shape, ScalarType dtype = ScalarType.Float32, bool requiresGrad = false)
    {
        fixed (long* s = shape)
            return NativeMethods.Wrap(NativeMethods.rs_tensor_rand(s, shape.Length, (int)dtype, requiresGrad ? 1 : 0, out var r), r);
    }

    public static Tensor Randn(params long[] shape) => Randn(shape.AsSpan());
    public static Tensor Rand(params long[] shape) => Rand(shape.AsSpan());

    /// <summary>Uniform integers in [low, high).</summary>
    public static Tensor RandInt(long low, long high, ReadOnlySpan<long> shape)
    {
        fixed (long* s = shape)
            return NativeMethods.Wrap(NativeMethods.rs_tensor_randint(low, high, s, shape.Length, out var r), r);
    }

    public static Tensor RandPerm(long n) => NativeMethods.Wrap(NativeMethods.rs_tensor_randperm(n, out var r), r);

    /// <summary>Draws indices from the rows of <paramref name="probs"/> (non-negative weights).</summary>
    public static Tensor Multinomial(Tensor probs, long numSamples, bool replacement = false) =>
        NativeMethods.Wrap(NativeMethods.rs_tensor_multinomial(probs.Handle, numSamples, replacement ? 1 : 0, out var r), r);

    private sealed class GradModeGuard : IDisposable
    {
        private readonly bool previous;
        private bool disposed;

        public GradModeGuard(bool enabled)
        {
            previous = IsGradEnabled;
            NativeMethods.Check(NativeMethods.rs_set_grad_enabled(enabled ? 1 : 0));
        }

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            NativeMethods.Check(NativeMethods.rs_set_grad_enabled(previous ? 1 : 0));
        }
    }
}
