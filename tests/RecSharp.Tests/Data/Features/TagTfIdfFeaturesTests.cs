using RecSharp.Data;
using RecSharp.Data.Dataset;
using RecSharp.Data.Features;
using RecSharp.Tests.Data;

namespace RecSharp.Tests.Data.Features;

public class TagTfIdfFeaturesTests
{
    // External movie ids 0..3 are internal items 1..4; movie 3 has no tags.
    private static readonly IdVocabulary FourItems = IdVocabulary.Identity(1, 4);

    [Fact]
    public void TfIdfRowsMatchAHandComputedExample()
    {
        using var temp = new TempFolder();
        // Movie 0: "funny" twice (two users), "dark" once; movie 1: "Dark " (trimmed, lower-cased); movie 2: "scary, a bit" (quoted comma).
        var path = temp.Write("tags.csv",
            "userId,movieId,tag,timestamp\n1,0,funny,1\n2,0,Funny,2\n1,0,dark,3\n3,1,Dark ,4\n4,2,\"scary, a bit\",5\n");
        var table = FeatureSpec.Parse($"tags=tags:{path}").Load(FourItems);
        // Columns in ordinal order: dark, funny, "scary, a bit". N = 3 tagged movies; idf = ln(4 / (1 + df)) + 1:
        // dark (df 2) 1.28768, funny (df 1) 1.69315. Movie 0 = (1.28768, 2 x 1.69315, 0) / 3.62289.
        Assert.Equal(3, table.Columns);
        Assert.Equal(1, table.MissingItems);
        var movie0 = table.Row(1).ToArray();
        Assert.Equal(0.355432, movie0[0], 5);
        Assert.Equal(0.934702, movie0[1], 5);
        Assert.Equal(0f, movie0[2]);
        Assert.Equal([1f, 0f, 0f], table.Row(2).ToArray());
        Assert.Equal([0f, 0f, 1f], table.Row(3).ToArray());
        Assert.Equal([0f, 0f, 0f], table.Row(4).ToArray());
    }

    [Fact]
    public void MinCountDropsRareTagsAndProjectionGivesTheAskedColumns()
    {
        using var temp = new TempFolder();
        var path = temp.Write("tags.csv", "userId,movieId,tag,timestamp\n1,0,funny,1\n1,1,funny,2\n1,1,rare,3\n");
        var table = FeatureSpec.Parse($"t=tags:{path},min-count=2").Load(FourItems);
        Assert.Equal(1, table.Columns);                  // only "funny" is on two movies
        Assert.Equal([1f], table.Row(2).ToArray());      // movie 1's "rare" is gone, its row is re-normalised
        Assert.Equal(5, FeatureSpec.Parse($"t=tags:{path},dim=5,seed=3").Load(FourItems).Columns);
    }

    [Fact]
    public void BadTagFilesNameTheFileLineAndWhatWasExpected()
    {
        using var temp = new TempFolder();
        var header = temp.Write("a.csv", "movieId,tag\n");
        var e = Assert.Throws<DataFormatException>(() => FeatureSpec.Parse($"t=tags:{header}").Load(FourItems));
        Assert.StartsWith($"{header}:1: expected the header \"userId,movieId,tag,timestamp\"", e.Message);
        var fields = temp.Write("b.csv", "userId,movieId,tag,timestamp\n1,0,funny\n");
        e = Assert.Throws<DataFormatException>(() => FeatureSpec.Parse($"t=tags:{fields}").Load(FourItems));
        Assert.StartsWith($"{fields}:2: expected 4 comma-separated fields (userId,movieId,tag,timestamp; tags with commas in double quotes), found 3", e.Message);
        var option = Assert.Throws<ArgumentException>(() => FeatureSpec.Parse($"t=tags:{fields},ids=x"));
        Assert.Equal($"--feature 't=tags:{fields},ids=x': unknown option 'ids' for tags (expected min-count=..., dim=..., seed=...)", option.Message);
    }
}
