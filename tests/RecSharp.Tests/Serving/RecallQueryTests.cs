using RecSharp.Data.Dataset;
using RecSharp.Data.Loaders;
using RecSharp.Serving;
using RecSharp.Tests.Data;

namespace RecSharp.Tests.Serving;

public class RecallQueryTests
{
    // External item i is internal item i + 1 (identity vocabulary): 2 users, 5 items.
    private static readonly IdVocabulary Ids = IdVocabulary.Identity(2, 5);

    [Fact]
    public void RecommendReturnsTheBestUnseenItemsWithTiesToTheSmallerId()
    {
        // item:                 0 (pad) 1    2    3    4    5
        var model = new FixedScoreModel([9f, 0.5f, 2f, 0.5f, 3f, float.NegativeInfinity], Ids);
        var query = RecallQuery.ForHistory(model, [4]);

        var top = RecallQuery.Recommend(model, query, 3);

        Assert.Equal([2, 1, 3], top.IdsArray(0));              // 4 was seen, 5 scores -inf, 0 is padding
        Assert.Equal([2f, 0.5f, 0.5f], top.Scores(0).ToArray());
        Assert.Equal([4, 2, 1], RecallQuery.Recommend(model, query, 3, keepSeen: true).IdsArray(0));
        Assert.Equal(3, RecallQuery.Recommend(model, query, 10).Length(0)); // only 1, 2 and 3 are eligible
    }

    [Fact]
    public void ParseHistoryMapsExternalIdsAndNamesBadTokens()
    {
        Assert.Equal([1, 5, 3], RecallQuery.ParseHistory("0, 4,2", Ids));
        Assert.Equal("--history: 'x' is not an item id (expected integers separated by commas)",
            Assert.Throws<ArgumentException>(() => RecallQuery.ParseHistory("1,x", Ids)).Message);
        Assert.Equal("--history: item 9 was not in the training data (5 items known)",
            Assert.Throws<ArgumentException>(() => RecallQuery.ParseHistory("9", Ids)).Message);
        Assert.Equal("--history holds no item ids", Assert.Throws<ArgumentException>(() => RecallQuery.ParseHistory(" , ", Ids)).Message);
    }

    [Fact]
    public void AHistoryAloneIsRefusedByAModelThatNeedsAKnownUser()
    {
        var model = new FixedScoreModel(new float[6], Ids, needsKnownUser: true);
        var e = Assert.Throws<ArgumentException>(() => RecallQuery.ForHistory(model, [1]));
        Assert.Equal("fixed scores a user of its training data (by that user's embedding or neighbours), so it cannot score a history alone: ask for a user of its training data with --user ID", e.Message);
    }

    [Fact]
    public void ForUserTakesTheUsersItemsInTimeOrderInTheModelsIds()
    {
        using var temp = new TempFolder();
        // Data ids: users 7 and 8; items 30, 10, 20 (first appearance: 30 -> 1, 10 -> 2, 20 -> 3).
        var data = InteractionDataset.Build(GroupLensRatingsLoader.Load(temp.Write("ratings.dat", "7::30::4::5\n8::10::3::1\n7::20::2::9\n7::10::5::2\n")));
        var modelIds = IdVocabulary.FromFirstAppearance(GroupLensRatingsLoader.Load(temp.Write("train.dat", "8::10::1::1\n7::20::1::2\n")));
        var model = new FixedScoreModel(new float[3], modelIds, needsKnownUser: true);

        var query = RecallQuery.ForUser(model, data, 7);

        Assert.Equal(1, query.User);                  // user 7 is the model's second user
        Assert.Equal([1, 2], query.History);          // times 2 (item 10 -> 1), 5 (item 30: unknown, skipped), 9 (item 20 -> 2)
        Assert.Equal($"--user: user 99 is not in {data.Source}", Assert.Throws<ArgumentException>(() => RecallQuery.ForUser(model, data, 99)).Message);
    }

    [Fact]
    public void ForUserRefusesAUserTheModelNeedsButNeverSaw()
    {
        using var temp = new TempFolder();
        var data = InteractionDataset.Build(GroupLensRatingsLoader.Load(temp.Write("ratings.dat", "7::30::4::5\n8::10::3::1\n9::10::1::1\n")));
        var modelIds = IdVocabulary.FromFirstAppearance(GroupLensRatingsLoader.Load(temp.Write("train.dat", "8::10::1::1\n")));
        var known = new FixedScoreModel(new float[2], modelIds, needsKnownUser: true);
        Assert.Equal("--user: user 7 was not in the training data of fixed (1 users known)",
            Assert.Throws<ArgumentException>(() => RecallQuery.ForUser(known, data, 7)).Message);
        var sequential = new FixedScoreModel(new float[2], modelIds);
        Assert.Equal("--user: user 7 has no item fixed knows",
            Assert.Throws<ArgumentException>(() => RecallQuery.ForUser(sequential, data, 7)).Message);
        Assert.Equal(0, RecallQuery.ForUser(sequential, data, 8).User);
        var unknownUser = RecallQuery.ForUser(sequential, data, 9); // a model that reads histories scores users it never saw
        Assert.Equal(-1, unknownUser.User);
        Assert.Equal([1], unknownUser.History);
    }

    [Fact]
    public void SimilarMapsTheExternalItem()
    {
        var model = new FixedScoreModel(new float[6], Ids);
        Assert.Equal([4], RecallQuery.Similar(model, 2, 1).IdsArray(0)); // external 2 = internal 3, fake neighbour 4
        Assert.Equal("--item: item 42 was not in the training data of fixed (5 items known)",
            Assert.Throws<ArgumentException>(() => RecallQuery.Similar(model, 42, 3)).Message);
    }
}
