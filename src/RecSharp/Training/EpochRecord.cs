namespace RecSharp.Training;

/// <summary>One epoch of a training run: mean training loss, validation metric (if validated) and wall time.</summary>
public sealed record EpochRecord(int Epoch, double MeanLoss, double? Validation, double Seconds, bool IsBest);
