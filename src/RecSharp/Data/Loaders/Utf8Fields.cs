using System.Globalization;

namespace RecSharp.Data.Loaders;

/// <summary>Field splitting and number parsing over UTF-8 lines from a <see cref="ByteLineReader"/>; errors name file, line and text.</summary>
public static class Utf8Fields
{
    private const NumberStyles IntegerStyle = NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite;

    /// <summary>
    /// Splits on <paramref name="separator"/>, storing up to <paramref name="fields"/>.Length ranges, and returns the
    /// true number of fields (which may be larger than the span).
    /// </summary>
    public static int Split(ReadOnlySpan<byte> line, ReadOnlySpan<byte> separator, Span<Range> fields)
    {
        var count = 0;
        var start = 0;
        while (true)
        {
            var at = line[start..].IndexOf(separator);
            var end = at < 0 ? line.Length : start + at;
            if (count < fields.Length)
            {
                fields[count] = start..end;
            }

            count++;
            if (at < 0)
            {
                return count;
            }

            start = end + separator.Length;
        }
    }

    public static bool IsBlank(ReadOnlySpan<byte> line) => line.Trim(" \t\r"u8).IsEmpty;

    public static long ParseLong(ByteLineReader reader, ReadOnlySpan<byte> line, ReadOnlySpan<byte> field, string name)
    {
        if (!long.TryParse(field, IntegerStyle, CultureInfo.InvariantCulture, out var value))
        {
            throw reader.Error(line, $"an integer {name}, not \"{ByteLineReader.Text(field)}\"");
        }

        return value;
    }

    public static float ParseFloat(ByteLineReader reader, ReadOnlySpan<byte> line, ReadOnlySpan<byte> field, string name)
    {
        if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !float.IsFinite(value))
        {
            throw reader.Error(line, $"a number {name}, not \"{ByteLineReader.Text(field)}\"");
        }

        return value;
    }

    /// <summary>Timestamps may be integers or (in some exports) decimals; decimals are truncated to seconds.</summary>
    public static long ParseTimestamp(ByteLineReader reader, ReadOnlySpan<byte> line, ReadOnlySpan<byte> field)
    {
        if (long.TryParse(field, IntegerStyle, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            return (long)d;
        }

        throw reader.Error(line, $"an integer timestamp, not \"{ByteLineReader.Text(field)}\"");
    }

    public static string Describe(string separator) => separator switch
    {
        "\t" => "tabs",
        " " => "spaces",
        "," => "commas",
        _ => $"\"{separator}\"",
    };
}
