using RecSharp.Data.Features;
using RecSharp.Models.CollaborativeFiltering.Neural;
using RecSharp.Models.Graph;
using RecSharp.Tests.Retrieval;
using RecSharp.Torch;

namespace RecSharp.Tests.Models.Graph;

[Collection(SerialEngineCollection.Name)]
public class GraphTrainingLeakTests
{
    /// <summary>
    /// Training and disposing a graph model frees every tensor, including the sparse train adjacency the model
    /// owns (before the fix it stayed alive after <see cref="LearnedCfModel.Dispose"/>: one live tensor too many).
    /// </summary>
    [Theory]
    [InlineData("lightgcn")]
    [InlineData("bm3")]
    public void FitThenDisposeFreesEveryTensorIncludingTheAdjacency(string model)
    {
        var split = GraphTestData.PlantedCommunities(perCommunity: 5, block: 4, trainPerUser: 2);
        var features = model == "bm3"
            ? new[] { new FeatureTable("genre", "test", Enumerable.Range(0, (split.NumItems + 1) * 2).Select(k => k < 2 ? 0f : k % 3).Select(v => (float)v).ToArray(), split.NumItems, 2, 0) }
            : null;
        var options = new LearnedCfOptions { Dim = 4, Epochs = 2, BatchSize = 8, LearningRate = 0.01, Seed = 5, Verbose = false };
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long before = torch.LiveTensorCount;
        var trained = GraphRecallTrainer.Fit(model, split, options, new GraphOptions(), features: features);
        Assert.True(torch.LiveTensorCount > before);
        trained.Dispose();
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Assert.Equal(before, torch.LiveTensorCount);
    }
}
