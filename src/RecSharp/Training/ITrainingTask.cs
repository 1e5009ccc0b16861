using RecSharp.Torch;
using RecSharp.Torch.NN;

namespace RecSharp.Training;

/// <summary>
/// What a model family gives the <see cref="Trainer"/>: the module whose parameters are trained and, for each
/// epoch, a sequence of mini-batch losses. The trainer opens a dispose scope around each step, so every tensor a
/// loss computation creates (batch tensors included) is freed after the optimizer step.
/// </summary>
public interface ITrainingTask
{
    Module Model { get; }

    /// <summary>Mini-batches in the epoch (for progress reporting).</summary>
    int BatchesPerEpoch { get; }

    /// <summary>Training samples in an epoch, for the samples/s of progress reports (0 when a task does not count them).</summary>
    int SamplesPerEpoch => 0;

    /// <summary>
    /// Yields one scalar loss per mini-batch of <paramref name="epoch"/> (0-based). Enumeration is lazy: the
    /// trainer moves to the next batch only after it has stepped on the previous loss.
    /// </summary>
    IEnumerable<Tensor> EpochLosses(int epoch);
}
