using RecSharp.Evaluation.Metrics;
using RecSharp.Retrieval;
using RecSharp.Torch;

namespace RecSharp.Evaluation;

/// <summary>
/// Full-ranking evaluation (protocols P1 and P3): turns per-user rankings into averaged metrics. The inputs are
/// plain arrays so that any data split can feed it:
/// <list type="bullet">
/// <item><c>labels</c>: an <see cref="ItemSets"/> whose row u holds user u's held-out items (duplicates count
/// once). Users whose row is empty are skipped and counted in the table's option <c>skippedUsers</c>.</item>
/// <item><c>exclude</c>: optional <see cref="ItemSets"/> with the same rows, holding items never recommended to
/// that user (P3: the user's training items; P1: none).</item>
/// <item>rankings come ready-made (<see cref="EvaluateRankings"/>), from a retriever over user vectors
/// (<see cref="EvaluateVectors"/>), or from a pointwise scorer (<see cref="EvaluateScorer"/>).</item>
/// </list>
/// </summary>
public sealed class RankingEvaluator
{
    private readonly IReadOnlyDictionary<string, string> options;

    /// <param name="metrics">Metrics and cut-offs (see <see cref="EvaluationProtocols"/>).</param>
    /// <param name="protocol">Protocol name printed and saved with the results (e.g. "P1").</param>
    /// <param name="options">Extra facts recorded in the results table (data set, split, seed, ...).</param>
    public RankingEvaluator(MetricSet metrics, string protocol, IReadOnlyDictionary<string, string>? options = null)
    {
        Metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        ArgumentException.ThrowIfNullOrWhiteSpace(protocol);
        Protocol = protocol;
        this.options = options ?? new Dictionary<string, string>();
    }

    public MetricSet Metrics { get; }
    public string Protocol { get; }

    /// <summary>Evaluates ready-made rankings: <paramref name="rankings"/>[u] is user u's list, best first, already without excluded items.</summary>
    public ResultsTable EvaluateRankings(IReadOnlyList<int[]> rankings, ItemSets labels)
    {
        ArgumentNullException.ThrowIfNull(rankings);
        return Evaluate(rankings.Count, u => rankings[u], labels, new Dictionary<string, string>());
    }

    /// <summary>Evaluates a retrieval result whose query u is user u.</summary>
    public ResultsTable EvaluateTopK(TopKResult ranked, ItemSets labels) =>
        EvaluateTopK(ranked, labels, new Dictionary<string, string>());

    /// <summary>
    /// Retrieves the top <see cref="MetricSet.MaxK"/> of each user from <paramref name="userVectors"/> ([U, d], or
    /// [U, K, d] for multi-interest models, merged as P1 prescribes) with <paramref name="retriever"/>, then
    /// evaluates. <paramref name="exclude"/> rows are masked before ranking.
    /// </summary>
    public ResultsTable EvaluateVectors(IRetriever retriever, Tensor userVectors, ItemSets labels, ItemSets? exclude = null,
        int? paddingItem = 0)
    {
        ArgumentNullException.ThrowIfNull(retriever);
        ArgumentNullException.ThrowIfNull(userVectors);
        CheckRows(labels, exclude);
        int dims = userVectors.Dim;
        var ranked = dims == 3
            ? MultiInterestMerge.Retrieve(retriever, userVectors, Metrics.MaxK, exclude, paddingItem)
            : retriever.Search(userVectors, Metrics.MaxK, exclude);
        var facts = new Dictionary<string, string>
        {
            ["similarity"] = retriever.Metric.ToString(),
            ["excludedItems"] = exclude is null ? "none" : $"{exclude.TotalItems} over {exclude.Count} users",
        };
        if (dims == 3) facts["interests"] = userVectors.Size(1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return EvaluateTopK(ranked, labels, facts);
    }

    /// <summary>
    /// <see cref="EvaluateVectors(IRetriever, Tensor, ItemSets, ItemSets?, int?)"/> with exact retrieval over
    /// <paramref name="itemTable"/> [N, d] (inner product by default; padding item 0 unless
    /// <paramref name="retrieval"/> says otherwise).
    /// </summary>
    public ResultsTable EvaluateVectors(Tensor userVectors, Tensor itemTable, ItemSets labels, ItemSets? exclude = null,
        ExactTopKOptions? retrieval = null)
    {
        using var retriever = new ExactTopK(itemTable, retrieval);
        return EvaluateVectors(retriever, userVectors, labels, exclude, retriever.Options.PaddingItem);
    }

    /// <summary>
    /// Scores users block by block with <paramref name="scorer"/> (a [block, itemCount] tensor per call), masks
    /// padding and <paramref name="exclude"/>, keeps the top <see cref="MetricSet.MaxK"/> and evaluates.
    /// </summary>
    public ResultsTable EvaluateScorer(BlockScorer scorer, int userCount, int itemCount, ItemSets labels, ItemSets? exclude = null,
        int? paddingItem = 0, int? blockSize = null)
    {
        CheckRows(labels, exclude);
        if (labels.Count != userCount)
            throw new ArgumentException($"labels have {labels.Count} rows but {userCount} users are scored", nameof(labels));
        var ranked = BlockTopK.Run(scorer, userCount, itemCount, Metrics.MaxK, exclude, paddingItem, blockSize);
        var facts = new Dictionary<string, string>
        {
            ["excludedItems"] = exclude is null ? "none" : $"{exclude.TotalItems} over {exclude.Count} users",
        };
        return EvaluateTopK(ranked, labels, facts);
    }

    private ResultsTable EvaluateTopK(TopKResult ranked, ItemSets labels, Dictionary<string, string> facts)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        return Evaluate(ranked.QueryCount, u => ranked.IdsArray(u), labels, facts);
    }

    private ResultsTable Evaluate(int userCount, Func<int, int[]> ranking, ItemSets labels, Dictionary<string, string> facts)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != userCount)
            throw new ArgumentException($"there are {userCount} rankings but {labels.Count} label rows; row u of both must be user u", nameof(labels));
        var accumulator = new MetricAccumulator(Metrics);
        int skipped = 0;
        for (int u = 0; u < userCount; u++)
        {
            var userLabels = RankingMetrics.Labels(labels[u]);
            if (userLabels.Count == 0)
            {
                skipped++;
                continue;
            }
            accumulator.AddUser(ranking(u), userLabels);
        }
        foreach (var (key, value) in options) facts[key] = value;
        facts["skippedUsers"] = skipped.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return accumulator.ToTable(Protocol, facts);
    }

    private static void CheckRows(ItemSets labels, ItemSets? exclude)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (exclude is not null && exclude.Count != labels.Count)
            throw new ArgumentException($"the exclusion sets have {exclude.Count} rows but the labels have {labels.Count}", nameof(exclude));
    }
}
