using System.Diagnostics;
using RecSharp.Torch;
using RecSharp.Torch.Faiss;

namespace RecSharp.Bench;

/// <summary>
/// Build and search times of the three Faiss index kinds on 20,000 random 64-d vectors (1,000 queries, k = 10),
/// the same data (libtorch's generator, seed 0) and settings as `rs_bench_native faiss`.
/// Usage: faiss THREADS
/// </summary>
internal static class FaissBench
{
    private const int N = 20000, D = 64, Q = 1000, K = 10;

    public static int Run(string[] args)
    {
        int threads = BenchTiming.ApplyThreads(args);
        BenchTiming.PrintEnvironment(threads);
        torch.ManualSeed(0);
        float[] xb, xq;
        using (var scope = torch.NewDisposeScope())
        {
            xb = torch.Randn(N, D).ToArray<float>();
            xq = torch.Randn(Q, D).ToArray<float>();
        }

        long[] truth;
        using (var flat = new FlatIndex(D, Metric.L2))
            truth = Measure("flat-l2", flat, xb, xq, index => index.Add(xb), null);

        using (var ivf = new IvfFlatIndex(D, nlist: 128, Metric.L2))
            Measure("ivf-flat-128-nprobe8", ivf, xb, xq, index =>
            {
                index.Train(xb);
                index.Add(xb);
                ((IvfFlatIndex)index).NProbe = 8;
            }, truth);

        using (var hnsw = new HnswFlatIndex(D, Metric.L2, m: 32, efConstruction: 40, efSearch: 64))
            Measure("hnsw-flat-32-ef64", hnsw, xb, xq, index => index.Add(xb), truth);
        return 0;
    }

    /// <summary>Times the build once and the batched search as the best of 3; returns the ids found.</summary>
    private static long[] Measure(string name, VectorIndex index, float[] xb, float[] xq, Action<VectorIndex> build, long[]? truth)
    {
        using var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        long start = Stopwatch.GetTimestamp();
        build(index);
        double buildSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        process.Refresh();
        double buildCpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        long[] ids = [];
        double search = BenchTiming.BestPerCall(0, 3, 1, () => ids = index.Search(xq, K).Ids).Wall;
        double recall = truth is null ? 1.0 : Recall(truth, ids);
        Console.WriteLine($"{name,-24} build {buildSeconds,9:F3} s (cpu {buildCpu,8:F3} s)   search {search * 1e3,8:F3} ms ({search * 1e6 / Q:F1} us/query)   recall@10 {recall:F3}");
        return ids;
    }

    private static double Recall(long[] truth, long[] found)
    {
        int hits = 0;
        for (int q = 0; q < Q; q++)
        {
            var expected = new HashSet<long>(truth.AsSpan(q * K, K).ToArray());
            for (int j = 0; j < K; j++) hits += expected.Contains(found[q * K + j]) ? 1 : 0;
        }
        return hits / (double)(Q * K);
    }
}
