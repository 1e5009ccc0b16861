using RecSharp.Retrieval;
using RecSharp.Torch;

namespace RecSharp.Tests.Retrieval;

public class ExactTopKTests
{
    private const int Users = 23, Items = 41, Dim = 6;

    [Theory]
    [InlineData(1, SimilarityMetric.InnerProduct)]
    [InlineData(4, SimilarityMetric.InnerProduct)]
    [InlineData(7, SimilarityMetric.Cosine)]
    [InlineData(23, SimilarityMetric.InnerProduct)]
    [InlineData(100, SimilarityMetric.Cosine)]
    public void EqualsBruteForceWithPaddingAndSeenItemsExcluded(int blockSize, SimilarityMetric metric)
    {
        var rng = new Random(11);
        var userData = BruteForce.RandomMatrix(rng, Users, Dim);
        var itemData = BruteForce.RandomMatrix(rng, Items, Dim);
        var seen = ItemSets.FromRows(Enumerable.Range(0, Users)
            .Select(u => Enumerable.Range(0, u % 5 * 3).Select(_ => 1 + rng.Next(Items - 1)).ToArray()));
        const int k = 10;

        using var scope = torch.NewDisposeScope();
        using var retriever = new ExactTopK(torch.Tensor(itemData, Items, Dim), new ExactTopKOptions { Metric = metric, BlockSize = blockSize });
        var result = retriever.Search(torch.Tensor(userData, Users, Dim), k, seen);

        bool cosine = metric == SimilarityMetric.Cosine;
        for (int u = 0; u < Users; u++)
        {
            var excluded = new HashSet<int>(seen[u].ToArray()) { 0 };
            var expected = BruteForce.TopK(userData, u, itemData, Items, Dim, k, cosine, excluded);
            Assert.Equal(expected.Select(p => p.Id), result.Ids(u).ToArray());
            var scores = result.Scores(u).ToArray();
            for (int j = 0; j < k; j++) Assert.Equal(expected[j].Score, scores[j], 1e-5);
        }
    }

    [Fact]
    public void WithoutPaddingItemZeroCanBeReturned()
    {
        using var scope = torch.NewDisposeScope();
        using var retriever = new ExactTopK(torch.Tensor(new float[] { 3, 2, 1 }, 3, 1), new ExactTopKOptions { PaddingItem = null });
        var result = retriever.Search(torch.Tensor(new float[] { 1 }, 1, 1), 2);
        Assert.Equal([0, 1], result.Ids(0).ToArray());
        Assert.Equal([3f, 2f], result.Scores(0).ToArray());
    }

    [Fact]
    public void Float64TablesGiveFloat32Scores()
    {
        using var scope = torch.NewDisposeScope();
        using var retriever = new ExactTopK(torch.Tensor(new double[] { 0, 0, 1, 2, 3, -1 }, 3, 2),
            new ExactTopKOptions { Metric = SimilarityMetric.Cosine });
        var result = retriever.Search(torch.Tensor(new double[] { 1, 0 }, 1, 2), 2);
        // cosine with (1, 0): item 1 = 1/sqrt(5), item 2 = 3/sqrt(10); padding 0 is excluded.
        Assert.Equal([2, 1], result.Ids(0).ToArray());
        Assert.Equal((float)(3 / Math.Sqrt(10)), result.Scores(0)[0], 1e-6f);
        Assert.Equal((float)(1 / Math.Sqrt(5)), result.Scores(0)[1], 1e-6f);
    }

    [Fact]
    public void RowsWithTooFewEligibleItemsAreFilledWithEmptySlots()
    {
        // Items 0 (padding), 1, 2, 3; user 0 has seen 2, so only items 1 and 3 remain of the 5 asked for.
        using var scope = torch.NewDisposeScope();
        using var retriever = new ExactTopK(torch.Tensor(new float[] { 9, 1, 5, 2 }, 4, 1));
        var result = retriever.Search(torch.Tensor(new float[] { 1, -1 }, 2, 1), 5, ItemSets.FromRows([[2], []]));
        Assert.Equal([3, 1], result.Ids(0).ToArray());
        Assert.Equal([1, 3, 2], result.Ids(1).ToArray());
        Assert.Equal([3, 1, -1, -1, -1], result.AllIds[..5].ToArray());
        Assert.Equal(float.NegativeInfinity, result.AllScores[4]);
    }

    [Fact]
    public void NaNScoresAreReported()
    {
        using var scope = torch.NewDisposeScope();
        using var retriever = new ExactTopK(torch.Tensor(new float[] { 0, 1, float.NaN }, 3, 1));
        var e = Assert.Throws<InvalidOperationException>(() => retriever.Search(torch.Tensor(new float[] { 1, 2 }, 2, 1), 2));
        Assert.Equal("the score of item 2 for user row 0 is NaN", e.Message);
    }

    [Fact]
    public void WrongQueryWidthIsNamed()
    {
        using var scope = torch.NewDisposeScope();
        using var retriever = new ExactTopK(torch.Zeros(4, 3));
        var e = Assert.Throws<ArgumentException>(() => retriever.Search(torch.Zeros(2, 5), 1));
        Assert.StartsWith("queries must have shape [count, 3] but have [2, 5]", e.Message);
    }

    [Fact]
    public void ExcludedIdOutsideTheCatalogueIsNamed()
    {
        using var scope = torch.NewDisposeScope();
        using var retriever = new ExactTopK(torch.Zeros(4, 3));
        var e = Assert.Throws<ArgumentException>(() => retriever.Search(torch.Zeros(2, 3), 1, ItemSets.FromRows([[1], [7]])));
        Assert.StartsWith("excluded item 7 of user row 1 is not an item id in [0, 4)", e.Message);
    }

    [Fact]
    public void BlockScorerSeesEveryUserOnceInBlocks()
    {
        // Score of item i for user u = u * 10 - |i - u| - i / 8: each user's best item is itself, no ties.
        var seenBlocks = new List<(int, int)>();
        var result = BlockTopK.Run((first, n) =>
        {
            seenBlocks.Add((first, n));
            var s = new float[n * 6];
            for (int u = 0; u < n; u++)
                for (int i = 0; i < 6; i++) s[u * 6 + i] = (first + u) * 10 - Math.Abs(i - (first + u)) - 0.125f * i;
            return torch.Tensor(s, n, 6);
        }, userCount: 5, itemCount: 6, k: 2, paddingItem: null, blockSize: 2);
        Assert.Equal([(0, 2), (2, 2), (4, 1)], seenBlocks);
        // user 3: item 3 scores 29.625, item 2 scores 28.75, item 4 scores 28.5
        Assert.Equal([3, 2], result.Ids(3).ToArray());
        Assert.Equal([29.625f, 28.75f], result.Scores(3).ToArray());
    }
}
