using RecSharp.Retrieval;

namespace RecSharp.Models.CollaborativeFiltering;

/// <summary>
/// Item-item cosine of the binary training matrix, computed for one query item on demand:
/// sim(i, j) = |U(i) ∩ U(j)| / sqrt(|U(i)| · |U(j)|). Costs the sum of |N(u)| over the query item's users.
/// </summary>
internal static class ItemColumnCosine
{
    public static (int Item, double Score)[] Similar(CfInteractions data, int item, int k)
    {
        var common = new Dictionary<int, int>();
        foreach (int user in data.UsersOf(item))
            foreach (int other in data.ItemsOf(user))
                if (other != item) common[other] = common.GetValueOrDefault(other) + 1;
        if (common.Count == 0 || k == 0) return [];
        double queryNorm = Math.Sqrt(data.UsersOf(item).Length);
        var selector = new TopKSelector(Math.Min(k, common.Count));
        selector.Reset(Math.Min(k, common.Count));
        foreach (var (other, count) in common) selector.Offer(other, count / (queryNorm * Math.Sqrt(data.UsersOf(other).Length)));
        var ids = new int[selector.Count];
        var scores = new double[selector.Count];
        int n = selector.Drain(ids, scores);
        var result = new (int, double)[n];
        for (int j = 0; j < n; j++) result[j] = (ids[j], scores[j]);
        return result;
    }
}
