namespace RecSharp.Data.Loaders;

/// <summary>
/// GroupLens ratings in the ml-1m form (<c>UserID::MovieID::Rating::Timestamp</c>, ratings.dat) and the ml-100k
/// form (<c>user \t item \t rating \t timestamp</c>, u.data and the u1..u5/ua/ub .base/.test files).
/// The separator is taken from the first non-blank line; every later line must use the same one.
/// </summary>
public static class GroupLensRatingsLoader
{
    private const string Layout = "user, item, rating, timestamp";

    public static InteractionTable Load(string path)
    {
        using var reader = new LineReader(path);
        var table = new InteractionTable(path, EstimateRows(path)) { HasRatings = true, HasTimestamps = true };
        string? separator = null;
        Span<Range> fields = stackalloc Range[4];
        while (reader.TryRead(out var line))
        {
            if (FieldParser.IsBlankLine(line))
            {
                table.BlankLines++;
                continue;
            }

            separator ??= line.Contains("::", StringComparison.Ordinal) ? "::" : "\t";
            FieldParser.SplitExactly(reader, line, separator, fields, Layout);
            var span = line.AsSpan();
            table.Add(
                FieldParser.ParseLong(reader, line, span[fields[0]], "user id"),
                FieldParser.ParseLong(reader, line, span[fields[1]], "item id"),
                FieldParser.ParseFloat(reader, line, span[fields[2]], "rating"),
                FieldParser.ParseTimestamp(reader, line, span[fields[3]]));
        }

        return table;
    }

    /// <summary>Rough row count from the file size (about 24 bytes a line) so the columns rarely need to grow.</summary>
    internal static int EstimateRows(string path)
    {
        var bytes = new FileInfo(path).Length;
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            bytes *= 4;
        }

        return (int)Math.Clamp(bytes / 20, 16, 50_000_000);
    }
}
