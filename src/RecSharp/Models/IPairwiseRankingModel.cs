using RecSharp.Torch;

namespace RecSharp.Models;

/// <summary>A model trained with a pairwise (BPR) objective on (user, positive, negative) triples.</summary>
public interface IPairwiseRankingModel
{
    /// <summary>The objective of one batch of triples (int64 [B] each), with L2 weight <paramref name="regWeight"/>.</summary>
    Tensor Loss(Tensor users, Tensor positives, Tensor negatives, double regWeight);
}
