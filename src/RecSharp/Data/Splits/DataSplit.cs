namespace RecSharp.Data.Splits;

/// <summary>Which protocol of docs/PROTOCOLS.md produced a split.</summary>
public enum SplitProtocol
{
    /// <summary>P1: sequential recall, users split 8:1:1 (ComiRec).</summary>
    P1SequentialUserSplit,
    /// <summary>P2: leave-one-out with sampled negatives (NCF).</summary>
    P2LeaveOneOut,
    /// <summary>P3: full ranking on a labelled train/validation/test holdout (MMRec, LATTICE).</summary>
    P3Holdout,
}

/// <summary>
/// The result of splitting a data set for one evaluation protocol. All ids are internal: users 0..NumUsers-1,
/// items 1..NumItems (0 is padding and never a target or negative).
/// </summary>
public sealed class DataSplit
{
    public required SplitProtocol Protocol { get; init; }
    public required int NumUsers { get; init; }
    /// <summary>Real items are 1..NumItems; item tables need NumItems + 1 rows.</summary>
    public required int NumItems { get; init; }

    /// <summary>
    /// Training interactions per user, time-ordered. P1: the full sequences of the train users (other users have
    /// empty lists). P2: every user's interactions minus the held-out ones. P3: the rows labelled train.
    /// Also the set of items to exclude when ranking in P3.
    /// </summary>
    public required UserItemLists Train { get; init; }

    /// <summary>Users whose data is used for training (P1: the train users; P2/P3: users with at least one train item), ascending.</summary>
    public required int[] TrainUsers { get; init; }

    /// <summary>Validation cases, ascending by user (empty when the protocol's option to validate is off).</summary>
    public required IReadOnlyList<EvaluationCase> Validation { get; init; }

    /// <summary>Test cases, ascending by user.</summary>
    public required IReadOnlyList<EvaluationCase> Test { get; init; }

    /// <summary>The options that produced the split (seed, max length, ...), to be recorded with results.</summary>
    public required IReadOnlyDictionary<string, string> Settings { get; init; }

    /// <summary>What the splitter left out and why (e.g. users too short to hold out an item), so nothing is dropped silently.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
