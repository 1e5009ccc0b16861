using RecSharp.Data;
using RecSharp.Data.Dataset;
using RecSharp.Data.Loaders;

namespace RecSharp.Tests.Data;

/// <summary>Small hand-written files: malformed lines name file, line, text and expectation; anomalies are counted.</summary>
public class MalformedInputTests
{
    [Fact]
    public void GroupLensBadRatingNamesFileLineAndText()
    {
        using var temp = new TempFolder();
        var path = temp.Write("ratings.dat", "1::10::5::100\n1::11::x::101\n");
        var e = Assert.Throws<DataFormatException>(() => GroupLensRatingsLoader.Load(path));
        Assert.Equal($"{path}:2: expected a number rating, not \"x\"; got \"1::11::x::101\"", e.Message);
        Assert.Equal(2, e.LineNumber);
        Assert.Equal("1::11::x::101", e.LineText);
    }

    [Fact]
    public void GroupLensWrongFieldCount()
    {
        using var temp = new TempFolder();
        var path = temp.Write("u.data", "1\t10\t5\t100\n1\t11\t5\n");
        var e = Assert.Throws<DataFormatException>(() => GroupLensRatingsLoader.Load(path));
        Assert.Equal($"{path}:2: expected 4 fields separated by tabs (user, item, rating, timestamp), found 3; got \"1\t11\t5\"", e.Message);
    }

    [Fact]
    public void CrlfAndLfGiveTheSameRows()
    {
        using var temp = new TempFolder();
        var lf = GroupLensRatingsLoader.Load(temp.Write("lf.dat", "1::10::5::100\n2::11::4::101\n"));
        var crlf = GroupLensRatingsLoader.Load(temp.Write("crlf.dat", "1::10::5::100\r\n2::11::4::101\r\n"));
        Assert.Equal(lf.Items.ToArray(), crlf.Items.ToArray());
        Assert.Equal(lf.Timestamps.ToArray(), crlf.Timestamps.ToArray());
        Assert.Equal([10L, 11], crlf.Items.ToArray());
    }

    [Fact]
    public void GzipCsvWithHeaderLoads()
    {
        using var temp = new TempFolder();
        var path = temp.Write("ratings.csv.gz", "userId,movieId,rating,timestamp\r\n1,31,2.5,1260759144\r\n1,1029,3.0,1260759179\r\n");
        var table = DelimitedLoader.Load(path, DelimitedFormat.MovieLensCsv);
        Assert.Equal([31L, 1029], table.Items.ToArray());
        Assert.Equal([2.5f, 3.0f], table.Ratings.ToArray());
    }

    [Fact]
    public void GenericDelimitedMissingColumnIsNamed()
    {
        using var temp = new TempFolder();
        var path = temp.Write("events.tsv", "uid\tiid\tts\n1\t2\t3\n");
        var format = new DelimitedFormat { Separator = "\t", UserColumn = "uid", ItemColumn = "item", TimestampColumn = "ts" };
        var e = Assert.Throws<DataFormatException>(() => DelimitedLoader.Load(path, format));
        Assert.Equal($"{path}:1: expected a column named \"item\" in the header; got \"uid\tiid\tts\"", e.Message);
    }

    [Fact]
    public void GenericDelimitedNamedColumns()
    {
        using var temp = new TempFolder();
        var path = temp.Write("events.tsv", "ts\tiid\tuid\n30\t2\t7\n10\t3\t7\n");
        var format = new DelimitedFormat { Separator = "\t", UserColumn = "uid", ItemColumn = "iid", TimestampColumn = "ts" };
        var table = DelimitedLoader.Load(path, format);
        Assert.Equal([7L, 7], table.Users.ToArray());
        Assert.Equal([2L, 3], table.Items.ToArray());
        Assert.Equal([30L, 10], table.Timestamps.ToArray());
    }

    [Fact]
    public void MmrecBadLabel()
    {
        using var temp = new TempFolder();
        var path = temp.Write("x.inter", "userID\titemID\tx_label\r\n1\t2\t0\r\n1\t3\t5\r\n");
        var e = Assert.Throws<DataFormatException>(() => MmrecInterLoader.Load(path));
        Assert.Equal($"{path}:3: expected split label 0 (train), 1 (validation) or 2 (test) in column x_label, not 5; got \"1\t3\t5\"", e.Message);
    }

    [Fact]
    public void S3RecNonIntegerItem()
    {
        using var temp = new TempFolder();
        var path = temp.Write("Beauty.txt", "1 2 3\n2 4 five 6\n");
        var e = Assert.Throws<DataFormatException>(() => UserListLoader.Load(path));
        Assert.Equal($"{path}:2: expected an integer item id, not \"five\"; got \"2 4 five 6\"", e.Message);
    }

    [Fact]
    public void NcfNegativeKeyMustMatchTestRating()
    {
        using var temp = new TempFolder();
        temp.Write("d.train.rating", "0\t1\t5\n1\t2\t4\n");
        temp.Write("d.test.rating", "0\t3\t5\n1\t4\t4\n");
        var negative = temp.Write("d.test.negative", "(0,3)\t5\t6\n(1,9)\t5\t6\n");
        var e = Assert.Throws<DataFormatException>(() => NcfLoader.Load(Path.Combine(temp.Path, "d")));
        Assert.Equal($"{negative}:2: expected a (user,item) key equal to that user's line in the .test.rating file; got \"(1,9)\"", e.Message);
    }

    [Fact]
    public void NcfNegativeLineWithoutKey()
    {
        using var temp = new TempFolder();
        var path = temp.Write("d.test.negative", "0,3\t5\t6\n");
        var e = Assert.Throws<DataFormatException>(() => NcfLoader.ReadNegatives(path));
        Assert.Equal($"{path}:1: expected \"(user,item)\" then tab-separated negative item ids; got \"0,3\t5\t6\"", e.Message);
    }

    [Fact]
    public void LatticeJsonBadItem()
    {
        using var temp = new TempFolder();
        var path = temp.Write("train.json", "{\"0\": [1, \"a\"]}");
        var table = new InteractionTable(path);
        var e = Assert.Throws<DataFormatException>(() => LatticeJsonLoader.AppendTo(table, path, SplitLabel.Train));
        Assert.Equal($"{path}:1: expected an integer item id in the list of user 0; got \"\"a\"\"", e.Message);
    }

    [Fact]
    public void MoviesCsvUnclosedQuote()
    {
        using var temp = new TempFolder();
        var path = temp.Write("movies.csv", "movieId,title,genres\n1,\"Broken, The,Drama\n");
        var e = Assert.Throws<DataFormatException>(() => ItemMetadataLoader.Load(path));
        Assert.Equal($"{path}:2: expected a closing double quote before the end of the line; got \"1,\"Broken, The,Drama\"", e.Message);
    }

    [Fact]
    public void EmptyFilesGiveEmptyTablesAndStatistics()
    {
        using var temp = new TempFolder();
        var table = GroupLensRatingsLoader.Load(temp.Write("ratings.dat", ""));
        Assert.Equal(0, table.Count);
        var stats = InteractionDataset.Build(table).Statistics;
        Assert.Equal(0, stats.Users);
        Assert.Equal(0, stats.Interactions);
        Assert.Equal(0, stats.Density);
        Assert.Equal(0, DelimitedLoader.Load(temp.Write("ratings.csv", ""), DelimitedFormat.MovieLensCsv).Count);
        Assert.Equal(0, UserListLoader.Load(temp.Write("seq.txt", "")).Count);
    }

    [Fact]
    public void BlankLinesDuplicatesTiesAndDisorderAreCounted()
    {
        using var temp = new TempFolder();
        // user 1: times 30, 10, 10 (one decrease, one tie after sorting), item 5 twice (one duplicate); one blank line.
        var path = temp.Write("ratings.dat", "1::5::4::30\n\n1::6::3::10\n1::5::2::10\n2::7::5::1\n");
        var table = GroupLensRatingsLoader.Load(path);
        var data = InteractionDataset.Build(table);
        var stats = data.Statistics;
        Assert.Equal(1, stats.BlankLines);
        Assert.Equal(1, stats.Duplicates);
        Assert.Equal(1, stats.TimestampTies);
        Assert.Equal(1, stats.NonMonotonicTimestamps);
        Assert.Equal(4, stats.Interactions);
        // Sorted by time, stable on the tie: item 6 (line 3) before item 5 (line 4), then item 5 at time 30.
        Assert.Equal([data.Vocabulary.Item(6), data.Vocabulary.Item(5), data.Vocabulary.Item(5)], data.Sequence(0).ToArray());
    }

    [Fact]
    public void HeldOutIdsNotInTrainAreCounted()
    {
        using var temp = new TempFolder();
        var path = temp.Write("d.inter", "userID\titemID\tx_label\n1\t10\t0\n1\t11\t2\n2\t10\t1\n3\t10\t2\n3\t12\t0\n");
        var stats = InteractionDataset.Build(MmrecInterLoader.Load(path)).Statistics;
        Assert.Equal(2, stats.TrainRows);
        Assert.Equal(1, stats.ValidationRows);
        Assert.Equal(2, stats.TestRows);
        Assert.Equal(1, stats.HeldOutRowsWithUnseenItem); // item 11
        Assert.Equal(1, stats.HeldOutUsersWithoutTrain); // user 2
    }

    [Fact]
    public void UserLineWithoutItemsIsNoted()
    {
        using var temp = new TempFolder();
        var path = temp.Write("train.txt", "0 1 2\r\n1\r\n2 3\r\n");
        var table = UserListLoader.Load(path);
        Assert.Equal(3, table.Count);
        Assert.Equal($"{path}: 1 line(s) hold a user with no items (user kept out of the interactions)", Assert.Single(table.Notes));
    }

    [Fact]
    public void MissingFileIsNamed()
    {
        var e = Assert.Throws<FileNotFoundException>(() => GroupLensRatingsLoader.Load("/nonexistent/ratings.dat"));
        Assert.Equal("/nonexistent/ratings.dat: file not found", e.Message);
    }

    [Fact]
    public void ByteOrderMarkAndMissingFinalNewline()
    {
        using var temp = new TempFolder();
        var table = GroupLensRatingsLoader.Load(temp.Write("ratings.dat", "\uFEFF1::10::5::100\r\n2::11::4::101"));
        Assert.Equal([1L, 2], table.Users.ToArray());
        Assert.Equal([100L, 101], table.Timestamps.ToArray());
    }

    [Fact]
    public void LinesLongerThanTheReadBufferAreWhole()
    {
        using var temp = new TempFolder();
        var items = Enumerable.Range(1, 300_000).ToArray(); // about 2 MB on one line, twice the 1 MiB buffer
        var path = temp.Write("long.txt", "7 " + string.Join(' ', items) + "\n8 1 2\n");
        var table = UserListLoader.Load(path);
        Assert.Equal(300_002, table.Count);
        Assert.Equal(300_000L, table.Items[299_999]);
        Assert.Equal(299_999L, table.Timestamps[299_999]);
        Assert.Equal(8L, table.Users[300_000]);
    }

    [Fact]
    public void NumbersOutsideTheFastPathStillParse()
    {
        using var temp = new TempFolder();
        var path = temp.Write("r.csv", "user,item,rating,timestamp\n-1, 2,2.5,10\n3,4,.5,1e3\n5,6,4,1234567890123\n");
        var format = new DelimitedFormat { RatingColumn = "rating", TimestampColumn = "timestamp" };
        var table = DelimitedLoader.Load(path, format);
        Assert.Equal([-1L, 3, 5], table.Users.ToArray());
        Assert.Equal([2L, 4, 6], table.Items.ToArray());
        Assert.Equal([2.5f, 0.5f, 4f], table.Ratings.ToArray());
        Assert.Equal([10L, 1000, 1234567890123], table.Timestamps.ToArray());
    }
}
