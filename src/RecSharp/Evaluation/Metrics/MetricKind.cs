namespace RecSharp.Evaluation.Metrics;

/// <summary>The ranking metrics RecSharp reports, each evaluated at a cut-off K.</summary>
public enum MetricKind
{
    /// <summary>|hits in the top K| / |labels|.</summary>
    Recall,

    /// <summary>DCG / IDCG of the top K; which IDCG is chosen by <see cref="NdcgVariant"/>.</summary>
    Ndcg,

    /// <summary>1 when at least one label is in the top K, else 0.</summary>
    HitRate,

    /// <summary>|hits in the top K| / K (K, not the list length: a short list is not rewarded).</summary>
    Precision,

    /// <summary>1 / (r + 1) for the 0-based rank r of the first hit within the top K, else 0.</summary>
    Mrr,
}

/// <summary>
/// The two published normalisations of NDCG for protocol P1 (see docs PROTOCOLS.md). Both share
/// DCG = sum over 0-based ranked positions r holding a label of 1/log2(r + 2).
/// </summary>
public enum NdcgVariant
{
    /// <summary>IDCG of min(|labels|, K) hits at the top (the textbook definition; default).</summary>
    Standard,

    /// <summary>
    /// The ComiRec authors' code: IDCG of the number of hits actually found, and 0 for users without a hit.
    /// It is never smaller than <see cref="Standard"/>; ComiRec's paper tables use it.
    /// </summary>
    ComiRec,
}

/// <summary>Display and JSON names of metrics, so that every table spells them the same way.</summary>
public static class MetricNames
{
    public static string Of(MetricKind kind, NdcgVariant ndcgVariant = NdcgVariant.Standard) => kind switch
    {
        MetricKind.Recall => "Recall",
        MetricKind.Ndcg => ndcgVariant == NdcgVariant.Standard ? "NDCG" : "NDCG(comirec)",
        MetricKind.HitRate => "HitRate",
        MetricKind.Precision => "Precision",
        MetricKind.Mrr => "MRR",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown metric"),
    };
}
