using RecSharp.Models.MatrixFactorization;
using RecSharp.Torch.NN;

namespace RecSharp.Models.CollaborativeFiltering.Neural;

/// <summary>
/// The shapes of a learned CF module (users, items, factors, MLP tower), read from a trained module and used to
/// rebuild an empty one of the same shape before its weights are loaded.
/// </summary>
public sealed record LearnedCfShape(int NumUsers, int NumItems, int Dim, IReadOnlyList<int> Layers)
{
    /// <summary>The shape of a trained BprMf, Gmf, Mlp or NeuMf (Dim is 0 for MLP, Layers empty for BPR and GMF).</summary>
    public static LearnedCfShape Of(Module module) => module switch
    {
        BprMf b => new LearnedCfShape(b.NumUsers, b.NumItems, b.Dim, []),
        Gmf g => new LearnedCfShape(g.NumUsers, g.NumItems, g.Features.Factors, []),
        Mlp m => new LearnedCfShape(m.NumUsers, m.NumItems, 0, m.Features.Layers),
        NeuMf n => new LearnedCfShape(n.NumUsers, n.NumItems, n.Gmf.Factors, n.Mlp.Layers),
        _ => throw new ArgumentException($"{module.GetType().Name} is not a learned CF module", nameof(module)),
    };

    /// <summary>An untrained module of this shape for <paramref name="model"/> (bpr, gmf, mlp, neumf, neumf-pretrained).</summary>
    public Module Create(string model) => model switch
    {
        "bpr" => new BprMf(NumUsers, NumItems, Dim),
        "gmf" => new Gmf(NumUsers, NumItems, Dim),
        "mlp" => new Mlp(NumUsers, NumItems, Layers),
        "neumf" or "neumf-pretrained" => new NeuMf(NumUsers, NumItems, Dim, Layers),
        _ => throw new ArgumentException($"unknown learned CF model '{model}': expected {string.Join(", ", LearnedCfTrainer.Models)}", nameof(model)),
    };
}
