namespace RecSharp.Evaluation.Metrics;

/// <summary>Which metrics to compute, at which cut-offs, and with which NDCG normalisation.</summary>
public sealed record MetricSet
{
    public MetricSet(IReadOnlyList<MetricKind> kinds, IReadOnlyList<int> ks, NdcgVariant ndcgVariant = NdcgVariant.Standard)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        ArgumentNullException.ThrowIfNull(ks);
        if (kinds.Count == 0) throw new ArgumentException("at least one metric is needed", nameof(kinds));
        if (ks.Count == 0) throw new ArgumentException("at least one cut-off K is needed", nameof(ks));
        foreach (var k in ks) RankingMetrics.CheckK(k);
        Kinds = kinds.Distinct().ToArray();
        Ks = ks.Distinct().Order().ToArray();
        NdcgVariant = ndcgVariant;
    }

    public IReadOnlyList<MetricKind> Kinds { get; }

    /// <summary>Distinct cut-offs in ascending order.</summary>
    public IReadOnlyList<int> Ks { get; }

    public NdcgVariant NdcgVariant { get; }

    /// <summary>The largest K: how deep a ranking must be retrieved.</summary>
    public int MaxK => Ks[^1];

    public IEnumerable<string> MetricNames => Kinds.Select(k => Metrics.MetricNames.Of(k, NdcgVariant));
}
