using RecSharp.Models.MatrixFactorization;
using RecSharp.Torch;
using RecSharp.Torch.NN;

namespace RecSharp.Models.CollaborativeFiltering.Neural;

/// <summary>Scorers and item tables of trained learned-CF modules.</summary>
public static class LearnedCfModules
{
    /// <summary>BPR-MF scores from a managed snapshot of its tables; the NCF models by a batched forward pass.</summary>
    public static IItemScorer Scorer(Module module) => module switch
    {
        BprMf b => EmbeddingDotScorer.From(b),
        PointwiseRecommender p => new PointwiseScorer(p),
        _ => throw new ArgumentException($"{module.GetType().Name} is not a learned CF module", nameof(module)),
    };

    /// <summary>
    /// The item vectors [NumItems + 1, d] that "similar items" compares by cosine (a new tensor, no gradient):
    /// BPR-MF its item table (score = p_u · q_i); GMF its item table scaled by the output weights, w ⊙ q_i, because
    /// then score = p_u · (w ⊙ q_i) + b is an inner product and two items with equal w ⊙ q are interchangeable for
    /// every user; NeuMF the same w_GMF ⊙ q_i of its GMF half (the MLP half has no such inner-product reading);
    /// MLP its item embedding table (the input of the tower).
    /// </summary>
    public static Tensor ItemVectors(Module module)
    {
        using var noGrad = torch.NoGrad();
        using var scope = torch.NewDisposeScope();
        Tensor table = module switch
        {
            BprMf b => b.ItemEmbedding.Weight.Clone(),
            Gmf g => g.Features.ItemEmbedding.Weight * g.Output.Weight,
            Mlp m => m.Features.ItemEmbedding.Weight.Clone(),
            NeuMf n => n.Gmf.ItemEmbedding.Weight * n.Output.Weight.Narrow(1, 0, n.Gmf.Factors),
            _ => throw new ArgumentException($"{module.GetType().Name} is not a learned CF module", nameof(module)),
        };
        return table.Detach().DetachFromDisposeScope();
    }
}
