using RecSharp.Torch;
using F = RecSharp.Torch.NN.Functional;

namespace RecSharp.Models.Sequential.Losses;

/// <summary>
/// Cross-entropy of the user vector's inner products with every item (the reference notebook's choice):
/// loss = -log softmax(u · V^T)[target], with the padding column set to -inf so that it takes no probability.
/// </summary>
public sealed class FullSoftmaxLoss : ISequentialLoss
{
    public string Name => "full";

    public Tensor Compute(Tensor userVectors, Tensor targets, Tensor itemTable)
    {
        var logits = userVectors.Mm(itemTable.T);                   // [B, N + 1]; column c = item c
        var padding = new bool[itemTable.Shape[0]];
        padding[0] = true;
        using var paddingColumn = torch.Tensor(padding, 1, padding.Length);
        return F.CrossEntropy(logits.MaskedFill(paddingColumn, double.NegativeInfinity), targets);
    }
}
