using System.Diagnostics;
using RecSharp.Torch;

namespace RecSharp.Bench;

/// <summary>
/// Timing and environment helpers shared by the engine and Faiss benchmarks. The rules match
/// bench/native/bench_native.cpp exactly (warm-up, then the best of several runs), so the two are comparable.
/// </summary>
internal static class BenchTiming
{
    /// <summary>Best time of <paramref name="runs"/> runs of <paramref name="iterations"/> calls, in seconds per call.</summary>
    public static double BestPerCall(int warmup, int runs, int iterations, Action body)
    {
        for (int i = 0; i < warmup; i++) body();
        double best = double.MaxValue;
        for (int r = 0; r < runs; r++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < iterations; i++) body();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds / iterations);
        }
        return best;
    }

    /// <summary>Parses the thread count argument (default 1) and applies it to libtorch, OpenMP and Faiss.</summary>
    public static int ApplyThreads(string[] args)
    {
        int threads = args.Length > 1 ? int.Parse(args[1]) : 1;
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(args), threads, "thread count must be at least 1");
        torch.SetNumThreads(threads);
        return threads;
    }

    /// <summary>Prints the engine version, thread count and which BLAS library is mapped into the process.</summary>
    public static void PrintEnvironment(int threads)
    {
        Console.WriteLine($"# C# ({torch.Version}, .NET {Environment.Version}); threads={threads} (torch.NumThreads={torch.NumThreads}, OpenBLAS detected={torch.UsesOpenBlas})");
        var blas = File.ReadLines("/proc/self/maps")
            .Where(line => line.Contains("blas", StringComparison.Ordinal) && line.Contains('/'))
            .Select(line => line[line.IndexOf('/')..])
            .Distinct()
            .Order(StringComparer.Ordinal);
        foreach (var path in blas) Console.WriteLine($"# blas: {path}");
    }
}
