using RecSharp.Data;
using RecSharp.Data.Dataset;

namespace RecSharp.Tests.Data;

public class DatasetTests
{
    private static InteractionTable Table(params (long User, long Item, float Rating, long Time)[] rows)
    {
        var table = new InteractionTable("test", rows.Length) { HasRatings = true, HasTimestamps = true };
        foreach (var r in rows)
        {
            table.Add(r.User, r.Item, r.Rating, r.Time);
        }

        return table;
    }

    [Fact]
    public void VocabularyNumbersByFirstAppearanceWithPaddingZero()
    {
        var data = InteractionDataset.Build(Table((42, 7, 1, 1), (9, 3, 1, 1), (42, 3, 1, 2)));
        var v = data.Vocabulary;
        Assert.Equal(2, v.NumUsers);
        Assert.Equal(2, v.NumItems);
        Assert.Equal(0, v.User(42));
        Assert.Equal(1, v.User(9));
        Assert.Equal(1, v.Item(7));
        Assert.Equal(2, v.Item(3));
        Assert.Equal(7, v.ExternalItem(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => v.ExternalItem(0));
        Assert.Equal([1, 2], data.Sequence(0).ToArray());
        Assert.Equal([2], data.Sequence(1).ToArray());
        Assert.Equal([0, 2, 3], data.Offsets);
    }

    [Fact]
    public void VocabularySavesAndReloads()
    {
        using var temp = new TempFolder();
        var v = IdVocabulary.FromFirstAppearance(Table((42, 7, 1, 1), (9, 3, 1, 1)));
        var path = Path.Combine(temp.Path, "vocab.json");
        v.Save(path);
        var reloaded = IdVocabulary.Load(path);
        Assert.Equal(v.NumUsers, reloaded.NumUsers);
        Assert.Equal(v.NumItems, reloaded.NumItems);
        Assert.Equal(1, reloaded.User(9));
        Assert.Equal(2, reloaded.Item(3));
        Assert.Equal("{\"users\":[42,9],\"items\":[7,3]}", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void BuildingWithAVocabularyRejectsUnknownIds()
    {
        var v = IdVocabulary.FromFirstAppearance(Table((1, 1, 1, 1)));
        var e = Assert.Throws<DataFormatException>(() => InteractionDataset.Build(Table((1, 2, 1, 1)), v));
        Assert.Equal("test: expected an item id present in the vocabulary; got \"row 1: item 2\"", e.Message);
    }

    [Fact]
    public void ImplicitThresholdKeepsRatingsAtOrAbove()
    {
        var table = Table((1, 1, 3, 1), (1, 2, 4, 2), (1, 3, 5, 3), (2, 1, 1, 1));
        var implicitTable = ImplicitFeedback.Apply(table, 4);
        Assert.Equal([2L, 3], implicitTable.Items.ToArray());
        Assert.Equal("implicit feedback: 2 row(s) rated below 4 removed", Assert.Single(implicitTable.Notes));
    }

    [Fact]
    public void KCoreIteratesToAFixedPoint()
    {
        // 2-core. Round 1 removes user 3 (one row) and item 30; that leaves item 20 with one row (user 2),
        // so round 2 removes it, leaving user 2 with one row; round 3 removes user 2; round 4 removes nothing.
        var table = Table(
            (1, 10, 1, 1), (1, 11, 1, 2), (2, 10, 1, 1), (2, 20, 1, 2), (4, 11, 1, 1), (4, 10, 1, 2), (3, 30, 1, 1), (5, 20, 1, 1));
        var (filtered, report) = KCoreFilter.Apply(table, 2, 2);
        Assert.Equal(4, report.Rounds);
        Assert.Equal([1L, 1, 4, 4], filtered.Users.ToArray());
        Assert.Equal(4, report.RemovedRows);
        Assert.Equal(3, report.RemovedUsers);
        Assert.Equal(2, report.RemovedItems);
        // Fixed point: filtering again removes nothing.
        Assert.Equal(0, KCoreFilter.Apply(filtered, 2, 2).Report.RemovedRows);
    }

    [Fact]
    public void StatisticsPercentilesAndDensity()
    {
        // Lengths 1, 2, 3, 4 over 4 users and 4 items.
        var rows = new List<(long, long, float, long)>();
        for (var u = 1; u <= 4; u++)
        {
            for (var i = 1; i <= u; i++)
            {
                rows.Add((u, i, 1, i));
            }
        }

        var stats = InteractionDataset.Build(Table(rows.ToArray())).Statistics;
        Assert.Equal(4, stats.Users);
        Assert.Equal(4, stats.Items);
        Assert.Equal(10, stats.Interactions);
        Assert.Equal(10.0 / 16, stats.Density);
        Assert.Equal(1, stats.MinLength);
        Assert.Equal(4, stats.MaxLength);
        Assert.Equal(2.5, stats.MeanLength);
        Assert.Equal(1, stats.LengthPercentiles[25]);
        Assert.Equal(2, stats.LengthPercentiles[50]);
        Assert.Equal(3, stats.LengthPercentiles[75]);
        Assert.Equal(4, stats.LengthPercentiles[99]);
        Assert.Contains(("users", "4"), stats.Rows());
    }

    [Fact]
    public void TokenIdsKeepTheirNamesThroughTheVocabulary()
    {
        using var temp = new TempFolder();
        var path = temp.Write("reviews.csv", "reviewer,asin,time\nA1X,B01,5\nA2Y,B02,3\nA1X,B02,4\n");
        var format = new RecSharp.Data.Loaders.DelimitedFormat { UserColumn = "reviewer", ItemColumn = "asin", TimestampColumn = "time", StringIds = true };
        var table = RecSharp.Data.Loaders.DelimitedLoader.Load(path, format);
        Assert.Equal([0L, 1, 0], table.Users.ToArray());
        Assert.Equal([0L, 1, 1], table.Items.ToArray());
        var data = InteractionDataset.Build(table);
        Assert.Equal(["A1X", "A2Y"], data.Vocabulary.UserNames!);
        Assert.Equal(["B01", "B02"], data.Vocabulary.ItemNames!);
        // User A1X: B02 at time 4 comes before B01 at time 5.
        Assert.Equal([2, 1], data.Sequence(0).ToArray());

        var vocabPath = Path.Combine(temp.Path, "vocab.json");
        data.Vocabulary.Save(vocabPath);
        Assert.Equal("{\"users\":[0,1],\"items\":[0,1],\"user_names\":[\"A1X\",\"A2Y\"],\"item_names\":[\"B01\",\"B02\"]}", File.ReadAllText(vocabPath));
        Assert.Equal(["B01", "B02"], IdVocabulary.Load(vocabPath).ItemNames!);
    }
}
