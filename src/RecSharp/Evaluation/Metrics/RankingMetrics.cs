namespace RecSharp.Evaluation.Metrics;

/// <summary>
/// Per-user ranking metrics @K from a ranked list of item ids (best first) and the set of relevant ids.
/// Conventions shared by all of them:
/// <list type="bullet">
/// <item>only the first min(K, ranking length) positions count; a list shorter than K is not padded with hits
/// and Precision still divides by K;</item>
/// <item>an item that appears twice in the ranking is a hit once, at its first position;</item>
/// <item>labels are a set: build it with <see cref="Labels"/>, which drops duplicate label ids;</item>
/// <item>a user without labels has no defined recall or NDCG, so every metric throws for it; evaluators skip such users.</item>
/// </list>
/// </summary>
public static class RankingMetrics
{
    /// <summary>The distinct ids of <paramref name="labels"/> as a set (duplicates kept once, as P1 prescribes).</summary>
    public static HashSet<int> Labels(ReadOnlySpan<int> labels)
    {
        var set = new HashSet<int>(labels.Length);
        foreach (var id in labels) set.Add(id);
        return set;
    }

    public static double Recall(ReadOnlySpan<int> ranking, IReadOnlySet<int> labels, int k) =>
        Compute(MetricKind.Recall, ranking, labels, k);

    public static double Ndcg(ReadOnlySpan<int> ranking, IReadOnlySet<int> labels, int k, NdcgVariant variant = NdcgVariant.Standard) =>
        Compute(MetricKind.Ndcg, ranking, labels, k, variant);

    public static double HitRate(ReadOnlySpan<int> ranking, IReadOnlySet<int> labels, int k) =>
        Compute(MetricKind.HitRate, ranking, labels, k);

    public static double Precision(ReadOnlySpan<int> ranking, IReadOnlySet<int> labels, int k) =>
        Compute(MetricKind.Precision, ranking, labels, k);

    public static double Mrr(ReadOnlySpan<int> ranking, IReadOnlySet<int> labels, int k) =>
        Compute(MetricKind.Mrr, ranking, labels, k);

    public static double Compute(MetricKind kind, ReadOnlySpan<int> ranking, IReadOnlySet<int> labels, int k,
        NdcgVariant ndcgVariant = NdcgVariant.Standard)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return HitSummary.Of(ranking, labels, k).Value(kind, labels.Count, k, ndcgVariant);
    }

    internal static void CheckK(int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, $"the cut-off K must be at least 1 but was {k}");
    }
}
