using RecSharp.Models.CollaborativeFiltering;

namespace RecSharp.Tests.Models.CollaborativeFiltering;

/// <summary>
/// Compares ItemCf/UserCf with a deliberately naive dense implementation (full co-occurrence matrix, full
/// sort) on random data. Rankings are compared through scores, so near-ties that float summation order could
/// flip do not make the test flaky, while any wrong id or value does fail it.
/// </summary>
public class CfReferenceTests
{
    private const double Tolerance = 1e-12;

    public static TheoryData<CfSimilarity, bool, int, bool> Settings => new()
    {
        { CfSimilarity.Cosine, true, 100, false },
        { CfSimilarity.Cosine, false, 8, false },
        { CfSimilarity.None, true, 12, false },
        { CfSimilarity.Asymmetric, true, 15, false },
        { CfSimilarity.Cosine, true, 10, true },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void ItemCfMatchesNaiveReference(CfSimilarity similarity, bool inverseFrequency, int topK, bool normalize)
    {
        var data = CfDeterminismTests.RandomData(users: 120, items: 60, seed: 3);
        var options = new CfOptions
        {
            Similarity = similarity, Alpha = 0.3, InverseUserFrequency = inverseFrequency, TopK = topK, NormalizeRowsByMax = normalize,
        };
        var model = ItemCf.Fit(data, options, threads: 2);

        // rows = items 1..N, middles = users
        var rows = Enumerable.Range(0, data.ItemCount + 1).Select(i => i == 0 ? [] : data.UsersOf(i).ToArray()).ToArray();
        var middles = Enumerable.Range(0, data.UserCount).Select(u => data.ItemsOf(u).ToArray()).ToArray();
        var kept = NaiveNeighbours(rows, middles, inverseFrequency, options, firstRow: 1);
        for (int item = 1; item <= data.ItemCount; item++)
            AssertSameRanking(kept[item], model.SimilarItems(item, 1000).Select(p => (p.Item, p.Similarity)).ToArray());

        for (int u = 0; u < data.UserCount; u++)
        {
            var scores = new double[data.ItemCount + 1];
            foreach (int i in middles[u])
                foreach (var (j, s) in kept[i]) scores[j] += s;
            AssertScores(scores, model.Score(u, Enumerable.Range(1, data.ItemCount).ToArray()));
            AssertSameRanking(NaiveTop(scores, 10, middles[u]), model.Recommend(u, 10).Select(p => (p.Item, p.Score)).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void UserCfMatchesNaiveReference(CfSimilarity similarity, bool inverseFrequency, int topK, bool normalize)
    {
        var data = CfDeterminismTests.RandomData(users: 80, items: 50, seed: 5);
        var options = new CfOptions
        {
            Similarity = similarity, Alpha = 0.3, InverseItemFrequency = inverseFrequency, TopK = topK, NormalizeRowsByMax = normalize,
        };
        var model = UserCf.Fit(data, options, threads: 2);

        // rows = users, middles = items (index 0 is the empty padding item)
        var rows = Enumerable.Range(0, data.UserCount).Select(u => data.ItemsOf(u).ToArray()).ToArray();
        var middles = Enumerable.Range(0, data.ItemCount + 1).Select(i => i == 0 ? [] : data.UsersOf(i).ToArray()).ToArray();
        var kept = NaiveNeighbours(rows, middles, inverseFrequency, options, firstRow: 0);
        for (int u = 0; u < data.UserCount; u++)
        {
            AssertSameRanking(kept[u], model.SimilarUsers(u, 1000).Select(p => (p.User, p.Similarity)).ToArray());
            var scores = new double[data.ItemCount + 1];
            foreach (var (v, s) in kept[u])
                foreach (int i in rows[v]) scores[i] += s;
            AssertScores(scores, model.Score(u, Enumerable.Range(1, data.ItemCount).ToArray()));
            AssertSameRanking(NaiveTop(scores, 10, rows[u]), model.Recommend(u, 10).Select(p => (p.Item, p.Score)).ToArray());
        }
    }

    /// <summary>Dense co-occurrence matrix, normalised, each row fully sorted and cut to TopK.</summary>
    private static (int Id, double Value)[][] NaiveNeighbours(int[][] rows, int[][] middles, bool inverseFrequency,
        CfOptions options, int firstRow)
    {
        int n = rows.Length;
        var c = new double[n, n];
        foreach (var members in middles)
        {
            double w = inverseFrequency ? 1.0 / Math.Log(1.0 + members.Length) : 1.0;
            foreach (int a in members)
                foreach (int b in members)
                    if (a != b) c[a, b] += w;
        }
        var result = new (int, double)[n][];
        for (int a = 0; a < n; a++)
        {
            var row = new List<(int Id, double Value)>();
            for (int b = firstRow; b < n; b++)
            {
                if (a == b || c[a, b] == 0) continue;
                double da = rows[a].Length, db = rows[b].Length;
                double sim = options.Similarity switch
                {
                    CfSimilarity.Cosine => c[a, b] / Math.Sqrt(da * db),
                    CfSimilarity.None => c[a, b],
                    _ => c[a, b] / (Math.Pow(da, options.Alpha) * Math.Pow(db, 1 - options.Alpha)),
                };
                row.Add((b, sim));
            }
            var top = row.OrderByDescending(p => p.Value).ThenBy(p => p.Id).Take(options.TopK).ToArray();
            if (options.NormalizeRowsByMax && top.Length > 0)
                top = top.Select(p => (p.Id, p.Value / top[0].Value)).ToArray();
            result[a] = top;
        }
        return result;
    }

    private static (int, double)[] NaiveTop(double[] scores, int n, int[] seen) =>
        Enumerable.Range(1, scores.Length - 1)
            .Where(i => scores[i] > 0 && !seen.Contains(i))
            .Select(i => (Id: i, Value: scores[i]))
            .OrderByDescending(p => p.Value).ThenBy(p => p.Id).Take(n)
            .Select(p => (p.Id, p.Value)).ToArray();

    /// <summary>Same length, same values position by position, and every returned id has its returned value in the reference.</summary>
    private static void AssertSameRanking((int Id, double Value)[] expected, (int Id, double Value)[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var byId = expected.ToDictionary(p => p.Id, p => p.Value);
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k].Value, actual[k].Value, Tolerance);
            Assert.True(byId.TryGetValue(actual[k].Id, out double value), $"id {actual[k].Id} is not in the reference list");
            Assert.Equal(value, actual[k].Value, Tolerance);
        }
    }

    private static void AssertScores(double[] expectedByItem, double[] actualForItems1ToN)
    {
        for (int i = 1; i < expectedByItem.Length; i++) Assert.Equal(expectedByItem[i], actualForItems1ToN[i - 1], Tolerance);
    }
}
