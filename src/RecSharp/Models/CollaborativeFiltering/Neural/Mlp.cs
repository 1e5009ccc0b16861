using RecSharp.Torch;
using RecSharp.Torch.NN;

namespace RecSharp.Models.CollaborativeFiltering.Neural;

/// <summary>MLP (He et al. 2017): logit = wᵀ tower([p_u ; q_i]) + b.</summary>
public sealed class Mlp : PointwiseRecommender
{
    public Mlp(int numUsers, int numItems, IReadOnlyList<int> layers) : base(numUsers, numItems)
    {
        Features = RegisterModule("mlp", new MlpLayer(numUsers, numItems, layers));
        Output = RegisterModule("output", new Linear(Features.OutputWidth, 1));
    }

    public override string Name => "mlp";
    public MlpLayer Features { get; }

    /// <summary>The prediction layer [1, layers[^1]] (+ bias).</summary>
    public Linear Output { get; }

    public override Tensor Logits(Tensor users, Tensor items)
    {
        using var h = Features.Features(users, items);
        using var logit = Output.Forward(h);
        return logit.Squeeze(-1);
    }
}
