using System.Runtime.InteropServices;

namespace RecSharp.Torch.Native;

// Declarations for native/src/optim.cpp (one per export, same order). Optional tensors are IntPtr (zero = none).
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial int rs_optim_create(int kind, IntPtr* ps, int n, double lr, double weightDecay, double a, double b, double eps, int flag, out IntPtr @out);
    [LibraryImport(Lib)] internal static partial int rs_optim_free(IntPtr h);
    [LibraryImport(Lib)] internal static partial int rs_optim_step(IntPtr h);
    [LibraryImport(Lib)] internal static partial int rs_optim_zero_grad(IntPtr h, int setToNone);
    [LibraryImport(Lib)] internal static partial int rs_optim_set_lr(IntPtr h, double lr);
    [LibraryImport(Lib)] internal static partial int rs_optim_get_lr(IntPtr h, out double @out);
    [LibraryImport(Lib)] internal static partial int rs_clip_grad_norm(IntPtr* ps, int n, double maxNorm, double normType, out double total);
}
