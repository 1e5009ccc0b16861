namespace RecSharp.Data.Splits;

/// <summary>Options of P2 (defaults as in docs/PROTOCOLS.md).</summary>
public sealed record LeaveOneOutOptions
{
    public long Seed { get; init; } = 2020;
    /// <summary>Sampled negatives per held-out item (99 gives 100 candidates).</summary>
    public int NumNegatives { get; init; } = 99;
    /// <summary>Also hold out each user's latest train interaction as a validation item with its own negatives.</summary>
    public bool HoldOutValidation { get; init; }
}
