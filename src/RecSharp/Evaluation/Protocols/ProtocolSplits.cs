using RecSharp.Data;
using RecSharp.Data.Dataset;
using RecSharp.Data.Splits;

namespace RecSharp.Evaluation.Protocols;

/// <summary>Options that choose and parameterise a protocol's split (docs PROTOCOLS.md; defaults as given there).</summary>
public sealed record ProtocolOptions
{
    public long Seed { get; init; } = 2020;
    /// <summary>P1: history length L.</summary>
    public int MaxLength { get; init; } = 20;
    /// <summary>P2 from raw ratings: negatives drawn per held-out item.</summary>
    public int NumNegatives { get; init; } = 99;
    /// <summary>P3: also exclude each user's validation items when ranking for test.</summary>
    public bool ExcludeValidationInTest { get; init; }
    /// <summary>P3: how rows become train / validation / test; null = the data's labels, or chrono-80-10-10 on data without them.</summary>
    public HoldoutRule? P3Split { get; init; }
}

/// <summary>Builds the split a protocol calls for from whatever <see cref="DataFolder.Open"/> loaded.</summary>
public static class ProtocolSplits
{
    /// <summary>Parses "p1", "p2", "p3" (any case).</summary>
    public static SplitProtocol Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "p1" => SplitProtocol.P1SequentialUserSplit,
        "p2" => SplitProtocol.P2LeaveOneOut,
        "p3" => SplitProtocol.P3Holdout,
        _ => throw new ArgumentException($"unknown protocol '{name}': expected p1, p2 or p3"),
    };

    /// <summary>
    /// P1: sequential user split of the time-ordered interactions. P2: the NCF files' held-out items and negatives
    /// when the folder has them, otherwise leave-latest-out with sampled negatives. P3: the file's train/valid/test labels,
    /// or on data without labels the <see cref="ProtocolOptions.P3Split"/> rule (<see cref="HoldoutSplitter.Split"/>).
    /// </summary>
    public static DataSplit Create(LoadedData loaded, InteractionDataset dataset, SplitProtocol protocol, ProtocolOptions? options = null)
    {
        options ??= new ProtocolOptions();
        if (options.P3Split is { } rule && protocol != SplitProtocol.P3Holdout)
            throw new ArgumentException($"--p3-split {HoldoutSplitter.RuleName(rule)} applies to protocol p3 only");
        return protocol switch
        {
            SplitProtocol.P1SequentialUserSplit => SequentialUserSplitter.Split(dataset, new SequentialSplitOptions { Seed = options.Seed, MaxLength = options.MaxLength }),
            SplitProtocol.P2LeaveOneOut => loaded.Negatives is { Count: > 0 } negatives
                ? LeaveOneOutSplitter.FromNcf(dataset, negatives, new LeaveOneOutOptions { Seed = options.Seed })
                : LeaveOneOutSplitter.FromRatings(dataset, new LeaveOneOutOptions { Seed = options.Seed, NumNegatives = options.NumNegatives }),
            SplitProtocol.P3Holdout => HoldoutSplitter.Split(dataset, new HoldoutOptions { ExcludeValidationInTest = options.ExcludeValidationInTest, Rule = options.P3Split }),
            _ => throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "unknown protocol"),
        };
    }

    /// <summary>
    /// Items to exclude from test rankings beyond the training items: the validation targets when the P3 split was
    /// made with <see cref="ProtocolOptions.ExcludeValidationInTest"/>, otherwise none.
    /// </summary>
    public static UserItemLists? ExtraTestExclusions(DataSplit split)
    {
        if (!split.Settings.TryGetValue("exclude_validation_in_test", out var value) || value != "true") return null;
        var lists = new IReadOnlyList<int>?[split.NumUsers];
        foreach (var c in split.Validation) lists[c.User] = c.Targets;
        return UserItemLists.FromLists(lists);
    }
}
