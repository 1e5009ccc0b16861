using RecSharp.Torch;

namespace RecSharp.Models.Sequential;

/// <summary>
/// ComiRec-DR (Cen et al., KDD 2020): dynamic routing with a separate bilinear map per history position and
/// interest (a [L, K*d, d] parameter drawn N(0, 1/d) by default, <see cref="SequentialModelConfig.PerPositionInitStd"/>), routing logits starting at zero, and hard selection of the
/// interest closest to the target in training. No ReLU projection (the authors' setting), whatever
/// <see cref="SequentialModelConfig.ReluProjection"/> says: that switch is MIND's.
/// </summary>
public sealed class ComiRecDr : SequentialRecallModel
{
    public ComiRecDr(SequentialModelConfig config) : base(config)
    {
        ItemTableInit.Apply(ItemEmbedding);
        Routing = RegisterModule("routing", new CapsuleRouting(config.Dim, config.MaxLength, config.Interests,
            CapsuleBilinear.PerPosition, config.RoutingIterations, perPositionInitStd: config.PerPositionInitStd));
    }

    public override string Name => "comirec-dr";

    public override int InterestCount => Config.Interests;

    public CapsuleRouting Routing { get; }

    public override Tensor UserVectors(Tensor history, Tensor mask) =>
        Routing.Forward(HistoryInput.MaskedEmbeddings(Name, ItemEmbedding, history, mask), mask);
}
