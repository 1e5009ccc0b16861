using RecSharp.Torch;
using F = RecSharp.Torch.NN.Functional;

namespace RecSharp.Models.Sequential.Losses;

/// <summary>
/// Cross-entropy of the user vector's inner products with every real item (the reference notebook's choice):
/// loss = -log softmax(u · V^T)[target]. The padding row is left out of the softmax, which is the same as
/// setting its logit to -inf, and costs one column less.
/// </summary>
public sealed class FullSoftmaxLoss : ISequentialLoss
{
    public string Name => "full";

    public Tensor Compute(Tensor userVectors, Tensor targets, Tensor itemTable)
    {
        long numItems = itemTable.Shape[0] - 1;
        var realItems = itemTable.Narrow(0, 1, numItems);          // rows 1..N
        var logits = userVectors.Mm(realItems.T);                   // [B, N]
        return F.CrossEntropy(logits, targets.Sub(1));              // class c = item c + 1
    }
}
