namespace RecSharp.Torch.NN;

/// <summary>max(0, x) as a module, for use in <see cref="Sequential"/>.</summary>
public sealed class ReLU : Module<Tensor, Tensor>
{
    public override Tensor Forward(Tensor input) => input.Relu();
}

/// <summary>tanh(x) as a module.</summary>
public sealed class Tanh : Module<Tensor, Tensor>
{
    public override Tensor Forward(Tensor input) => input.Tanh();
}

/// <summary>1 / (1 + e^-x) as a module.</summary>
public sealed class Sigmoid : Module<Tensor, Tensor>
{
    public override Tensor Forward(Tensor input) => input.Sigmoid();
}
