using System.Runtime.CompilerServices;

namespace RecSharp.Torch;

/// <summary>
/// Applies the default thread setting when the assembly loads: Debian's libtorch starts with one intra-op
/// thread, so without this every model would run single-threaded. RECSHARP_THREADS overrides the count.
/// </summary>
internal static class EngineDefaults
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        int threads = Environment.ProcessorCount;
        if (int.TryParse(Environment.GetEnvironmentVariable("RECSHARP_THREADS"), out int requested) && requested > 0)
            threads = requested;
        try
        {
            torch.SetNumThreads(threads);
        }
        catch (DllNotFoundException)
        {
            // The native library is missing; the first real call reports it with the full loader message.
        }
    }
}
