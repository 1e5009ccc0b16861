using System.Text;
using RecSharp.Data;
using RecSharp.Data.Loaders;

namespace RecSharp.Tests.Data;

public class NpyReaderTests
{
    /// <summary>Writes a version-1 .npy file by hand (header padded with spaces to a multiple of 64 bytes, ending in a newline).</summary>
    private static byte[] Npy(string descr, string shape, byte[] data, bool fortran = false)
    {
        var dict = $"{{'descr': '{descr}', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";
        var total = 10 + dict.Length + 1;
        var padded = dict + new string(' ', (64 - total % 64) % 64) + "\n";
        var bytes = new List<byte> { 0x93 };
        bytes.AddRange(Encoding.ASCII.GetBytes("NUMPY"));
        bytes.Add(1);
        bytes.Add(0);
        bytes.AddRange(BitConverter.GetBytes((ushort)padded.Length));
        bytes.AddRange(Encoding.ASCII.GetBytes(padded));
        bytes.AddRange(data);
        return bytes.ToArray();
    }

    private static byte[] Bytes<T>(T[] values) where T : unmanaged => System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray();

    [Fact]
    public void ReadsFloat32Float64Float16InCOrder()
    {
        using var temp = new TempFolder();
        var f4 = NpyReader.Read(temp.WriteBytes("a.npy", Npy("<f4", "(2, 3)", Bytes(new[] { 1f, 2f, 3f, 4f, 5f, 6f }))));
        Assert.Equal((2, 3), (f4.Rows, f4.Columns));
        Assert.Equal([4f, 5f, 6f], f4.Row(1).ToArray());

        var f8 = NpyReader.Read(temp.WriteBytes("b.npy", Npy("<f8", "(3,)", Bytes(new[] { 0.5, -1.25, 3.0 }))));
        Assert.Equal((3, 1), (f8.Rows, f8.Columns));
        Assert.Equal([0.5f, -1.25f, 3f], f8.Values);

        var f2 = NpyReader.Read(temp.WriteBytes("c.npy", Npy("<f2", "(1, 2)", Bytes(new[] { (Half)1.5f, (Half)(-2f) }))));
        Assert.Equal([1.5f, -2f], f2.Values);
    }

    [Fact]
    public void ReadsGzip()
    {
        using var temp = new TempFolder();
        var raw = Npy("<f4", "(1, 2)", Bytes(new[] { 7f, 8f }));
        var path = Path.Combine(temp.Path, "x.npy.gz");
        using (var file = File.Create(path))
        using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(raw);
        }

        Assert.Equal([7f, 8f], NpyReader.Read(path).Values);
    }

    [Fact]
    public void RejectsFortranOrderAndOtherTypes()
    {
        using var temp = new TempFolder();
        var fortran = temp.WriteBytes("f.npy", Npy("<f4", "(1, 1)", Bytes(new[] { 1f }), fortran: true));
        var e = Assert.Throws<DataFormatException>(() => NpyReader.Read(fortran));
        Assert.StartsWith($"{fortran}: expected fortran_order False (C order); got \"{{'descr': '<f4', 'fortran_order': True,", e.Message);

        var ints = temp.WriteBytes("i.npy", Npy("<i8", "(1,)", Bytes(new[] { 1L })));
        var e2 = Assert.Throws<DataFormatException>(() => NpyReader.Read(ints));
        Assert.StartsWith($"{ints}: expected descr '<f2', '<f4' or '<f8' (little-endian float16/32/64); got", e2.Message);

        var truncated = temp.WriteBytes("t.npy", Npy("<f4", "(2, 2)", Bytes(new[] { 1f })));
        var e3 = Assert.Throws<DataFormatException>(() => NpyReader.Read(truncated));
        Assert.Equal($"{truncated}: expected 4 values of 4 bytes; got \"file ends after 4 of 16 bytes\"", e3.Message);
    }
}
