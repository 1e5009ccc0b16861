using RecSharp.Retrieval;
using RecSharp.Torch;

namespace RecSharp.Tests.Retrieval;

[Collection(SerialEngineCollection.Name)]
public class RetrievalLeakTests
{
    [Fact]
    public void ExactTopKFreesEveryTensorItCreates()
    {
        var rng = new Random(3);
        using var items = torch.Tensor(BruteForce.RandomMatrix(rng, 30, 4), 30, 4);
        using var users = torch.Tensor(BruteForce.RandomMatrix(rng, 9, 4), 9, 4);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = torch.LiveTensorCount;
        using (var retriever = new ExactTopK(items, new ExactTopKOptions { Metric = SimilarityMetric.Cosine, BlockSize = 2 }))
            retriever.Search(users, 7, ItemSets.FromRows(Enumerable.Range(0, 9).Select(u => new[] { u + 1 })));
        Assert.Equal(before, torch.LiveTensorCount);
    }
}
