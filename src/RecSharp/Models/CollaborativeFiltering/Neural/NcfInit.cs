using RecSharp.Torch.NN;

namespace RecSharp.Models.CollaborativeFiltering.Neural;

/// <summary>
/// The initialisation of the NCF authors' code: embeddings N(0, 0.01²), hidden layers Glorot uniform with zero
/// bias. Small embeddings matter: with N(0, 1) the GMF product starts with huge logits and BCE saturates.
/// </summary>
internal static class NcfInit
{
    public const double EmbeddingStd = 0.01;

    public static Embedding Embedding(long rows, long dim, long? paddingIdx = null)
    {
        var embedding = new Embedding(rows, dim, paddingIdx);
        Init.Normal(embedding.Weight, 0, EmbeddingStd);
        if (paddingIdx is long pad)
        {
            using var row = embedding.Weight.Select(0, pad);
            Init.Zeros(row);
        }
        return embedding;
    }

    public static Linear Hidden(long inFeatures, long outFeatures)
    {
        var linear = new Linear(inFeatures, outFeatures);
        Init.XavierUniform(linear.Weight);
        Init.Zeros(linear.Bias!);
        return linear;
    }
}
