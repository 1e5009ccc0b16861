using System.Runtime.CompilerServices;
using static RecSharp.Torch.Native.NativeMethods;

namespace RecSharp.Torch;

/// <summary>Selection, slicing, gathering and scattering.</summary>
public unsafe partial class Tensor
{
    /// <summary>The sub-tensor at <paramref name="index"/> of dimension <paramref name="dim"/> (one dimension fewer).</summary>
    public Tensor Select(long dim, long index) => Wrap(rs_select(Handle, dim, index, out var r), r);

    /// <summary>Elements start..end (exclusive) with a step along <paramref name="dim"/>, as a view.</summary>
    public Tensor Slice(long dim, long start, long end, long step = 1) => Wrap(rs_slice(Handle, dim, start, end, step, out var r), r);

    public Tensor Narrow(long dim, long start, long length) => Wrap(rs_narrow(Handle, dim, start, length, out var r), r);

    // The indexers are named "At" for other .NET languages, so that the name "Item" is free for Item<T>().
    /// <summary>x[i] selects along dimension 0; negative indices count from the end.</summary>
    [IndexerName("At")]
    public Tensor this[long index] => Select(0, index);

    /// <summary>x[a..b] slices along dimension 0.</summary>
    [IndexerName("At")]
    public Tensor this[Range range]
    {
        get
        {
            long n = Size(0);
            var (offset, length) = range.GetOffsetAndLength(checked((int)n));
            return Slice(0, offset, offset + length);
        }
    }

    /// <summary>x[indices] picks rows along dimension 0 by a 1-d int64 tensor.</summary>
    [IndexerName("At")]
    public Tensor this[Tensor indices] => IndexSelect(0, indices);

    public Tensor IndexSelect(long dim, Tensor index) => Wrap(rs_index_select(Handle, dim, index.Handle, out var r), r);
    public Tensor Gather(long dim, Tensor index) => Wrap(rs_gather(Handle, dim, index.Handle, out var r), r);

    /// <summary>Out-of-place scatter_add: a copy of this tensor with <paramref name="source"/> added at <paramref name="index"/>.</summary>
    public Tensor ScatterAdd(long dim, Tensor index, Tensor source) => Wrap(rs_scatter_add(Handle, dim, index.Handle, source.Handle, out var r), r);

    /// <summary>Out-of-place index_copy: a copy of this tensor whose slices at <paramref name="index"/> along <paramref name="dim"/> are replaced by <paramref name="source"/>.</summary>
    public Tensor IndexCopy(long dim, Tensor index, Tensor source) => Wrap(rs_index_copy(Handle, dim, index.Handle, source.Handle, out var r), r);

    /// <summary>Out-of-place index_add: a copy of this tensor with alpha * <paramref name="source"/> added to the slices at <paramref name="index"/>.</summary>
    public Tensor IndexAdd(long dim, Tensor index, Tensor source, double alpha = 1) =>
        Wrap(rs_index_add(Handle, dim, index.Handle, source.Handle, alpha, out var r), r);

    public Tensor MaskedFill(Tensor mask, double value) => Wrap(rs_masked_fill(Handle, mask.Handle, value, out var r), r);

    public Tensor MaskedFill_(Tensor mask, double value)
    {
        Check(rs_masked_fill_(Handle, mask.Handle, value));
        return this;
    }

    public Tensor MaskedSelect(Tensor mask) => Wrap(rs_masked_select(Handle, mask.Handle, out var r), r);

    /// <summary>this[index] = values (or += with <paramref name="accumulate"/>), in place, along dimension 0.</summary>
    public Tensor IndexPut_(Tensor index, Tensor values, bool accumulate = false)
    {
        Check(rs_index_put_(Handle, index.Handle, values.Handle, accumulate ? 1 : 0));
        return this;
    }

    /// <summary>Indices of non-zero elements, shape (n, dim).</summary>
    public Tensor NonZero() => Wrap(rs_nonzero(Handle, out var r), r);

    /// <summary>Counts of each value in a 1-d non-negative int64 tensor.</summary>
    public Tensor BinCount(long minLength = 0) => Wrap(rs_bincount(Handle, minLength, out var r), r);
}
