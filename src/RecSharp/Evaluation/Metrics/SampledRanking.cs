namespace RecSharp.Evaluation.Metrics;

/// <summary>
/// Protocol P2 (leave-one-out with sampled negatives, the NCF protocol): the held-out item is ranked among its
/// sampled negatives by score. Ties are broken against the held-out item: every negative whose score is equal
/// to or higher than the target's ranks above it, so a model that scores everything alike gets no credit.
/// </summary>
public static class SampledRanking
{
    /// <summary>
    /// 0-based rank of the held-out item: the number of negatives scoring at least <paramref name="targetScore"/>.
    /// NaN scores are rejected because they have no rank.
    /// </summary>
    public static int RankOfTarget(float targetScore, ReadOnlySpan<float> negativeScores)
    {
        if (float.IsNaN(targetScore)) throw new ArgumentException("the held-out item's score is NaN", nameof(targetScore));
        int rank = 0;
        for (int i = 0; i < negativeScores.Length; i++)
        {
            float s = negativeScores[i];
            if (float.IsNaN(s)) throw new ArgumentException($"negative score {i} is NaN", nameof(negativeScores));
            if (s >= targetScore) rank++;
        }
        return rank;
    }

    /// <summary>HR@K of one user: 1 when the held-out item ranks in the top K.</summary>
    public static double HitRate(float targetScore, ReadOnlySpan<float> negativeScores, int k) =>
        HitSummary.SingleLabelAt(RankOfTarget(targetScore, negativeScores), k).Value(MetricKind.HitRate, 1, k);

    /// <summary>NDCG@K of one user: 1/log2(r + 2) for the held-out item's 0-based rank r &lt; K, else 0.</summary>
    public static double Ndcg(float targetScore, ReadOnlySpan<float> negativeScores, int k) =>
        HitSummary.SingleLabelAt(RankOfTarget(targetScore, negativeScores), k).Value(MetricKind.Ndcg, 1, k);
}
