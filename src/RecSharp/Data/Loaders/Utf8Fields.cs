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
        if (TryParseDigits(field, out var fast))
        {
            return fast;
        }

        if (!long.TryParse(field, IntegerStyle, CultureInfo.InvariantCulture, out var value))
        {
            throw reader.Error(line, $"an integer {name}, not \"{ByteLineReader.Text(field)}\"");
        }

        return value;
    }

    public static float ParseFloat(ByteLineReader reader, ReadOnlySpan<byte> line, ReadOnlySpan<byte> field, string name)
    {
        if (TryParseSimpleDecimal(field, out var fast))
        {
            return fast;
        }

        if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !float.IsFinite(value))
        {
            throw reader.Error(line, $"a number {name}, not \"{ByteLineReader.Text(field)}\"");
        }

        return value;
    }

    /// <summary>Timestamps may be integers or (in some exports) decimals; decimals are truncated to seconds.</summary>
    public static long ParseTimestamp(ByteLineReader reader, ReadOnlySpan<byte> line, ReadOnlySpan<byte> field)
    {
        if (TryParseDigits(field, out var fast))
        {
            return fast;
        }

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

    /// <summary>
    /// Fast path for the common case, 1-18 ASCII digits (ids, timestamps): cheaper than the general parser and
    /// it needs no JIT of the UTF-8 number-parsing generics. Anything else goes to the general parser.
    /// </summary>
    private static bool TryParseDigits(ReadOnlySpan<byte> field, out long value)
    {
        value = 0;
        if (field.IsEmpty || field.Length > 18)
        {
            return false;
        }

        foreach (var b in field)
        {
            var digit = (uint)(b - (byte)'0');
            if (digit > 9)
            {
                return false;
            }

            value = value * 10 + digit;
        }

        return true;
    }

    /// <summary>Fast path for ratings written as "4", "2.5" or "3.0" (at most 9 digits); anything else goes to the general parser.</summary>
    private static bool TryParseSimpleDecimal(ReadOnlySpan<byte> field, out float value)
    {
        value = 0;
        var dot = field.IndexOf((byte)'.');
        var whole = dot < 0 ? field : field[..dot];
        var fraction = dot < 0 ? ReadOnlySpan<byte>.Empty : field[(dot + 1)..];
        if (whole.IsEmpty || whole.Length + fraction.Length > 9 || (dot >= 0 && fraction.IsEmpty)
            || !TryParseDigits(whole, out var integer) || (!fraction.IsEmpty && !TryParseDigits(fraction, out _)))
        {
            return false;
        }

        var mantissa = integer;
        foreach (var b in fraction)
        {
            mantissa = mantissa * 10 + (b - (byte)'0');
        }

        // Exact integer over an exact power of ten: the double quotient is correctly rounded.
        value = (float)(mantissa / Math.Pow(10, fraction.Length));
        return true;
    }
}
