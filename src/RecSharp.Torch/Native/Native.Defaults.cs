namespace RecSharp.Torch.Native;

/// <summary>
/// Applies the default thread setting before the first native call: Debian's libtorch starts with one
/// intra-op thread, so without this every model would run single-threaded. RECSHARP_THREADS overrides the count.
/// </summary>
internal static partial class NativeMethods
{
    static NativeMethods()
    {
        int threads = Environment.ProcessorCount;
        if (int.TryParse(Environment.GetEnvironmentVariable("RECSHARP_THREADS"), out int requested) && requested > 0)
            threads = requested;
        // A failure here (a missing library) is reported by the first real call with the loader's message.
        try { rs_set_num_threads(threads, 1); } catch (DllNotFoundException) { }
    }
}
