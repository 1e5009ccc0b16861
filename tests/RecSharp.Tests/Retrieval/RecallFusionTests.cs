using RecSharp.Retrieval;

namespace RecSharp.Tests.Retrieval;

public class RecallFusionTests
{
    // With rank constant 1, rank r of a channel of weight w earns w / (r + 2).
    private static readonly FusionOptions Rrf1 = new() { RankConstant = 1 };

    [Fact]
    public void WeightedReciprocalRankSumsChannels()
    {
        var fused = RecallFusion.Fuse(
            [new RecallChannel("A", [10, 20, 30]), new RecallChannel("B", [20, 40], Weight: 2)], 3, Rrf1);
        // 20: 1/3 + 2/2; 40: 2/3; 10: 1/2; 30: 1/4 (cut by N = 3).
        Assert.Equal([20, 40, 10], fused.Select(f => f.Id));
        Assert.Equal(1.0 / 3 + 1.0, fused[0].Score, 1e-12);
        Assert.Equal(2.0 / 3, fused[1].Score, 1e-12);
        Assert.Equal(["A", "B"], fused[0].Channels);
        Assert.Equal(0, fused[0].BestRank);
    }

    [Fact]
    public void QuotaCutsAChannel()
    {
        var fused = RecallFusion.Fuse(
            [new RecallChannel("A", [10, 20, 30]), new RecallChannel("B", [20, 40], Weight: 2, Quota: 1)], 10, Rrf1);
        Assert.Equal([20, 10, 30], fused.Select(f => f.Id));
    }

    [Fact]
    public void ExcludedItemsAreDroppedAndDuplicatesInAChannelCountOnce()
    {
        var fused = RecallFusion.Fuse(
            [new RecallChannel("A", [10, 10, 20, 30]), new RecallChannel("B", [20, 40], Weight: 2)], 10,
            Rrf1 with { Exclude = new HashSet<int> { 20 } });
        // A's ranks: 10 -> 0, 20 -> 1, 30 -> 2 (the repeated 10 takes no rank).
        Assert.Equal([40, 10, 30], fused.Select(f => f.Id));
        Assert.Equal(0.25, fused[2].Score, 1e-12);
    }

    [Fact]
    public void EqualScoresAreOrderedDeterministically()
    {
        var fused = RecallFusion.Fuse([new RecallChannel("A", [2, 1]), new RecallChannel("B", [1, 2])], 2);
        Assert.Equal(fused[0].Score, fused[1].Score);
        Assert.Equal([1, 2], fused.Select(f => f.Id)); // same best rank and first channel: lower id first
    }

    [Fact]
    public void ScoreNormalisedFusionScalesEachChannel()
    {
        var fused = RecallFusion.Fuse(
        [
            new RecallChannel("A", [1, 2, 3], [10f, 5f, 0f]),
            new RecallChannel("B", [3, 4], [0.2f, 0.1f], Weight: 0.5),
        ], 4, new FusionOptions { Method = FusionMethod.ScoreNormalized });
        // A scaled: 1, 0.5, 0; B scaled: 1, 0 (x 0.5). Totals: 1 -> 1, 2 -> 0.5, 3 -> 0.5, 4 -> 0.
        // 3 ties with 2 but its best rank (0 in B) beats 2's (1 in A).
        Assert.Equal([1, 3, 2, 4], fused.Select(f => f.Id));
        Assert.Equal([1.0, 0.5, 0.5, 0.0], fused.Select(f => f.Score));
    }

    [Fact]
    public void ScoreNormalisedFusionNeedsScores()
    {
        var e = Assert.Throws<ArgumentException>(() => RecallFusion.Fuse([new RecallChannel("popular", [1])], 1,
            new FusionOptions { Method = FusionMethod.ScoreNormalized }));
        Assert.Equal("channel 'popular' has no scores, which score-normalised fusion needs", e.Message);
    }
}
