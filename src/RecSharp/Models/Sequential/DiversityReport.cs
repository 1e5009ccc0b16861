using System.Globalization;
using System.Text;
using RecSharp.Data.Dataset;
using RecSharp.Data.Loaders;
using RecSharp.Data.Splits;
using RecSharp.Evaluation;
using RecSharp.Evaluation.Metrics;
using RecSharp.Retrieval;
using RecSharp.Torch;

namespace RecSharp.Models.Sequential;

/// <summary>One line of the controllable-aggregation table: accuracy and category spread of the lists for one lambda.</summary>
/// <param name="Recall">Mean over users of |hits in the list| / |labels| (P1's Recall@N).</param>
/// <param name="Diversity">Mean over users of the intra-list category diversity of the list.</param>
public sealed record DiversityRow(double Lambda, int N, double Recall, double Diversity, int Users);

/// <summary>One lambda of <see cref="DiversityReport.EvaluateTables"/>: the P1 metric table of the aggregated lists and their mean intra-list category diversity at N.</summary>
public sealed record DiversityResult(double Lambda, int N, ResultsTable Table, double Diversity);

/// <summary>
/// ComiRec's controllable aggregation evaluated for several lambdas (issue 4): each user's pooled per-interest top-N
/// candidates go through <see cref="DiversityAggregation.Select"/>, and the resulting lists are scored by Recall@N
/// against the user's labels and by intra-list category diversity, the fraction of item pairs in a list whose
/// categories differ (lists of fewer than 2 items count 0). lambda = 0 is the plain P1 merge.
/// </summary>
public static class DiversityReport
{
    /// <summary>Category given to items the metadata does not describe: they all share it, which can only understate diversity.</summary>
    public const int UnknownCategory = -1;

    /// <summary>
    /// The table from pooled candidates: <paramref name="pooled"/>[u] holds user u's candidates from all interests
    /// (ids and scores, in pooled order), <paramref name="labels"/>[u] the user's held-out items,
    /// <paramref name="itemCategory"/>[id] each item's category.
    /// </summary>
    public static IReadOnlyList<DiversityRow> Evaluate(IReadOnlyList<(int[] Ids, float[] Scores)> pooled, IReadOnlyList<int[]> labels,
        int[] itemCategory, int n, IReadOnlyList<double> lambdas, int? paddingItem = 0)
    {
        ArgumentNullException.ThrowIfNull(pooled);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(itemCategory);
        ArgumentNullException.ThrowIfNull(lambdas);
        if (pooled.Count != labels.Count)
            throw new ArgumentException($"{pooled.Count} users have candidates but {labels.Count} have labels", nameof(labels));
        if (pooled.Count == 0) throw new ArgumentException("no users to evaluate", nameof(pooled));
        if (lambdas.Count == 0) throw new ArgumentException("no lambda values given", nameof(lambdas));
        var rows = new List<DiversityRow>(lambdas.Count);
        foreach (var lambda in lambdas)
        {
            double recall = 0, diversity = 0;
            for (int u = 0; u < pooled.Count; u++)
            {
                var (ids, _) = DiversityAggregation.Select(pooled[u].Ids, pooled[u].Scores, n, lambda, itemCategory, paddingItem);
                recall += Recall(ids, labels[u], u);
                diversity += IntraListDiversity(ids, itemCategory);
            }
            rows.Add(new DiversityRow(lambda, n, recall / pooled.Count, diversity / pooled.Count, pooled.Count));
        }
        return rows;
    }

    /// <summary>
    /// The table for a trained model on P1 evaluation cases: user vectors of the histories, each interest's top N by
    /// inner product over the item table (padding excluded), then <see cref="Evaluate(IReadOnlyList{ValueTuple{int[], float[]}}, IReadOnlyList{int[]}, int[], int, IReadOnlyList{double}, int?)"/>.
    /// </summary>
    public static IReadOnlyList<DiversityRow> Evaluate(SequentialRecallModel model, IReadOnlyList<EvaluationCase> cases, int[] itemCategory,
        int n, IReadOnlyList<double> lambdas)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(cases);
        return Evaluate(Pooled(model, cases, n, generatorSeed: null), cases.Select(c => c.Targets).ToArray(), itemCategory, n, lambdas);
    }

    /// <summary>
    /// The full P1 table for each lambda (what <c>recsharp evaluate --checkpoint DIR --diversity ...</c> prints): each
    /// interest's top <see cref="MetricSet.MaxK"/> by inner product (padding excluded), pooled per user, aggregated by
    /// <see cref="DiversityAggregation.Select"/> into a list of MaxK items, and scored by <paramref name="metrics"/> through
    /// <see cref="RankingEvaluator"/> (cut-offs below MaxK read the list's prefix, as P1 does), plus the mean intra-list
    /// category diversity of the whole list. lambda = 0 gives exactly the plain P1 evaluation's lists, so its table equals
    /// <see cref="SequentialEvaluation.Evaluate"/>'s for the same <paramref name="generatorSeed"/>.
    /// </summary>
    public static IReadOnlyList<DiversityResult> EvaluateTables(SequentialRecallModel model, IReadOnlyList<EvaluationCase> cases, int[] itemCategory,
        IReadOnlyList<double> lambdas, MetricSet metrics, long? generatorSeed = null, IReadOnlyDictionary<string, string>? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(itemCategory);
        ArgumentNullException.ThrowIfNull(lambdas);
        ArgumentNullException.ThrowIfNull(metrics);
        if (model.InterestCount < 2)
            throw new ArgumentException($"controllable aggregation needs a multi-interest model, but {model.Name} has {model.InterestCount} interest", nameof(model));
        if (cases.Count == 0) throw new ArgumentException("there are no evaluation cases", nameof(cases));
        if (lambdas.Count == 0) throw new ArgumentException("no lambda values given", nameof(lambdas));
        if (itemCategory.Length != model.Config.NumItems + 1)
            throw new ArgumentException($"the category table has {itemCategory.Length} entries but the model has {model.Config.NumItems} items (+ padding)", nameof(itemCategory));
        int n = metrics.MaxK;
        var pooled = Pooled(model, cases, n, generatorSeed);
        var labels = ItemSets.FromRows(cases.Select(c => c.Targets));
        var results = new List<DiversityResult>(lambdas.Count);
        foreach (var lambda in lambdas)
        {
            var lists = new int[pooled.Length][];
            double diversity = 0;
            for (int u = 0; u < pooled.Length; u++)
            {
                lists[u] = DiversityAggregation.Select(pooled[u].Ids, pooled[u].Scores, n, lambda, itemCategory).Ids;
                diversity += IntraListDiversity(lists[u], itemCategory);
            }
            var facts = new Dictionary<string, string>(options ?? new Dictionary<string, string>())
            {
                ["model"] = model.Name,
                ["lambda"] = lambda.ToString("R", CultureInfo.InvariantCulture),
                ["interests"] = model.InterestCount.ToString(CultureInfo.InvariantCulture),
            };
            var table = new RankingEvaluator(metrics, "P1", facts).EvaluateRankings(lists, labels);
            results.Add(new DiversityResult(lambda, n, table, diversity / pooled.Length));
        }
        return results;
    }

    /// <summary>Each user's candidates from all interests (top <paramref name="n"/> of each, padding excluded), in pooled order.</summary>
    private static (int[] Ids, float[] Scores)[] Pooled(SequentialRecallModel model, IReadOnlyList<EvaluationCase> cases, int n, long? generatorSeed)
    {
        bool wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            using var noGrad = torch.NoGrad();
            using var scope = torch.NewDisposeScope();
            if (generatorSeed is long seed) torch.ManualSeed(seed);
            var users = SequentialEvaluation.UserVectors(model, cases.Select(c => c.History).ToArray());
            using var retriever = new ExactTopK(model.ItemVectors());
            var result = MultiInterestMerge.RetrievePooled(retriever, users, n, null, out int count, out int perUser);
            var pooled = new (int[] Ids, float[] Scores)[count];
            for (int u = 0; u < count; u++)
                pooled[u] = (MultiInterestMerge.PooledIds(result, u, perUser).ToArray(), MultiInterestMerge.PooledScores(result, u, perUser).ToArray());
            return pooled;
        }
        finally
        {
            model.Train(wasTraining);
        }
    }

    /// <summary>Parses a comma-separated lambda list ("0,0.05,0.1"); errors name the offending value.</summary>
    public static double[] ParseLambdas(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                throw new ArgumentException($"--diversity: '{parts[i]}' is not a number (expected comma-separated lambdas >= 0, e.g. 0,0.05,0.1,0.2)");
            if (!(value >= 0) || double.IsInfinity(value))
                throw new ArgumentException($"--diversity: lambda '{parts[i]}' must be a finite number >= 0");
            values[i] = value;
        }
        return values;
    }

    /// <summary>Fraction of the pairs of <paramref name="ids"/> whose categories differ; 0 for fewer than 2 items.</summary>
    public static double IntraListDiversity(ReadOnlySpan<int> ids, ReadOnlySpan<int> itemCategory)
    {
        if (ids.Length < 2) return 0;
        long differ = 0;
        for (int i = 0; i < ids.Length; i++)
            for (int j = i + 1; j < ids.Length; j++)
                if (CategoryOf(ids[i], itemCategory) != CategoryOf(ids[j], itemCategory)) differ++;
        return differ / (ids.Length * (ids.Length - 1) / 2.0);
    }

    /// <summary>
    /// One category per internal item id (index 0 = padding) from item metadata (ml-1m movies.dat genres, S3-Rec
    /// item2attributes.json, ...): with <paramref name="firstCategoryOnly"/> an item's first listed category (one
    /// category per item as in ComiRec's data), otherwise its whole category set (so "Action|Comedy" differs from
    /// "Action"). Items without metadata or categories get <see cref="UnknownCategory"/>.
    /// </summary>
    public static int[] CategoryTable(ItemMetadata metadata, IdVocabulary vocabulary, bool firstCategoryOnly = true)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        var table = new int[vocabulary.NumItems + 1];
        table[0] = UnknownCategory;
        for (int item = 1; item <= vocabulary.NumItems; item++)
        {
            table[item] = UnknownCategory;
            if (!metadata.TryGet(vocabulary.ExternalItem(item), out var info) || info.Categories.Length == 0) continue;
            var key = firstCategoryOnly ? info.Categories[0] : string.Join("|", info.Categories.Order(StringComparer.Ordinal));
            if (!codes.TryGetValue(key, out int code)) codes[key] = code = codes.Count;
            table[item] = code;
        }
        return table;
    }

    /// <summary>The rows as a Markdown table (lambda, Recall@N, diversity@N, users).</summary>
    public static string Format(IReadOnlyList<DiversityRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        int n = rows.Count > 0 ? rows[0].N : 0;
        text.AppendLine(CultureInfo.InvariantCulture, $"| lambda | Recall@{n} | Diversity@{n} | users |");
        text.AppendLine("|---:|---:|---:|---:|");
        foreach (var r in rows)
            text.AppendLine(CultureInfo.InvariantCulture, $"| {r.Lambda:0.###} | {r.Recall:F4} | {r.Diversity:F4} | {r.Users} |");
        return text.ToString();
    }

    private static double Recall(int[] list, int[] labels, int user)
    {
        if (labels.Length == 0) throw new ArgumentException($"user {user} has no labels: Recall is undefined", nameof(labels));
        var wanted = labels.ToHashSet();
        return list.Count(wanted.Contains) / (double)wanted.Count;
    }

    private static int CategoryOf(int id, ReadOnlySpan<int> itemCategory) =>
        (uint)id < (uint)itemCategory.Length
            ? itemCategory[id]
            : throw new ArgumentException($"item {id} has no category (the category table has {itemCategory.Length} entries)", nameof(itemCategory));
}
