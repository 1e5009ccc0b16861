using RecSharp.Data.Sampling;
using RecSharp.Torch;
using RecSharp.Torch.NN;
using RecSharp.Training;

namespace RecSharp.Models.Graph;

/// <summary>BM3 training: each train pair once per epoch (BM3 uses no negatives, so the iterator's are ignored).</summary>
public sealed class Bm3TrainingTask(Bm3 model, PairwiseBatchIterator batches, double clWeight, double regWeight) : ITrainingTask
{
    public Module Model => model;

    public int BatchesPerEpoch => batches.BatchesPerEpoch;

    public IEnumerable<Tensor> EpochLosses(int epoch)
    {
        foreach (var batch in batches.Epoch(epoch))
        {
            var (users, positives, negatives) = batch.ToTensors();
            negatives.Dispose();
            var terms = model.Loss(users, positives, clWeight, regWeight);
            // The trainer's scope frees the other terms; only the total is stepped on.
            yield return terms.Total;
        }
    }
}
