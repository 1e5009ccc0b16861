using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace RecSharp.Data.Loaders;

/// <summary>A 2-d float matrix read from a .npy file (row i = item i in MMRec's feature files).</summary>
public sealed record FeatureMatrix(float[] Values, int Rows, int Columns)
{
    public ReadOnlySpan<float> Row(int row) => Values.AsSpan(row * Columns, Columns);
}

/// <summary>
/// Reads NumPy .npy files (format versions 1-3) holding little-endian float16, float32 or float64 in C order,
/// 1-d or 2-d, also gzip-compressed (.npy.gz). Values are converted to float32.
/// </summary>
public static class NpyReader
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public static FeatureMatrix Read(string path)
    {
        using Stream file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        return Read(stream, path);
    }

    public static FeatureMatrix Read(Stream stream, string path)
    {
        var prefix = new byte[8];
        ReadExactly(stream, prefix, path, "the 8-byte .npy preamble");
        if (!prefix.AsSpan(0, 6).SequenceEqual(Magic))
        {
            throw new DataFormatException(path, 0, Encoding.Latin1.GetString(prefix), "the .npy magic \"\\x93NUMPY\"");
        }

        var major = prefix[6];
        int headerLength;
        if (major == 1)
        {
            var two = new byte[2];
            ReadExactly(stream, two, path, "the header length");
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(two);
        }
        else if (major is 2 or 3)
        {
            var four = new byte[4];
            ReadExactly(stream, four, path, "the header length");
            headerLength = checked((int)BinaryPrimitives.ReadUInt32LittleEndian(four));
        }
        else
        {
            throw new DataFormatException(path, 0, $"version {major}.{prefix[7]}", ".npy format version 1, 2 or 3");
        }

        var headerBytes = new byte[headerLength];
        ReadExactly(stream, headerBytes, path, "the header");
        var header = Encoding.Latin1.GetString(headerBytes).Trim();
        var descr = Value(header, "descr", path);
        var fortran = Value(header, "fortran_order", path);
        var shapeText = Value(header, "shape", path);
        if (fortran != "False")
        {
            throw new DataFormatException(path, 0, header, "fortran_order False (C order)");
        }

        var elementSize = descr switch
        {
            "'<f2'" => 2,
            "'<f4'" => 4,
            "'<f8'" => 8,
            _ => throw new DataFormatException(path, 0, header, "descr '<f2', '<f4' or '<f8' (little-endian float16/32/64)"),
        };
        var dims = shapeText.Trim('(', ')').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => int.TryParse(d, out var v) ? v : throw new DataFormatException(path, 0, header, "integer dimensions in shape")).ToArray();
        var (rows, columns) = dims.Length switch
        {
            1 => (dims[0], 1),
            2 => (dims[0], dims[1]),
            _ => throw new DataFormatException(path, 0, header, "a 1-d or 2-d array"),
        };

        var count = checked(rows * columns);
        var raw = new byte[checked(count * elementSize)];
        ReadExactly(stream, raw, path, $"{count} values of {elementSize} bytes");
        var values = new float[count];
        for (var i = 0; i < count; i++)
        {
            var bytes = raw.AsSpan(i * elementSize, elementSize);
            values[i] = elementSize switch
            {
                2 => (float)BinaryPrimitives.ReadHalfLittleEndian(bytes),
                4 => BinaryPrimitives.ReadSingleLittleEndian(bytes),
                _ => (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes),
            };
        }

        return new FeatureMatrix(values, rows, columns);
    }

    /// <summary>Pulls the value of one key out of the header dict literal, e.g. <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (3, 4), }</c>.</summary>
    private static string Value(string header, string key, string path)
    {
        var at = header.IndexOf($"'{key}'", StringComparison.Ordinal);
        if (at < 0)
        {
            throw new DataFormatException(path, 0, header, $"a '{key}' entry in the .npy header");
        }

        var start = header.IndexOf(':', at) + 1;
        var end = header[start..].TrimStart().StartsWith('(') ? header.IndexOf(')', start) + 1 : header.IndexOf(',', start);
        if (end <= start)
        {
            end = header.IndexOf('}', start);
        }

        return header[start..end].Trim();
    }

    private static void ReadExactly(Stream stream, byte[] buffer, string path, string what)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = stream.Read(buffer, read, buffer.Length - read);
            if (n == 0)
            {
                throw new DataFormatException(path, 0, $"file ends after {read} of {buffer.Length} bytes", what);
            }

            read += n;
        }
    }
}
