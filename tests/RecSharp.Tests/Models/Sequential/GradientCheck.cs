using RecSharp.Models.Sequential;
using RecSharp.Models.Sequential.Losses;
using RecSharp.Torch;
using static RecSharp.Tests.Models.Sequential.SequentialTestData;

namespace RecSharp.Tests.Models.Sequential;

internal static class GradientCheck
{
    /// <summary>One full-softmax step on a small batch; every parameter must end up with a non-zero gradient.</summary>
    public static void AssertEveryParameterGetsGradient(SequentialRecallModel model)
    {
        using var scope = torch.NewDisposeScope();
        var (history, mask) = Batch([[1, 2, 3], [4], [5, 6, 7, 8, 9], [10, 11]], model.Config.MaxLength);
        var targets = torch.Tensor(new long[] { 4, 5, 10, 12 });
        var loss = SequentialTrainingTask.BatchLoss(model, new FullSoftmaxLoss(), history, mask, targets);
        loss.Backward();
        foreach (var (name, parameter) in model.NamedParameters())
        {
            var grad = parameter.Grad ?? throw new Xunit.Sdk.XunitException($"parameter {name} has no gradient");
            Assert.True(grad.Abs().Sum().ToDouble() > 0, $"the gradient of {name} is zero");
        }
    }
}
