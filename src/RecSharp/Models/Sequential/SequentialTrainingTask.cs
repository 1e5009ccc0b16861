using RecSharp.Data.Sampling;
using RecSharp.Data.Splits;
using RecSharp.Models.Sequential.Losses;
using RecSharp.Torch;
using RecSharp.Torch.NN;
using RecSharp.Training;

namespace RecSharp.Models.Sequential;

/// <summary>
/// P1 training of a <see cref="SequentialRecallModel"/>: every epoch each train user with at least 5 items gives
/// one sample (cut drawn with the seed, <see cref="SequenceBatchIterator"/>); the loss scores the model's training
/// vector against the target over the item table.
/// </summary>
public sealed class SequentialTrainingTask : ITrainingTask
{
    private readonly SequentialRecallModel model;
    private readonly SequenceBatchIterator batches;

    public SequentialTrainingTask(SequentialRecallModel model, DataSplit split, ISequentialLoss loss, int batchSize = 128, long seed = 2020)
    {
        this.model = model ?? throw new ArgumentNullException(nameof(model));
        ArgumentNullException.ThrowIfNull(split);
        Loss = loss ?? throw new ArgumentNullException(nameof(loss));
        if (split.NumItems != model.Config.NumItems)
            throw new ArgumentException($"the model has {model.Config.NumItems} items but the split has {split.NumItems}", nameof(split));
        batches = new SequenceBatchIterator(split, batchSize, model.Config.MaxLength, seed);
        if (batches.SamplesPerEpoch == 0)
            throw new ArgumentException("no train user has at least 5 interactions: there is nothing to train on", nameof(split));
    }

    public Module Model => model;
    public ISequentialLoss Loss { get; }
    public int BatchesPerEpoch => batches.BatchesPerEpoch;
    public int SamplesPerEpoch => batches.SamplesPerEpoch;

    /// <summary>Wall time of each finished epoch's training steps (forward, backward, optimizer), without validation.</summary>
    public IReadOnlyList<double> TrainSeconds => trainSeconds;
    private readonly List<double> trainSeconds = [];

    public IEnumerable<Tensor> EpochLosses(int epoch)
    {
        // The trainer steps on each loss before asking for the next one, so this spans the whole epoch's training.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var batch in batches.Epoch(epoch))
        {
            var (history, mask, _, targets) = batch.ToTensors();
            yield return BatchLoss(model, Loss, history, mask, targets);
        }
        trainSeconds.Add(watch.Elapsed.TotalSeconds);
    }

    /// <summary>The loss of one batch: user vectors, the training vector picked against the target, the loss over the item table.</summary>
    public static Tensor BatchLoss(SequentialRecallModel model, ISequentialLoss loss, Tensor history, Tensor mask, Tensor targets)
    {
        var items = model.ItemVectors();
        var userVectors = model.UserVectors(history, mask);
        var targetVectors = items.IndexSelect(0, targets);
        var trainingVector = model.TrainingVector(userVectors, targetVectors);
        return loss.Compute(trainingVector, targets, items);
    }
}
