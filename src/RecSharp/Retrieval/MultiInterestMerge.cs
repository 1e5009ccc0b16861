using RecSharp.Torch;

namespace RecSharp.Retrieval;

/// <summary>
/// Protocol P1's retrieval for multi-interest models (MIND, ComiRec), as in the ComiRec authors' code: take the
/// top N of every interest vector, pool all candidates, sort them by score (best first; equal scores keep the
/// pooled order, i.e. interest 0 before interest 1), drop duplicates (an item keeps its best score) and padding,
/// and keep N.
/// </summary>
public static class MultiInterestMerge
{
    /// <summary>
    /// Merges pooled candidates (<paramref name="ids"/>[i] scored <paramref name="scores"/>[i], in pooled order)
    /// into at most <paramref name="n"/> distinct items, best first. Empty slots (-1) are skipped.
    /// </summary>
    public static (int[] Ids, float[] Scores) Merge(ReadOnlySpan<int> ids, ReadOnlySpan<float> scores, int n, int? paddingItem = 0)
    {
        if (ids.Length != scores.Length)
            throw new ArgumentException($"{ids.Length} candidate ids but {scores.Length} scores", nameof(scores));
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, $"N must be at least 1 but was {n}");
        var order = SortedByScore(scores);
        var kept = new List<int>(Math.Min(n, ids.Length));
        var keptScores = new List<float>(kept.Capacity);
        var seen = new HashSet<int>();
        foreach (var i in order)
        {
            int id = ids[i];
            if (id == TopKResult.NoItem || id == paddingItem || !seen.Add(id)) continue;
            kept.Add(id);
            keptScores.Add(scores[i]);
            if (kept.Count == n) break;
        }
        return (kept.ToArray(), keptScores.ToArray());
    }

    /// <summary>
    /// Retrieves the merged top <paramref name="n"/> of every user from its interest vectors
    /// <paramref name="interests"/> [U, K, d] (a [U, d] tensor is one interest per user). Each interest retrieves
    /// its own top N; <paramref name="exclude"/> (U rows) applies to all interests of a user.
    /// </summary>
    public static TopKResult Retrieve(IRetriever retriever, Tensor interests, int n, ItemSets? exclude = null, int? paddingItem = 0)
    {
        var pooled = RetrievePooled(retriever, interests, n, exclude, out int users, out int perUser);
        var rows = new (int[] Ids, float[] Scores)[users];
        for (int u = 0; u < users; u++)
        {
            rows[u] = Merge(PooledIds(pooled, u, perUser), PooledScores(pooled, u, perUser), n, paddingItem);
        }
        return TopKResult.FromRows(n, rows);
    }

    /// <summary>Searches every interest of every user for its top <paramref name="depth"/>; rows u*K .. u*K+K-1 belong to user u.</summary>
    internal static TopKResult RetrievePooled(IRetriever retriever, Tensor interests, int depth, ItemSets? exclude,
        out int users, out int interestsPerUser)
    {
        ArgumentNullException.ThrowIfNull(retriever);
        ArgumentNullException.ThrowIfNull(interests);
        var shape = interests.Shape;
        if (shape.Length == 2) (users, interestsPerUser) = (checked((int)shape[0]), 1);
        else if (shape.Length == 3) (users, interestsPerUser) = (checked((int)shape[0]), checked((int)shape[1]));
        else throw new ArgumentException($"interest vectors must be [users, interests, dim] or [users, dim] but have shape [{string.Join(", ", shape)}]", nameof(interests));
        if (exclude is not null && exclude.Count != users)
            throw new ArgumentException($"the exclusion sets have {exclude.Count} rows but there are {users} users", nameof(exclude));
        using var scope = torch.NewDisposeScope();
        var flat = interests.Reshape(-1, shape[^1]);
        return retriever.Search(flat, depth, exclude?.RepeatEachRow(interestsPerUser));
    }

    /// <summary>User <paramref name="user"/>'s pooled candidate ids in interest-major order (empty slots included).</summary>
    internal static ReadOnlySpan<int> PooledIds(TopKResult pooled, int user, int interestsPerUser)
    {
        int width = interestsPerUser * pooled.K;
        return pooled.AllIds.Slice(user * width, width);
    }

    /// <summary>The scores that go with <see cref="PooledIds"/>.</summary>
    internal static ReadOnlySpan<float> PooledScores(TopKResult pooled, int user, int interestsPerUser)
    {
        int width = interestsPerUser * pooled.K;
        return pooled.AllScores.Slice(user * width, width);
    }

    /// <summary>Indices 0..n-1 ordered by descending score; equal scores keep their original order (stable, as Python's sort).</summary>
    internal static int[] SortedByScore(ReadOnlySpan<float> scores)
    {
        var order = new int[scores.Length];
        for (int i = 0; i < order.Length; i++) order[i] = i;
        var keys = scores.ToArray();
        Array.Sort(order, (a, b) =>
        {
            int c = keys[b].CompareTo(keys[a]);
            return c != 0 ? c : a.CompareTo(b);
        });
        return order;
    }
}
