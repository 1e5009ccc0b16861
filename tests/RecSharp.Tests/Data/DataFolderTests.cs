using RecSharp.Data;

namespace RecSharp.Tests.Data;

/// <summary>Format detection on every folder of ../shared/data (each loads in well under a second).</summary>
public class DataFolderTests
{
    [SharedDataTheory]
    [InlineData("amazon-baby", DataFormat.LatticeJson, 19_445, 7_050, 160_792)]
    [InlineData("amazon-sports", DataFormat.MmrecInter, 35_598, 18_357, 296_337)]
    [InlineData("ml-100k", DataFormat.GroupLensRatings, 943, 1_682, 100_000)]
    [InlineData("ml-1m-head", DataFormat.GroupLensRatings, 2_998, 3_615, 487_515)]
    [InlineData("ml-1m-lcfn", DataFormat.LightGcnLists, 6_022, 3_043, 995_154)]
    [InlineData("ml-latest-small", DataFormat.MovieLensCsv, 610, 9_724, 100_836)]
    [InlineData("ncf-amusic", DataFormat.Ncf, 1_776, 12_929, 46_087)]
    [InlineData("ncf-lastfm", DataFormat.Ncf, 1_741, 2_665, 69_149)]
    [InlineData("ncf-ml-1m", DataFormat.Ncf, 6_040, 1_921, 6_040)]
    [InlineData("seq-beauty", DataFormat.S3RecSequences, 22_363, 12_101, 198_502)]
    [InlineData("seq-lastfm", DataFormat.S3RecSequences, 1_090, 3_646, 52_551)]
    [InlineData("seq-sasrec-video", DataFormat.SasRecPairs, 31_013, 23_715, 287_107)]
    [InlineData("seq-sports", DataFormat.S3RecSequences, 35_598, 18_357, 296_337)]
    [InlineData("seq-toys", DataFormat.S3RecSequences, 19_412, 11_924, 167_597)]
    [InlineData("seq-yelp", DataFormat.S3RecSequences, 30_431, 20_033, 316_354)]
    public void RecognisesAndCounts(string folder, DataFormat format, int users, int items, int interactions)
    {
        var loaded = DataFolder.Open(SharedData.Folder(folder));
        Assert.Equal(format, loaded.Format);
        var stats = loaded.BuildDataset().Statistics;
        Assert.Equal(users, stats.Users);
        Assert.Equal(items, stats.Items);
        Assert.Equal(interactions, stats.Interactions);
    }

    [SharedDataTheory]
    [InlineData("ml-1m", 3_883)]
    [InlineData("ml-1m-title-bert-pq", 3_883)]
    public void MetadataOnlyFolders(string folder, int items)
    {
        var loaded = DataFolder.Open(SharedData.Folder(folder));
        Assert.Equal(DataFormat.ItemMetadataOnly, loaded.Format);
        Assert.Null(loaded.Interactions);
        Assert.Equal(items, loaded.ItemMetadata!.Count);
    }

    [SharedDataFact]
    public void SplitLabelledFoldersCountHeldOutAnomalies()
    {
        var amusic = DataFolder.Open(SharedData.Folder("ncf-amusic")).BuildDataset().Statistics;
        Assert.Equal(44_311, amusic.TrainRows);
        Assert.Equal(1_776, amusic.TestRows);
        Assert.Equal(43, amusic.HeldOutUsersWithoutTrain);
        Assert.Equal(464, amusic.HeldOutRowsWithUnseenItem);
    }

    [SharedDataFact]
    public void YelpRepeatsAreCountedAsDuplicates()
    {
        var stats = DataFolder.Open(SharedData.Folder("seq-yelp")).BuildDataset().Statistics;
        Assert.Equal(11_830, stats.Duplicates);
    }

    [SharedDataFact]
    public void OpensSingleFiles()
    {
        Assert.Equal(DataFormat.GroupLensRatings, DataFolder.Open(SharedData.File("ml-100k", "u1.base")).Format);
        Assert.Equal(DataFormat.SasRecPairs, DataFolder.Open(SharedData.File("seq-sasrec-video", "Video.txt")).Format);
        Assert.Equal(DataFormat.Ncf, DataFolder.Open(SharedData.File("ncf-lastfm", "lastfm.test.rating")).Format);
    }

    [Fact]
    public void SniffsComiRecTriples()
    {
        using var temp = new TempFolder();
        var path = temp.Write("book_train.txt", "1,10,100\n1,11,101\n2,10,99\n");
        var loaded = DataFolder.Open(path);
        Assert.Equal(DataFormat.ComiRec, loaded.Format);
        Assert.Equal(3, loaded.Interactions!.Count);
        Assert.Equal([100L, 101, 99], loaded.Interactions.Timestamps.ToArray());
    }

    [Fact]
    public void UnknownFolderNamesWhatItLookedFor()
    {
        using var temp = new TempFolder();
        temp.Write("notes.md", "nothing here");
        var e = Assert.Throws<DataFormatException>(() => DataFolder.Open(temp.Path));
        Assert.StartsWith($"{temp.Path}: expected a recognised data layout: *.inter,", e.Message);
        Assert.EndsWith("; got \"notes.md\"", e.Message);
    }
}
