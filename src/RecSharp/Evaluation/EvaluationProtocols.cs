using RecSharp.Evaluation.Metrics;

namespace RecSharp.Evaluation;

/// <summary>The metric sets of the protocols in docs/PROTOCOLS.md, so that every caller reports the same cut-offs.</summary>
public static class EvaluationProtocols
{
    /// <summary>P1 (sequential recall, user split): Recall, NDCG and HitRate @20 and @50; NDCG variant selectable.</summary>
    public static MetricSet P1(NdcgVariant ndcg = NdcgVariant.Standard) =>
        new([MetricKind.Recall, MetricKind.Ndcg, MetricKind.HitRate], [20, 50], ndcg);

    /// <summary>P2 (leave-one-out with 99 sampled negatives): HR and NDCG @10.</summary>
    public static MetricSet P2() => new([MetricKind.HitRate, MetricKind.Ndcg], [10]);

    /// <summary>P3 (full ranking, chronological split): Recall and NDCG @10 and @20.</summary>
    public static MetricSet P3() => new([MetricKind.Recall, MetricKind.Ndcg], [10, 20]);
}
