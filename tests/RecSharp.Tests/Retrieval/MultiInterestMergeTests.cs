using RecSharp.Retrieval;
using RecSharp.Torch;

namespace RecSharp.Tests.Retrieval;

public class MultiInterestMergeTests
{
    [Fact]
    public void MergesByScoreDropsDuplicatesAndPaddingAndKeepsN()
    {
        // interest 0: items 5, 0 (padding), 7; interest 1: items 7, 2, 5.
        int[] ids = [5, 0, 7, 7, 2, 5];
        float[] scores = [0.9f, 0.8f, 0.5f, 0.95f, 0.5f, 0.4f];
        var (merged, mergedScores) = MultiInterestMerge.Merge(ids, scores, 3);
        // 7 keeps its best score 0.95; 0 is padding; 7's second copy (0.5) ties with 2 and is dropped as a duplicate.
        Assert.Equal([7, 5, 2], merged);
        Assert.Equal([0.95f, 0.9f, 0.5f], mergedScores);
    }

    [Fact]
    public void EqualScoresKeepThePooledOrder()
    {
        var (merged, _) = MultiInterestMerge.Merge([4, 3, 2, 1], [1f, 1f, 1f, 1f], 4, paddingItem: null);
        Assert.Equal([4, 3, 2, 1], merged);
    }

    [Fact]
    public void SkipsEmptySlotsAndReturnsFewerWhenCandidatesRunOut()
    {
        var (merged, _) = MultiInterestMerge.Merge([3, -1, 3, -1], [2f, float.NegativeInfinity, 1f, float.NegativeInfinity], 5);
        Assert.Equal([3], merged);
    }

    [Fact]
    public void RetrievesEachInterestAndMerges()
    {
        // Items: 0 padding, 1 = (1, 0), 2 = (0, 1), 3 = (0.9, 0.1), 4 = (0.1, 0.9), 5 = (0.5, 0.5).
        using var scope = torch.NewDisposeScope();
        using var retriever = new ExactTopK(torch.Tensor(new float[] { 0, 0, 1, 0, 0, 1, 0.9f, 0.1f, 0.1f, 0.9f, 0.5f, 0.5f }, 6, 2));
        // Two users, each with interests (1, 0) and (0, 1).
        var interests = torch.Tensor(new float[] { 1, 0, 0, 1, 1, 0, 0, 1 }, 2, 2, 2);
        var result = MultiInterestMerge.Retrieve(retriever, interests, 3, ItemSets.FromRows([[], [1]]));
        // User 0: interest 0 -> 1 (1.0), 3 (0.9), 5 (0.5); interest 1 -> 2 (1.0), 4 (0.9), 5 (0.5).
        Assert.Equal([1, 2, 3], result.Ids(0).ToArray());
        // User 1 has seen item 1: interest 0 -> 3 (0.9), 5 (0.5), 4 (0.1); interest 1 -> 2, 4, 5.
        Assert.Equal([2, 3, 4], result.Ids(1).ToArray());
        Assert.Equal([1f, 0.9f, 0.9f], result.Scores(1).ToArray());
    }
}
