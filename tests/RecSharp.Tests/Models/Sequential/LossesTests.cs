using RecSharp.Models.Sequential.Losses;
using RecSharp.Torch;

namespace RecSharp.Tests.Models.Sequential;

[Collection(GlobalSeedCollection.Name)]
public class LossesTests
{
    // Items: 0 = padding, 1 = (1, 0), 2 = (0, 1), 3 = (1, 1), 4 = (2, 0).
    private static Tensor Table() => torch.Tensor(new float[] { 0, 0, 1, 0, 0, 1, 1, 1, 2, 0 }, 5, 2);

    [Fact]
    public void FullSoftmaxIsCrossEntropyOverTheRealItems()
    {
        using var scope = torch.NewDisposeScope();
        var users = torch.Tensor(new float[] { 1, 0, 0, 1 }, 2, 2);
        var targets = torch.Tensor(new long[] { 1, 3 });
        double loss = new FullSoftmaxLoss().Compute(users, targets, Table()).ToDouble();
        // Row 0 logits over items 1..4: (1, 0, 1, 2), target item 1; row 1: (0, 1, 1, 0), target item 3.
        double row0 = Math.Log(Math.E + 1 + Math.E + Math.Exp(2)) - 1;
        double row1 = Math.Log(1 + Math.E + Math.E + 1) - 1;
        Assert.Equal((row0 + row1) / 2, loss, 5);
    }

    [Fact]
    public void SampledSoftmaxSubtractsLogExpectedCountAndRemovesAccidentalHits()
    {
        using var scope = torch.NewDisposeScope();
        // counts^0.75 = 8, 1, 8, 1, so q = (8, 1, 8, 1) / 18 (up to the 1e-6 floor).
        var loss = new SampledSoftmaxLoss(4, SamplingProposal.Popularity, [0, 16, 1, 16, 1]);
        Assert.Equal(8.0 / 18, loss.Probability(1), 5);
        var users = torch.Tensor(new float[] { 1, 0, 0, 1 }, 2, 2);
        var targets = torch.Tensor(new long[] { 3, 2 });
        var negatives = torch.Tensor(new long[] { 2, 4, 3 }); // S = 3: log expected count = log(3 q)
        double value = loss.Compute(users, targets, Table(), negatives).ToDouble();

        double log3q8 = Math.Log(3 * 8.0 / 18), log3q1 = Math.Log(3 * 1.0 / 18);
        // Row 0: u = (1, 0), target 3 (score 1); negatives 2 (score 0), 4 (score 2); the drawn 3 is an accidental hit.
        double t0 = 1 - log3q8;
        double row0 = -t0 + Math.Log(Math.Exp(t0) + Math.Exp(0 - log3q1) + Math.Exp(2 - log3q1));
        // Row 1: u = (0, 1), target 2 (score 1); negatives 4 (score 0), 3 (score 1); the drawn 2 is an accidental hit.
        double t1 = 1 - log3q1;
        double row1 = -t1 + Math.Log(Math.Exp(t1) + Math.Exp(0 - log3q1) + Math.Exp(1 - log3q8));
        Assert.Equal((row0 + row1) / 2, value, 4);
    }

    [Fact]
    public void SampledSoftmaxDrawsTenNegativesPerRowFromRealItemsUnderTheSeed()
    {
        var loss = new SampledSoftmaxLoss(4);
        Assert.Equal(30, loss.SampleCount(3));
        Assert.Equal(7, new SampledSoftmaxLoss(4, numNegatives: 7).SampleCount(3));
        using var scope = torch.NewDisposeScope();
        var users = torch.Tensor(new float[] { 1, 0, 0, 1, 1, 1 }, 3, 2);
        var targets = torch.Tensor(new long[] { 1, 2, 3 });
        torch.ManualSeed(11);
        double first = loss.Compute(users, targets, Table()).ToDouble();
        torch.ManualSeed(11);
        double second = loss.Compute(users, targets, Table()).ToDouble();
        Assert.Equal(first, second);
        Assert.True(double.IsFinite(first));
    }

    [Fact]
    public void LogUniformProposalFollowsThePopularityRank()
    {
        // Item 3 is the most frequent, then 1, then 2.
        var loss = new SampledSoftmaxLoss(3, SamplingProposal.LogUniform, [0, 5, 1, 9]);
        double norm = Math.Log(4);
        Assert.Equal(Math.Log(2) / norm, loss.Probability(3), 5);
        Assert.Equal(Math.Log(1.5) / norm, loss.Probability(1), 5);
        Assert.Equal(Math.Log(4.0 / 3) / norm, loss.Probability(2), 5);
    }

    [Fact]
    public void PopularityProposalWithoutCountsIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => new SampledSoftmaxLoss(3, SamplingProposal.Popularity));
        Assert.StartsWith("the Popularity proposal needs the training count of items 0..3 (4 values), got none", e.Message);
    }
}
