namespace RecSharp.Torch.Tests;

/// <summary>
/// Tests that assert on the process-wide <see cref="torch.LiveTensorCount"/> (or on process memory) run in this
/// collection: xunit runs it alone, after the parallel tests, so no other test creates or frees tensors meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LiveTensorCounting
{
    public const string Name = "live tensor counting";

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
