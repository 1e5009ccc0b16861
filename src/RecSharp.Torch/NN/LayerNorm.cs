namespace RecSharp.Torch.NN;

/// <summary>
/// Normalises over the last dimensions given by <c>normalizedShape</c> to mean 0 and variance 1 (biased), then
/// applies an elementwise affine map (weight starts at 1, bias at 0), like torch.nn.LayerNorm.
/// </summary>
public sealed class LayerNorm : Module<Tensor, Tensor>
{
    private readonly long[] normalizedShape;

    public LayerNorm(long[] normalizedShape, double eps = 1e-5, bool elementwiseAffine = true, bool hasBias = true,
        ScalarType dtype = ScalarType.Float32)
    {
        ArgumentNullException.ThrowIfNull(normalizedShape);
        if (normalizedShape.Length == 0 || normalizedShape.Any(s => s <= 0))
            throw new ArgumentException($"LayerNorm needs a non-empty shape of positive sizes, got {FormatShape(normalizedShape)}", nameof(normalizedShape));
        this.normalizedShape = (long[])normalizedShape.Clone();
        Eps = eps;
        if (elementwiseAffine)
        {
            Weight = RegisterParameter("weight", ParameterFactory.Empty(this.normalizedShape, dtype));
            Bias = RegisterParameter("bias", hasBias ? ParameterFactory.Empty(this.normalizedShape, dtype) : null);
        }
        ResetParameters();
    }

    public LayerNorm(long normalizedSize, double eps = 1e-5, ScalarType dtype = ScalarType.Float32)
        : this([normalizedSize], eps, dtype: dtype) { }

    public IReadOnlyList<long> NormalizedShape => normalizedShape;
    public double Eps { get; }
    public Parameter? Weight { get; }
    public Parameter? Bias { get; }

    public void ResetParameters()
    {
        if (Weight is not null) Init.Ones(Weight);
        if (Bias is not null) Init.Zeros(Bias);
    }

    public override Tensor Forward(Tensor input) => Functional.LayerNorm(input, normalizedShape, Weight, Bias, Eps);

    public override string ToString() => $"LayerNorm({FormatShape(normalizedShape)}, eps={Eps})";
}
