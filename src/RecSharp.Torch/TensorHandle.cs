using System.Runtime.InteropServices;
using RecSharp.Torch.Native;

namespace RecSharp.Torch;

/// <summary>Owns one native at::Tensor*. Disposing frees it; the finalizer is only a safety net.</summary>
internal sealed class TensorHandle : SafeHandle
{
    public TensorHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    internal TensorHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle() => NativeMethods.rs_tensor_free(handle) == 0;
}
