using System.Buffers.Binary;
using RecSharp.Models.CollaborativeFiltering;

namespace RecSharp.Tests.Models.CollaborativeFiltering;

public sealed class CfModelFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("recsharp-cf-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string name) => Path.Combine(_folder, name);

    private string SavedToyItemCf()
    {
        string path = PathOf("toy.itemcf");
        ItemCf.Fit(CfToyData.Build(), new CfOptions()).Save(path);
        return path;
    }

    [Fact]
    public void ItemCfRoundTrip()
    {
        var data = CfDeterminismTests.RandomData();
        var options = new CfOptions { Similarity = CfSimilarity.Asymmetric, Alpha = 0.3, TopK = 15, NormalizeRowsByMax = true };
        var model = ItemCf.Fit(data, options);
        string path = PathOf("model.itemcf");
        model.Save(path);
        model.Save(path); // overwriting an existing file works too
        var loaded = ItemCf.Load(path);

        Assert.Equal(options, loaded.Options);
        Assert.Equal(data.UserCount, loaded.Interactions.UserCount);
        Assert.Equal(data.ItemCount, loaded.Interactions.ItemCount);
        Assert.Equal(data.InteractionCount, loaded.Interactions.InteractionCount);
        Assert.Equal(data.DuplicateCount, loaded.Interactions.DuplicateCount);
        for (int item = 1; item <= data.ItemCount; item++)
        {
            Assert.Equal(data.UsersOf(item).ToArray(), loaded.Interactions.UsersOf(item).ToArray());
            Assert.Equal(model.SimilarItems(item, 100), loaded.SimilarItems(item, 100));
        }
        Assert.Equal(model.RecommendAll(10), loaded.RecommendAll(10));
        Assert.Equal(new[] { "model.itemcf" }, Directory.GetFiles(_folder).Select(Path.GetFileName)); // no temp file left
    }

    [Fact]
    public void UserCfRoundTrip()
    {
        var data = CfDeterminismTests.RandomData(seed: 11);
        var model = UserCf.Fit(data, new CfOptions { TopK = 20 });
        string path = PathOf("model.usercf");
        model.Save(path);
        var loaded = UserCf.Load(path);
        for (int u = 0; u < data.UserCount; u++)
        {
            Assert.Equal(model.SimilarUsers(u, 100), loaded.SimilarUsers(u, 100));
            Assert.Equal(model.Recommend(u, 10), loaded.Recommend(u, 10));
        }
    }

    [Fact]
    public void MissingFile()
    {
        string path = PathOf("absent.itemcf");
        var e = Assert.Throws<FileNotFoundException>(() => ItemCf.Load(path));
        Assert.Equal($"{path}: file not found.", e.Message);
    }

    [Fact]
    public void WrongMagic()
    {
        string path = PathOf("text.itemcf");
        File.WriteAllText(path, "user item item\n");
        var e = Assert.Throws<InvalidDataException>(() => ItemCf.Load(path));
        Assert.Equal($"{path}: not a RecSharp CF model file (it does not start with \"RSCF\").", e.Message);
        File.WriteAllBytes(path, []);
        Assert.Equal(e.Message, Assert.Throws<InvalidDataException>(() => ItemCf.Load(path)).Message);
    }

    [Fact]
    public void TooShort()
    {
        string path = PathOf("short.itemcf");
        File.WriteAllBytes(path, "RSCF\u0001\0\0\0"u8.ToArray());
        var e = Assert.Throws<InvalidDataException>(() => ItemCf.Load(path));
        Assert.Equal($"{path}: file is 8 bytes, too short for a CF model file (header and footer need 24).", e.Message);
    }

    [Fact]
    public void UnsupportedVersion()
    {
        string path = SavedToyItemCf();
        Patch(path, bytes => BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), 2));
        var e = Assert.Throws<InvalidDataException>(() => ItemCf.Load(path));
        Assert.Equal($"{path}: unsupported CF model file version 2; this build reads version 1.", e.Message);
    }

    [Fact]
    public void WrongModelKind()
    {
        string path = SavedToyItemCf();
        var e = Assert.Throws<InvalidDataException>(() => UserCf.Load(path));
        Assert.Equal($"{path}: holds a model of kind ItemCF, not UserCF.", e.Message);
        Patch(path, bytes => BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), 9));
        e = Assert.Throws<InvalidDataException>(() => ItemCf.Load(path));
        Assert.Equal($"{path}: unknown model kind 9 in the header (1 = ItemCF, 2 = UserCF).", e.Message);
    }

    [Fact]
    public void Truncated()
    {
        string path = SavedToyItemCf();
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length - 20).ToArray());
        var e = Assert.Throws<InvalidDataException>(() => ItemCf.Load(path));
        Assert.Equal($"{path}: end marker \"FCSR\" missing: the file is truncated or corrupt.", e.Message);
    }

    [Fact]
    public void FlippedByteFailsTheChecksum()
    {
        string path = SavedToyItemCf();
        Patch(path, bytes => bytes[bytes.Length / 2] ^= 0x40, fixChecksum: false);
        byte[] corrupt = File.ReadAllBytes(path);
        ulong stored = BinaryPrimitives.ReadUInt64LittleEndian(corrupt.AsSpan(corrupt.Length - 12));
        ulong computed = Fnv1a64(corrupt.AsSpan(0, corrupt.Length - 12));
        var e = Assert.Throws<InvalidDataException>(() => ItemCf.Load(path));
        Assert.Equal($"{path}: checksum mismatch (stored 0x{stored:x16}, computed 0x{computed:x16}): the file is corrupt.", e.Message);
    }

    // Body offsets of the toy ItemCF file: header 12, options 19 (int32, float64, 3 x uint8, int32),
    // userCount/itemCount/duplicateCount/interactionCount 16, userOffsets (4 + 1) x 4 = 20.
    private const int UserItemsOffset = 12 + 19 + 16 + 20;

    [Fact]
    public void InvalidFieldWithValidChecksumNamesTheField()
    {
        string path = SavedToyItemCf();
        Patch(path, bytes => BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(UserItemsOffset), 99));
        var e = Assert.Throws<InvalidDataException>(() => ItemCf.Load(path));
        Assert.Equal($"{path}: field 'userItems'[0] = 99 is outside 1..5.", e.Message);
    }

    [Fact]
    public void NegativeCountNamesTheField()
    {
        string path = SavedToyItemCf();
        Patch(path, bytes => BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12 + 19), -3));
        var e = Assert.Throws<InvalidDataException>(() => ItemCf.Load(path));
        Assert.Equal($"{path}: field 'userCount' = -3 is negative.", e.Message);
    }

    [Fact]
    public void OversizedCountNamesTheField()
    {
        string path = SavedToyItemCf();
        Patch(path, bytes => BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12 + 19 + 12), 1_000_000));
        var e = Assert.Throws<InvalidDataException>(() => ItemCf.Load(path));
        Assert.StartsWith($"{path}: field 'userItems' needs 4000000 bytes but only ", e.Message);
    }

    [Fact]
    public void InvalidOptionsAreReported()
    {
        string path = SavedToyItemCf();
        Patch(path, bytes => BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12 + 14), 0)); // topK
        var e = Assert.Throws<InvalidDataException>(() => ItemCf.Load(path));
        Assert.StartsWith($"{path}: invalid options: TopK must be >= 1.", e.Message);
    }

    /// <summary>Edits a saved file and (by default) rewrites its checksum so that only the edit is wrong.</summary>
    private static void Patch(string path, Action<byte[]> edit, bool fixChecksum = true)
    {
        byte[] bytes = File.ReadAllBytes(path);
        edit(bytes);
        if (fixChecksum)
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(bytes.Length - 12), Fnv1a64(bytes.AsSpan(0, bytes.Length - 12)));
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Independent FNV-1a 64 (offset basis 0xcbf29ce484222325, prime 0x100000001b3).</summary>
    private static ulong Fnv1a64(ReadOnlySpan<byte> data)
    {
        ulong hash = 0xcbf29ce484222325UL;
        foreach (byte b in data) hash = (hash ^ b) * 0x100000001b3UL;
        return hash;
    }
}
