using RecSharp.Models.Sequential;
using RecSharp.Torch;
using RecSharp.Torch.NN;

namespace RecSharp.Tests.Models.Sequential;

/// <summary>Small P1 batches and checks shared by the MIND and ComiRec tests.</summary>
internal static class ComiRecTestHelpers
{
    public static SequentialModelConfig SmallConfig(int numItems = 12, int dim = 6, int maxLength = 4, int interests = 3) =>
        new() { NumItems = numItems, Dim = dim, MaxLength = maxLength, Interests = interests };

    /// <summary>Left-aligned histories padded with <paramref name="padId"/> (0 normally; anything else to prove it is ignored).</summary>
    public static (Tensor History, Tensor Mask) Batch(int[][] histories, int maxLength, long padId = 0)
    {
        var ids = new long[histories.Length * maxLength];
        var mask = new float[ids.Length];
        for (int b = 0; b < histories.Length; b++)
            for (int l = 0; l < maxLength; l++)
            {
                bool real = l < histories[b].Length;
                ids[b * maxLength + l] = real ? histories[b][l] : padId;
                mask[b * maxLength + l] = real ? 1 : 0;
            }
        return (torch.Tensor(ids, histories.Length, maxLength), torch.Tensor(mask, histories.Length, maxLength));
    }

    /// <summary>Full-softmax cross-entropy of the training vector against every item (the loss the tests train with).</summary>
    public static Tensor FullSoftmaxLoss(SequentialRecallModel model, Tensor history, Tensor mask, Tensor targets)
    {
        var users = model.UserVectors(history, mask);
        var chosen = model.TrainingVector(users, model.ItemEmbedding.Forward(targets));
        var logits = chosen.MatMul(model.ItemVectors().T);
        return Functional.CrossEntropy(logits, targets);
    }

    /// <summary>Every parameter receives a gradient with at least one non-zero entry.</summary>
    public static void AssertEveryParameterGetsGradient(SequentialRecallModel model, Tensor history, Tensor mask, Tensor targets)
    {
        model.ZeroGrad();
        using (torch.NewDisposeScope()) FullSoftmaxLoss(model, history, mask, targets).Backward();
        var names = model.NamedParameters().Select(p => p.Name).ToList();
        Assert.Contains("item_embedding.weight", names);
        foreach (var (name, p) in model.NamedParameters())
        {
            using var g = p.Grad;
            Assert.True(g is not null, $"{model.Name}: parameter {name} got no gradient");
            Assert.True(g!.Abs().Sum().ToDouble() > 0, $"{model.Name}: parameter {name} got an all-zero gradient");
        }
    }

    public static void AssertClose(float[] expected, float[] actual, float tolerance = 1e-6f)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"element {i}: {expected[i]} vs {actual[i]}");
    }
}
