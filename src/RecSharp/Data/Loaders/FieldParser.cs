using System.Globalization;

namespace RecSharp.Data.Loaders;

/// <summary>Span-based field splitting and number parsing that report errors through a <see cref="LineReader"/>.</summary>
public static class FieldParser
{
    /// <summary>
    /// Splits <paramref name="line"/> on <paramref name="separator"/> into exactly <paramref name="fields"/>.Length
    /// fields, or throws naming the expected layout.
    /// </summary>
    public static void SplitExactly(LineReader reader, string line, string separator, Span<Range> fields, string layout)
    {
        // One extra slot catches lines with too many fields (Split puts the remainder in the last slot).
        Span<Range> ranges = stackalloc Range[fields.Length + 1];
        var count = line.AsSpan().Split(ranges, separator);
        if (count != fields.Length)
        {
            throw reader.Error(line, $"{fields.Length} fields separated by {Describe(separator)} ({layout}), found {count}");
        }

        ranges[..count].CopyTo(fields);
    }

    /// <summary>Splits into at least <paramref name="minimum"/> fields; returns the count (fields beyond the span are ignored).</summary>
    public static int SplitAtLeast(LineReader reader, string line, string separator, Span<Range> fields, int minimum, string layout)
    {
        var count = line.AsSpan().Split(fields, separator);
        if (count < minimum)
        {
            throw reader.Error(line, $"at least {minimum} fields separated by {Describe(separator)} ({layout}), found {count}");
        }

        return count;
    }

    public static long ParseLong(LineReader reader, string line, ReadOnlySpan<char> field, string name)
    {
        if (!long.TryParse(field.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw reader.Error(line, $"an integer {name}, not \"{field.ToString()}\"");
        }

        return value;
    }

    public static float ParseFloat(LineReader reader, string line, ReadOnlySpan<char> field, string name)
    {
        if (!float.TryParse(field.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !float.IsFinite(value))
        {
            throw reader.Error(line, $"a number {name}, not \"{field.ToString()}\"");
        }

        return value;
    }

    /// <summary>Timestamps may be written as integers or (in some exports) as decimals; decimals are truncated to seconds.</summary>
    public static long ParseTimestamp(LineReader reader, string line, ReadOnlySpan<char> field)
    {
        var trimmed = field.Trim();
        if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            return (long)d;
        }

        throw reader.Error(line, $"an integer timestamp, not \"{field.ToString()}\"");
    }

    /// <summary>Calls <paramref name="onToken"/> for every whitespace-separated token (spaces or tabs) of <paramref name="line"/>.</summary>
    public static int ForEachToken(ReadOnlySpan<char> line, TokenAction onToken)
    {
        var index = 0;
        var position = 0;
        while (position < line.Length)
        {
            while (position < line.Length && IsBlank(line[position]))
            {
                position++;
            }

            var start = position;
            while (position < line.Length && !IsBlank(line[position]))
            {
                position++;
            }

            if (position > start)
            {
                onToken(index++, line[start..position]);
            }
        }

        return index;
    }

    public delegate void TokenAction(int index, ReadOnlySpan<char> token);

    public static bool IsBlankLine(string line) => line.AsSpan().Trim().IsEmpty;

    private static bool IsBlank(char c) => c == ' ' || c == '\t' || c == '\r';

    private static string Describe(string separator) => separator switch
    {
        "\t" => "tabs",
        " " => "spaces",
        "," => "commas",
        _ => $"\"{separator}\"",
    };
}
