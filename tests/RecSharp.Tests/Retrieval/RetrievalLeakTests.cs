using RecSharp.Evaluation;
using RecSharp.Evaluation.Metrics;
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

    [Fact]
    public void MultiInterestEvaluationFreesEveryTensorItCreates()
    {
        var rng = new Random(4);
        using var items = torch.Tensor(BruteForce.RandomMatrix(rng, 30, 4), 30, 4);
        using var interests = torch.Tensor(BruteForce.RandomMatrix(rng, 5 * 3 * 4, 1), 5, 3, 4);
        var labels = ItemSets.FromRows(Enumerable.Range(0, 5).Select(u => new[] { u + 1, u + 2 }));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = torch.LiveTensorCount;
        var table = new RankingEvaluator(EvaluationProtocols.P1(NdcgVariant.ComiRec), "P1")
            .EvaluateVectors(interests, items, labels, exclude: labels, new ExactTopKOptions { BlockSize = 4 });
        Assert.Equal(before, torch.LiveTensorCount);
        Assert.Equal(0.0, table["Recall", 20]); // every label was excluded
    }
}
