using RecSharp.Torch;

namespace RecSharp.Models.Sequential;

/// <summary>
/// ComiRec-SA (Cen et al., KDD 2020): K attention heads over the history (<see cref="SelfAttentiveInterests"/>;
/// hidden size <see cref="SequentialModelConfig.AttentionHidden"/>, default 4 x Dim as the authors; optional position
/// embeddings) give K interest vectors; training scores the interest closest to the target (hard by default).
/// </summary>
public sealed class ComiRecSa : SequentialRecallModel
{
    public ComiRecSa(SequentialModelConfig config) : base(config)
    {
        ItemTableInit.Apply(ItemEmbedding);
        Attention = RegisterModule("attention", new SelfAttentiveInterests(config.Dim, config.MaxLength, config.Interests,
            config.AttentionHidden ?? 4 * config.Dim, config.PositionEmbedding));
    }

    public override string Name => "comirec-sa";

    public override int InterestCount => Config.Interests;

    public SelfAttentiveInterests Attention { get; }

    public override Tensor UserVectors(Tensor history, Tensor mask) =>
        Attention.Forward(HistoryInput.MaskedEmbeddings(Name, ItemEmbedding, history, mask), mask);
}
