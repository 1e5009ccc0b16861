using System.Globalization;
using System.Text;

namespace RecSharp.Training;

/// <summary>Per-epoch records of a run, in order; written as CSV beside a model for training curves and reports.</summary>
public sealed class TrainingHistory
{
    private readonly List<EpochRecord> epochs = [];

    public IReadOnlyList<EpochRecord> Epochs => epochs;
    public string ValidationMetric { get; init; } = "validation";
    public int BestEpoch => epochs.LastOrDefault(e => e.IsBest)?.Epoch ?? -1;
    public bool StoppedEarly { get; internal set; }
    public double TotalSeconds => epochs.Sum(e => e.Seconds);

    internal void Add(EpochRecord record) => epochs.Add(record);

    /// <summary>CSV with header <c>epoch,loss,&lt;metric&gt;,seconds,best</c>; an epoch without validation has an empty metric.</summary>
    public string ToCsv()
    {
        var text = new StringBuilder();
        text.Append("epoch,loss,").Append(ValidationMetric).Append(",seconds,best\n");
        foreach (var e in epochs)
            text.Append(string.Create(CultureInfo.InvariantCulture,
                $"{e.Epoch},{e.MeanLoss:R},{(e.Validation is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "")},{e.Seconds:0.###},{(e.IsBest ? 1 : 0)}\n"));
        return text.ToString();
    }
}
