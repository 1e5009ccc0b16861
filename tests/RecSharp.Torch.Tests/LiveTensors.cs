namespace RecSharp.Torch.Tests;

/// <summary>Helpers for tests that assert on <see cref="torch.LiveTensorCount"/> (they run in <see cref="SerialCollection"/>).</summary>
internal static class LiveTensors
{
    /// <summary>
    /// Runs pending finalizers first, so that tensors other tests leaked to the garbage collector are freed now
    /// and not in the middle of a measurement; then returns the live count.
    /// </summary>
    public static long SettledCount()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return torch.LiveTensorCount;
    }
}
