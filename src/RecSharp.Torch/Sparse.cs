using static RecSharp.Torch.Native.NativeMethods;

namespace RecSharp.Torch;

/// <summary>Sparse COO tensors (coalesced on creation) and sparse x dense products with autograd.</summary>
public static unsafe class Sparse
{
    /// <summary>A sparse (rows x cols ...) tensor from int64 indices (ndim, nnz) and values (nnz).</summary>
    public static Tensor CooTensor(Tensor indices, Tensor values, params long[] shape)
    {
        fixed (long* s = shape) return Wrap(rs_sparse_coo(indices.Handle, values.Handle, s, shape.Length, out var r), r);
    }

    /// <summary>sparse @ dense; gradients flow to the dense side (and to the sparse values if they require grad).</summary>
    public static Tensor Mm(Tensor sparse, Tensor dense) => Wrap(rs_sparse_mm(sparse.Handle, dense.Handle, out var r), r);
}

public partial class Tensor
{
    public bool IsSparse
    {
        get
        {
            Check(rs_is_sparse(Handle, out int v));
            return v != 0;
        }
    }

    public Tensor ToDense() => Wrap(rs_to_dense(Handle, out var r), r);
    public Tensor SparseIndices() => Wrap(rs_sparse_indices(Handle, out var r), r);
    public Tensor SparseValues() => Wrap(rs_sparse_values(Handle, out var r), r);
}
