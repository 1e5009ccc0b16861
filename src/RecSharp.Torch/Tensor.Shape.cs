using static RecSharp.Torch.Native.NativeMethods;

namespace RecSharp.Torch;

/// <summary>Shape and layout operations; most return views sharing storage, as in PyTorch.</summary>
public unsafe partial class Tensor
{
    public Tensor Reshape(params long[] shape)
    {
        fixed (long* s = shape) return Wrap(rs_reshape(Handle, s, shape.Length, out var r), r);
    }

    public Tensor View(params long[] shape)
    {
        fixed (long* s = shape) return Wrap(rs_view(Handle, s, shape.Length, out var r), r);
    }

    public Tensor Transpose(long dim0, long dim1) => Wrap(rs_transpose(Handle, dim0, dim1, out var r), r);

    /// <summary>The transpose of a 2-d tensor.</summary>
    public Tensor T => Transpose(0, 1);

    public Tensor Permute(params long[] dims)
    {
        fixed (long* d = dims) return Wrap(rs_permute(Handle, d, dims.Length, out var r), r);
    }

    public Tensor Unsqueeze(long dim) => Wrap(rs_unsqueeze(Handle, dim, out var r), r);
    public Tensor Squeeze(long dim) => Wrap(rs_squeeze(Handle, dim, out var r), r);
    public Tensor Squeeze() => Wrap(rs_squeeze_all(Handle, out var r), r);
    public Tensor Flatten(long startDim = 0, long endDim = -1) => Wrap(rs_flatten(Handle, startDim, endDim, out var r), r);

    /// <summary>Broadcasts to <paramref name="shape"/> (-1 keeps a size) without copying.</summary>
    public Tensor Expand(params long[] shape)
    {
        fixed (long* s = shape) return Wrap(rs_expand(Handle, s, shape.Length, out var r), r);
    }

    /// <summary>Tiles the tensor <paramref name="repeats"/> times along each dimension (copies).</summary>
    public Tensor Repeat(params long[] repeats)
    {
        fixed (long* s = repeats) return Wrap(rs_repeat(Handle, s, repeats.Length, out var r), r);
    }

    /// <summary>Views of consecutive pieces of <paramref name="splitSize"/> along <paramref name="dim"/> (the last may be shorter).</summary>
    public Tensor[] Split(long splitSize, long dim = 0)
    {
        if (splitSize < 1) throw new ArgumentOutOfRangeException(nameof(splitSize), splitSize, "split size must be at least 1");
        long n = Size(checked((int)dim));
        var parts = new Tensor[(n + splitSize - 1) / splitSize];
        for (int i = 0; i < parts.Length; i++)
            parts[i] = Narrow(dim, i * splitSize, Math.Min(splitSize, n - i * splitSize));
        return parts;
    }

    /// <summary>Views of <paramref name="chunks"/> nearly equal pieces along <paramref name="dim"/>, as PyTorch's chunk.</summary>
    public Tensor[] Chunk(long chunks, long dim = 0)
    {
        if (chunks < 1) throw new ArgumentOutOfRangeException(nameof(chunks), chunks, "chunk count must be at least 1");
        long n = Size(checked((int)dim));
        return Split(Math.Max(1, (n + chunks - 1) / chunks), dim);
    }

    public Tensor RepeatInterleave(long repeats, long dim) => Wrap(rs_repeat_interleave(Handle, repeats, dim, out var r), r);
    public Tensor RepeatInterleave(Tensor repeats, long dim) => Wrap(rs_repeat_interleave_tensor(Handle, repeats.Handle, dim, out var r), r);
}

public static unsafe partial class torch
{
    public static Tensor Cat(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: false);

    public static Tensor Stack(IReadOnlyList<Tensor> tensors, long dim = 0) => Join(tensors, dim, stack: true);

    private static Tensor Join(IReadOnlyList<Tensor> tensors, long dim, bool stack)
    {
        var ptrs = new IntPtr[tensors.Count];
        for (int i = 0; i < ptrs.Length; i++) ptrs[i] = tensors[i].Handle.DangerousGetHandle();
        try
        {
            fixed (IntPtr* p = ptrs)
                return stack ? Wrap(rs_stack(p, ptrs.Length, dim, out var s), s) : Wrap(rs_cat(p, ptrs.Length, dim, out var c), c);
        }
        finally
        {
            GC.KeepAlive(tensors);
        }
    }

    /// <summary>Elementwise choice: <paramref name="a"/> where <paramref name="condition"/> holds, else <paramref name="b"/>.</summary>
    public static Tensor Where(Tensor condition, Tensor a, Tensor b) => Wrap(rs_where(condition.Handle, a.Handle, b.Handle, out var r), r);
}
