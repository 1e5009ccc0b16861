using RecSharp.Data;
using RecSharp.Data.Loaders;

namespace RecSharp.Tests.Data;

/// <summary>Each loader on the real shared files, checked against the counts written in their PROVENANCE.md.</summary>
public class RealDataLoaderTests
{
    private static (int Users, int Items) Distinct(InteractionTable table) =>
        (table.Users.ToArray().Distinct().Count(), table.Items.ToArray().Distinct().Count());

    [SharedDataFact]
    public void Ml1mHeadRatingsDat()
    {
        var table = GroupLensRatingsLoader.Load(SharedData.File("ml-1m-head", "ratings.dat"));
        Assert.Equal(487_515, table.Count);
        Assert.Equal((2_998, 3_615), Distinct(table));
        Assert.Equal(970663470, table.Timestamps.ToArray().Min());
        Assert.Equal(1046388675, table.Timestamps.ToArray().Max());
        var histogram = table.Ratings.ToArray().GroupBy(r => r).OrderBy(g => g.Key).Select(g => g.Count()).ToArray();
        Assert.Equal([27_452, 53_822, 127_155, 170_551, 108_535], histogram);
    }

    [SharedDataFact]
    public void Ml100kUData()
    {
        var table = GroupLensRatingsLoader.Load(SharedData.File("ml-100k", "u.data"));
        Assert.Equal(100_000, table.Count);
        Assert.Equal((943, 1_682), Distinct(table));
    }

    [SharedDataFact]
    public void Ml100kBaseAndTestAddUp()
    {
        var train = GroupLensRatingsLoader.Load(SharedData.File("ml-100k", "u1.base"));
        var test = GroupLensRatingsLoader.Load(SharedData.File("ml-100k", "u1.test"));
        Assert.Equal(80_000, train.Count);
        Assert.Equal(20_000, test.Count);
    }

    [SharedDataFact]
    public void MovieLensLatestSmallCsv()
    {
        var table = DelimitedLoader.Load(SharedData.File("ml-latest-small", "ratings.csv"), DelimitedFormat.MovieLensCsv);
        Assert.Equal(100_836, table.Count);
        Assert.Equal((610, 9_724), Distinct(table));
        Assert.Equal(0.5f, table.Ratings.ToArray().Min());
        Assert.Equal(5f, table.Ratings.ToArray().Max());
    }

    [SharedDataFact]
    public void NcfAmusic()
    {
        var data = NcfLoader.Load(Path.Combine(SharedData.Folder("ncf-amusic"), "AMusic"));
        Assert.True(data.HasTrain);
        Assert.Equal(44_311 + 1_776, data.Interactions.Count);
        Assert.Equal(1_776, data.Interactions.Labels.ToArray().Count(l => l == SplitLabel.Test));
        Assert.Equal((1_776, 12_929), Distinct(data.Interactions));
        Assert.Equal(1_776, data.Negatives.Count);
        Assert.All(data.Negatives, n => Assert.Equal(99, n.Negatives.Distinct().Count()));
        // Quirk kept as is: the test item is among its own negatives in 18 lines.
        Assert.Equal(18, data.Negatives.Count(n => n.Negatives.Contains(n.Item)));
    }

    [SharedDataFact]
    public void NcfLastfm()
    {
        var data = NcfLoader.Load(Path.Combine(SharedData.Folder("ncf-lastfm"), "lastfm"));
        Assert.Equal(67_408 + 1_741, data.Interactions.Count);
        Assert.Equal((1_741, 2_665), Distinct(data.Interactions));
        Assert.Equal(86, data.Negatives.Count(n => n.Negatives.Contains(n.Item)));
    }

    [SharedDataFact]
    public void NcfMl1mHasOnlyTestFiles()
    {
        var data = NcfLoader.Load(Path.Combine(SharedData.Folder("ncf-ml-1m"), "ml-1m"));
        Assert.False(data.HasTrain);
        Assert.Equal(6_040, data.Interactions.Count);
        Assert.Equal(6_040, data.Negatives.Count);
        Assert.Equal(156, data.Negatives.Count(n => n.Negatives.Contains(n.Item)));
        Assert.Contains(data.Interactions.Notes, n => n.EndsWith("ml-1m.train.rating is missing: only the test files are loaded", StringComparison.Ordinal));
    }

    [SharedDataTheory]
    [InlineData("seq-beauty", "Beauty.txt", 22_363, 12_101, 198_502)]
    [InlineData("seq-lastfm", "LastFM.txt", 1_090, 3_646, 52_551)]
    [InlineData("seq-toys", "Toys_and_Games.txt", 19_412, 11_924, 167_597)]
    public void S3RecSequences(string folder, string file, int users, int items, int interactions)
    {
        var table = UserListLoader.Load(SharedData.File(folder, file));
        Assert.Equal(interactions, table.Count);
        Assert.Equal((users, items), Distinct(table));
    }

    [SharedDataFact]
    public void SasRecVideoPairs()
    {
        var table = DelimitedLoader.Load(SharedData.File("seq-sasrec-video", "Video.txt"), DelimitedFormat.SasRecPairs);
        Assert.Equal(287_107, table.Count);
        Assert.Equal((31_013, 23_715), Distinct(table));
    }

    [SharedDataFact]
    public void MmrecInterWithCrlf()
    {
        var table = MmrecInterLoader.Load(SharedData.File("amazon-sports", "sports.inter"));
        Assert.Equal(296_337, table.Count);
        Assert.Equal((35_598, 18_357), Distinct(table));
        var labels = table.Labels.ToArray();
        Assert.Equal(218_409, labels.Count(l => l == SplitLabel.Train));
        Assert.Equal(40_029, labels.Count(l => l == SplitLabel.Validation));
        Assert.Equal(37_899, labels.Count(l => l == SplitLabel.Test));
    }

    [SharedDataFact]
    public void LatticeJsonBaby()
    {
        var table = LatticeJsonLoader.LoadFolder(Path.Combine(SharedData.Folder("amazon-baby"), "5-core"));
        Assert.Equal(160_792, table.Count);
        Assert.Equal((19_445, 7_050), Distinct(table));
        var labels = table.Labels.ToArray();
        Assert.Equal(119_674, labels.Count(l => l == SplitLabel.Train));
        Assert.Equal(20_559, labels.Count(l => l == SplitLabel.Validation));
        Assert.Equal(20_559, labels.Count(l => l == SplitLabel.Test));
    }

    [SharedDataFact]
    public void ItemMetadataFiles()
    {
        var movies = ItemMetadataLoader.Load(SharedData.File("ml-1m", "movies.dat"));
        Assert.Equal(3_883, movies.Count);
        Assert.True(movies.TryGet(1, out var toyStory));
        Assert.Equal("Toy Story (1995)", toyStory.Title);
        Assert.Equal(["Animation", "Children's", "Comedy"], toyStory.Categories);

        var csv = ItemMetadataLoader.Load(SharedData.File("ml-latest-small", "movies.csv"));
        Assert.Equal(9_742, csv.Count);
        Assert.True(csv.TryGet(11, out var president));
        Assert.Equal("American President, The (1995)", president.Title);

        var uItem = ItemMetadataLoader.Load(SharedData.File("ml-100k", "u.item"));
        Assert.Equal(1_682, uItem.Count);
        Assert.True(uItem.TryGet(1, out var toy100k));
        Assert.Equal(["Animation", "Children's", "Comedy"], toy100k.Categories);

        var attributes = ItemMetadataLoader.Load(SharedData.File("seq-beauty", "Beauty_item2attributes.json"));
        Assert.Equal(12_101, attributes.Count);
        Assert.Equal(637, attributes.DistinctCategories);

        var recbole = ItemMetadataLoader.Load(SharedData.File("ml-1m-title-bert-pq", "ml-1m-full.item"));
        Assert.Equal(3_883, recbole.Count);
        Assert.True(recbole.TryGet(1, out var toyRecBole));
        Assert.Equal("Toy Story", toyRecBole.Title);
    }
}
