using static RecSharp.Torch.Tests.GradCheck;
using F = RecSharp.Torch.NN.Functional;

namespace RecSharp.Torch.Tests;

/// <summary>
/// Tests that need the exact sequence of libtorch's one global generator after ManualSeed. They run in the
/// serial collection: a test drawing random numbers on another thread in between would shift the sequence.
/// </summary>
[Collection(SerialCollection.Name)]
public class SeededRandomTests
{
    [Fact]
    public void RandomFunctionsRepeatUnderTheSameSeed()
    {
        using var scope = torch.NewDisposeScope();
        var probs = torch.Tensor(new[] { 0.1f, 0.2f, 0.3f, 0.4f });
        // One sequence of draws from every random function, as doubles.
        double[] Draw(long seed)
        {
            torch.ManualSeed(seed);
            return torch.Randn(5).ToArray<float>().Select(v => (double)v)
                .Concat(torch.Rand(5).ToArray<float>().Select(v => (double)v))
                .Concat(torch.RandInt(0, 100, [5]).ToArray<long>().Select(v => (double)v))
                .Concat(torch.RandPerm(8).ToArray<long>().Select(v => (double)v))
                .Concat(torch.Multinomial(probs, 3).ToArray<long>().Select(v => (double)v))
                .Concat(torch.Empty([4]).Normal_(0, 2).ToArray<float>().Select(v => (double)v))
                .Concat(F.Dropout(torch.Ones(8), 0.5).ToArray<float>().Select(v => (double)v))
                .ToArray();
        }
        var a = Draw(42);
        Assert.Equal(a, Draw(42));
        var c = Draw(43);
        Assert.NotEqual(a[..5], c[..5]);
        Assert.NotEqual(a[15..23], c[15..23]); // the permutations differ too
    }

    [Fact]
    public void DropoutZeroesAndRescalesOnlyInTraining()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Ones(1000);
        torch.ManualSeed(3);
        var y = F.Dropout(x, 0.25).ToArray<float>();
        Assert.All(y, v => Assert.True(v == 0 || Math.Abs(v - 1 / 0.75f) < 1e-6));
        int zeros = y.Count(v => v == 0);
        Assert.InRange(zeros, 180, 320);
        torch.ManualSeed(3);
        Assert.Equal(y, F.Dropout(x, 0.25).ToArray<float>());
        Assert.Equal(x.ToArray<float>(), F.Dropout(x, 0.25, training: false).ToArray<float>());
    }

    [Fact]
    public void DropoutGradientUsesTheSameMaskAsForward()
    {
        // Reseeding before every evaluation makes the mask a constant of the function being checked.
        Check(x =>
        {
            torch.ManualSeed(7);
            return F.Dropout(x[0], 0.4);
        }, Normal(1, 4, 5));
    }
}
