using RecSharp.Torch;
using RecSharp.Torch.NN;

namespace RecSharp.Models.Sequential;

/// <summary>
/// Re-draws the item table N(0, 1/sqrt(Dim)) with a zero padding row. nn.Embedding's N(0, 1) makes the initial
/// inner products of Dim-sized vectors about sqrt(Dim) large, so a softmax over thousands of items starts far
/// above log(N) and learns slowly (measured on ml-1m-head: loss 10.5 vs log N = 8.2 after one epoch).
/// </summary>
internal static class ItemTableInit
{
    public static void Apply(Embedding table)
    {
        Init.Normal(table.Weight, 0, 1 / Math.Sqrt(table.EmbeddingDim));
        if (table.PaddingIdx is not long pad) return;
        using var noGrad = torch.NoGrad();
        using var row = table.Weight.Select(0, pad);
        row.Zero_();
    }
}
