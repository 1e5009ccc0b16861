using RecSharp.Models;
using RecSharp.Data.Sampling;
using RecSharp.Data.Splits;
using RecSharp.Evaluation.Protocols;
using RecSharp.Models.Graph;
using RecSharp.Torch;
using RecSharp.Torch.Optim;
using RecSharp.Training;

namespace RecSharp.Tests.Models.Graph;

[Collection(GlobalSeedCollection.Name)]
public class LightGcnTests
{
    private static readonly UserItemLists TinyTrain = UserItemLists.FromLists([[1, 2], [2, 3], [3, 4]]);

    [Fact]
    public void PropagationEqualsADenseReference()
    {
        torch.ManualSeed(11);
        using var adjacency = NormalizedAdjacency.Build(TinyTrain, 4);
        using var model = new LightGcn(adjacency, dim: 3, layers: 2);
        int nodes = adjacency.NumNodes, d = 3;
        var ego = model.UserEmbedding.Weight.ToArray<float>().Concat(model.ItemEmbedding.Weight.ToArray<float>()).ToArray();
        var a = GraphTestData.Dense(adjacency);

        // mean of e0, A e0, A A e0, in plain C#.
        var sum = ego.Select(v => (double)v).ToArray();
        var current = sum.ToArray();
        for (int layer = 0; layer < 2; layer++)
        {
            var next = new double[nodes * d];
            for (int r = 0; r < nodes; r++)
                for (int c = 0; c < nodes; c++)
                    for (int k = 0; k < d; k++) next[r * d + k] += a[r, c] * current[c * d + k];
            current = next;
            for (int i = 0; i < sum.Length; i++) sum[i] += next[i];
        }

        var (users, items) = model.Propagate();
        using (users)
        using (items)
        {
            var actual = users.Contiguous().ToArray<float>().Concat(items.Contiguous().ToArray<float>()).ToArray();
            Assert.Equal(nodes * d, actual.Length);
            for (int i = 0; i < actual.Length; i++) Assert.True(Math.Abs(sum[i] / 3 - actual[i]) < 1e-5, $"entry {i}: expected {sum[i] / 3}, got {actual[i]}");
        }
    }

    [Fact]
    public void GradientsReachTwoHopNeighboursThroughSparseMm()
    {
        torch.ManualSeed(5);
        using var adjacency = NormalizedAdjacency.Build(TinyTrain, 4);
        using var model = new LightGcn(adjacency, dim: 4, layers: 2);
        using var users = torch.Tensor(new long[] { 0 });
        using var positives = torch.Tensor(new long[] { 1 });
        using var negatives = torch.Tensor(new long[] { 4 });
        using (var loss = model.Loss(users, positives, negatives, regWeight: 0)) loss.Backward();

        // User 1 shares item 2 with user 0, so with two layers its ego vector reaches user 0's representation.
        using var grad = model.UserEmbedding.Weight.Grad!;
        var g = grad.ToArray<float>();
        float analytic = g[1 * 4 + 2];
        Assert.NotEqual(0f, analytic);

        // Central finite difference on that entry.
        const float h = 1e-2f;
        double Loss(float delta)
        {
            using var noGrad = torch.NoGrad();
            using var entry = model.UserEmbedding.Weight.Select(0, 1).Select(0, 2);
            float original = entry.Item<float>();
            entry.Fill_(original + delta);
            using var loss = model.Loss(users, positives, negatives, regWeight: 0);
            double value = loss.Item<float>();
            entry.Fill_(original);
            return value;
        }
        double numeric = (Loss(h) - Loss(-h)) / (2 * h);
        Assert.Equal(numeric, analytic, 3);
    }

    [Fact]
    public void PlantedCommunitiesAreRecovered()
    {
        torch.ManualSeed(2020);
        var split = GraphTestData.PlantedCommunities();
        using var adjacency = NormalizedAdjacency.Build(split.Train, split.NumItems);
        using var model = new LightGcn(adjacency, dim: 16, layers: 2);
        var task = new PairwiseTrainingTask<LightGcn>(model, new PairwiseBatchIterator(split, batchSize: 64, seed: 1), regWeight: 1e-4);
        using var optimizer = new Adam(model.Parameters(), 0.01);
        new Trainer(new TrainerOptions { Epochs = 40, Verbose = false }).Fit(task, optimizer);

        var scorer = model.Scorer();
        var table = ProtocolEvaluator.Evaluate(scorer, split, split.Test, threads: 1);
        Assert.True(table["Recall", 10] > 0.8, $"Recall@10 = {table["Recall", 10]}");
    }
}
