namespace RecSharp.Torch.Optim;

/// <summary>
/// Adam, like torch.optim.Adam: g = grad + wd·p (L2 penalty coupled to the gradient), m = β1·m + (1-β1)·g,
/// v = β2·v + (1-β2)·g², p -= lr · (m / (1-β1ᵗ)) / (√(v / (1-β2ᵗ)) + eps).
/// </summary>
public sealed class Adam : Optimizer
{
    public Adam(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
        double weightDecay = 0, bool amsgrad = false)
        : base(AdamKind, parameters, lr, weightDecay, AdamChecks.Betas(beta1, beta2, eps), beta2, eps, amsgrad)
    {
    }
}

/// <summary>
/// AdamW, like torch.optim.AdamW: the Adam update on the raw gradient, with weight decay decoupled from it:
/// p -= lr·wd·p before the Adam step. The default decay is 0.01 as in PyTorch.
/// </summary>
public sealed class AdamW : Optimizer
{
    public AdamW(IEnumerable<Tensor> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8,
        double weightDecay = 0.01, bool amsgrad = false)
        : base(AdamWKind, parameters, lr, weightDecay, AdamChecks.Betas(beta1, beta2, eps), beta2, eps, amsgrad)
    {
    }
}

internal static class AdamChecks
{
    /// <summary>Validates the Adam hyper-parameters and passes beta1 through (for use in a base-constructor call).</summary>
    public static double Betas(double beta1, double beta2, double eps)
    {
        Check(beta1, "beta1");
        Check(beta2, "beta2");
        if (!(eps >= 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, $"invalid epsilon value: {eps} (must be >= 0)");
        return beta1;
    }

    private static void Check(double beta, string name)
    {
        if (!(beta >= 0 && beta < 1)) throw new ArgumentOutOfRangeException(name, beta, $"invalid {name}: {beta} (must be in [0, 1))");
    }
}
