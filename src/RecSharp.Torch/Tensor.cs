using System.Text;
using RecSharp.Torch.Native;

namespace RecSharp.Torch;

/// <summary>
/// A libtorch tensor. Owns one native handle; <see cref="Dispose"/> frees it at once, an enclosing
/// <see cref="DisposeScope"/> frees it at the end of the scope, and the finalizer of the handle is the last resort.
/// Operations mirror PyTorch's names and argument order (dims, keepdim), in .NET casing.
/// </summary>
public partial class Tensor : IDisposable
{
    private readonly TensorHandle handle;

    internal Tensor(IntPtr nativeHandle)
    {
        handle = new TensorHandle(nativeHandle);
        DisposeScope.Current?.Register(this);
    }

    /// <summary>The native handle; throws a clear error when the tensor was disposed.</summary>
    internal TensorHandle Handle
    {
        get
        {
            if (handle.IsClosed) throw new ObjectDisposedException(nameof(Tensor), "the tensor was used after it was disposed");
            return handle;
        }
    }

    /// <summary>The raw pointer for optional native arguments; pair every use with GC.KeepAlive.</summary>
    internal static IntPtr PtrOrZero(Tensor? t) => t is null ? IntPtr.Zero : t.Handle.DangerousGetHandle();

    internal DisposeScope? OwningScope { get; set; }

    public bool IsDisposed => handle.IsClosed;

    public void Dispose() => handle.Dispose();

    /// <summary>Hands this tensor to the scope around the current one (or to no scope).</summary>
    public Tensor MoveToOuterScope()
    {
        var outer = OwningScope?.Outer;
        OwningScope = null;
        outer?.Register(this);
        return this;
    }

    /// <summary>Takes this tensor out of every dispose scope; the caller now owns it.</summary>
    public Tensor DetachFromDisposeScope()
    {
        OwningScope = null;
        return this;
    }

    // ---- metadata --------------------------------------------------------------------------------

    public int Dim
    {
        get
        {
            NativeMethods.Check(NativeMethods.rs_tensor_ndim(Handle, out int n));
            return n;
        }
    }

    public unsafe long[] Shape
    {
        get
        {
            int n = Dim;
            var shape = new long[n];
            fixed (long* p = shape) NativeMethods.Check(NativeMethods.rs_tensor_shape(Handle, p, n));
            return shape;
        }
    }

    /// <summary>Size of one dimension (negative counts from the end).</summary>
    public long Size(int dim)
    {
        var s = Shape;
        int d = dim < 0 ? dim + s.Length : dim;
        if (d < 0 || d >= s.Length)
            throw new ArgumentOutOfRangeException(nameof(dim), $"dimension {dim} is out of range for a tensor with {s.Length} dimensions");
        return s[d];
    }

    public ScalarType DType
    {
        get
        {
            NativeMethods.Check(NativeMethods.rs_tensor_dtype(Handle, out int t));
            return (ScalarType)t;
        }
    }

    public long NumEl
    {
        get
        {
            NativeMethods.Check(NativeMethods.rs_tensor_numel(Handle, out long n));
            return n;
        }
    }

    // ---- data out -------------------------------------------------------------------------------

    /// <summary>Copies all elements (row-major) into a new array. <typeparamref name="T"/> must match the dtype.</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        var result = new T[checked((int)NumEl)];
        CopyTo<T>(result);
        return result;
    }

    /// <summary>Copies all elements (row-major) into <paramref name="destination"/>, whose length must equal NumEl.</summary>
    public unsafe void CopyTo<T>(Span<T> destination) where T : unmanaged
    {
        var want = ScalarTypeInfo.Of<T>();
        var have = DType;
        if (want != have)
            throw new TorchException($"cannot copy a {have} tensor into a {typeof(T).Name} buffer; convert it with To(ScalarType.{want}) first");
        fixed (T* p = destination)
            NativeMethods.Check(NativeMethods.rs_tensor_copy_to(Handle, p, (long)destination.Length * sizeof(T)));
    }

    /// <summary>The value of a one-element tensor as a double.</summary>
    public double ToDouble()
    {
        NativeMethods.Check(NativeMethods.rs_tensor_item_double(Handle, out double v));
        return v;
    }

    /// <summary>The value of a one-element tensor as a long.</summary>
    public long ToInt64()
    {
        NativeMethods.Check(NativeMethods.rs_tensor_item_long(Handle, out long v));
        return v;
    }

    public float ToSingle() => (float)ToDouble();

    /// <summary>The value of a one-element tensor; <typeparamref name="T"/> must match the dtype, as in <see cref="ToArray{T}"/>.</summary>
    public T Item<T>() where T : unmanaged
    {
        Span<T> one = stackalloc T[1];
        CopyTo(one);
        return one[0];
    }

    public override unsafe string ToString()
    {
        if (IsDisposed) return "Tensor(disposed)";
        const int capacity = 1 << 16;
        var buffer = new byte[capacity];
        fixed (byte* p = buffer) NativeMethods.Check(NativeMethods.rs_tensor_to_string(Handle, p, capacity));
        int len = Array.IndexOf(buffer, (byte)0);
        return Encoding.UTF8.GetString(buffer, 0, len < 0 ? capacity : len);
    }

    // ---- conversion and in-place fills ----------------------------------------------------------

    public Tensor To(ScalarType dtype) => NativeMethods.Wrap(NativeMethods.rs_tensor_to_dtype(Handle, (int)dtype, out var r), r);
    public Tensor Clone() => NativeMethods.Wrap(NativeMethods.rs_tensor_clone(Handle, out var r), r);
    public Tensor Contiguous() => NativeMethods.Wrap(NativeMethods.rs_tensor_contiguous(Handle, out var r), r);

    /// <summary>Copies <paramref name="source"/> into this tensor (broadcasting), in place.</summary>
    public Tensor CopyFrom(Tensor source)
    {
        NativeMethods.Check(NativeMethods.rs_tensor_copy_(Handle, source.Handle));
        return this;
    }

    public Tensor Fill_(double value)
    {
        NativeMethods.Check(NativeMethods.rs_tensor_fill_(Handle, value));
        return this;
    }

    public Tensor Zero_()
    {
        NativeMethods.Check(NativeMethods.rs_tensor_zero_(Handle));
        return this;
    }

    public Tensor Normal_(double mean = 0, double std = 1)
    {
        NativeMethods.Check(NativeMethods.rs_tensor_normal_(Handle, mean, std));
        return this;
    }

    public Tensor Uniform_(double from = 0, double to = 1)
    {
        NativeMethods.Check(NativeMethods.rs_tensor_uniform_(Handle, from, to));
        return this;
    }
}
