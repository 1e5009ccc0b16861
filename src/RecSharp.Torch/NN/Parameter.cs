using RecSharp.Torch.Native;

namespace RecSharp.Torch.NN;

/// <summary>
/// A tensor that a <see cref="Module"/> owns and trains, like torch.nn.Parameter: a leaf sharing storage with the
/// tensor it was made from, with gradients recorded by default. Dispose scopes never free a parameter; its module
/// (or whoever created it) disposes it.
/// </summary>
public sealed class Parameter : Tensor
{
    public Parameter(Tensor data, bool requiresGrad = true) : base(DetachedHandle(data))
    {
        // The base constructor registered us with the current scope; a parameter must outlive it.
        DetachFromDisposeScope();
        RequiresGrad = requiresGrad;
    }

    private static IntPtr DetachedHandle(Tensor data)
    {
        ArgumentNullException.ThrowIfNull(data);
        NativeMethods.Check(NativeMethods.rs_tensor_detach(data.Handle, out var handle));
        return handle;
    }
}
