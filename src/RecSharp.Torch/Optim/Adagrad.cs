namespace RecSharp.Torch.Optim;

/// <summary>
/// Adagrad, like torch.optim.Adagrad: g = grad + wd·p, clr = lr / (1 + (t-1)·lr_decay), sum += g²,
/// p -= clr · g / (√sum + eps).
/// </summary>
public sealed class Adagrad : Optimizer
{
    public Adagrad(IEnumerable<Tensor> parameters, double lr = 1e-2, double lrDecay = 0, double weightDecay = 0, double eps = 1e-10)
        : base(AdagradKind, parameters, lr, weightDecay, Validate(lrDecay, eps), b: 0, eps, flag: false)
    {
    }

    private static double Validate(double lrDecay, double eps)
    {
        CheckNonNegative(lrDecay, "lr decay");
        CheckNonNegative(eps, "epsilon value");
        return lrDecay;
    }
}
