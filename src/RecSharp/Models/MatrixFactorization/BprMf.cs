using RecSharp.Torch;
using RecSharp.Torch.NN;

namespace RecSharp.Models.MatrixFactorization;

/// <summary>
/// Matrix factorisation trained with Bayesian personalised ranking (Rendle et al. 2009): score(u, i) = p_u · q_i,
/// loss = mean over the batch of -log σ(s(u, i⁺) - s(u, i⁻)) + λ/2 · (‖p_u‖² + ‖q_i⁺‖² + ‖q_i⁻‖²) averaged over
/// the batch. Regularising only the embeddings the batch touches is the usual choice (RecBole, MMRec): dense
/// weight decay would shrink every row on every step.
/// </summary>
public sealed class BprMf : Module, IPairwiseRankingModel
{
    public BprMf(int numUsers, int numItems, int dim)
    {
        if (numUsers < 1) throw new ArgumentOutOfRangeException(nameof(numUsers), numUsers, "BPR-MF needs at least one user");
        if (numItems < 1) throw new ArgumentOutOfRangeException(nameof(numItems), numItems, "BPR-MF needs at least one item");
        if (dim < 1) throw new ArgumentOutOfRangeException(nameof(dim), dim, "BPR-MF needs at least one factor");
        NumUsers = numUsers;
        NumItems = numItems;
        Dim = dim;
        UserEmbedding = RegisterModule("user_embedding", new Embedding(numUsers, dim));
        ItemEmbedding = RegisterModule("item_embedding", new Embedding(numItems + 1, dim, paddingIdx: 0));
        // RecBole's BPR initialisation: Xavier normal (std = sqrt(2 / (rows + dim))), then the padding row back to zero.
        Init.XavierNormal(UserEmbedding.Weight);
        Init.XavierNormal(ItemEmbedding.Weight);
        using (var pad = ItemEmbedding.Weight.Select(0, 0)) Init.Zeros(pad);
    }

    public int NumUsers { get; }
    /// <summary>Real items are 1..NumItems; the item table has NumItems + 1 rows (row 0 is padding).</summary>
    public int NumItems { get; }
    public int Dim { get; }
    public Embedding UserEmbedding { get; }
    public Embedding ItemEmbedding { get; }

    /// <summary>p_u · q_i for users [B] and items [B] (int64); result [B].</summary>
    public Tensor Score(Tensor users, Tensor items)
    {
        using var p = UserEmbedding.Forward(users);
        using var q = ItemEmbedding.Forward(items);
        using var product = p * q;
        return product.Sum(1);
    }

    /// <summary>The BPR objective of one batch of (user, positive, negative) triples, with embedding L2 weight <paramref name="regWeight"/>.</summary>
    public Tensor Loss(Tensor users, Tensor positives, Tensor negatives, double regWeight)
    {
        if (!(regWeight >= 0)) throw new ArgumentOutOfRangeException(nameof(regWeight), regWeight, "the regularisation weight must be >= 0");
        using var p = UserEmbedding.Forward(users);
        using var qPos = ItemEmbedding.Forward(positives);
        using var qNeg = ItemEmbedding.Forward(negatives);
        using var pq = p * qPos;
        using var pn = p * qNeg;
        using var sPos = pq.Sum(1);
        using var sNeg = pn.Sum(1);
        var ranking = PairwiseLoss(sPos, sNeg);
        if (regWeight == 0) return ranking;
        long batch = users.Size(0);
        using var squares = p.Pow(2).Sum() + qPos.Pow(2).Sum() + qNeg.Pow(2).Sum();
        using var penalty = squares * (regWeight / 2 / batch);
        using (ranking) return ranking + penalty;
    }

    /// <summary>mean(-log σ(positive - negative)), computed stably through log-sigmoid.</summary>
    public static Tensor PairwiseLoss(Tensor positiveScores, Tensor negativeScores)
    {
        using var difference = positiveScores - negativeScores;
        using var logSigmoid = difference.LogSigmoid();
        using var mean = logSigmoid.Mean();
        return -mean;
    }
}
