namespace RecSharp.Torch.Optim;

/// <summary>
/// Stochastic gradient descent, like torch.optim.SGD: g = grad + wd·p; with momentum, buf = μ·buf + (1 - dampening)·g
/// (buf = g on the first step) and g = buf, or g + μ·buf with Nesterov; then p -= lr·g.
/// </summary>
public sealed class SGD : Optimizer
{
    public SGD(IEnumerable<Tensor> parameters, double lr, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false)
        : base(SgdKind, parameters, lr, weightDecay, Validate(momentum, dampening, nesterov), dampening, eps: 0, flag: nesterov)
    {
    }

    private static double Validate(double momentum, double dampening, bool nesterov)
    {
        CheckNonNegative(momentum, "momentum");
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException($"Nesterov momentum requires a momentum and zero dampening (momentum {momentum}, dampening {dampening})", nameof(nesterov));
        return momentum;
    }
}
