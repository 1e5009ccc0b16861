using System.Text.Json.Nodes;
using RecSharp.Data;
using RecSharp.Data.Dataset;
using RecSharp.Data.Splits;
using RecSharp.Evaluation.Protocols;

namespace RecSharp.Models.CollaborativeFiltering;

/// <summary>
/// Everything needed to re-create the split a CF or graph model was trained on: the protocol (P2 or P3), the data
/// path, the seed (P2 negatives), whether P2 held out each user's latest train item for validation, and whether P3
/// test rankings also exclude the validation items, and the P3 rule for data without labels. Written into config.json under the keys
/// "protocol", "data", "seed", "hold_out_validation", "exclude_valid" and (when given) "p3_split", so that <c>evaluate --checkpoint</c>
/// rebuilds exactly the same test cases.
/// </summary>
public sealed record CfSplitSpec(SplitProtocol Protocol, string Data, long Seed = 2020, bool HoldOutValidation = false, bool ExcludeValid = false,
    HoldoutRule? P3Split = null)
{
    public const string P3SplitKey = "p3_split";
    public const string ProtocolKey = "protocol";
    public const string DataKey = "data";
    public const string SeedKey = "seed";
    public const string HoldOutValidationKey = "hold_out_validation";
    public const string ExcludeValidKey = "exclude_valid";

    /// <summary>"p2" or "p3" (the form the flags and config.json use).</summary>
    public string ProtocolName => Protocol switch
    {
        SplitProtocol.P2LeaveOneOut => "p2",
        SplitProtocol.P3Holdout => "p3",
        _ => throw new InvalidOperationException($"CF models are trained under p2 or p3, not {Protocol}"),
    };

    /// <summary>Parses "p2" or "p3"; P1 is refused because it evaluates users that have no training interactions.</summary>
    public static SplitProtocol ParseProtocol(string text)
    {
        var protocol = ProtocolSplits.Parse(text);
        if (protocol == SplitProtocol.P1SequentialUserSplit)
            throw new ArgumentException("CF models need protocol p2 or p3 (p1 evaluates users unseen in training)");
        return protocol;
    }

    /// <summary>Loads the data and splits it (the loaded folder and dataset are returned for their vocabulary and name).</summary>
    public (LoadedData Loaded, InteractionDataset Dataset, DataSplit Split) Create()
    {
        var loaded = DataFolder.Open(Data);
        var dataset = loaded.BuildDataset();
        return (loaded, dataset, Split(loaded, dataset));
    }

    /// <summary>The split of already-loaded data.</summary>
    public DataSplit Split(LoadedData loaded, InteractionDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(dataset);
        if (Protocol == SplitProtocol.P2LeaveOneOut && HoldOutValidation)
        {
            var options = new LeaveOneOutOptions { Seed = Seed, HoldOutValidation = true };
            return loaded.Negatives is { Count: > 0 } negatives
                ? LeaveOneOutSplitter.FromNcf(dataset, negatives, options)
                : LeaveOneOutSplitter.FromRatings(dataset, options);
        }
        return ProtocolSplits.Create(loaded, dataset, Protocol, new ProtocolOptions { Seed = Seed, ExcludeValidationInTest = ExcludeValid, P3Split = P3Split });
    }

    /// <summary>Writes the keys into <paramref name="config"/>.</summary>
    public void WriteTo(JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config[ProtocolKey] = ProtocolName;
        config[DataKey] = Data;
        config[SeedKey] = Seed;
        config[HoldOutValidationKey] = HoldOutValidation;
        config[ExcludeValidKey] = ExcludeValid;
        if (P3Split is { } rule) config[P3SplitKey] = HoldoutSplitter.RuleName(rule);
    }

    /// <summary>Reads the keys back from a model folder's config.json (<paramref name="source"/> names the file in errors).</summary>
    public static CfSplitSpec ReadFrom(JsonObject config, string source)
    {
        ArgumentNullException.ThrowIfNull(config);
        try
        {
            string protocol = config[ProtocolKey]?.GetValue<string>()
                ?? throw new InvalidDataException($"{source}: field \"{ProtocolKey}\" is missing (expected \"p2\" or \"p3\")");
            string data = config[DataKey]?.GetValue<string>()
                ?? throw new InvalidDataException($"{source}: field \"{DataKey}\" is missing (expected the data folder's path)");
            return new CfSplitSpec(ParseProtocol(protocol), data,
                config[SeedKey]?.GetValue<long>() ?? 2020,
                config[HoldOutValidationKey]?.GetValue<bool>() ?? false,
                config[ExcludeValidKey]?.GetValue<bool>() ?? false,
                config[P3SplitKey]?.GetValue<string>() is { } rule ? HoldoutSplitter.ParseRule(rule) : null);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"{source}: the split fields ({ProtocolKey}, {DataKey}, {SeedKey}, {HoldOutValidationKey}, {ExcludeValidKey}) are invalid: {e.Message}", e);
        }
    }
}
