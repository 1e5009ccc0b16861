using RecSharp.Torch;

namespace RecSharp.Models.Sequential;

/// <summary>
/// MIND (Li et al., CIKM 2019) as the ComiRec authors implement it: the history items go through one shared
/// bilinear map, B2I dynamic routing from routing logits drawn N(0, 1) afresh for every sample and forward pass,
/// an optional ReLU projection of the capsules (<see cref="SequentialModelConfig.ReluProjection"/>), and, in
/// training, label-aware attention that picks the interest closest to the target (hard by default).
/// Because the logits are random, two forward passes differ unless the libtorch seed is fixed in between.
/// </summary>
public sealed class Mind : SequentialRecallModel
{
    public Mind(SequentialModelConfig config) : base(config)
    {
        ItemTableInit.Apply(ItemEmbedding);
        Routing = RegisterModule("routing", new CapsuleRouting(config.Dim, config.MaxLength, config.Interests,
            CapsuleBilinear.Shared, config.RoutingIterations, config.ReluProjection));
    }

    public override string Name => "mind";

    public override int InterestCount => Config.Interests;

    public CapsuleRouting Routing { get; }

    public override Tensor UserVectors(Tensor history, Tensor mask) =>
        Routing.Forward(HistoryInput.MaskedEmbeddings(Name, ItemEmbedding, history, mask), mask);
}
