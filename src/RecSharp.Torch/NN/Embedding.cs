namespace RecSharp.Torch.NN;

/// <summary>
/// A lookup table of <c>numEmbeddings</c> vectors, like torch.nn.Embedding. Initialised N(0, 1); the padding row
/// (if any) starts at zero and never receives a gradient, so it stays zero under training.
/// </summary>
public sealed class Embedding : Module<Tensor, Tensor>
{
    public Embedding(long numEmbeddings, long embeddingDim, long? paddingIdx = null, ScalarType dtype = ScalarType.Float32)
    {
        if (numEmbeddings <= 0 || embeddingDim <= 0)
            throw new ArgumentOutOfRangeException(nameof(numEmbeddings), $"Embedding sizes must be positive (num_embeddings {numEmbeddings}, embedding_dim {embeddingDim})");
        NumEmbeddings = numEmbeddings;
        EmbeddingDim = embeddingDim;
        PaddingIdx = NormalisePaddingIdx(paddingIdx, numEmbeddings);
        Weight = RegisterParameter("weight", ParameterFactory.Empty([numEmbeddings, embeddingDim], dtype))!;
        ResetParameters();
    }

    private Embedding(Tensor weights, bool freeze, long? paddingIdx)
    {
        var shape = weights.Shape;
        if (shape.Length != 2) throw new ArgumentException($"pretrained embeddings must be 2-d, got shape {FormatShape(shape)}", nameof(weights));
        NumEmbeddings = shape[0];
        EmbeddingDim = shape[1];
        PaddingIdx = NormalisePaddingIdx(paddingIdx, NumEmbeddings);
        using var copy = weights.Detach().Clone();
        Weight = RegisterParameter("weight", new Parameter(copy, requiresGrad: !freeze))!;
    }

    /// <summary>An embedding holding a copy of <paramref name="weights"/> (num × dim), frozen by default like PyTorch.</summary>
    public static Embedding FromPretrained(Tensor weights, bool freeze = true, long? paddingIdx = null) => new(weights, freeze, paddingIdx);

    public long NumEmbeddings { get; }
    public long EmbeddingDim { get; }

    /// <summary>The padding row as a non-negative index, or null.</summary>
    public long? PaddingIdx { get; }

    public Parameter Weight { get; }

    public void ResetParameters()
    {
        Init.Normal(Weight);
        if (PaddingIdx is long pad)
        {
            using var noGrad = torch.NoGrad();
            using var row = Weight.Select(0, pad);
            row.Zero_();
        }
    }

    /// <summary>Looks up int64 <paramref name="indices"/> of any shape; the result has one more dimension of size EmbeddingDim.</summary>
    public override Tensor Forward(Tensor indices) => Functional.Embedding(indices, Weight, PaddingIdx ?? -1);

    private static long? NormalisePaddingIdx(long? paddingIdx, long numEmbeddings)
    {
        if (paddingIdx is not long idx) return null;
        if (idx >= numEmbeddings || idx < -numEmbeddings)
            throw new ArgumentOutOfRangeException(nameof(paddingIdx), idx, $"padding_idx must be within [-{numEmbeddings}, {numEmbeddings})");
        return idx < 0 ? idx + numEmbeddings : idx;
    }

    public override string ToString() =>
        $"Embedding({NumEmbeddings}, {EmbeddingDim}{(PaddingIdx is long p ? $", padding_idx={p}" : "")})";
}
