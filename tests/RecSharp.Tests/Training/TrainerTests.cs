using System.Text.Json.Nodes;
using RecSharp.Torch;
using RecSharp.Torch.NN;
using RecSharp.Torch.Optim;
using RecSharp.Training;

namespace RecSharp.Tests.Training;

[Collection(GlobalSeedCollection.Name)]
public class TrainerTests
{
    /// <summary>Fits y = 2x + 1 with one Linear(1, 1) in full-batch steps.</summary>
    private sealed class LineTask : ITrainingTask
    {
        private readonly Linear line = new(1, 1);
        public Module Model => line;
        public Linear Line => line;
        public int BatchesPerEpoch => 1;
        public bool ProduceNaN { get; init; }
        public bool ProduceNothing { get; init; }

        public IEnumerable<Tensor> EpochLosses(int epoch)
        {
            if (ProduceNothing) yield break;
            var x = torch.Tensor(new float[] { 0, 1, 2, 3 }, 4, 1);
            var y = torch.Tensor(new float[] { 1, 3, 5, 7 }, 4, 1);
            var loss = Functional.MseLoss(line.Forward(x), y);
            yield return ProduceNaN ? loss.Mul(double.NaN) : loss;
        }
    }

    private static double Weight(LineTask task) => task.Line.Weight.ToDouble();

    [Fact]
    public void EarlyStoppingCountsStaleValidationsAndKeepsTheStrictBest()
    {
        var stopping = new EarlyStopping(patience: 2);
        Assert.True(stopping.Report(0, 0.1));
        Assert.True(stopping.Report(1, 0.3));
        Assert.False(stopping.Report(2, 0.3)); // equal is not better
        Assert.False(stopping.ShouldStop);
        Assert.False(stopping.Report(3, 0.2));
        Assert.True(stopping.ShouldStop);
        Assert.Equal(0.3, stopping.Best);
        Assert.Equal(1, stopping.BestEpoch);
    }

    [Fact]
    public void LossGoesDownAndTheLineIsLearned()
    {
        torch.ManualSeed(1);
        using var task = new Disposer<LineTask>(new LineTask());
        using var optimizer = new SGD(task.Value.Model.Parameters(), lr: 0.05);
        var history = new Trainer(new TrainerOptions { Epochs = 300, Verbose = false }).Fit(task.Value, optimizer);
        Assert.Equal(300, history.Epochs.Count);
        Assert.True(history.Epochs[^1].MeanLoss < 1e-3 * history.Epochs[0].MeanLoss);
        Assert.Equal(2.0, Weight(task.Value), 1);
        Assert.Equal(1.0, task.Value.Line.Bias!.ToDouble(), 1);
    }

    [Fact]
    public void StopsAfterPatienceAndRestoresTheBestEpochsParameters()
    {
        torch.ManualSeed(2);
        using var task = new Disposer<LineTask>(new LineTask());
        using var optimizer = new SGD(task.Value.Model.Parameters(), lr: 0.05);
        double[] script = [0.1, 0.5, 0.4, 0.3, 0.2, 0.9];
        var weights = new List<double>();
        var history = new Trainer(new TrainerOptions { Epochs = 6, Patience = 2, Verbose = false })
            .Fit(task.Value, optimizer, epoch => { weights.Add(Weight(task.Value)); return script[epoch]; }, "scripted");

        Assert.Equal(4, history.Epochs.Count); // epochs 2 and 3 did not improve on epoch 1
        Assert.True(history.StoppedEarly);
        Assert.Equal(1, history.BestEpoch);
        Assert.Equal(weights[1], Weight(task.Value));
        Assert.NotEqual(weights[3], weights[1]);
        var csv = history.ToCsv().Split('\n');
        Assert.Equal("epoch,loss,scripted,seconds,best", csv[0]);
        Assert.EndsWith(",1", csv[2]);
    }

    [Fact]
    public void ADivergingLossStopsWithAClearMessage()
    {
        using var task = new Disposer<LineTask>(new LineTask { ProduceNaN = true });
        using var optimizer = new SGD(task.Value.Model.Parameters(), lr: 0.05);
        var error = Assert.Throws<InvalidOperationException>(() =>
            new Trainer(new TrainerOptions { Epochs = 2, Verbose = false }).Fit(task.Value, optimizer));
        Assert.Equal("training diverged: the loss of epoch 1, batch 1 is NaN; lower the learning rate or clip gradients", error.Message);
    }

    [Fact]
    public void AnEpochWithoutBatchesIsAnError()
    {
        using var task = new Disposer<LineTask>(new LineTask { ProduceNothing = true });
        using var optimizer = new SGD(task.Value.Model.Parameters(), lr: 0.05);
        var error = Assert.Throws<InvalidOperationException>(() =>
            new Trainer(new TrainerOptions { Epochs = 1, Verbose = false }).Fit(task.Value, optimizer));
        Assert.Equal("epoch 1 produced no mini-batches: the training data is empty", error.Message);
    }

    [Fact]
    public void ModelFolderRoundTripsAndLeavesNoTemporaryFolder()
    {
        var root = Directory.CreateTempSubdirectory("recsharp-artifact-");
        try
        {
            torch.ManualSeed(3);
            using var source = new Linear(3, 2);
            using var target = new Linear(3, 2);
            string folder = Path.Combine(root.FullName, "model");
            ModelArtifact.Save(folder, source, new JsonObject { ["model"] = "linear", ["dim"] = 3 });
            ModelArtifact.Save(folder, source, new JsonObject { ["model"] = "linear", ["dim"] = 3 }); // replaces
            ModelArtifact.LoadWeights(folder, target);
            Assert.Equal(source.Weight.ToArray<float>(), target.Weight.ToArray<float>());
            Assert.Equal("linear", ModelArtifact.ReadConfig(folder)["model"]!.GetValue<string>());
            Assert.Equal(["model"], Directory.GetDirectories(root.FullName).Select(Path.GetFileName));

            var missing = Assert.Throws<FileNotFoundException>(() => ModelArtifact.ReadConfig(root.FullName));
            Assert.Equal($"{root.FullName}: not a RecSharp model folder (config.json is missing)", missing.Message);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private sealed class Disposer<T>(T value) : IDisposable where T : ITrainingTask
    {
        public T Value { get; } = value;
        public void Dispose() => Value.Model.Dispose();
    }
}
