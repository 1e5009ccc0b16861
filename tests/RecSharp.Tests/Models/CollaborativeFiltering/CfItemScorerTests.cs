using RecSharp.Data.Splits;
using RecSharp.Evaluation.Protocols;
using RecSharp.Models.CollaborativeFiltering;

namespace RecSharp.Tests.Models.CollaborativeFiltering;

/// <summary>The evaluator adapter with users the model never saw (internal id -1 or past the last training user).</summary>
public class CfItemScorerTests
{
    private static float[] Scores(CfItemScorer scorer, EvaluationCase user)
    {
        var scores = new float[scorer.NumItems + 1];
        scorer.ScoreAll(user, scores);
        return scores;
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void ItemCfScoresAnUnknownUserFromItsHistoryAndGivesZerosWithoutOne(int user)
    {
        var scorer = new CfItemScorer(ItemCf.Fit(CfToyData.Build(), CfToyData.Plain(CfSimilarity.Cosine), threads: 1));
        // Item 4's cosine neighbours: 5 (1/√2), 2 (1/√4), 3 (1/√6).
        Assert.Equal(new[] { 0f, 0f, 0.5f, (float)(1 / Math.Sqrt(6)), 0f, (float)(1 / Math.Sqrt(2)) }, Scores(scorer, new EvaluationCase(user, [4], [])));
        Assert.Equal(new float[6], Scores(scorer, new EvaluationCase(user, [], [])));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void UserCfNamesTheUnknownUser(int user)
    {
        var scorer = new CfItemScorer(UserCf.Fit(CfToyData.Build(), CfToyData.Plain(CfSimilarity.Cosine), threads: 1));
        var error = Assert.Throws<ArgumentException>(() => Scores(scorer, new EvaluationCase(user, [1], [])));
        Assert.Equal($"UserCF cannot score user {user}: it is not in the training data (0..3)", error.Message);
    }

    [Fact]
    public void TheEvaluatorReportsTheUnknownUserInsteadOfAnAggregateException()
    {
        var scorer = new CfItemScorer(UserCf.Fit(CfToyData.Build(), CfToyData.Plain(CfSimilarity.Cosine), threads: 1));
        var split = new DataSplit
        {
            Protocol = SplitProtocol.P3Holdout, NumUsers = 4, NumItems = 5,
            Train = UserItemLists.FromLists([[1, 2, 3], [1, 3], [2, 3, 4], [4, 5]]),
            TrainUsers = [0, 1, 2, 3], Validation = [], Test = [new EvaluationCase(7, [], [1])],
            Settings = new Dictionary<string, string>(),
        };
        var error = Assert.Throws<ArgumentException>(() => ProtocolEvaluator.Evaluate(scorer, split, split.Test, threads: 2));
        Assert.Equal("UserCF cannot score user 7: it is not in the training data (0..3)", error.Message);
    }
}
