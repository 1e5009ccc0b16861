using RecSharp.Torch;
using RecSharp.Torch.NN;

namespace RecSharp.Models.Sequential;

/// <summary>
/// GRU4Rec for recall: item embeddings run through a GRU (<see cref="SequentialModelConfig.GruLayers"/> layers,
/// hidden size Dim, batch first); the user vector is the last layer's output after the last real item. Histories
/// are left-aligned, so the padding comes after that position and cannot change it (P1).
/// </summary>
public sealed class Gru4Rec : SequentialRecallModel
{
    private readonly GRU gru;

    public Gru4Rec(SequentialModelConfig config) : base(config)
    {
        ItemTableInit.Apply(ItemEmbedding);
        if (config.GruLayers < 1) throw new ArgumentOutOfRangeException(nameof(config), config.GruLayers, "GruLayers must be at least 1");
        gru = RegisterModule("gru", new GRU(config.Dim, config.Dim, config.GruLayers, batchFirst: true));
    }

    public override string Name => "gru4rec";
    public override int InterestCount => 1;

    public override Tensor UserVectors(Tensor history, Tensor mask)
    {
        var embedded = ItemEmbedding.Forward(history);                          // [B, L, d]
        var (output, _) = gru.Forward(embedded);                                // [B, L, d]
        // Position of the last real item; an empty history (length 0) reads position 0.
        var last = mask.Sum(1).Sub(1).ClampMin(0).To(ScalarType.Int64);         // [B]
        var index = last.View(-1, 1, 1).Expand(-1, 1, output.Shape[2]);         // [B, 1, d]
        return output.Gather(1, index);                                         // [B, 1, d]
    }
}
