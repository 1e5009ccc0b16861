using System.Diagnostics;
using RecSharp.Torch;
using RecSharp.Torch.Optim;

namespace RecSharp.Training;

/// <summary>
/// The epoch loop every trainable model shares (RecBole's Trainer): train mode, one optimizer step per mini-batch
/// inside a dispose scope, optional gradient clipping, validation under no-grad in eval mode, early stopping on the
/// validation value (higher is better) and restoring the best parameters at the end.
/// </summary>
public sealed class Trainer(TrainerOptions? options = null)
{
    public TrainerOptions Options { get; } = options ?? new TrainerOptions();

    /// <summary>Optional sink for progress lines (defaults to the console when <see cref="TrainerOptions.Verbose"/>).</summary>
    public Action<string>? Log { get; init; }

    /// <summary>
    /// Optional sink called on the training thread after every mini-batch (for a live progress bar). It must be
    /// quick: it runs between optimizer steps.
    /// </summary>
    public Action<TrainingProgress>? Progress { get; init; }

    /// <summary>
    /// Trains <paramref name="task"/> with <paramref name="optimizer"/>. <paramref name="validate"/> (optional)
    /// returns the model-selection value for the current parameters; it runs in eval mode under no-grad.
    /// </summary>
    /// <param name="resumeFrom">
    /// The history of an earlier run whose best parameters the model holds now (a saved model folder): training
    /// continues at epoch <c>resumeFrom.Epochs.Count</c> up to <see cref="TrainerOptions.Epochs"/> in total, a new
    /// best must beat the earlier best, and the returned history holds the earlier epochs followed by the new ones.
    /// </param>
    public TrainingHistory Fit(ITrainingTask task, Optimizer optimizer, Func<int, double>? validate = null, string validationMetric = "validation",
        TrainingHistory? resumeFrom = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(optimizer);
        Options.Validate();
        var log = Log ?? (Options.Verbose ? Console.WriteLine : null);
        var history = new TrainingHistory { ValidationMetric = resumeFrom?.ValidationMetric ?? validationMetric };
        var stopping = new EarlyStopping(Options.Patience);
        var parameters = task.Model.Parameters().Cast<Tensor>().ToArray();
        Dictionary<string, Tensor>? best = null;
        int firstEpoch = 0;
        if (resumeFrom is not null)
        {
            firstEpoch = resumeFrom.Epochs.Count;
            if (firstEpoch >= Options.Epochs)
                throw new ArgumentException($"the run to resume already has {firstEpoch} epoch(s) and {Options.Epochs} are asked for in total: ask for more epochs", nameof(resumeFrom));
            foreach (var record in resumeFrom.Epochs) history.Add(record);
            if (resumeFrom.Epochs.LastOrDefault(e => e.IsBest) is { Validation: { } bestValue } bestRecord)
            {
                stopping.Resume(bestValue, bestRecord.Epoch);
                // The model holds the earlier run's best parameters: they stay the ones to restore until beaten.
                if (Options.RestoreBest) best = Snapshot(task, null);
            }
        }
        try
        {
            for (int epoch = firstEpoch; epoch < Options.Epochs; epoch++)
            {
                var watch = Stopwatch.StartNew();
                double meanLoss = RunEpoch(task, optimizer, parameters, epoch);
                double? value = null;
                bool isBest = false;
                bool last = epoch == Options.Epochs - 1;
                if (validate is not null && ((epoch + 1) % Options.ValidateEvery == 0 || last))
                {
                    value = Validate(task, validate, epoch);
                    isBest = stopping.Report(epoch, value.Value);
                    if (isBest && Options.RestoreBest) best = Snapshot(task, best);
                }
                var record = new EpochRecord(epoch, meanLoss, value, watch.Elapsed.TotalSeconds, isBest);
                history.Add(record);
                log?.Invoke(Describe(record, validationMetric, Options.Epochs));
                if (stopping.ShouldStop)
                {
                    history.StoppedEarly = true;
                    log?.Invoke($"early stop: no improvement of {validationMetric} for {Options.Patience} validations; best epoch {stopping.BestEpoch + 1}");
                    break;
                }
            }
            if (best is not null) task.Model.LoadStateDict(best);
            return history;
        }
        finally
        {
            if (best is not null) foreach (var t in best.Values) t.Dispose();
        }
    }

    private double RunEpoch(ITrainingTask task, Optimizer optimizer, Tensor[] parameters, int epoch)
    {
        task.Model.Train();
        double sum = 0;
        int batches = 0;
        var watch = Stopwatch.StartNew();
        int planned = task.BatchesPerEpoch;
        int samples = task.SamplesPerEpoch;
        using var losses = task.EpochLosses(epoch).GetEnumerator();
        while (true)
        {
            using var scope = torch.NewDisposeScope();
            if (!losses.MoveNext()) break;
            var loss = losses.Current;
            optimizer.ZeroGrad();
            loss.Backward();
            if (Options.ClipGradNorm is { } maxNorm) Optimizer.ClipGradNorm(parameters, maxNorm);
            optimizer.Step();
            double value = loss.ToDouble();
            if (!double.IsFinite(value))
                throw new InvalidOperationException($"training diverged: the loss of epoch {epoch + 1}, batch {batches + 1} is {value}; lower the learning rate or clip gradients");
            sum += value;
            batches++;
            Progress?.Invoke(new TrainingProgress(epoch, Options.Epochs, batches, Math.Max(planned, batches), sum / batches, watch.Elapsed.TotalSeconds, samples));
        }
        if (batches == 0) throw new InvalidOperationException($"epoch {epoch + 1} produced no mini-batches: the training data is empty");
        return sum / batches;
    }

    private static double Validate(ITrainingTask task, Func<int, double> validate, int epoch)
    {
        task.Model.Eval();
        try
        {
            using var noGrad = torch.NoGrad();
            using var scope = torch.NewDisposeScope();
            return validate(epoch);
        }
        finally
        {
            task.Model.Train();
        }
    }

    /// <summary>Copies the current parameters (replacing an older snapshot) so the best epoch can be restored.</summary>
    private static Dictionary<string, Tensor> Snapshot(ITrainingTask task, Dictionary<string, Tensor>? previous)
    {
        if (previous is not null) foreach (var t in previous.Values) t.Dispose();
        var copy = new Dictionary<string, Tensor>();
        using var noGrad = torch.NoGrad();
        var state = task.Model.StateDict();
        foreach (var (name, tensor) in state)
        {
            copy[name] = tensor.Clone().DetachFromDisposeScope();
            tensor.Dispose();
        }
        return copy;
    }

    private static string Describe(EpochRecord r, string metric, int epochs)
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        string validation = r.Validation is { } v ? string.Create(c, $"  {metric} {v:0.0000}{(r.IsBest ? " *" : "")}") : "";
        return string.Create(c, $"epoch {r.Epoch + 1}/{epochs}  loss {r.MeanLoss:0.00000}{validation}  {r.Seconds:0.0} s");
    }
}
