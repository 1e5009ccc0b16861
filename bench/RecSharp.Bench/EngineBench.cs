using RecSharp.Torch;
using F = RecSharp.Torch.NN.Functional;

namespace RecSharp.Bench;

/// <summary>
/// What the C# binding costs over libtorch: the three workloads of bench/native/bench_native.cpp (same seeds,
/// shapes, iteration counts and timing rule), run through RecSharp.Torch.
/// Usage: engine THREADS
/// </summary>
internal static class EngineBench
{
    public static int Run(string[] args)
    {
        int threads = BenchTiming.ApplyThreads(args);
        BenchTiming.PrintEnvironment(threads);
        TinyAdd();
        MatmulForwardBackward();
        EmbeddingTrainStep();
        return 0;
    }

    /// <summary>Per-call overhead: one native call, one handle wrapped and freed.</summary>
    private static void TinyAdd()
    {
        using var a = torch.Ones(1);
        using var b = torch.Ones(1);
        var t = BenchTiming.BestPerCall(10000, 5, 200000, () =>
        {
            using var c = a.Add(b);
        });
        Console.WriteLine($"tiny-add             {t.Wall * 1e9,12:F1} ns/op    cpu {t.Cpu * 1e9,12:F1} ns/op");
    }

    private static void MatmulForwardBackward()
    {
        torch.ManualSeed(0);
        using var a = torch.Randn([256, 64]).RequiresGrad_();
        using var b = torch.Randn([64, 27000]).RequiresGrad_();
        var t = BenchTiming.BestPerCall(3, 5, 20, () =>
        {
            using var scope = torch.NewDisposeScope();
            var loss = a.Mm(b).Sum();
            loss.Backward();
            a.ZeroGrad();
            b.ZeroGrad();
        });
        Console.WriteLine($"matmul-fwd-bwd       {t.Wall * 1e3,12:F3} ms/iter  cpu {t.Cpu * 1e3,12:F3} ms/iter");
    }

    /// <summary>Embedding(27000, 64) -> Linear(64, 27000) -> cross-entropy, backward and an in-place SGD update.</summary>
    private static void EmbeddingTrainStep()
    {
        const long items = 27000, dim = 64, batch = 256;
        const double lr = 0.01;
        torch.ManualSeed(0);
        using var emb = torch.Randn([items, dim]).Mul_(0.01).RequiresGrad_();
        using var w = torch.Randn([items, dim]).Mul_(0.01).RequiresGrad_();
        using var bias = torch.Zeros([items]).RequiresGrad_();
        long[] inputs, targets;
        using (var scope = torch.NewDisposeScope())
        {
            inputs = torch.RandInt(0, items, [batch]).ToArray<long>();
            targets = torch.RandInt(0, items, [batch]).ToArray<long>();
        }
        Tensor[] parameters = [emb, w, bias];
        var t = BenchTiming.BestPerCall(3, 5, 20, () =>
        {
            using var scope = torch.NewDisposeScope();
            // The batch crosses from .NET memory every step, as in training.
            var x = torch.Tensor(inputs);
            var y = torch.Tensor(targets);
            var logits = F.Linear(F.Embedding(x, emb), w, bias);
            var loss = F.CrossEntropy(logits, y);
            loss.Backward();
            using (torch.NoGrad())
            {
                foreach (var p in parameters)
                {
                    p.Add_(p.Grad!, -lr);
                    p.ZeroGrad();
                }
            }
        });
        Console.WriteLine($"embedding-train-step {t.Wall * 1e3,12:F3} ms/step  cpu {t.Cpu * 1e3,12:F3} ms/step");
    }
}
