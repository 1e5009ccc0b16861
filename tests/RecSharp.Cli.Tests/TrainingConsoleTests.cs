using RecSharp.Cli.Commands;
using RecSharp.Training;

namespace RecSharp.Cli.Tests;

public class TrainingConsoleTests
{
    [Fact]
    public void StatusLineShowsBarLossSpeedAndTimeLeft()
    {
        // Half of epoch 3 done in 5 s: 1,280 of 2,560 samples -> 256 samples/s, 10 batches left at 0.5 s each.
        var p = new TrainingProgress(Epoch: 2, Epochs: 40, Batch: 10, Batches: 20, MeanLoss: 7.31244, Seconds: 5, SamplesPerEpoch: 2560);
        Assert.Equal($"epoch 3/40 {new string('━', 12)}{new string('─', 12)}  50% loss 7.3124 256 samples/s ETA 5 s", TrainingConsole.Status(p));
    }

    [Fact]
    public void LongEtasUseHoursAndAnUnknownSampleCountHidesTheSpeed()
    {
        // 1 of 100 batches in 100 s: 99 left -> 9,900 s = 2 h 45 min.
        var p = new TrainingProgress(Epoch: 0, Epochs: 1, Batch: 1, Batches: 100, MeanLoss: 0.5, Seconds: 100, SamplesPerEpoch: 0);
        Assert.Equal($"epoch 1/1 {new string('─', 24)}   1% loss 0.5000 ETA 2 h 45 min", TrainingConsole.Status(p));
    }
}
