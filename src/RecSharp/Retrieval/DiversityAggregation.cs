using RecSharp.Torch;

namespace RecSharp.Retrieval;

/// <summary>
/// ComiRec's controllable aggregation (Cen et al., KDD 2020, Sec. 3.4): from the pooled candidates of all
/// interests, pick N items greedily, each step adding the candidate with the largest marginal gain of
/// Q(S) = sum of scores + lambda * diversity, where diversity counts pairs of chosen items whose categories
/// differ. The gain of candidate i is score(i) + lambda * |{j in S : cat(j) != cat(i)}|. Because |S| is the same
/// for every candidate in a step, this is the same choice as score(i) - lambda * |{j in S : cat(j) = cat(i)}|,
/// which is what the authors' code computes. lambda = 0 gives the plain merged top N (accuracy only); a large
/// lambda spreads the list over categories. Equal gains go to the earlier (higher-scored) candidate.
/// </summary>
public static class DiversityAggregation
{
    /// <summary>
    /// Picks at most <paramref name="n"/> items from pooled candidates (duplicates and padding dropped first, as in
    /// <see cref="MultiInterestMerge.Merge"/>), using <paramref name="itemCategory"/>[id] as each item's category.
    /// Returned scores are the candidates' own scores, not the gains.
    /// </summary>
    public static (int[] Ids, float[] Scores) Select(ReadOnlySpan<int> ids, ReadOnlySpan<float> scores, int n, double lambda,
        ReadOnlySpan<int> itemCategory, int? paddingItem = 0)
    {
        if (!(lambda >= 0) || double.IsInfinity(lambda))
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "the diversity weight lambda must be a finite number >= 0");
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, $"N must be at least 1 but was {n}");
        // All distinct candidates, best first.
        var (candIds, candScores) = MultiInterestMerge.Merge(ids, scores, Math.Max(ids.Length, 1), paddingItem);
        var categories = new int[candIds.Length];
        for (int i = 0; i < candIds.Length; i++)
        {
            int id = candIds[i];
            if ((uint)id >= (uint)itemCategory.Length)
                throw new ArgumentException($"item {id} has no category (the category table has {itemCategory.Length} entries)", nameof(itemCategory));
            categories[i] = itemCategory[id];
        }

        var taken = new bool[candIds.Length];
        var perCategory = new Dictionary<int, int>();
        var chosen = new List<int>(Math.Min(n, candIds.Length));
        while (chosen.Count < n && chosen.Count < candIds.Length)
        {
            int best = -1;
            double bestGain = double.NegativeInfinity;
            for (int i = 0; i < candIds.Length; i++)
            {
                if (taken[i]) continue;
                // Candidates are sorted by score and the penalty is never negative: none after this one can win.
                if (best >= 0 && candScores[i] <= bestGain) break;
                double gain = candScores[i] - lambda * perCategory.GetValueOrDefault(categories[i]);
                if (best < 0 || gain > bestGain) (best, bestGain) = (i, gain);
            }
            taken[best] = true;
            chosen.Add(best);
            perCategory[categories[best]] = perCategory.GetValueOrDefault(categories[best]) + 1;
        }
        return (chosen.Select(i => candIds[i]).ToArray(), chosen.Select(i => candScores[i]).ToArray());
    }

    /// <summary>
    /// Retrieves each interest's top <paramref name="n"/> (as P1 does) and aggregates them per user with
    /// <see cref="Select"/>. <paramref name="interests"/> is [U, K, d]; <paramref name="exclude"/> has U rows.
    /// </summary>
    public static TopKResult Retrieve(IRetriever retriever, Tensor interests, int n, double lambda, int[] itemCategory,
        ItemSets? exclude = null, int? paddingItem = 0)
    {
        ArgumentNullException.ThrowIfNull(itemCategory);
        var pooled = MultiInterestMerge.RetrievePooled(retriever, interests, n, exclude, out int users, out int perUser);
        var rows = new (int[] Ids, float[] Scores)[users];
        for (int u = 0; u < users; u++)
        {
            rows[u] = Select(MultiInterestMerge.PooledIds(pooled, u, perUser), MultiInterestMerge.PooledScores(pooled, u, perUser),
                n, lambda, itemCategory, paddingItem);
        }
        return TopKResult.FromRows(n, rows);
    }
}
