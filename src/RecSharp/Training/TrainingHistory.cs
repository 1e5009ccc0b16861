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

    /// <summary>
    /// Reads a history.csv written by <see cref="ToCsv"/> (a saved model folder's), e.g. to resume the run; errors name
    /// the file, the line and the field. A record's epoch is its row order (0-based), as the trainer numbers them.
    /// </summary>
    public static TrainingHistory Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: training history not found", path);
        var lines = File.ReadAllLines(path);
        var header = lines.Length > 0 ? lines[0].Split(',') : [];
        if (header.Length != 5 || header[0] != "epoch" || header[1] != "loss" || header[3] != "seconds" || header[4] != "best")
            throw new InvalidDataException($"{path}:1: expected the header epoch,loss,<metric>,seconds,best, got \"{(lines.Length > 0 ? lines[0] : "")}\"");
        var history = new TrainingHistory { ValidationMetric = header[2] };
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var fields = lines[i].Split(',');
            if (fields.Length != 5) throw new InvalidDataException($"{path}:{i + 1}: expected 5 fields, got {fields.Length}");
            int epoch = (int)Number(path, i + 1, "epoch", fields[0]);
            if (epoch != history.epochs.Count)
                throw new InvalidDataException($"{path}:{i + 1}: field \"epoch\" is {fields[0]} but epoch {history.epochs.Count} was expected (rows in order from 0)");
            double? validation = fields[2].Length == 0 ? null : Number(path, i + 1, header[2], fields[2]);
            history.Add(new EpochRecord(epoch, Number(path, i + 1, "loss", fields[1]), validation, Number(path, i + 1, "seconds", fields[3]),
                fields[4] switch
                {
                    "1" => true,
                    "0" => false,
                    _ => throw new InvalidDataException($"{path}:{i + 1}: field \"best\" must be 0 or 1, got \"{fields[4]}\""),
                }));
        }
        return history;
    }

    private static double Number(string path, int line, string field, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"{path}:{line}: field \"{field}\" is not a number (\"{text}\")");

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
