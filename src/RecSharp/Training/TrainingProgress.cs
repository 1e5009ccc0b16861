namespace RecSharp.Training;

/// <summary>
/// Where a training epoch stands after a mini-batch, as the <see cref="Trainer"/> reports it to
/// <see cref="Trainer.Progress"/> (a progress bar, a log): batches done, mean loss so far, speed and time left.
/// </summary>
/// <param name="Epoch">0-based epoch.</param>
/// <param name="Epochs">Epochs the run asks for in total.</param>
/// <param name="Batch">Mini-batches done in this epoch (1..Batches).</param>
/// <param name="Batches">Mini-batches in the epoch (<see cref="ITrainingTask.BatchesPerEpoch"/>).</param>
/// <param name="MeanLoss">Mean loss of the batches done so far.</param>
/// <param name="Seconds">Wall time since the epoch started.</param>
/// <param name="SamplesPerEpoch">Training samples in the epoch, or 0 when the task does not say (<see cref="ITrainingTask.SamplesPerEpoch"/>).</param>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double MeanLoss, double Seconds, int SamplesPerEpoch)
{
    /// <summary>Share of the epoch done, 0..1.</summary>
    public double Fraction => Batches > 0 ? Math.Min(1.0, (double)Batch / Batches) : 0;

    /// <summary>Samples per second so far (batches done scaled to samples), or null when the sample count is unknown.</summary>
    public double? SamplesPerSecond => SamplesPerEpoch > 0 && Seconds > 0 ? SamplesPerEpoch * Fraction / Seconds : null;

    /// <summary>Estimated seconds left in the epoch at the speed so far.</summary>
    public double EtaSeconds => Batch > 0 ? Seconds / Batch * Math.Max(0, Batches - Batch) : double.PositiveInfinity;
}
