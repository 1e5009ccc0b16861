using RecSharp.Torch;
using RecSharp.Torch.NN;

namespace RecSharp.Models.Sequential;

/// <summary>Checks of the P1 history batch and the masked item lookup shared by the multi-interest models.</summary>
internal static class HistoryInput
{
    /// <summary>
    /// The history's item vectors [B, L, d] with padded positions zeroed (as ComiRec multiplies by the mask), so
    /// whatever id sits in a padded slot cannot reach the user vectors.
    /// </summary>
    public static Tensor MaskedEmbeddings(string model, Embedding items, Tensor history, Tensor mask)
    {
        Check(model, history, mask);
        return items.Forward(history).Mul(mask.To(items.Weight.DType).Unsqueeze(2));
    }

    public static void Check(string model, Tensor history, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(mask);
        var shape = history.Shape;
        if (shape.Length != 2)
            throw new ArgumentException($"{model}: the history must have shape [B, L] but has {FormatShape(shape)}", nameof(history));
        if (history.DType != ScalarType.Int64)
            throw new ArgumentException($"{model}: the history must hold int64 item ids but holds {history.DType}", nameof(history));
        if (!mask.Shape.SequenceEqual(shape))
            throw new ArgumentException($"{model}: the mask must have the history's shape {FormatShape(shape)} but has {FormatShape(mask.Shape)}", nameof(mask));
    }

    public static string FormatShape(long[] shape) => "[" + string.Join(", ", shape) + "]";
}
