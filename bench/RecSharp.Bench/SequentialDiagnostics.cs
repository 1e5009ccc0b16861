using System.Globalization;
using RecSharp.Data;
using RecSharp.Data.Splits;
using RecSharp.Models.Sequential;
using RecSharp.Retrieval;
using RecSharp.Torch;

namespace RecSharp.Bench;

/// <summary>
/// <c>seq-diag CHECKPOINT [valid|test]</c>: why a multi-interest model ranks as it does. On the P1 cases of the split the
/// checkpoint was trained on it prints the merged Recall@50, each interest's own Recall@50, how often each interest
/// is the one closest to the user's first label (the interest hard selection would train), the share of the merged
/// top 50 that are items of the user's own history (P1 excludes nothing, and ml-1m has no repeats, so these slots
/// are wasted), the mean interest norm and the mean cosine between a user's interests (redundancy).
/// </summary>
public static class SequentialDiagnostics
{
    private const int N = 50;

    public static int Run(string[] args)
    {
        if (args.Length < 1) { Console.WriteLine("usage: seq-diag CHECKPOINT [valid|test]"); return 1; }
        torch.SetNumThreads(1);
        var (model, config) = SequentialCheckpoint.Load(args[0]);
        using var _ = model;
        string dataPath = config["data"]?.GetValue<string>() ?? throw new ArgumentException($"{args[0]}: config.json names no data");
        long seed = config["seed"]?.GetValue<long>() ?? 2020;
        var dataset = DataFolder.Open(dataPath).BuildDataset();
        var split = SequentialUserSplitter.Split(dataset, new SequentialSplitOptions { Seed = seed, MaxLength = model.Config.MaxLength });
        var cases = args.Length > 1 && args[1] == "valid" ? split.Validation : split.Test;
        model.Eval();
        using var noGrad = torch.NoGrad();
        using var scope = torch.NewDisposeScope();
        var users = SequentialEvaluation.UserVectors(model, cases.Select(c => c.History).ToArray());
        if (users.Dim == 2) users = users.Unsqueeze(1);
        int k = checked((int)users.Shape[1]);
        int d = checked((int)users.Shape[2]);
        var vectors = users.ToArray<float>();
        var items = model.ItemVectors();
        var table = items.ToArray<float>();
        using var retriever = new ExactTopK(items);
        var pooled = retriever.Search(users.Reshape(-1, d), N + 1);

        double merged = 0, inHistory = 0, norm = 0, cosine = 0;
        var own = new double[k];
        var selected = new int[k];
        int pairs = 0;
        for (int u = 0; u < cases.Count; u++)
        {
            var labels = cases[u].Targets.ToHashSet();
            var history = cases[u].History.TakeLast(model.Config.MaxLength).ToHashSet();
            var ids = new List<int>();
            var scores = new List<float>();
            for (int i = 0; i < k; i++)
            {
                var row = pooled.Ids(u * k + i).ToArray();
                var rowScores = pooled.Scores(u * k + i).ToArray();
                var top = row.Where(id => id != 0).Take(N).ToArray();
                own[i] += top.Count(labels.Contains) / (double)labels.Count;
                ids.AddRange(row);
                scores.AddRange(rowScores);
            }
            var (list, _) = MultiInterestMerge.Merge(ids.ToArray(), scores.ToArray(), N);
            merged += list.Count(labels.Contains) / (double)labels.Count;
            inHistory += list.Count(history.Contains) / (double)list.Length;

            int first = cases[u].Targets[0];
            int best = 0;
            double bestScore = double.NegativeInfinity;
            for (int i = 0; i < k; i++)
            {
                double s = Dot(vectors, (u * k + i) * d, table, first * d, d);
                if (s > bestScore) { bestScore = s; best = i; }
                norm += Math.Sqrt(Dot(vectors, (u * k + i) * d, vectors, (u * k + i) * d, d));
                for (int j = i + 1; j < k; j++)
                {
                    double a = Dot(vectors, (u * k + i) * d, vectors, (u * k + i) * d, d);
                    double b = Dot(vectors, (u * k + j) * d, vectors, (u * k + j) * d, d);
                    cosine += Dot(vectors, (u * k + i) * d, vectors, (u * k + j) * d, d) / Math.Sqrt(a * b + 1e-30);
                    pairs++;
                }
            }
            selected[best]++;
        }
        int count = cases.Count;
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv, $"{model.Name} K={k} d={d} users={count}: merged Recall@{N} {merged / count:0.0000}; share of the merged top {N} in the history {inHistory / count:0.000}"));
        Console.WriteLine("per interest: Recall@50 alone / closest to the first label: " + string.Join("  ",
            Enumerable.Range(0, k).Select(i => string.Create(inv, $"[{i}] {own[i] / count:0.0000} / {selected[i] / (double)count:0.00}"))));
        var itemNorm = Enumerable.Range(1, model.Config.NumItems).Average(i => Math.Sqrt(Dot(table, i * d, table, i * d, d)));
        Console.WriteLine(string.Create(inv, $"mean interest norm {norm / (count * k):0.000}, mean item norm {itemNorm:0.000}, mean cosine between a user's interests {(pairs > 0 ? cosine / pairs : double.NaN):0.000}"));
        return 0;
    }

    private static double Dot(float[] a, int offsetA, float[] b, int offsetB, int d)
    {
        double s = 0;
        for (int i = 0; i < d; i++) s += (double)a[offsetA + i] * b[offsetB + i];
        return s;
    }
}
