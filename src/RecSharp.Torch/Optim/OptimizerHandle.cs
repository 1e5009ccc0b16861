using System.Runtime.InteropServices;
using RecSharp.Torch.Native;

namespace RecSharp.Torch.Optim;

/// <summary>Owns one native torch::optim::Optimizer*. Disposing frees it (and its per-parameter state).</summary>
internal sealed class OptimizerHandle : SafeHandle
{
    public OptimizerHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    internal OptimizerHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle() => NativeMethods.rs_optim_free(handle) == 0;
}
