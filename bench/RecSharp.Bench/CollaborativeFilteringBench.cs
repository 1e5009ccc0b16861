using System.Diagnostics;
using System.Globalization;
using RecSharp.Models.CollaborativeFiltering;

namespace RecSharp.Bench;

/// <summary>
/// `cf [threads] [--sweep] [--data DIR]`: ItemCF and UserCF on ml-1m-lcfn (LightGCN-style train.txt / test.txt).
/// Measures Fit and RecommendAll(20) wall and CPU time, then the full-ranking metrics on the test split
/// (P3-style: every item scored, the user's train items excluded; Recall and NDCG at 10 and 20, averaged
/// over users with test items). --sweep also runs one-change variants of the options. Item ids in the files start at 0, so they are shifted by +1 (0 is padding).
/// </summary>
public static class CollaborativeFilteringBench
{
    private const string DefaultDataDir = "/work/shared/data/ml-1m-lcfn";
    private static readonly int[] Cutoffs = [10, 20];

    public static int Run(string[] args)
    {
        int threads = Environment.ProcessorCount;
        string dataDir = DefaultDataDir;
        bool sweep = false;
        for (int a = 0; a < args.Length; a++)
        {
            if (args[a] == "--sweep") sweep = true;
            else if (args[a] == "--data" && a + 1 < args.Length) dataDir = args[++a];
            else if (int.TryParse(args[a], NumberStyles.None, CultureInfo.InvariantCulture, out int t) && t > 0) threads = t;
            else
            {
                Console.Error.WriteLine($"cf: unexpected argument \"{args[a]}\"; usage: cf [threads] [--sweep] [--data DIR]");
                return 2;
            }
        }

        var train = ReadUserItemLists(Path.Combine(dataDir, "train.txt"));
        var test = ReadUserItemLists(Path.Combine(dataDir, "test.txt"));
        int userCount = Math.Max(train.Keys.DefaultIfEmpty(-1).Max(), test.Keys.DefaultIfEmpty(-1).Max()) + 1;
        int itemCount = Math.Max(MaxItem(train), MaxItem(test));
        var data = ToInteractions(train, userCount, itemCount);

        Console.WriteLine($"cf bench: data {dataDir}: {data.UserCount} users, {data.ItemCount} items, " +
                          $"{data.InteractionCount} train interactions ({data.DuplicateCount} duplicates), " +
                          $"{test.Values.Sum(l => l.Length)} test interactions");
        Console.WriteLine($"threads {threads} (machine: {Environment.ProcessorCount} cores), .NET {Environment.Version}, no BLAS involved");
        WarmUp(threads);

        Console.WriteLine($"defaults: {new CfOptions()}");
        Console.WriteLine("| model | options | fit wall s | fit CPU s | recommendAll(20) wall s | CPU s | Recall@10 | NDCG@10 | Recall@20 | NDCG@20 |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (label, options) in sweep ? SweepVariants() : [("defaults", new CfOptions())])
        {
            Measure("ItemCF", label, () => ItemCf.Fit(data, options, threads), test, threads);
            Measure("UserCF", label, () => UserCf.Fit(data, options, threads), test, threads);
        }
        Console.WriteLine($"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20)} MiB");
        return 0;
    }

    /// <summary>Each variant changes one thing from the defaults (cosine, IUF/IIF on, TopK 100).</summary>
    private static IEnumerable<(string Label, CfOptions Options)> SweepVariants()
    {
        var d = new CfOptions();
        yield return ("defaults", d);
        yield return ("no IUF/IIF", d with { InverseUserFrequency = false, InverseItemFrequency = false });
        yield return ("co-occurrence (None)", d with { Similarity = CfSimilarity.None });
        yield return ("asymmetric alpha 0.2", d with { Similarity = CfSimilarity.Asymmetric, Alpha = 0.2 });
        yield return ("asymmetric alpha 0.8", d with { Similarity = CfSimilarity.Asymmetric, Alpha = 0.8 });
        yield return ("NormalizeRowsByMax", d with { NormalizeRowsByMax = true });
        foreach (int k in new[] { 20, 50, 200, 400 }) yield return ($"TopK {k}", d with { TopK = k });
    }

    private static void Measure(string name, string label, Func<CfModel> fit, Dictionary<int, int[]> test, int threads)
    {
        var (model, fitWall, fitCpu) = Timed(fit);
        var (lists, recWall, recCpu) = Timed(() => model.RecommendAll(Cutoffs[^1], excludeSeen: true, threads));
        var metrics = Evaluate(lists, test);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {label} | {fitWall:F2} | {fitCpu:F2} | {recWall:F2} | {recCpu:F2} | " +
            $"{metrics.Recall[0]:F4} | {metrics.Ndcg[0]:F4} | {metrics.Recall[1]:F4} | {metrics.Ndcg[1]:F4} |"));
    }

    private static (T Result, double WallSeconds, double CpuSeconds) Timed<T>(Func<T> work)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        T result = work();
        clock.Stop();
        process.Refresh();
        return (result, clock.Elapsed.TotalSeconds, (process.TotalProcessorTime - cpuBefore).TotalSeconds);
    }

    /// <summary>Runs both models once on a tiny input so that JIT compilation is not timed.</summary>
    private static void WarmUp(int threads)
    {
        var tiny = CfInteractions.FromPairs([0, 0, 1, 1, 2], [1, 2, 2, 3, 1]);
        ItemCf.Fit(tiny, new CfOptions(), threads).RecommendAll(2, true, threads);
        UserCf.Fit(tiny, new CfOptions(), threads).RecommendAll(2, true, threads);
    }

    /// <summary>Recall = hits / |test items|; NDCG = DCG / IDCG over min(|test items|, K) ideal hits.</summary>
    private static (double[] Recall, double[] Ndcg) Evaluate((int Item, double Score)[][] lists, Dictionary<int, int[]> test)
    {
        var recall = new double[Cutoffs.Length];
        var ndcg = new double[Cutoffs.Length];
        int evaluated = 0;
        foreach (var (user, labels) in test)
        {
            if (labels.Length == 0) continue;
            evaluated++;
            var truth = new HashSet<int>(labels);
            for (int c = 0; c < Cutoffs.Length; c++)
            {
                int k = Cutoffs[c], hits = 0;
                double dcg = 0, idcg = 0;
                var ranked = lists[user];
                for (int r = 0; r < Math.Min(k, ranked.Length); r++)
                    if (truth.Contains(ranked[r].Item)) { hits++; dcg += 1.0 / Math.Log2(r + 2); }
                for (int r = 0; r < Math.Min(k, truth.Count); r++) idcg += 1.0 / Math.Log2(r + 2);
                recall[c] += (double)hits / truth.Count;
                ndcg[c] += dcg / idcg;
            }
        }
        for (int c = 0; c < Cutoffs.Length; c++) { recall[c] /= evaluated; ndcg[c] /= evaluated; }
        return (recall, ndcg);
    }

    /// <summary>Reads "user item item ..." lines (single spaces, CRLF or LF); items shifted by +1.</summary>
    private static Dictionary<int, int[]> ReadUserItemLists(string path)
    {
        var result = new Dictionary<int, int[]>();
        int lineNumber = 0;
        foreach (string raw in File.ReadLines(path))
        {
            lineNumber++;
            string line = raw.TrimEnd('\r');
            if (line.Length == 0) continue;
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int user = ParseId(path, lineNumber, 1, fields[0]);
            var items = new int[fields.Length - 1];
            for (int f = 1; f < fields.Length; f++) items[f - 1] = ParseId(path, lineNumber, f + 1, fields[f]) + 1;
            if (!result.TryAdd(user, items))
                throw new InvalidDataException($"{path}:{lineNumber}: user {user} appears on more than one line.");
        }
        return result;
    }

    private static int ParseId(string path, int line, int field, string text)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int id))
            throw new InvalidDataException($"{path}:{line}: field {field} is \"{text}\", expected a non-negative integer id.");
        return id;
    }

    private static int MaxItem(Dictionary<int, int[]> lists) => lists.Values.SelectMany(l => l).DefaultIfEmpty(0).Max();

    private static CfInteractions ToInteractions(Dictionary<int, int[]> lists, int userCount, int itemCount)
    {
        var users = new List<int>();
        var items = new List<int>();
        foreach (var (user, list) in lists)
            foreach (int item in list) { users.Add(user); items.Add(item); }
        return CfInteractions.FromPairs(users.ToArray(), items.ToArray(), userCount, itemCount);
    }
}
