using RecSharp.Torch;
using RecSharp.Torch.NN;

namespace RecSharp.Models.CollaborativeFiltering.Neural;

/// <summary>
/// The generalised matrix factorisation feature of NCF: h = p_u ⊙ q_i (element-wise product of a user and an
/// item embedding). GMF puts one output layer on it; NeuMF concatenates it with the MLP feature.
/// </summary>
public sealed class GmfLayer : Module
{
    public GmfLayer(int numUsers, int numItems, int factors)
    {
        if (factors < 1) throw new ArgumentOutOfRangeException(nameof(factors), factors, "GMF needs at least one factor");
        Factors = factors;
        UserEmbedding = RegisterModule("user_embedding", NcfInit.Embedding(numUsers, factors));
        ItemEmbedding = RegisterModule("item_embedding", NcfInit.Embedding(numItems + 1, factors, paddingIdx: 0));
    }

    public int Factors { get; }
    public Embedding UserEmbedding { get; }
    public Embedding ItemEmbedding { get; }

    /// <summary>[B, Factors] for users [B] and items [B].</summary>
    public Tensor Features(Tensor users, Tensor items)
    {
        using var p = UserEmbedding.Forward(users);
        using var q = ItemEmbedding.Forward(items);
        return p * q;
    }
}
