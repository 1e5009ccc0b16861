namespace RecSharp.Evaluation.Metrics;

/// <summary>
/// What the top K of one ranked list achieved against one user's labels: number of hits, DCG and rank of the
/// first hit. Every metric of <see cref="MetricKind"/> is a function of this summary, |labels| and K.
/// </summary>
/// <param name="Hits">Distinct labels found in the top K (an item repeated in the ranking counts once, at its first position).</param>
/// <param name="Dcg">Sum of 1/log2(r + 2) over the 0-based ranks r of those hits.</param>
/// <param name="FirstHitRank">0-based rank of the first hit, or -1 when there is none.</param>
public readonly record struct HitSummary(int Hits, double Dcg, int FirstHitRank)
{
    /// <summary>Scans the first min(K, ranking length) positions of <paramref name="ranking"/>.</summary>
    public static HitSummary Of(ReadOnlySpan<int> ranking, IReadOnlySet<int> labels, int k)
    {
        ArgumentNullException.ThrowIfNull(labels);
        RankingMetrics.CheckK(k);
        int depth = Math.Min(k, ranking.Length);
        int hits = 0, first = -1;
        double dcg = 0;
        HashSet<int>? counted = null; // only allocated when a second hit needs the duplicate check
        for (int r = 0; r < depth; r++)
        {
            int item = ranking[r];
            if (!labels.Contains(item)) continue;
            if (hits > 0)
            {
                counted ??= [ranking[first]];
                if (!counted.Add(item)) continue;
            }
            if (first < 0) first = r;
            hits++;
            dcg += Discount.At(r);
        }
        return new HitSummary(hits, dcg, first);
    }

    /// <summary>A single relevant item at 0-based rank <paramref name="rank"/> (the leave-one-out case of protocol P2).</summary>
    public static HitSummary SingleLabelAt(int rank, int k)
    {
        RankingMetrics.CheckK(k);
        if (rank < 0) throw new ArgumentOutOfRangeException(nameof(rank), rank, "a rank is 0-based and cannot be negative");
        return rank < k ? new HitSummary(1, Discount.At(rank), rank) : new HitSummary(0, 0, -1);
    }

    /// <summary>The value of <paramref name="kind"/> at cut-off <paramref name="k"/> for a user with <paramref name="labelCount"/> distinct labels.</summary>
    public double Value(MetricKind kind, int labelCount, int k, NdcgVariant ndcgVariant = NdcgVariant.Standard)
    {
        if (labelCount <= 0)
            throw new ArgumentException("the user has no labels, so recall and NDCG are undefined; leave such users out of the evaluation", nameof(labelCount));
        if (Hits > labelCount)
            throw new ArgumentException($"{Hits} hits cannot come from only {labelCount} labels", nameof(labelCount));
        return kind switch
        {
            MetricKind.Recall => (double)Hits / labelCount,
            MetricKind.HitRate => Hits > 0 ? 1.0 : 0.0,
            MetricKind.Precision => (double)Hits / k,
            MetricKind.Mrr => FirstHitRank >= 0 ? 1.0 / (FirstHitRank + 1) : 0.0,
            MetricKind.Ndcg => Ndcg(labelCount, k, ndcgVariant),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown metric"),
        };
    }

    private double Ndcg(int labelCount, int k, NdcgVariant variant)
    {
        if (Hits == 0) return 0.0;
        int idealHits = variant switch
        {
            NdcgVariant.Standard => Math.Min(labelCount, k),
            NdcgVariant.ComiRec => Hits,
            _ => throw new ArgumentOutOfRangeException(nameof(variant), variant, "unknown NDCG variant"),
        };
        return Dcg / Discount.Ideal(idealHits);
    }
}
