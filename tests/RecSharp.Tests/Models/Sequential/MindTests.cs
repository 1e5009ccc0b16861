using RecSharp.Models.Sequential;
using RecSharp.Tests.Retrieval;
using RecSharp.Torch;
using static RecSharp.Tests.Models.Sequential.ComiRecTestHelpers;

namespace RecSharp.Tests.Models.Sequential;

// MIND draws its routing logits from libtorch's global generator: tests that fix the seed must not share it.
[Collection(SerialEngineCollection.Name)]
public class MindTests
{
    private static readonly int[][] Histories = [[3, 5, 7, 2], [4, 1], [9]];

    [Fact]
    public void NameAndInterestCountComeFromTheConfig()
    {
        using var model = new Mind(SmallConfig(interests: 5));
        Assert.Equal("mind", model.Name);
        Assert.Equal(5, model.InterestCount);
        Assert.Contains(model.NamedParameters(), p => p.Name == "routing.bilinear.weight");
        Assert.Contains(model.NamedParameters(), p => p.Name == "routing.projection.weight");
    }

    [Fact]
    public void PaddedIdsNeverChangeTheUserVectors()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(1);
        using var model = new Mind(SmallConfig());
        var (h0, m0) = Batch(Histories, 4);
        var (h1, m1) = Batch(Histories, 4, padId: 11);
        torch.ManualSeed(5);
        var a = model.UserVectors(h0, m0).ToArray<float>();
        torch.ManualSeed(5);
        var b = model.UserVectors(h1, m1).ToArray<float>();
        Assert.Equal(a, b);
        Assert.Equal(3 * 3 * 6, a.Length);
    }

    [Fact]
    public void RoutingLogitsAreDrawnAfreshEveryPass()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(2);
        using var model = new Mind(SmallConfig());
        var (h, m) = Batch(Histories, 4);
        var first = model.UserVectors(h, m).ToArray<float>();
        var second = model.UserVectors(h, m).ToArray<float>();
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void HistoryOfLengthOneWorks()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(3);
        using var model = new Mind(SmallConfig());
        var (h, m) = Batch([[6]], 4);
        var users = model.UserVectors(h, m);
        Assert.Equal([1, 3, 6], users.Shape);
        Assert.All(users.ToArray<float>(), v => Assert.True(float.IsFinite(v)));
        var (one, oneMask) = Batch([[6]], 1);
        Assert.Equal([1, 3, 6], model.UserVectors(one, oneMask).Shape);
    }

    [Fact]
    public void GradientsReachEveryParameter()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(4);
        using var model = new Mind(SmallConfig());
        var (h, m) = Batch(Histories, 4);
        AssertEveryParameterGetsGradient(model, h, m, torch.Tensor(new long[] { 8, 10, 12 }));
    }

    [Fact]
    public void RejectsAMaskOfAnotherShape()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new Mind(SmallConfig());
        var ex = Assert.Throws<ArgumentException>(() => model.UserVectors(torch.Zeros([2, 4], ScalarType.Int64), torch.Ones(2, 3)));
        Assert.StartsWith("mind: the mask must have the history's shape [2, 4] but has [2, 3]", ex.Message);
    }
}
