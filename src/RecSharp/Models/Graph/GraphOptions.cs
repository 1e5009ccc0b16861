namespace RecSharp.Models.Graph;

/// <summary>
/// Hyper-parameters of the graph models beyond the shared learned-model ones (dim, epochs, lr, batch, seed, early
/// stopping). Null means the model's default: LightGCN 2 layers, reg 1e-4; BM3 (the authors' defaults) 1 layer,
/// reg 0.1, dropout 0.3, cl_weight 2.0.
/// </summary>
public sealed record GraphOptions
{
    public int? Layers { get; init; }
    public double? RegWeight { get; init; }
    /// <summary>BM3: dropout of the target view.</summary>
    public double Dropout { get; init; } = 0.3;
    /// <summary>BM3: weight of the modality terms.</summary>
    public double ClWeight { get; init; } = 2.0;

    public int ResolvedLayers(string model) => Layers ?? (model == "bm3" ? 1 : 2);
    public double ResolvedRegWeight(string model) => RegWeight ?? (model == "bm3" ? 0.1 : 1e-4);

    public void Validate()
    {
        if (Layers is < 0) throw new ArgumentOutOfRangeException(nameof(Layers), Layers, "--gcn-layers must be >= 0");
        if (RegWeight is { } reg && !(reg >= 0)) throw new ArgumentOutOfRangeException(nameof(RegWeight), reg, "--graph-reg must be >= 0");
        if (!(Dropout >= 0 && Dropout < 1)) throw new ArgumentOutOfRangeException(nameof(Dropout), Dropout, "--dropout must be in [0, 1)");
        if (!(ClWeight >= 0)) throw new ArgumentOutOfRangeException(nameof(ClWeight), ClWeight, "--cl-weight must be >= 0");
    }
}
