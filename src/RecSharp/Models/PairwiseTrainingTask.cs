using RecSharp.Data.Sampling;
using RecSharp.Torch;
using RecSharp.Torch.NN;
using RecSharp.Training;

namespace RecSharp.Models;

/// <summary>
/// Pairwise training (BPR-MF, LightGCN): each train pair once per epoch with one fresh negative
/// (<see cref="PairwiseBatchIterator"/>).
/// </summary>
public sealed class PairwiseTrainingTask<TModel>(TModel model, PairwiseBatchIterator batches, double regWeight) : ITrainingTask
    where TModel : Module, IPairwiseRankingModel
{
    public Module Model => model;

    public int BatchesPerEpoch => batches.BatchesPerEpoch;

    public IEnumerable<Tensor> EpochLosses(int epoch)
    {
        foreach (var batch in batches.Epoch(epoch))
        {
            var (users, positives, negatives) = batch.ToTensors();
            yield return model.Loss(users, positives, negatives, regWeight);
        }
    }
}
