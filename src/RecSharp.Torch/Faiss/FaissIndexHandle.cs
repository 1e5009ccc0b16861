using System.Runtime.InteropServices;
using RecSharp.Torch.Native;

namespace RecSharp.Torch.Faiss;

/// <summary>Owns one native faiss::Index*. Disposing frees it; the finalizer is only a safety net.</summary>
internal sealed class FaissIndexHandle : SafeHandle
{
    public FaissIndexHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    internal FaissIndexHandle(IntPtr handle) : base(IntPtr.Zero, ownsHandle: true) => SetHandle(handle);

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle() => NativeMethods.rs_faiss_free(handle) == 0;
}
