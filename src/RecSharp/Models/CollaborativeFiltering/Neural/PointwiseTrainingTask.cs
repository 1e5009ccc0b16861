using RecSharp.Data.Sampling;
using RecSharp.Torch;
using RecSharp.Torch.NN;
using RecSharp.Training;

namespace RecSharp.Models.CollaborativeFiltering.Neural;

/// <summary>
/// P2 training of a pointwise model: every train pair as a positive plus num_neg fresh negatives per positive
/// per epoch (<see cref="PointwiseBatchIterator"/>), mean binary cross-entropy on the logits.
/// </summary>
public sealed class PointwiseTrainingTask(PointwiseRecommender model, PointwiseBatchIterator batches) : ITrainingTask
{
    public Module Model => model;

    public int BatchesPerEpoch => checked((int)((batches.RowsPerEpoch + batches.BatchSize - 1) / batches.BatchSize));

    public IEnumerable<Tensor> EpochLosses(int epoch)
    {
        foreach (var batch in batches.Epoch(epoch))
        {
            var (users, items, labels) = batch.ToTensors();
            var logits = model.Logits(users, items);
            yield return Functional.BinaryCrossEntropyWithLogits(logits, labels);
        }
    }
}
