namespace RecSharp.Models.CollaborativeFiltering;

internal static class Parallelism
{
    /// <summary>threads = 0 means one per core.</summary>
    public static ParallelOptions Options(int threads)
    {
        if (threads < 0)
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "threads must be >= 0 (0 = one per core).");
        return new ParallelOptions { MaxDegreeOfParallelism = threads == 0 ? Environment.ProcessorCount : threads };
    }
}
