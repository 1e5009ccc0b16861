using RecSharp.Models.CollaborativeFiltering;

namespace RecSharp.Tests.Models.CollaborativeFiltering;

public class CfInteractionsTests
{
    [Fact]
    public void BuildsBothDirectionsSorted()
    {
        var data = CfInteractions.FromPairs(new[] { 2, 0, 0, 1 }, new[] { 3, 2, 1, 3 });
        Assert.Equal(3, data.UserCount);
        Assert.Equal(3, data.ItemCount);
        Assert.Equal(4, data.InteractionCount);
        Assert.Equal(0, data.DuplicateCount);
        Assert.Equal(new[] { 1, 2 }, data.ItemsOf(0).ToArray());
        Assert.Equal(new[] { 3 }, data.ItemsOf(1).ToArray());
        Assert.Equal(new[] { 3 }, data.ItemsOf(2).ToArray());
        Assert.Equal(new[] { 0 }, data.UsersOf(1).ToArray());
        Assert.Equal(new[] { 0 }, data.UsersOf(2).ToArray());
        Assert.Equal(new[] { 1, 2 }, data.UsersOf(3).ToArray());
    }

    [Fact]
    public void CollapsesAndCountsDuplicates()
    {
        var data = CfInteractions.FromPairs(new[] { 0, 0, 1, 0, 1 }, new[] { 1, 1, 2, 1, 2 });
        Assert.Equal(2, data.InteractionCount);
        Assert.Equal(3, data.DuplicateCount);
        Assert.Equal(new[] { 1 }, data.ItemsOf(0).ToArray());
        Assert.Equal(new[] { 1 }, data.UsersOf(2).ToArray());
    }

    [Fact]
    public void ExplicitCountsKeepEmptyUsersAndItems()
    {
        var data = CfInteractions.FromPairs(new[] { 1 }, new[] { 2 }, userCount: 4, itemCount: 6);
        Assert.Equal(4, data.UserCount);
        Assert.Equal(6, data.ItemCount);
        Assert.True(data.ItemsOf(3).IsEmpty);
        Assert.True(data.UsersOf(6).IsEmpty);
    }

    [Fact]
    public void LengthMismatchMessage()
    {
        var e = Assert.Throws<ArgumentException>(() => CfInteractions.FromPairs(new[] { 0, 1 }, new[] { 1 }));
        Assert.Equal("users has 2 entries but items has 1; they must have the same length.", e.Message);
    }

    [Fact]
    public void NegativeUserMessage()
    {
        var e = Assert.Throws<ArgumentException>(() => CfInteractions.FromPairs(new[] { 0, 1, -1 }, new[] { 1, 2, 3 }));
        Assert.Equal("users[2] = -1: user ids must be >= 0.", e.Message);
    }

    [Fact]
    public void PaddingItemMessage()
    {
        var e = Assert.Throws<ArgumentException>(() => CfInteractions.FromPairs(new[] { 0, 1 }, new[] { 1, 0 }));
        Assert.Equal("items[1] = 0: item id 0 is reserved for padding; item ids start at 1.", e.Message);
    }

    [Fact]
    public void NegativeItemMessage()
    {
        var e = Assert.Throws<ArgumentException>(() => CfInteractions.FromPairs(new[] { 0 }, new[] { -4 }));
        Assert.Equal("items[0] = -4: item ids must be >= 1.", e.Message);
    }

    [Fact]
    public void OutOfRangeMessagesWithExplicitCounts()
    {
        var e1 = Assert.Throws<ArgumentException>(() => CfInteractions.FromPairs(new[] { 0, 3 }, new[] { 1, 1 }, userCount: 3));
        Assert.Equal("users[1] = 3: user ids must be < userCount (3).", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => CfInteractions.FromPairs(new[] { 0 }, new[] { 8 }, itemCount: 7));
        Assert.Equal("items[0] = 8: item ids must be <= itemCount (7).", e2.Message);
    }

    [Fact]
    public void LookupOutOfRangeNamesTheRange()
    {
        var data = CfToyData.Build();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => data.ItemsOf(4));
        Assert.Equal("user", e.ParamName);
        Assert.StartsWith("user must be in 0..3.", e.Message);
        var e2 = Assert.Throws<ArgumentOutOfRangeException>(() => data.UsersOf(0));
        Assert.StartsWith("item must be in 1..5.", e2.Message);
    }
}
