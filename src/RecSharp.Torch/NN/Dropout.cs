namespace RecSharp.Torch.NN;

/// <summary>Zeroes each element with probability P and scales the rest by 1/(1-P) in training; identity in evaluation.</summary>
public sealed class Dropout : Module<Tensor, Tensor>
{
    public Dropout(double p = 0.5)
    {
        if (p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1]");
        P = p;
    }

    public double P { get; }

    public override Tensor Forward(Tensor input) => Functional.Dropout(input, P, IsTraining);

    public override string ToString() => $"Dropout(p={P})";
}
