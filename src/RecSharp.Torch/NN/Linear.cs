namespace RecSharp.Torch.NN;

/// <summary>y = x Wᵀ + b, like torch.nn.Linear. Weight (out, in); bias (out).</summary>
public sealed class Linear : Module<Tensor, Tensor>
{
    public Linear(long inFeatures, long outFeatures, bool hasBias = true, ScalarType dtype = ScalarType.Float32)
    {
        if (inFeatures < 0 || outFeatures < 0)
            throw new ArgumentOutOfRangeException(nameof(inFeatures), $"Linear sizes must not be negative (in {inFeatures}, out {outFeatures})");
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = RegisterParameter("weight", ParameterFactory.Empty([outFeatures, inFeatures], dtype))!;
        Bias = RegisterParameter("bias", hasBias ? ParameterFactory.Empty([outFeatures], dtype) : null);
        ResetParameters();
    }

    public long InFeatures { get; }
    public long OutFeatures { get; }
    public Parameter Weight { get; }
    public Parameter? Bias { get; }

    /// <summary>PyTorch's default: kaiming_uniform(a = √5) on the weight, i.e. U(±1/√fan_in), and U(±1/√fan_in) on the bias.</summary>
    public void ResetParameters()
    {
        if (InFeatures == 0) return; // nothing to draw from; PyTorch leaves an empty weight as is
        Init.KaimingUniform(Weight, a: Math.Sqrt(5));
        if (Bias is not null)
        {
            double bound = 1 / Math.Sqrt(InFeatures);
            Init.Uniform(Bias, -bound, bound);
        }
    }

    public override Tensor Forward(Tensor input) => Functional.Linear(input, Weight, Bias);

    public override string ToString() => $"Linear(in_features={InFeatures}, out_features={OutFeatures}, bias={Bias is not null})";
}
