namespace RecSharp.Training;

/// <summary>How a <see cref="Trainer"/> runs: epochs, early stopping, gradient clipping, logging.</summary>
public sealed record TrainerOptions
{
    /// <summary>Maximum number of epochs.</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Stop after this many validations without improvement (0 = never stop early).</summary>
    public int Patience { get; init; } = 5;

    /// <summary>Validate every this many epochs (the last epoch is always validated when a validator is given).</summary>
    public int ValidateEvery { get; init; } = 1;

    /// <summary>Clip the global gradient norm to this value before each step (null = no clipping).</summary>
    public double? ClipGradNorm { get; init; }

    /// <summary>Keep the parameters of the best validation and restore them at the end (RecBole's and ComiRec's rule).</summary>
    public bool RestoreBest { get; init; } = true;

    /// <summary>Print one line per epoch (loss, metric, time); progress bars are drawn only on an interactive terminal.</summary>
    public bool Verbose { get; init; } = true;

    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be at least 1");
        if (Patience < 0) throw new ArgumentOutOfRangeException(nameof(Patience), Patience, "Patience must be >= 0");
        if (ValidateEvery < 1) throw new ArgumentOutOfRangeException(nameof(ValidateEvery), ValidateEvery, "ValidateEvery must be at least 1");
        if (ClipGradNorm is <= 0) throw new ArgumentOutOfRangeException(nameof(ClipGradNorm), ClipGradNorm, "ClipGradNorm must be positive");
    }
}
