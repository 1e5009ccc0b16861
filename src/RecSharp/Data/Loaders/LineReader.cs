using System.IO.Compression;
using System.Text;

namespace RecSharp.Data.Loaders;

/// <summary>
/// Streams the lines of a text file (plain or .gz), accepting LF and CRLF line ends, and keeps the
/// 1-based number of the last line read so that parse errors can point at it.
/// </summary>
public sealed class LineReader : IDisposable
{
    private readonly StreamReader _reader;

    public LineReader(string path, Encoding? encoding = null)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found", path);
        }

        Path = path;
        Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }

        _reader = new StreamReader(stream, encoding ?? Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
    }

    public string Path { get; }
    public long LineNumber { get; private set; }

    /// <summary>Reads the next line without its line end (StreamReader strips both "\n" and "\r\n").</summary>
    public bool TryRead(out string line)
    {
        var next = _reader.ReadLine();
        if (next is null)
        {
            line = string.Empty;
            return false;
        }

        LineNumber++;
        line = next;
        return true;
    }

    /// <summary>An exception for the line just read.</summary>
    public DataFormatException Error(string line, string expected) => new(Path, LineNumber, line, expected);

    public void Dispose() => _reader.Dispose();

    /// <summary>Reads the whole file as one string (for single-line JSON files), also from .gz.</summary>
    public static string ReadAllText(string path)
    {
        using var reader = new LineReader(path);
        return reader._reader.ReadToEnd();
    }

    /// <summary>Latin-1, the encoding of GroupLens movies.dat and u.item.</summary>
    public static Encoding Latin1 => Encoding.Latin1;
}
