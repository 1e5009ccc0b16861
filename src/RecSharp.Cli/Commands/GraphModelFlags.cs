using System.CommandLine;
using RecSharp.Data.Features;
using RecSharp.Data.Splits;
using RecSharp.Models.Graph;

namespace RecSharp.Cli.Commands;

/// <summary>The command-line flags of the graph models (lightgcn, bm3) beyond the shared learned-model flags.</summary>
internal sealed class GraphModelFlags
{
    /// <summary>The help text of <c>--feature</c> (train and evaluate).</summary>
    public const string FeatureHelp = "BM3: NAME=SOURCE, SOURCE " + FeatureSpec.SourceGrammar + "; repeatable";

    private readonly Option<int?> layers = new("--gcn-layers") { Description = "LightGCN/BM3: propagation layers (default 2 for LightGCN, 1 for BM3)." };
    private readonly Option<double?> reg = new("--graph-reg") { Description = "LightGCN/BM3: L2 weight on the embeddings (default 1e-4 for LightGCN, 0.1 for BM3)." };
    private readonly Option<double> dropout = new("--dropout") { Description = "BM3: dropout of the target view.", DefaultValueFactory = _ => 0.3 };
    private readonly Option<double> clWeight = new("--cl-weight") { Description = "BM3: weight of the modality terms.", DefaultValueFactory = _ => 2.0 };
    private readonly Option<string[]?> feature = FeatureOption();

    public IEnumerable<Option> All => [layers, reg, dropout, clWeight, feature];

    public GraphOptions Bind(ParseResult result) => new()
    {
        Layers = result.GetValue(layers),
        RegWeight = result.GetValue(reg),
        Dropout = result.GetValue(dropout),
        ClWeight = result.GetValue(clWeight),
    };

    /// <summary>The parsed <c>--feature</c> values (none when not given).</summary>
    public IReadOnlyList<FeatureSpec> Features(ParseResult result, string model) => ParseFeatures(model, result.GetValue(feature));

    /// <summary>The <c>--feature</c> option, the same for train and evaluate.</summary>
    public static Option<string[]?> FeatureOption() => new("--feature") { Description = FeatureHelp, AllowMultipleArgumentsPerToken = false };

    /// <summary>Parses feature specs for <paramref name="model"/>; features are refused for any model but bm3.</summary>
    public static FeatureSpec[] ParseFeatures(string model, IEnumerable<string>? values)
    {
        var specs = (values ?? []).Select(FeatureSpec.Parse).ToArray();
        if (specs.Length > 0 && model.Trim().ToLowerInvariant() != "bm3")
            throw new ArgumentException($"--feature is for bm3; {model} uses no item features");
        return specs;
    }

    /// <summary>The <c>--p3-split</c> option (train and evaluate).</summary>
    public static Option<string?> P3SplitOption() => new("--p3-split")
    {
        Description = "P3 on data without split labels: chrono-80-10-10 (per user in time order: last round(10 %) test, the round(10 %) before valid, rest train; the default) "
            + "or leave-one-out (last row test, second-to-last valid); labels = the data's own labels.",
    };

    /// <summary>Parses a <c>--p3-split</c> value (null stays null: the default rule).</summary>
    public static HoldoutRule? ParseP3Split(string? text) => text is null ? null : HoldoutSplitter.ParseRule(text);
}
