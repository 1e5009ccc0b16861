using RecSharp.Retrieval;
using RecSharp.Torch;

namespace RecSharp.Tests.Retrieval;

public class FaissRetrieverTests
{
    private const int Users = 17, Items = 300, Dim = 8;

    [Theory]
    [InlineData(FaissIndexType.Flat, SimilarityMetric.InnerProduct)]
    [InlineData(FaissIndexType.Flat, SimilarityMetric.Cosine)]
    [InlineData(FaissIndexType.IvfFlat, SimilarityMetric.InnerProduct)]
    public void ExactIndexesEqualBruteForceWithPaddingAndSeenItemsExcluded(FaissIndexType type, SimilarityMetric metric)
    {
        var rng = new Random(5);
        var userData = BruteForce.RandomMatrix(rng, Users, Dim);
        var itemData = BruteForce.RandomMatrix(rng, Items, Dim);
        var seen = ItemSets.FromRows(Enumerable.Range(0, Users)
            .Select(u => Enumerable.Range(0, u % 4 * 5).Select(_ => 1 + rng.Next(Items - 1)).ToArray()));
        const int k = 12;

        using var scope = torch.NewDisposeScope();
        // IVF probing every list is exact; it checks the train/add/nprobe path.
        using var retriever = FaissRetriever.Build(torch.Tensor(itemData, Items, Dim),
            new FaissRetrieverOptions { Type = type, Metric = metric, NList = 4, NProbe = 4 });
        var result = retriever.Search(torch.Tensor(userData, Users, Dim), k, seen);

        for (int u = 0; u < Users; u++)
        {
            var excluded = new HashSet<int>(seen[u].ToArray()) { 0 };
            var expected = BruteForce.TopK(userData, u, itemData, Items, Dim, k, metric == SimilarityMetric.Cosine, excluded);
            Assert.Equal(expected.Select(p => p.Id), result.Ids(u).ToArray());
            for (int j = 0; j < k; j++) Assert.Equal(expected[j].Score, result.Scores(u)[j], 1e-4);
        }
    }

    [Fact]
    public void HnswOnNormalisedVectorsFindsMostTrueNeighbours()
    {
        var rng = new Random(9);
        var userData = BruteForce.RandomMatrix(rng, Users, Dim);
        var itemData = BruteForce.RandomMatrix(rng, Items, Dim);
        using var scope = torch.NewDisposeScope();
        using var retriever = FaissRetriever.Build(torch.Tensor(itemData, Items, Dim),
            new FaissRetrieverOptions { Type = FaissIndexType.Hnsw, Metric = SimilarityMetric.Cosine });
        var result = retriever.Search(torch.Tensor(userData, Users, Dim), 10);
        int found = 0;
        for (int u = 0; u < Users; u++)
        {
            var truth = BruteForce.TopK(userData, u, itemData, Items, Dim, 10, true, new HashSet<int> { 0 }).Select(p => p.Id).ToHashSet();
            found += result.Ids(u).ToArray().Count(truth.Contains);
        }
        Assert.True(found >= 0.9 * Users * 10, $"HNSW recall@10 {found / (Users * 10.0):0.00} < 0.9");
    }

    [Fact]
    public void ExclusionRowsMustMatchTheQueries()
    {
        using var scope = torch.NewDisposeScope();
        using var retriever = FaissRetriever.Build(torch.Tensor(new float[] { 0, 1, 2 }, 3, 1));
        var error = Assert.Throws<ArgumentException>(() =>
            retriever.Search(torch.Tensor(new float[] { 1, 2 }, 2, 1), 1, ItemSets.FromRows([[1]])));
        Assert.StartsWith("exclude has 1 rows but there are 2 queries", error.Message);
    }
}
