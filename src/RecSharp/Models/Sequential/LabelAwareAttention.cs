using RecSharp.Torch;
using RecSharp.Torch.NN;

namespace RecSharp.Models.Sequential;

/// <summary>
/// MIND's label-aware attention: weights over the K interests from their inner products with the target item.
/// Hard (p = null): the interest with the largest inner product (ComiRec's readout). Soft: softmax(pow(s, p)).
/// </summary>
public static class LabelAwareAttention
{
    /// <param name="interests">[B, K, d]</param>
    /// <param name="target">[B, d]</param>
    /// <returns>[B, d]</returns>
    public static Tensor Select(Tensor interests, Tensor target, double? power)
    {
        var scores = interests.Bmm(target.Unsqueeze(2)).Squeeze(2); // [B, K]
        if (power is null)
        {
            var index = scores.ArgMax(1, keepDim: true); // [B, 1]
            var expanded = index.Unsqueeze(2).Expand(-1, 1, interests.Shape[2]);
            return interests.Gather(1, expanded).Squeeze(1);
        }
        var weights = Functional.Softmax(scores.Pow(power.Value), 1); // [B, K]
        return weights.Unsqueeze(1).Bmm(interests).Squeeze(1);
    }
}
