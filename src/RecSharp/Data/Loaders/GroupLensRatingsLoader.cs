namespace RecSharp.Data.Loaders;

/// <summary>
/// GroupLens ratings in the ml-1m form (<c>UserID::MovieID::Rating::Timestamp</c>, ratings.dat) and the ml-100k
/// form (<c>user \t item \t rating \t timestamp</c>, u.data and the u1..u5/ua/ub .base/.test files).
/// The separator is taken from the first non-blank line; every later line must use the same one.
/// </summary>
public static class GroupLensRatingsLoader
{
    private const string Layout = "user, item, rating, timestamp";

    // Runs once over every row: compile optimised straight away instead of starting in tier 0.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static InteractionTable Load(string path)
    {
        using var reader = new ByteLineReader(path);
        var table = new InteractionTable(path, EstimateRows(path)) { HasRatings = true, HasTimestamps = true };
        byte[]? separator = null;
        string? separatorName = null;
        Span<Range> fields = stackalloc Range[4];
        while (reader.TryRead(out var line))
        {
            if (Utf8Fields.IsBlank(line))
            {
                table.BlankLines++;
                continue;
            }

            if (separator is null)
            {
                separatorName = line.IndexOf("::"u8) >= 0 ? "::" : "\t";
                separator = System.Text.Encoding.ASCII.GetBytes(separatorName);
            }

            var count = Utf8Fields.Split(line, separator, fields);
            if (count != 4)
            {
                throw reader.Error(line, $"4 fields separated by {Utf8Fields.Describe(separatorName!)} ({Layout}), found {count}");
            }

            table.Add(
                Utf8Fields.ParseLong(reader, line, line[fields[0]], "user id"),
                Utf8Fields.ParseLong(reader, line, line[fields[1]], "item id"),
                Utf8Fields.ParseFloat(reader, line, line[fields[2]], "rating"),
                Utf8Fields.ParseTimestamp(reader, line, line[fields[3]]));
        }

        return table;
    }

    /// <summary>Rough row count from the file size (about 20 bytes a line) so the columns rarely need to grow.</summary>
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
