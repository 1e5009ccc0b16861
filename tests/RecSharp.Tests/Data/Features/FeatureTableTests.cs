using System.Text;
using RecSharp.Data;
using RecSharp.Data.Dataset;
using RecSharp.Data.Features;
using RecSharp.Tests.Data;

namespace RecSharp.Tests.Data.Features;

public class FeatureTableTests
{
    // Items 1..3 have external ids 0, 1, 2 (the MMRec convention: external item id = feature row).
    private static readonly IdVocabulary ThreeItems = IdVocabulary.Identity(1, 3);

    private static byte[] Npy(string descr, string shape, byte[] data)
    {
        var dict = $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}";
        var total = 10 + dict.Length + 1;
        var padded = dict + new string(' ', (64 - total % 64) % 64) + "\n";
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange(Encoding.ASCII.GetBytes("NUMPY"));
        bytes.AddRange([1, 0]);
        bytes.AddRange(BitConverter.GetBytes((ushort)padded.Length));
        bytes.AddRange(Encoding.ASCII.GetBytes(padded));
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    private static byte[] Bytes<T>(T[] values) where T : unmanaged => System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    [Fact]
    public void NpyRowsAreExternalItemIdsAndRowZeroIsPadding()
    {
        using var temp = new TempFolder();
        var path = temp.WriteBytes("text_feat.npy", Npy("<f8", "(3, 2)", Bytes(new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 })));
        var table = FeatureSpec.Parse($"text={path}").Load(ThreeItems);
        Assert.Equal("text", table.Name);
        Assert.Equal(2, table.Columns);
        Assert.Equal(0, table.MissingItems);
        Assert.Equal([0f, 0f], table.Row(0).ToArray());
        Assert.Equal([1f, 2f], table.Row(1).ToArray());
        Assert.Equal([5f, 6f], table.Row(3).ToArray());
        using var tensor = table.ToTensor();
        Assert.Equal([4L, 2L], tensor.Shape);
    }

    [Fact]
    public void TooFewNpyRowsNameTheFileAndBothCounts()
    {
        using var temp = new TempFolder();
        var path = temp.WriteBytes("short.npy", Npy("<f4", "(2, 1)", Bytes(new[] { 1f, 2f })));
        var e = Assert.Throws<DataFormatException>(() => FeatureSpec.Parse($"text={path}").Load(ThreeItems));
        Assert.Equal($"{path}: expected at least 3 rows (row r = item id r, and the data has item ids up to 2); give an ids file (npy:FILE,ids=IDS) if the rows follow another order; got \"2 rows\"", e.Message);
    }

    [Fact]
    public void IdsFileMapsRowsAndMissingItemsGetZeroRows()
    {
        using var temp = new TempFolder();
        var path = temp.WriteBytes("f.npy", Npy("<f4", "(2, 1)", Bytes(new[] { 7f, 9f })));
        var ids = temp.Write("ids.txt", "2\n0\n");
        var table = FeatureSpec.Parse($"img=npy:{path},ids={ids}").Load(ThreeItems);
        Assert.Equal([9f], table.Row(1).ToArray()); // external 0 is on row 1
        Assert.Equal([0f], table.Row(2).ToArray()); // external 1 has no row
        Assert.Equal([7f], table.Row(3).ToArray()); // external 2 is on row 0
        Assert.Equal(1, table.MissingItems);

        var wrong = temp.Write("wrong.txt", "2\n0\n1\n");
        var e = Assert.Throws<DataFormatException>(() => FeatureSpec.Parse($"img=npy:{path},ids={wrong}").Load(ThreeItems));
        Assert.Equal($"{wrong}: expected one id per row of {path}, i.e. 2 ids; got \"3 ids\"", e.Message);
    }

    [Fact]
    public void IntegerNpyIsRejectedNamingTheFile()
    {
        using var temp = new TempFolder();
        var path = temp.WriteBytes("ints.npy", Npy("<i8", "(3, 1)", Bytes(new[] { 1L, 2L, 3L })));
        var e = Assert.Throws<DataFormatException>(() => FeatureSpec.Parse($"text={path}").Load(ThreeItems));
        Assert.StartsWith($"{path}: expected descr '<f2', '<f4' or '<f8'", e.Message);
    }

    [Fact]
    public void GenresBecomeMultiHotInOrdinalOrder()
    {
        using var temp = new TempFolder();
        var movies = temp.Write("movies.dat", "0::A (1995)::Comedy|Drama\n1::B (1996)::Action\n9::C (1997)::Drama\n");
        var table = FeatureSpec.Parse($"genre=genres:{movies}").Load(ThreeItems);
        // Columns: Action, Comedy, Drama.
        Assert.Equal(3, table.Columns);
        Assert.Equal([0f, 1f, 1f], table.Row(1).ToArray());
        Assert.Equal([1f, 0f, 0f], table.Row(2).ToArray());
        Assert.Equal([0f, 0f, 0f], table.Row(3).ToArray()); // external 2 is not in movies.dat
        Assert.Equal(1, table.MissingItems);
    }

    [Fact]
    public void AttributesMultiHotAndTheirRandomProjection()
    {
        using var temp = new TempFolder();
        var json = temp.Write("item2attributes.json", "{\"0\": [5, 7], \"1\": [7], \"2\": [11]}");
        var table = FeatureSpec.Parse($"attr=item2attributes:{json}").Load(ThreeItems);
        // Columns in ordinal order of the attribute ids as text: "11", "5", "7".
        Assert.Equal([0f, 1f, 1f], table.Row(1).ToArray());
        Assert.Equal([0f, 0f, 1f], table.Row(2).ToArray());
        Assert.Equal([1f, 0f, 0f], table.Row(3).ToArray());

        var projected = FeatureSpec.Parse($"attr=item2attributes:{json},dim=4,seed=3").Load(ThreeItems);
        Assert.Equal(4, projected.Columns);
        // Row 1 = column "5" + column "7" of the ±1/2 projection, so row 1 = row 3's "11"-free part: row1 - row2 = the "5" column.
        var r1 = projected.Row(1).ToArray();
        var r2 = projected.Row(2).ToArray();
        for (int j = 0; j < 4; j++)
        {
            Assert.Equal(0.5f, Math.Abs(r2[j]), 6);
            Assert.Equal(0.5f, Math.Abs(r1[j] - r2[j]), 6);
        }
    }

    [Theory]
    [InlineData("text", "--feature 'text': expected NAME=SOURCE, SOURCE a .npy (row = item id) or npy:FILE[,ids=IDS] | bert-pq:DIR | genres:movies.dat[,dim=K] | item2attributes:FILE[,dim=K][,seed=S] | tags:tags.csv[,min-count=N][,dim=K][,seed=S]")]
    [InlineData("text=", "--feature 'text=': expected NAME=SOURCE, SOURCE a .npy (row = item id) or npy:FILE[,ids=IDS] | bert-pq:DIR | genres:movies.dat[,dim=K] | item2attributes:FILE[,dim=K][,seed=S] | tags:tags.csv[,min-count=N][,dim=K][,seed=S]")]
    [InlineData("a b=x.npy", "--feature 'a b=x.npy': the name 'a b' may hold only letters, digits, '-' and '_' (expected NAME=SOURCE)")]
    [InlineData("t=feat.csv", "--feature 't=feat.csv': 'feat.csv' is not a .npy file (expected SOURCE a .npy (row = item id) or npy:FILE[,ids=IDS] | bert-pq:DIR | genres:movies.dat[,dim=K] | item2attributes:FILE[,dim=K][,seed=S] | tags:tags.csv[,min-count=N][,dim=K][,seed=S])")]
    [InlineData("g=genre:m.dat", "--feature 'g=genre:m.dat': unknown source kind 'genre' (expected SOURCE a .npy (row = item id) or npy:FILE[,ids=IDS] | bert-pq:DIR | genres:movies.dat[,dim=K] | item2attributes:FILE[,dim=K][,seed=S] | tags:tags.csv[,min-count=N][,dim=K][,seed=S])")]
    [InlineData("g=genres:", "--feature 'g=genres:': the genres source names no file (expected SOURCE a .npy (row = item id) or npy:FILE[,ids=IDS] | bert-pq:DIR | genres:movies.dat[,dim=K] | item2attributes:FILE[,dim=K][,seed=S] | tags:tags.csv[,min-count=N][,dim=K][,seed=S])")]
    [InlineData("g=genres:m.dat,ids=x", "--feature 'g=genres:m.dat,ids=x': unknown option 'ids' for genres (expected dim=..., seed=...)")]
    [InlineData("g=genres:m.dat,dim", "--feature 'g=genres:m.dat,dim': option 'dim' must be key=value (for genres: dim=..., seed=...)")]
    [InlineData("g=genres:m.dat,dim=0", "--feature 'g=genres:m.dat,dim=0': dim must be a positive integer, not '0'")]
    [InlineData("a=item2attributes:a.json,seed=x", "--feature 'a=item2attributes:a.json,seed=x': seed must be an integer, not 'x'")]
    [InlineData("t=bert-pq:dir,dim=8", "--feature 't=bert-pq:dir,dim=8': unknown option 'dim' for bert-pq (expected no options: bert-pq:DIR)")]
    [InlineData("t=npy:f.bin,seed=1", "--feature 't=npy:f.bin,seed=1': unknown option 'seed' for npy (expected ids=...)")]
    public void BadSpecsAreExplained(string spec, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => FeatureSpec.Parse(spec));
        Assert.Equal(message, e.Message);
    }

    [SharedDataFact]
    public void BertPqTitlesAlignToMovieIds()
    {
        // ml-1m MovieIDs 1 (Toy Story) and 260 (Star Wars IV), 1196 (Empire) and 1210 (Jedi): Star Wars' nearest neighbours are the sequels.
        var vocabulary = IdVocabularyOf(1, 260, 1196, 1210);
        var table = FeatureSpec.Parse($"text=bert-pq:{SharedData.Folder("ml-1m-title-bert-pq")}").Load(vocabulary);
        Assert.Equal(768, table.Columns);
        Assert.Equal(0, table.MissingItems);
        double Cos(int a, int b)
        {
            var x = table.Row(a);
            var y = table.Row(b);
            double dot = 0, nx = 0, ny = 0;
            for (int k = 0; k < x.Length; k++) { dot += x[k] * y[k]; nx += x[k] * x[k]; ny += y[k] * y[k]; }
            return dot / Math.Sqrt(nx * ny);
        }
        Assert.True(Cos(2, 3) > Cos(2, 1), $"cos(Star Wars, Empire) {Cos(2, 3)} should beat cos(Star Wars, Toy Story) {Cos(2, 1)}");
    }

    private static IdVocabulary IdVocabularyOf(params long[] items)
    {
        var table = new InteractionTable("test");
        foreach (long item in items) table.Add(0, item, 1, 0);
        return IdVocabulary.FromFirstAppearance(table);
    }
}
