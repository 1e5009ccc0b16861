using System.Diagnostics;
using System.Runtime.InteropServices;
using RecSharp.Torch;

namespace RecSharp.Bench;

/// <summary>
/// Timing and environment helpers shared by the engine and Faiss benchmarks. The rules match
/// bench/native/bench_native.cpp exactly (warm-up, then the best of several runs), so the two are comparable.
/// </summary>
internal static unsafe partial class BenchTiming
{
    /// <summary>
    /// Seconds per call: the best wall-clock time and the best process CPU time of <paramref name="runs"/> runs of
    /// <paramref name="iterations"/> calls, after <paramref name="warmup"/> calls. CPU time is reported too because
    /// the bench machine is shared: other processes stretch wall time, CPU time counts only this process.
    /// </summary>
    public static (double Wall, double Cpu) BestPerCall(int warmup, int runs, int iterations, Action body)
    {
        for (int i = 0; i < warmup; i++) body();
        double bestWall = double.MaxValue, bestCpu = double.MaxValue;
        using var process = Process.GetCurrentProcess();
        for (int r = 0; r < runs; r++)
        {
            process.Refresh();
            var cpuStart = process.TotalProcessorTime;
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < iterations; i++) body();
            bestWall = Math.Min(bestWall, Stopwatch.GetElapsedTime(start).TotalSeconds / iterations);
            process.Refresh();
            bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpuStart).TotalSeconds / iterations);
        }
        return (bestWall, bestCpu);
    }

    /// <summary>Parses the thread count argument (default 1) and applies it to libtorch, OpenMP and Faiss.</summary>
    public static int ApplyThreads(string[] args)
    {
        int threads = args.Length > 1 ? int.Parse(args[1]) : 1;
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(args), threads, "thread count must be at least 1");
        torch.SetNumThreads(threads);
        return threads;
    }

    // Exported by native/src/malloc_tuning.cpp; RecSharp.Torch does not surface it because only benchmarks care.
    [LibraryImport("recsharp_native")]
    private static partial int rs_malloc_tuned();

    /// <summary>Prints the engine version, thread count and which BLAS library is mapped into the process.</summary>
    public static void PrintEnvironment(int threads)
    {
        Console.WriteLine($"# C# ({torch.Version}, .NET {Environment.Version}); threads={threads} (torch.NumThreads={torch.NumThreads}, OpenBLAS detected={torch.UsesOpenBlas})");
        var blas = File.ReadLines("/proc/self/maps")
            .Where(line => line.Contains("blas", StringComparison.Ordinal) && line.Contains('/'))
            .Select(line => line[line.IndexOf('/')..])
            .Distinct()
            .Order(StringComparer.Ordinal);
        int openBlasThreads = -1;
        foreach (var path in blas)
        {
            Console.WriteLine($"# blas: {path}");
            // Already mapped, so this only returns its handle; it shows whether OpenBLAS's own pool obeys the setting.
            if (NativeLibrary.TryLoad(path, out var library) && NativeLibrary.TryGetExport(library, "openblas_get_num_threads", out var getter))
                openBlasThreads = ((delegate* unmanaged<int>)getter)();
        }
        Console.WriteLine($"# openblas_get_num_threads={openBlasThreads}; malloc tuned={rs_malloc_tuned()}");
    }
}
