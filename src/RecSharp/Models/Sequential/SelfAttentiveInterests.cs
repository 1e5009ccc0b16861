using RecSharp.Torch;
using RecSharp.Torch.NN;

namespace RecSharp.Models.Sequential;

/// <summary>
/// ComiRec-SA's multi-head self-attentive readout (THUDM/ComiRec, Model_ComiRec_SA): H = items (+ learned position
/// embeddings), A = softmax over positions of W2 tanh(W1 H^T) with padded positions set to -2^32 + 1 first, and
/// interests = A^T times the items WITHOUT position embeddings ([B, K, d]).
/// </summary>
public sealed class SelfAttentiveInterests : Module
{
    /// <summary>The authors' padding score: exp of it underflows to exactly 0 in float32 and float64.</summary>
    public const double PaddingScore = -4294967295.0; // -2^32 + 1

    private readonly Linear hidden;
    private readonly Linear heads;
    private readonly Parameter? positions;

    public SelfAttentiveInterests(int dim, int maxLength, int interests, int hiddenSize, bool positionEmbedding,
        ScalarType dtype = ScalarType.Float32)
    {
        if (dim < 1) throw new ArgumentOutOfRangeException(nameof(dim), dim, "the item dimension must be at least 1");
        if (maxLength < 1) throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength, "the history length L must be at least 1");
        if (interests < 1) throw new ArgumentOutOfRangeException(nameof(interests), interests, "the number of interests K must be at least 1");
        if (hiddenSize < 1) throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, "the attention hidden size must be at least 1");
        Dim = dim;
        MaxLength = maxLength;
        Interests = interests;
        hidden = RegisterModule("w1", new Linear(dim, hiddenSize, dtype: dtype));
        heads = RegisterModule("w2", new Linear(hiddenSize, interests, dtype: dtype));
        if (positionEmbedding)
        {
            using var data = torch.Empty([maxLength, dim], dtype);
            positions = RegisterParameter("position_embedding", new Parameter(data));
            Init.XavierUniform(positions!); // tf.get_variable's default (glorot uniform), as in the authors' code
        }
    }

    public int Dim { get; }
    public int MaxLength { get; }
    public int Interests { get; }

    /// <summary>Interests [B, K, d] from masked item vectors <paramref name="items"/> [B, L, d] and <paramref name="mask"/> [B, L].</summary>
    public Tensor Forward(Tensor items, Tensor mask) => Attention(items, mask).MatMul(items);

    /// <summary>The attention A [B, K, L]: each row sums to 1 over the real positions and is exactly 0 on padding.</summary>
    public Tensor Attention(Tensor items, Tensor mask)
    {
        var shape = items.Shape;
        if (shape.Length != 3 || shape[2] != Dim)
            throw new ArgumentException($"SelfAttentiveInterests: history items must have shape [B, L, {Dim}] but have {HistoryInput.FormatShape(shape)}", nameof(items));
        if (shape[1] > MaxLength && positions is not null)
            throw new ArgumentException($"SelfAttentiveInterests: the history has {shape[1]} positions but position embeddings exist for {MaxLength} (config MaxLength)", nameof(items));
        var withPositions = positions is null ? items : items.Add(positions.Narrow(0, 0, shape[1]).Unsqueeze(0));
        var scores = heads.Forward(hidden.Forward(withPositions).Tanh()).Transpose(1, 2); // [B, K, L]
        var padded = mask.Eq(0).Unsqueeze(1);                                            // [B, 1, L]
        return Functional.Softmax(scores.MaskedFill(padded, PaddingScore), 2);
    }
}
