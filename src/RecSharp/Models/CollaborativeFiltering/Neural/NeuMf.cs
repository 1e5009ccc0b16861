using RecSharp.Torch;
using RecSharp.Torch.NN;

namespace RecSharp.Models.CollaborativeFiltering.Neural;

/// <summary>
/// NeuMF (He et al. 2017): separate GMF and MLP embeddings; logit = wᵀ[h_GMF ; h_MLP] + b. The output weight's
/// first <c>Factors</c> columns read the GMF feature, the rest the MLP feature.
/// </summary>
public sealed class NeuMf : PointwiseRecommender
{
    public NeuMf(int numUsers, int numItems, int factors, IReadOnlyList<int> layers) : base(numUsers, numItems)
    {
        Gmf = RegisterModule("gmf", new GmfLayer(numUsers, numItems, factors));
        Mlp = RegisterModule("mlp", new MlpLayer(numUsers, numItems, layers));
        Output = RegisterModule("output", new Linear(factors + Mlp.OutputWidth, 1));
    }

    public override string Name => "neumf";
    public GmfLayer Gmf { get; }
    public MlpLayer Mlp { get; }

    /// <summary>The prediction layer [1, Factors + layers[^1]] (+ bias).</summary>
    public Linear Output { get; }

    public override Tensor Logits(Tensor users, Tensor items)
    {
        using var gmf = Gmf.Features(users, items);
        using var mlp = Mlp.Features(users, items);
        using var h = torch.Cat([gmf, mlp], 1);
        using var logit = Output.Forward(h);
        return logit.Squeeze(-1);
    }

    /// <summary>
    /// NeuMF initialised from trained GMF and MLP models as in the NCF paper: embeddings and the MLP tower are
    /// copied, the output layer becomes [alpha·w_GMF , (1 - alpha)·w_MLP] with bias alpha·b_GMF + (1 - alpha)·b_MLP.
    /// The sources are not changed; the new model owns copies.
    /// </summary>
    public static NeuMf FromPretrained(Gmf gmf, Mlp mlp, double alpha = 0.5)
    {
        ArgumentNullException.ThrowIfNull(gmf);
        ArgumentNullException.ThrowIfNull(mlp);
        if (!(alpha >= 0 && alpha <= 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in [0, 1]");
        if (gmf.NumUsers != mlp.NumUsers || gmf.NumItems != mlp.NumItems)
            throw new ArgumentException($"GMF ({gmf.NumUsers} users, {gmf.NumItems} items) and MLP ({mlp.NumUsers} users, {mlp.NumItems} items) were trained on different data");

        var model = new NeuMf(gmf.NumUsers, gmf.NumItems, gmf.Features.Factors, mlp.Features.Layers);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.NoGrad();
        model.Gmf.LoadStateDict(gmf.Features.StateDict());
        model.Mlp.LoadStateDict(mlp.Features.StateDict());
        var weight = torch.Cat([gmf.Output.Weight * alpha, mlp.Output.Weight * (1 - alpha)], 1);
        var bias = gmf.Output.Bias! * alpha + mlp.Output.Bias! * (1 - alpha);
        model.Output.Weight.CopyFrom(weight);
        model.Output.Bias!.CopyFrom(bias);
        return model;
    }
}
