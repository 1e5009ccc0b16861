using RecSharp.Torch.Native;

namespace RecSharp.Torch;

public partial class Tensor
{
    public bool RequiresGrad
    {
        get
        {
            NativeMethods.Check(NativeMethods.rs_tensor_requires_grad(Handle, out int v));
            return v != 0;
        }
        set => NativeMethods.Check(NativeMethods.rs_tensor_set_requires_grad(Handle, value ? 1 : 0));
    }

    /// <summary>Sets <see cref="RequiresGrad"/> and returns this tensor, like PyTorch's requires_grad_().</summary>
    public Tensor RequiresGrad_(bool value = true)
    {
        RequiresGrad = value;
        return this;
    }

    public bool IsLeaf
    {
        get
        {
            NativeMethods.Check(NativeMethods.rs_tensor_is_leaf(Handle, out int v));
            return v != 0;
        }
    }

    /// <summary>The accumulated gradient (a new handle sharing storage), or null before any backward pass.</summary>
    public Tensor? Grad
    {
        get
        {
            NativeMethods.Check(NativeMethods.rs_tensor_grad(Handle, out var r));
            return r == IntPtr.Zero ? null : new Tensor(r);
        }
    }

    /// <summary>Computes gradients of this tensor (a scalar, unless <paramref name="gradient"/> is given).</summary>
    public void Backward(Tensor? gradient = null, bool retainGraph = false)
    {
        NativeMethods.Check(NativeMethods.rs_tensor_backward(Handle, PtrOrZero(gradient), retainGraph ? 1 : 0));
        GC.KeepAlive(gradient);
    }

    /// <summary>Clears the gradient (to none by default, or to zeros in place).</summary>
    public void ZeroGrad(bool setToNone = true) => NativeMethods.Check(NativeMethods.rs_tensor_zero_grad(Handle, setToNone ? 1 : 0));

    /// <summary>A tensor sharing storage with this one but cut from the autograd graph.</summary>
    public Tensor Detach() => NativeMethods.Wrap(NativeMethods.rs_tensor_detach(Handle, out var r), r);

    /// <summary>Keeps the gradient of a non-leaf tensor after backward.</summary>
    public void RetainGrad() => NativeMethods.Check(NativeMethods.rs_tensor_retain_grad(Handle));
}
