using System.Runtime.InteropServices;

namespace RecSharp.Torch.Native;

/// <summary>
/// Applies the default thread setting before the first native call: Debian's libtorch starts with one
/// intra-op thread, so without this every model would run single-threaded. RECSHARP_THREADS overrides the count.
/// </summary>
internal static partial class NativeMethods
{
    static NativeMethods()
    {
        // OpenMP's idle workers spin after every parallel region by default; with the many small kernels of a
        // training step that made steps ~10x slower on 2 cores (measured: 2.2 ms vs 0.12 ms per step). libgomp reads
        // OMP_WAIT_POLICY once, when it is loaded with our library, i.e. after this line and before the next; a
        // value the user set wins (overwrite = 0). .NET's SetEnvironmentVariable does not reach the C environment.
        if (OperatingSystem.IsLinux())
        {
            try { setenv("OMP_WAIT_POLICY", "passive", 0); } catch (DllNotFoundException) { } catch (EntryPointNotFoundException) { }
        }
        int threads = Environment.ProcessorCount;
        if (int.TryParse(Environment.GetEnvironmentVariable("RECSHARP_THREADS"), out int requested) && requested > 0)
            threads = requested;
        // A failure here (a missing library) is reported by the first real call with the loader's message.
        try { rs_set_num_threads(threads, 1); } catch (DllNotFoundException) { }
    }

    [LibraryImport("libc.so.6", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int setenv(string name, string value, int overwrite);

    /// <summary>The C environment's value of <paramref name="name"/> (what native libraries see), for tests.</summary>
    internal static string? NativeEnvironment(string name) => Marshal.PtrToStringUTF8(getenv(name));

    [LibraryImport("libc.so.6", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr getenv(string name);
}
