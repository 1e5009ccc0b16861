using RecSharp.Torch;
using RecSharp.Torch.NN;

namespace RecSharp.Models.CollaborativeFiltering.Neural;

/// <summary>GMF (He et al. 2017): logit = wᵀ(p_u ⊙ q_i) + b.</summary>
public sealed class Gmf : PointwiseRecommender
{
    public Gmf(int numUsers, int numItems, int factors) : base(numUsers, numItems)
    {
        Features = RegisterModule("gmf", new GmfLayer(numUsers, numItems, factors));
        Output = RegisterModule("output", new Linear(factors, 1));
    }

    public override string Name => "gmf";
    public GmfLayer Features { get; }

    /// <summary>The prediction layer [1, Factors] (+ bias).</summary>
    public Linear Output { get; }

    public override Tensor Logits(Tensor users, Tensor items)
    {
        using var h = Features.Features(users, items);
        using var logit = Output.Forward(h);
        return logit.Squeeze(-1);
    }
}
