using System.Runtime.InteropServices;

namespace RecSharp.Torch.Native;

/// <summary>
/// P/Invoke entry points of librecsharp_native. Every export returns 0 on success or -1 after storing the
/// C++ error text in a thread-local slot; <see cref="Check"/> turns that into a <see cref="TorchException"/>.
/// Declarations are split by area across partial files (Native.Tensor.cs, Native.Ops.cs, ...).
/// </summary>
internal static unsafe partial class NativeMethods
{
    internal const string Lib = "recsharp_native";

    [LibraryImport(Lib)]
    internal static partial IntPtr rs_last_error();

    [LibraryImport(Lib)]
    internal static partial IntPtr rs_version();

    [LibraryImport(Lib)]
    internal static partial int rs_set_num_threads(int threads, int blasThreads);

    [LibraryImport(Lib)]
    internal static partial int rs_get_num_threads(out int threads);

    [LibraryImport(Lib)]
    internal static partial int rs_has_openblas(out int yes);

    [LibraryImport(Lib)]
    internal static partial int rs_manual_seed(long seed);

    [LibraryImport(Lib)]
    internal static partial int rs_set_grad_enabled(int enabled);

    [LibraryImport(Lib)]
    internal static partial int rs_is_grad_enabled(out int enabled);

    [LibraryImport(Lib)]
    internal static partial long rs_live_tensor_count();

    [LibraryImport(Lib)]
    internal static partial int rs_debug_throw(int kind);

    /// <summary>Throws the stored native error when <paramref name="status"/> is not 0.</summary>
    internal static void Check(int status)
    {
        if (status != 0) ThrowLastError();
    }

    /// <summary>Checks the status and wraps the produced handle in a new <see cref="Tensor"/>.</summary>
    internal static Tensor Wrap(int status, IntPtr handle)
    {
        if (status != 0) ThrowLastError();
        return new Tensor(handle);
    }

    internal static (Tensor, Tensor) Wrap2(int status, IntPtr first, IntPtr second)
    {
        if (status != 0) ThrowLastError();
        return (new Tensor(first), new Tensor(second));
    }

    internal static void ThrowLastError()
    {
        string message = Marshal.PtrToStringUTF8(rs_last_error()) ?? "unknown native error";
        throw new TorchException(message);
    }
}
