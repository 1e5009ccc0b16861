using RecSharp.Models.CollaborativeFiltering;

namespace RecSharp.Tests.Models.CollaborativeFiltering;

/// <summary>Fits and recommendations must be bit-identical whatever the number of threads.</summary>
public class CfDeterminismTests
{
    /// <summary>Random data with popularity skew, so that rows differ a lot in cost and counts tie often.</summary>
    internal static CfInteractions RandomData(int users = 300, int items = 200, int seed = 7)
    {
        var rng = new Random(seed);
        var us = new List<int>();
        var its = new List<int>();
        for (int u = 0; u < users; u++)
        {
            int length = 3 + rng.Next(40);
            for (int k = 0; k < length; k++)
            {
                us.Add(u);
                // Squaring a uniform draw favours small ids: a few popular items, a long tail.
                double x = rng.NextDouble();
                its.Add(1 + (int)(x * x * items));
            }
        }
        return CfInteractions.FromPairs(us.ToArray(), its.ToArray(), users, items);
    }

    public static TheoryData<CfSimilarity, bool, int> Settings => new()
    {
        { CfSimilarity.Cosine, true, 10 },
        { CfSimilarity.None, false, 7 },   // integer counts: many ties, so the tie-break order is exercised
        { CfSimilarity.Asymmetric, true, 25 },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void ItemCfIsIndependentOfThreadCount(CfSimilarity similarity, bool inverseFrequency, int topK)
    {
        var data = RandomData();
        Assert.True(data.DuplicateCount > 0);
        var options = new CfOptions { Similarity = similarity, InverseUserFrequency = inverseFrequency, TopK = topK, Alpha = 0.3 };
        var reference = ItemCf.Fit(data, options, threads: 1);
        var referenceRecs = reference.RecommendAll(20, threads: 1);
        foreach (int threads in new[] { 2, 3, 8 })
        {
            var model = ItemCf.Fit(data, options, threads);
            for (int item = 1; item <= data.ItemCount; item++)
                AssertBitIdentical(reference.SimilarItems(item, 1000), model.SimilarItems(item, 1000));
            var recs = model.RecommendAll(20, threads: threads);
            for (int u = 0; u < data.UserCount; u++) AssertBitIdentical(referenceRecs[u], recs[u]);
        }
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public void UserCfIsIndependentOfThreadCount(CfSimilarity similarity, bool inverseFrequency, int topK)
    {
        var data = RandomData();
        var options = new CfOptions { Similarity = similarity, InverseItemFrequency = inverseFrequency, TopK = topK, Alpha = 0.3 };
        var reference = UserCf.Fit(data, options, threads: 1);
        var referenceRecs = reference.RecommendAll(20, threads: 1);
        foreach (int threads in new[] { 2, 3, 8 })
        {
            var model = UserCf.Fit(data, options, threads);
            for (int u = 0; u < data.UserCount; u++)
                AssertBitIdentical(reference.SimilarUsers(u, 1000), model.SimilarUsers(u, 1000));
            var recs = model.RecommendAll(20, threads: threads);
            for (int u = 0; u < data.UserCount; u++) AssertBitIdentical(referenceRecs[u], recs[u]);
        }
    }

    [Fact]
    public void TopKListsAreSortedBestFirstAndBounded()
    {
        var model = ItemCf.Fit(RandomData(), new CfOptions { TopK = 10 });
        for (int item = 1; item <= 200; item++)
        {
            var row = model.SimilarItems(item, 1000);
            Assert.True(row.Length <= 10);
            for (int k = 1; k < row.Length; k++)
                Assert.True(row[k - 1].Similarity > row[k].Similarity
                            || (row[k - 1].Similarity == row[k].Similarity && row[k - 1].Item < row[k].Item));
            Assert.DoesNotContain(row, pair => pair.Item == item);
        }
    }

    private static void AssertBitIdentical((int, double)[] expected, (int, double)[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k].Item1, actual[k].Item1);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[k].Item2), BitConverter.DoubleToInt64Bits(actual[k].Item2));
        }
    }
}
