using System.IO.Compression;
using System.Text;

namespace RecSharp.Data.Loaders;

/// <summary>
/// Streams the lines of a text file (plain or .gz) as UTF-8 byte spans straight out of a reusable buffer, so the
/// big interaction files are parsed without a string per line. LF and CRLF line ends are both accepted, and a
/// UTF-8 byte-order mark is skipped. A returned line is valid until the next call.
/// </summary>
public sealed class ByteLineReader : IDisposable
{
    private readonly Stream _stream;
    private byte[] _buffer = new byte[1 << 20];
    private int _start;
    private int _end;
    private bool _eof;
    private bool _first = true;

    public ByteLineReader(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found", path);
        }

        Path = path;
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            _stream = new GZipStream(_stream, CompressionMode.Decompress);
        }
    }

    public string Path { get; }
    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    // Runs once over every row: compile optimised straight away instead of starting in tier 0.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public bool TryRead(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            var available = _buffer.AsSpan(_start, _end - _start);
            var newline = available.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = WithoutCr(available[..newline]);
                _start += newline + 1;
                LineNumber++;
                return true;
            }

            if (_eof)
            {
                if (available.IsEmpty)
                {
                    line = default;
                    return false;
                }

                line = WithoutCr(available);
                _start = _end;
                LineNumber++;
                return true;
            }

            Fill();
        }
    }

    /// <summary>An exception for <paramref name="line"/>, the line just read.</summary>
    public DataFormatException Error(ReadOnlySpan<byte> line, string expected) => new(Path, LineNumber, Text(line), expected);

    public static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    public void Dispose() => _stream.Dispose();

    private void Fill()
    {
        var remaining = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, remaining);
            _start = 0;
            _end = remaining;
        }

        if (_end == _buffer.Length)
        {
            // A line longer than the buffer (a long S3-Rec sequence): grow.
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
            return;
        }

        _end += read;
        if (_first && _end >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
        {
            _start = 3;
        }

        _first = _end < 3 && !_eof;
    }

    private static ReadOnlySpan<byte> WithoutCr(ReadOnlySpan<byte> line) => line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
}
