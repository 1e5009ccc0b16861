using System.Buffers.Binary;
using System.Text;
using RecSharp.Torch.Serialization;

namespace RecSharp.Torch.Tests;

/// <summary>safetensors files built byte by byte from the published format, and our writer's exact bytes.</summary>
public sealed class SafetensorsTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("recsharp-safetensors-");

    public void Dispose() => folder.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(folder.FullName, name);

    /// <summary>8-byte little-endian header length, the header padded with spaces to a multiple of 8, then the data.</summary>
    private static byte[] FileBytes(string header, byte[] data, bool pad = true)
    {
        var h = Encoding.UTF8.GetBytes(header).ToList();
        while (pad && h.Count % 8 != 0) h.Add((byte)' ');
        var bytes = new byte[8 + h.Count + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)h.Count);
        h.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + h.Count);
        return bytes;
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static byte[] F32(params float[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();
    private static byte[] F64(params double[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();
    private static byte[] I64(params long[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();

    private string Write(string name, byte[] bytes)
    {
        var path = PathOf(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void DisposeAll(IEnumerable<Tensor> tensors)
    {
        foreach (var t in tensors) t.Dispose();
    }

    [Fact]
    public void LoadsAHandBuiltFile()
    {
        // Offsets deliberately leave the F64 scalar unaligned (byte 43), which the format allows.
        string header = "{\"__metadata__\":{\"format\":\"pt\"}," +
                        "\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]}," +
                        "\"ids\":{\"dtype\":\"I64\",\"shape\":[3],\"data_offsets\":[16,40]}," +
                        "\"mask\":{\"dtype\":\"BOOL\",\"shape\":[3],\"data_offsets\":[40,43]}," +
                        "\"s\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[43,51]}}";
        var data = Concat(F32(1, 2, 3, 4), I64(5, -6, 7), [1, 0, 1], F64(2.5));
        var path = Write("hand.safetensors", FileBytes(header, data));

        var tensors = Safetensors.Load(path, out var metadata);
        try
        {
            Assert.Equal(["w", "ids", "mask", "s"], tensors.Keys);
            Assert.Equal("pt", metadata["format"]);
            Assert.Equal(new long[] { 2, 2 }, tensors["w"].Shape);
            Assert.Equal(new float[] { 1, 2, 3, 4 }, tensors["w"].ToArray<float>());
            Assert.Equal(new long[] { 5, -6, 7 }, tensors["ids"].ToArray<long>());
            Assert.Equal(new[] { true, false, true }, tensors["mask"].ToArray<bool>());
            Assert.Empty(tensors["s"].Shape);
            Assert.Equal(ScalarType.Float64, tensors["s"].DType);
            Assert.Equal(2.5, tensors["s"].ToDouble());
        }
        finally
        {
            DisposeAll(tensors.Values);
        }
    }

    [Fact]
    public void SavedBytesFollowTheReferenceLayoutAndOrder()
    {
        using var a = torch.Tensor(new float[] { 1.5f, -2 });
        using var b = torch.Tensor(new long[] { 1, 2 });
        using var c = torch.Tensor(new[] { true });
        var path = PathOf("tiny.safetensors");
        Safetensors.Save(path, new Dictionary<string, Tensor> { ["a"] = a, ["c"] = c, ["b"] = b },
            new Dictionary<string, string> { ["format"] = "pt" });

        // The reference writer orders by dtype (I64 > F32 > BOOL), then by name; metadata comes first.
        string header = "{\"__metadata__\":{\"format\":\"pt\"}," +
                        "\"b\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}," +
                        "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]}," +
                        "\"c\":{\"dtype\":\"BOOL\",\"shape\":[1],\"data_offsets\":[24,25]}}";
        var expected = FileBytes(header, Concat(I64(1, 2), F32(1.5f, -2), [1]));
        Assert.Equal(expected, File.ReadAllBytes(path));
        Assert.Equal(0, (File.ReadAllBytes(path).Length - 25) % 8); // header padded to a multiple of 8
    }

    [Fact]
    public void MatchesThePublishedSerializationExample()
    {
        // The format's reference test: "attn.0", F32, shape [1, 2, 3], values 0..5 -> a 64-byte header, no padding.
        using var t = torch.Tensor(new float[] { 0, 1, 2, 3, 4, 5 }, 1, 2, 3);
        var path = PathOf("attn.safetensors");
        Safetensors.Save(path, new Dictionary<string, Tensor> { ["attn.0"] = t });
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(64UL, BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        var expected = FileBytes("{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}", F32(0, 1, 2, 3, 4, 5), pad: false);
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void EmptyDictionaryIsAnEmptyPaddedHeader()
    {
        var path = PathOf("empty.safetensors");
        Safetensors.Save(path, new Dictionary<string, Tensor>());
        Assert.Equal(new byte[] { 8, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'}', 32, 32, 32, 32, 32, 32 }, File.ReadAllBytes(path));
        Assert.Empty(Safetensors.Load(path));
    }

    [Fact]
    public void RoundTripsEveryDtypeScalarsAndEmptyTensors()
    {
        using var scope = torch.NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["layer.0.weight"] = torch.Randn(3, 2),
            ["transposed"] = torch.Randn(2, 3).T, // not contiguous: written in row-major order of its shape
            ["double"] = torch.Tensor(new double[] { Math.PI, -1e300 }),
            ["scalar"] = torch.Scalar(7, ScalarType.Float64),
            ["none"] = torch.Zeros([0, 4], ScalarType.Int64),
            ["ids"] = torch.Tensor(new long[] { long.MinValue, 0, long.MaxValue }),
            ["int"] = torch.Tensor(new[] { -5, 6 }),
            ["bytes"] = torch.Tensor(new long[] { 0, 255 }).To(ScalarType.UInt8),
            ["flags"] = torch.Tensor(new[] { false, true, true }, 3, 1),
        };
        var path = PathOf("all.safetensors");
        Safetensors.Save(path, tensors);
        var loaded = Safetensors.Load(path);
        Assert.Equal(tensors.Keys.Order(StringComparer.Ordinal), loaded.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, original) in tensors)
        {
            var back = loaded[name];
            Assert.Equal(original.DType, back.DType);
            Assert.Equal(original.Shape, back.Shape);
            using var a = original.To(ScalarType.Float64);
            using var b = back.To(ScalarType.Float64);
            Assert.Equal(a.ToArray<double>(), b.ToArray<double>());
        }
        var (headerTensors, metadata) = Safetensors.ReadHeader(path);
        Assert.Empty(metadata);
        Assert.Equal(["ids", "none", "double", "scalar", "layer.0.weight", "transposed", "int", "bytes", "flags"], headerTensors.Select(t => t.Name));
    }

    public static TheoryData<string, byte[], string> MalformedFiles() => new()
    {
        { "short", [1, 2, 3], "file is too short (3 bytes); a safetensors file starts with an 8-byte header length" },
        { "beyond", Concat(I64(100), Encoding.ASCII.GetBytes("{}        ")), "header length 100 goes beyond the end of the file (18 bytes)" },
        { "huge", I64(200_000_000), "header length 200000000 is larger than the limit of 100000000 bytes" },
        { "array", FileBytes("[1]", []), "header must be a JSON object, found Array" },
        { "dtype", FileBytes("{\"a\":{\"dtype\":\"F99\",\"shape\":[1],\"data_offsets\":[0,4]}}", F32(1)),
            "tensor \"a\": unknown dtype \"F99\" (supported: F32, F64, I64, I32, U8, BOOL)" },
        { "half", FileBytes("{\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", F32(1)),
            "tensor \"a\": dtype \"F16\" is not supported (supported: F32, F64, I64, I32, U8, BOOL)" },
        { "size", FileBytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", F32(1, 2)),
            "tensor \"a\": shape [3] of F32 needs 12 bytes but data_offsets [0, 8] hold 8" },
        { "range", FileBytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", F32(1)),
            "tensor \"a\": data_offsets [0, 8] go beyond the data buffer of 4 bytes" },
        { "overlap", FileBytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", F32(1, 2, 3)),
            "tensor \"b\": data_offsets [4, 12] overlap the previous tensor, which ends at 8" },
        { "gap", FileBytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", F32(1, 2, 3)),
            "tensor \"b\": data_offsets [8, 12] leave a gap; the previous tensor ends at 4" },
        { "tail", FileBytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", F32(1, 2)),
            "tensors cover 4 bytes but the data buffer holds 8" },
        { "offsets", FileBytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", F32(1)),
            "tensor \"a\": \"data_offsets\" must hold 2 integers, found 1" },
        { "negative", FileBytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", F32(1)),
            "tensor \"a\": \"shape\" must hold non-negative integers, found -1" },
        { "metadata", FileBytes("{\"__metadata__\":{\"n\":1}}", []), "\"__metadata__\" entry \"n\" must be a string, found Number" },
    };

    [Theory]
    [MemberData(nameof(MalformedFiles))]
    public void MalformedFilesAreRejectedWithTheFileAndTheProblem(string name, byte[] bytes, string problem)
    {
        var path = Write(name + ".safetensors", bytes);
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Load(path));
        Assert.Equal($"{path}: {problem}", e.Message);
    }

    [Fact]
    public void InvalidJsonNamesTheFile()
    {
        var path = Write("json.safetensors", FileBytes("{\"a\":", []));
        var e = Assert.Throws<InvalidDataException>(() => Safetensors.Load(path));
        Assert.StartsWith($"{path}: header is not valid UTF-8 JSON: ", e.Message);
    }

    [Fact]
    public void WritesAtomicallyAndLeavesNoTemporaryFile()
    {
        var path = PathOf("model.safetensors");
        using var first = torch.Ones(4);
        using var second = torch.Zeros(2);
        Safetensors.Save(path, new Dictionary<string, Tensor> { ["x"] = first });
        Safetensors.Save(path, new Dictionary<string, Tensor> { ["x"] = second }); // replaces the file
        Assert.Equal(["model.safetensors"], folder.GetFiles().Select(f => f.Name));
        var loaded = Safetensors.Load(path);
        Assert.Equal(new float[2], loaded["x"].ToArray<float>());
        DisposeAll(loaded.Values);

        var before = File.ReadAllBytes(path);
        var e = Assert.Throws<ArgumentException>(() => Safetensors.Save(path, new Dictionary<string, Tensor> { ["__metadata__"] = first }));
        Assert.StartsWith($"{path}: \"__metadata__\" is reserved and cannot name a tensor", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["model.safetensors"], folder.GetFiles().Select(f => f.Name));
    }
}
