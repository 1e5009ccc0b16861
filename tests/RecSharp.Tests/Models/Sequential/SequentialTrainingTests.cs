using RecSharp.Evaluation.Metrics;
using RecSharp.Models.Sequential;
using RecSharp.Models.Sequential.Losses;
using RecSharp.Torch;
using RecSharp.Torch.Optim;
using RecSharp.Training;
using static RecSharp.Tests.Models.Sequential.SequentialTestData;

namespace RecSharp.Tests.Models.Sequential;

[Collection(GlobalSeedCollection.Name)]
public class SequentialTrainingTests
{
    [Fact]
    public void Gru4RecLearnsThatItemIIsFollowedByItemIPlusOne()
    {
        torch.ManualSeed(2020);
        var split = PlantedRule(numItems: 20, users: 300, length: 12, seed: 1);
        using var model = new Gru4Rec(new SequentialModelConfig { NumItems = 20, Dim = 24, MaxLength = 10 });
        var task = new SequentialTrainingTask(model, split, new FullSoftmaxLoss(), batchSize: 50, seed: 2020);
        using var optimizer = new Adam(model.Parameters(), lr: 0.03);
        var history = new Trainer(new TrainerOptions { Epochs = 15, Verbose = false }).Fit(task, optimizer);
        var table = SequentialEvaluation.Evaluate(model, split.Test, new MetricSet([MetricKind.Recall], [1]));
        Assert.True(table["Recall", 1] > 0.9, $"Recall@1 = {table["Recall", 1]} (last loss {history.Epochs[^1].MeanLoss})");
    }

    [Fact]
    public void SampledSoftmaxTrainingLowersTheLoss()
    {
        torch.ManualSeed(3);
        var split = PlantedRule(numItems: 20, users: 200, length: 10, seed: 2);
        using var model = new Pooling(new SequentialModelConfig { NumItems = 20, Dim = 8, MaxLength = 10 });
        var task = new SequentialTrainingTask(model, split, new SampledSoftmaxLoss(20), batchSize: 50, seed: 3);
        using var optimizer = new Adam(model.Parameters(), lr: 0.05);
        var history = new Trainer(new TrainerOptions { Epochs = 8, Verbose = false }).Fit(task, optimizer);
        Assert.True(history.Epochs[^1].MeanLoss < history.Epochs[0].MeanLoss,
            $"loss went from {history.Epochs[0].MeanLoss} to {history.Epochs[^1].MeanLoss}");
    }

    [Theory]
    [InlineData("pooling")]
    [InlineData("gru4rec")]
    public void SaveThenLoadGivesIdenticalUserVectors(string name)
    {
        torch.ManualSeed(9);
        var config = new SequentialModelConfig { NumItems = 15, Dim = 5, MaxLength = 4, PoolingMlp = [6], GruLayers = 2 };
        using var model = SequentialModels.Create(name, config);
        int[][] histories = [[1, 2, 3], [15], [4, 5, 6, 7, 8, 9]];
        using var before = SequentialEvaluation.UserVectors(model, histories);
        string folder = Path.Combine(Path.GetTempPath(), "recsharp-seq-" + Guid.NewGuid().ToString("N"));
        try
        {
            SequentialCheckpoint.Save(folder, model, new System.Text.Json.Nodes.JsonObject { ["seed"] = 9 });
            var (loaded, json) = SequentialCheckpoint.Load(folder);
            using (loaded)
            {
                Assert.Equal(name, loaded.Name);
                Assert.Equal(config.GruLayers, loaded.Config.GruLayers);
                Assert.Equal(9, json["seed"]!.GetValue<int>());
                using var after = SequentialEvaluation.UserVectors(loaded, histories);
                Assert.Equal(Values(before), Values(after));
            }
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void FactoryNamesTheModelsItKnows()
    {
        var e = Assert.Throws<ArgumentException>(() => SequentialModels.Create("sasrec", Config()));
        Assert.StartsWith("unknown sequential model 'sasrec': expected pooling, gru4rec, mind, comirec-dr, comirec-sa", e.Message);
    }
}
