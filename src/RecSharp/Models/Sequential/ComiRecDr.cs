using RecSharp.Torch;
using RecSharp.Torch.NN;

namespace RecSharp.Models.Sequential;

/// <summary>
/// ComiRec-DR (Cen et al., KDD 2020): dynamic routing with a separate bilinear map per history position and
/// interest (a [L, K*d, d] parameter drawn N(0, 1/d) by default, <see cref="SequentialModelConfig.PerPositionInitStd"/>), routing logits starting at zero, and hard selection of the
/// interest closest to the target in training. No ReLU projection (the authors' setting), whatever
/// <see cref="SequentialModelConfig.ReluProjection"/> says: that switch is MIND's. On request the capsules are
/// multiplied by a learned positive scale before scoring (<see cref="SequentialModelConfig.LearnedCapsuleScale"/>;
/// not in the authors' model and off by default, see there for why).
/// </summary>
public sealed class ComiRecDr : SequentialRecallModel
{
    public ComiRecDr(SequentialModelConfig config) : base(config)
    {
        ItemTableInit.Apply(ItemEmbedding);
        Routing = RegisterModule("routing", new CapsuleRouting(config.Dim, config.MaxLength, config.Interests,
            CapsuleBilinear.PerPosition, config.RoutingIterations, perPositionInitStd: config.PerPositionInitStd));
        if (config.LearnedCapsuleScale ?? false)
        {
            using var initial = torch.Full([1], 0.5 * Math.Log(config.Dim));
            logScale = RegisterParameter(CapsuleScaleParameter, new Parameter(initial));
        }
    }

    /// <summary>State-dict name of the log of the learned capsule scale (present only when the scale is on).</summary>
    public const string CapsuleScaleParameter = "capsule_log_scale";

    private readonly Parameter? logScale;

    /// <summary>The current capsule scale s = exp(t), or null when the scale is off (the authors' model).</summary>
    public double? CapsuleScale => logScale is null ? null : Math.Exp(logScale.ToDouble());

    public override string Name => "comirec-dr";

    public override int InterestCount => Config.Interests;

    public CapsuleRouting Routing { get; }

    public override Tensor UserVectors(Tensor history, Tensor mask)
    {
        var capsules = Routing.Forward(HistoryInput.MaskedEmbeddings(Name, ItemEmbedding, history, mask), mask);
        return logScale is null ? capsules : capsules.Mul(logScale.Exp());
    }
}
