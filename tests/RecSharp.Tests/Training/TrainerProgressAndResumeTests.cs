using RecSharp.Tests.Data;
using RecSharp.Torch;
using RecSharp.Torch.NN;
using RecSharp.Torch.Optim;
using RecSharp.Training;

namespace RecSharp.Tests.Training;

[Collection(GlobalSeedCollection.Name)]
public class TrainerProgressAndResumeTests
{
    /// <summary>Three batches per epoch whose losses are 1, 2, 3 (+ 0 x the weight, so there is something to step).</summary>
    private sealed class CountingTask : ITrainingTask, IDisposable
    {
        private readonly Linear line = new(1, 1);
        public Module Model => line;
        public Linear Line => line;
        public int BatchesPerEpoch => 3;
        public int SamplesPerEpoch => 300;

        public IEnumerable<Tensor> EpochLosses(int epoch)
        {
            for (int b = 1; b <= 3; b++)
                yield return line.Weight.Sum().Mul(0.0).Add(b);
        }

        public void Dispose() => line.Dispose();
    }

    [Fact]
    public void ProgressReportsEveryBatchWithTheMeanLossSoFar()
    {
        using var task = new CountingTask();
        using var optimizer = new SGD(task.Model.Parameters(), lr: 0.1);
        var reports = new List<TrainingProgress>();
        new Trainer(new TrainerOptions { Epochs = 2, Verbose = false }) { Progress = reports.Add }.Fit(task, optimizer);

        Assert.Equal(6, reports.Count);
        Assert.Equal([0, 0, 0, 1, 1, 1], reports.Select(r => r.Epoch));
        Assert.Equal([1, 2, 3, 1, 2, 3], reports.Select(r => r.Batch));
        Assert.Equal([1.0, 1.5, 2.0], reports.Take(3).Select(r => r.MeanLoss));
        Assert.All(reports, r => Assert.Equal((3, 2, 300), (r.Batches, r.Epochs, r.SamplesPerEpoch)));
        Assert.Equal(1.0, reports[2].Fraction);
        Assert.Equal(0.0, reports[2].EtaSeconds);
    }

    [Fact]
    public void ProgressDerivesSpeedAndTimeLeft()
    {
        var p = new TrainingProgress(0, 1, Batch: 1, Batches: 4, MeanLoss: 1, Seconds: 2, SamplesPerEpoch: 400);
        Assert.Equal(50.0, p.SamplesPerSecond);  // a quarter of 400 samples in 2 s
        Assert.Equal(6.0, p.EtaSeconds);         // 3 batches left at 2 s each
        Assert.Null((p with { SamplesPerEpoch = 0 }).SamplesPerSecond);
    }

    [Fact]
    public void ResumingContinuesTheEpochCountAndKeepsTheEarlierBestUnlessBeaten()
    {
        torch.ManualSeed(4);
        using var task = new CountingTask();
        using var optimizer = new SGD(task.Model.Parameters(), lr: 0.1);
        double[] script = [0.2, 0.5, 0.4, 0.45, 0.6];
        var first = new Trainer(new TrainerOptions { Epochs = 3, Patience = 0, Verbose = false }).Fit(task, optimizer, e => script[e], "scripted");
        Assert.Equal(1, first.BestEpoch);

        var validated = new List<int>();
        var resumed = new Trainer(new TrainerOptions { Epochs = 5, Patience = 0, Verbose = false })
            .Fit(task, optimizer, e => { validated.Add(e); return script[e]; }, "ignored", resumeFrom: first);

        Assert.Equal([3, 4], validated);                        // epochs 0..2 were done
        Assert.Equal(5, resumed.Epochs.Count);
        Assert.Equal("scripted", resumed.ValidationMetric);
        Assert.False(resumed.Epochs[3].IsBest);                 // 0.45 does not beat the earlier best 0.5
        Assert.True(resumed.Epochs[4].IsBest);
        Assert.Equal(4, resumed.BestEpoch);
        var done = Assert.Throws<ArgumentException>(() => new Trainer(new TrainerOptions { Epochs = 5, Verbose = false }).Fit(task, optimizer, resumeFrom: resumed));
        Assert.StartsWith("the run to resume already has 5 epoch(s) and 5 are asked for in total: ask for more epochs", done.Message);
    }

    [Fact]
    public void ResumingRestoresTheLoadedWeightsWhenNoEpochBeatsTheEarlierBest()
    {
        using var task = new CountingTask();
        using var optimizer = new SGD(task.Model.Parameters(), lr: 0.1);
        var first = new Trainer(new TrainerOptions { Epochs = 1, Verbose = false }).Fit(task, optimizer, _ => 0.9);
        using (torch.NoGrad()) task.Line.Weight.Fill_(7.0);     // "the saved best weights"
        // A task whose loss moves the weight, so a restore is visible.
        new Trainer(new TrainerOptions { Epochs = 2, Verbose = false }).Fit(new MovingTask(task.Line), optimizer, _ => 0.1, resumeFrom: first);
        Assert.Equal(7.0, task.Line.Weight.ToDouble(), 6);
    }

    private sealed class MovingTask(Linear line) : ITrainingTask
    {
        public Module Model => line;
        public int BatchesPerEpoch => 1;
        public IEnumerable<Tensor> EpochLosses(int epoch) { yield return line.Weight.Sum(); }
    }

    [Fact]
    public void HistoryCsvRoundTripsAndBadFilesNameTheLine()
    {
        using var task = new CountingTask();
        using var optimizer = new SGD(task.Model.Parameters(), lr: 0.1);
        var history = new Trainer(new TrainerOptions { Epochs = 2, ValidateEvery = 2, Verbose = false }).Fit(task, optimizer, _ => 0.25, "valid Recall@50");
        using var temp = new TempFolder();
        var path = temp.Write("history.csv", history.ToCsv());

        var loaded = TrainingHistory.Load(path);

        Assert.Equal(history.ToCsv(), loaded.ToCsv());
        Assert.Null(loaded.Epochs[0].Validation);
        Assert.Equal(1, loaded.BestEpoch);
        var bad = temp.Write("bad.csv", "epoch,loss,m,seconds,best\n0,1.5,,0.1,2\n");
        Assert.Equal($"{bad}:2: field \"best\" must be 0 or 1, got \"2\"", Assert.Throws<InvalidDataException>(() => TrainingHistory.Load(bad)).Message);
        var order = temp.Write("order.csv", "epoch,loss,m,seconds,best\n1,1.5,,0.1,0\n");
        Assert.Equal($"{order}:2: field \"epoch\" is 1 but epoch 0 was expected (rows in order from 0)", Assert.Throws<InvalidDataException>(() => TrainingHistory.Load(order)).Message);
        var header = temp.Write("header.csv", "epoch;loss\n");
        Assert.Equal($"{header}:1: expected the header epoch,loss,<metric>,seconds,best, got \"epoch;loss\"", Assert.Throws<InvalidDataException>(() => TrainingHistory.Load(header)).Message);
    }
}
