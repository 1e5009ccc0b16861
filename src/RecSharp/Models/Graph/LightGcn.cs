using RecSharp.Models.MatrixFactorization;
using RecSharp.Torch;
using RecSharp.Torch.NN;

namespace RecSharp.Models.Graph;

/// <summary>
/// LightGCN (He et al., SIGIR 2020): user and item ID embeddings propagated <see cref="Layers"/> times over the
/// normalised bipartite adjacency, the layer mean is the representation, score(u, i) = u · i. Trained with BPR
/// (<see cref="BprMf.PairwiseLoss"/>) plus λ/2 · squared L2 of the batch's ego (layer-0) embeddings averaged over the
/// batch, like <see cref="BprMf"/>: regularising the propagated vectors would penalise the graph, not the weights.
/// Every training step propagates the whole graph (as the authors and MMRec do), since the gradient of one user's
/// vector reaches all of its L-hop neighbours.
/// </summary>
public sealed class LightGcn : Module, IPairwiseRankingModel
{
    private readonly NormalizedAdjacency adjacency;

    private readonly bool ownsAdjacency;

    /// <summary>
    /// The model keeps <paramref name="adjacency"/>; with <paramref name="ownsAdjacency"/> it frees it (the sparse
    /// matrix) when disposed, otherwise the caller disposes it after the model.
    /// </summary>
    public LightGcn(NormalizedAdjacency adjacency, int dim, int layers, bool ownsAdjacency = false)
    {
        ArgumentNullException.ThrowIfNull(adjacency);
        if (dim < 1) throw new ArgumentOutOfRangeException(nameof(dim), dim, "LightGCN needs at least one embedding dimension");
        if (layers < 0) throw new ArgumentOutOfRangeException(nameof(layers), layers, "LightGCN needs a layer count >= 0");
        this.adjacency = adjacency;
        this.ownsAdjacency = ownsAdjacency;
        Dim = dim;
        Layers = layers;
        UserEmbedding = RegisterModule("user_embedding", new Embedding(adjacency.NumUsers, dim));
        ItemEmbedding = RegisterModule("item_embedding", new Embedding(adjacency.NumItems + 1, dim, paddingIdx: 0));
        // The authors' and MMRec's initialisation: Xavier uniform; the padding row back to zero.
        Init.XavierUniform(UserEmbedding.Weight);
        Init.XavierUniform(ItemEmbedding.Weight);
        using (var pad = ItemEmbedding.Weight.Select(0, 0)) Init.Zeros(pad);
    }

    public int NumUsers => adjacency.NumUsers;
    public int NumItems => adjacency.NumItems;
    public int Dim { get; }
    public int Layers { get; }
    public Embedding UserEmbedding { get; }
    public Embedding ItemEmbedding { get; }

    /// <summary>Propagated user [U, d] and item [N + 1, d] tables (differentiable).</summary>
    public (Tensor Users, Tensor Items) Propagate()
    {
        using var ego = torch.Cat([UserEmbedding.Weight, ItemEmbedding.Weight], 0);
        using var mean = GraphPropagation.LayerMean(adjacency.Matrix, ego, Layers);
        return (mean.Narrow(0, 0, NumUsers), mean.Narrow(0, NumUsers, NumItems + 1));
    }

    /// <summary>The BPR objective of one batch of (user, positive, negative) triples (int64 [B] each).</summary>
    public Tensor Loss(Tensor users, Tensor positives, Tensor negatives, double regWeight)
    {
        if (!(regWeight >= 0)) throw new ArgumentOutOfRangeException(nameof(regWeight), regWeight, "the regularisation weight must be >= 0");
        var (userTable, itemTable) = Propagate();
        using (userTable)
        using (itemTable)
        {
            using var u = userTable.IndexSelect(0, users);
            using var p = itemTable.IndexSelect(0, positives);
            using var n = itemTable.IndexSelect(0, negatives);
            using var up = u * p;
            using var un = u * n;
            using var sPos = up.Sum(1);
            using var sNeg = un.Sum(1);
            var ranking = BprMf.PairwiseLoss(sPos, sNeg);
            if (regWeight == 0) return ranking;
            using var egoU = UserEmbedding.Forward(users);
            using var egoP = ItemEmbedding.Forward(positives);
            using var egoN = ItemEmbedding.Forward(negatives);
            using var squares = egoU.Pow(2).Sum() + egoP.Pow(2).Sum() + egoN.Pow(2).Sum();
            using var penalty = squares * (regWeight / 2 / users.Size(0));
            using (ranking) return ranking + penalty;
        }
    }

    /// <summary>The final user [U, d] and item [N + 1, d] representations used for ranking (no gradients; caller owns them).</summary>
    public (Tensor Users, Tensor Items) Representations()
    {
        using var noGrad = torch.NoGrad();
        return Propagate();
    }

    /// <summary>A scorer over the current propagated tables (computed once, in eval mode, without gradients).</summary>
    public EmbeddingDotScorer Scorer()
    {
        var (users, items) = Representations();
        using (users)
        using (items)
            return new EmbeddingDotScorer(users, items);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && ownsAdjacency) adjacency.Dispose();
    }
}
