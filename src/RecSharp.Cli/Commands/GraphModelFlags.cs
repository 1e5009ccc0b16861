using System.CommandLine;
using RecSharp.Models.Graph;

namespace RecSharp.Cli.Commands;

/// <summary>The command-line flags of the graph models (lightgcn, bm3) beyond the shared learned-model flags.</summary>
internal sealed class GraphModelFlags
{
    private readonly Option<int?> layers = new("--gcn-layers") { Description = "LightGCN/BM3: propagation layers (default 2 for LightGCN, 1 for BM3)." };
    private readonly Option<double?> reg = new("--graph-reg") { Description = "LightGCN/BM3: L2 weight on the embeddings (default 1e-4 for LightGCN, 0.1 for BM3)." };
    private readonly Option<double> dropout = new("--dropout") { Description = "BM3: dropout of the target view.", DefaultValueFactory = _ => 0.3 };
    private readonly Option<double> clWeight = new("--cl-weight") { Description = "BM3: weight of the modality terms.", DefaultValueFactory = _ => 2.0 };

    public IEnumerable<Option> All => [layers, reg, dropout, clWeight];

    public GraphOptions Bind(ParseResult result) => new()
    {
        Layers = result.GetValue(layers),
        RegWeight = result.GetValue(reg),
        Dropout = result.GetValue(dropout),
        ClWeight = result.GetValue(clWeight),
    };
}
