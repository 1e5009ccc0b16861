using System.Runtime.ExceptionServices;

namespace RecSharp.Models.CollaborativeFiltering;

/// <summary>
/// Runs independent rows on a fixed number of workers, each with exactly one scratch object for its
/// whole life (Parallel.For's localInit may run again whenever it recycles a worker task).
/// Rows are handed out one at a time from a shared counter, so uneven rows balance themselves.
/// </summary>
internal static class Parallelism
{
    /// <summary>threads = 0 means one per core.</summary>
    public static int Resolve(int threads)
    {
        if (threads < 0)
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "threads must be >= 0 (0 = one per core).");
        return threads == 0 ? Environment.ProcessorCount : threads;
    }

    public static void ForEachRow<TScratch>(int rowCount, int threads, Func<TScratch> createScratch, Action<int, TScratch> body)
    {
        int workers = Math.Clamp(Resolve(threads), 1, Math.Max(rowCount, 1));
        int next = -1;
        Exception? failure = null;

        void Work()
        {
            try
            {
                var scratch = createScratch();
                for (int row = Interlocked.Increment(ref next); row < rowCount; row = Interlocked.Increment(ref next))
                    body(row, scratch);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
                Volatile.Write(ref next, rowCount); // the other workers stop at their next row
            }
        }

        var helpers = new Task[workers - 1];
        for (int w = 0; w < helpers.Length; w++) helpers[w] = Task.Run(Work);
        Work(); // the calling thread is a worker too, so progress never waits for the pool
        Task.WaitAll(helpers);
        if (failure is not null) ExceptionDispatchInfo.Throw(failure);
    }
}
