using RecSharp.Retrieval;
using RecSharp.Torch;

namespace RecSharp.Tests.Retrieval;

public class DiversityAggregationTests
{
    // Item categories by id: 0 is padding, items 1-3 are category 0, item 4 is category 1, item 5 category 2.
    private static readonly int[] Category = [0, 0, 0, 0, 1, 2];
    private static readonly int[] Ids = [1, 2, 3, 4, 5];
    private static readonly float[] Scores = [1.0f, 0.95f, 0.9f, 0.6f, 0.5f];

    [Fact]
    public void LambdaZeroIsPlainTopN()
    {
        var (ids, scores) = DiversityAggregation.Select(Ids, Scores, 3, 0, Category);
        Assert.Equal([1, 2, 3], ids);
        Assert.Equal([1.0f, 0.95f, 0.9f], scores);
    }

    [Fact]
    public void LargeLambdaSpreadsOverCategories()
    {
        // Step 2 gains: item 2: 0.95 - 1 * 1 same-category pick; item 4: 0.6; item 5: 0.5 -> 4. Step 3 -> 5.
        var (ids, _) = DiversityAggregation.Select(Ids, Scores, 3, 1.0, Category);
        Assert.Equal([1, 4, 5], ids);
    }

    [Fact]
    public void ModerateLambdaTradesScoreAgainstDiversity()
    {
        // lambda 0.3: step 2: item 2 gains 0.95 - 0.3 = 0.65 > item 4's 0.6; step 3: item 3 gains 0.9 - 0.6 = 0.3 < item 4's 0.6.
        var (ids, _) = DiversityAggregation.Select(Ids, Scores, 3, 0.3, Category);
        Assert.Equal([1, 2, 4], ids);
    }

    [Fact]
    public void LambdaZeroEqualsMergeOnRandomPools()
    {
        var rng = new Random(5);
        var categories = Enumerable.Range(0, 50).Select(_ => rng.Next(4)).ToArray();
        for (int trial = 0; trial < 50; trial++)
        {
            var ids = Enumerable.Range(0, 40).Select(_ => rng.Next(50)).ToArray();
            var scores = Enumerable.Range(0, 40).Select(_ => (float)rng.NextDouble()).ToArray();
            var expected = MultiInterestMerge.Merge(ids, scores, 10);
            var actual = DiversityAggregation.Select(ids, scores, 10, 0, categories);
            Assert.Equal(expected.Ids, actual.Ids);
        }
    }

    [Fact]
    public void RetrievesThenAggregates()
    {
        // Items along one axis so the scores are the values: 0 padding, then 1.0, 0.95, 0.9, 0.6, 0.5.
        using var scope = torch.NewDisposeScope();
        using var retriever = new ExactTopK(torch.Tensor(new float[] { 0, 1.0f, 0.95f, 0.9f, 0.6f, 0.5f }, 6, 1));
        var result = DiversityAggregation.Retrieve(retriever, torch.Tensor(new float[] { 1, 1 }, 1, 2, 1), 3, 1.0, Category);
        // Each interest retrieves its top 3 (1, 2, 3): the pool holds no item of another category.
        Assert.Equal([1, 2, 3], result.Ids(0).ToArray());
    }

    [Fact]
    public void MissingCategoryIsNamed()
    {
        var e = Assert.Throws<ArgumentException>(() => DiversityAggregation.Select([9], [1f], 1, 1, Category));
        Assert.StartsWith("item 9 has no category (the category table has 6 entries)", e.Message);
    }
}
