namespace RecSharp.Data.Loaders;

/// <summary>One line of an NCF <c>.test.negative</c> file: the held-out pair and its sampled negatives (external ids).</summary>
public sealed record NcfNegativeLine(long User, long Item, long[] Negatives);

/// <summary>The three NCF files of one data set; the train part may be missing (ncf-ml-1m).</summary>
public sealed class NcfData
{
    /// <summary>Train rows (label Train) followed by test rows (label Test), external ids as in the files (0-based).</summary>
    public required InteractionTable Interactions { get; init; }
    public required IReadOnlyList<NcfNegativeLine> Negatives { get; init; }
    public required bool HasTrain { get; init; }
}

/// <summary>
/// NCF leave-one-out files: <c>&lt;name&gt;.train.rating</c> and <c>&lt;name&gt;.test.rating</c>
/// (<c>user \t item \t rating [\t timestamp]</c>) and <c>&lt;name&gt;.test.negative</c>
/// (<c>(user,item) \t neg1 ... neg99</c>). Ids are already 0-based and are kept.
/// </summary>
public static class NcfLoader
{
    /// <summary>Loads <c>prefix.train.rating</c> (if present), <c>prefix.test.rating</c> and <c>prefix.test.negative</c>.</summary>
    public static NcfData Load(string prefix)
    {
        var train = prefix + ".train.rating";
        var test = prefix + ".test.rating";
        var negative = prefix + ".test.negative";
        var table = new InteractionTable(prefix, 1 << 16) { HasRatings = true, HasSplitLabels = true };
        var hasTrain = File.Exists(train);
        var allTimestamps = true;
        long row = 0;
        if (hasTrain)
        {
            allTimestamps &= ReadRatings(table, train, SplitLabel.Train, ref row);
        }
        else
        {
            table.Notes.Add($"{train} is missing: only the test files are loaded");
        }

        allTimestamps &= ReadRatings(table, test, SplitLabel.Test, ref row);
        table.HasTimestamps = allTimestamps;
        var negatives = File.Exists(negative) ? ReadNegatives(negative) : [];
        if (negatives.Count > 0)
        {
            CheckNegativesMatchTest(table, negative, negatives);
        }

        return new NcfData { Interactions = table, Negatives = negatives, HasTrain = hasTrain };
    }

    /// <summary>Reads a .rating file; returns whether every line had a timestamp (otherwise the running row number stands in).</summary>
    // Runs once over every row: compile optimised straight away instead of starting in tier 0.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static bool ReadRatings(InteractionTable table, string path, SplitLabel label, ref long row)
    {
        using var reader = new ByteLineReader(path);
        Span<Range> fields = stackalloc Range[4];
        var allTimestamps = true;
        while (reader.TryRead(out var line))
        {
            if (Utf8Fields.IsBlank(line))
            {
                table.BlankLines++;
                continue;
            }

            var count = Utf8Fields.Split(line, "\t"u8, fields);
            if (count is < 3 or > 4)
            {
                throw reader.Error(line, $"3 or 4 tab-separated fields (user, item, rating[, timestamp]), found {count}");
            }

            var span = line;
            var hasTime = count == 4;
            allTimestamps &= hasTime;
            table.Add(
                Utf8Fields.ParseLong(reader, line, span[fields[0]], "user id"),
                Utf8Fields.ParseLong(reader, line, span[fields[1]], "item id"),
                Utf8Fields.ParseFloat(reader, line, span[fields[2]], "rating"),
                hasTime ? Utf8Fields.ParseTimestamp(reader, line, span[fields[3]]) : row,
                label);
            row++;
        }

        return allTimestamps;
    }

    public static List<NcfNegativeLine> ReadNegatives(string path)
    {
        using var reader = new LineReader(path);
        var result = new List<NcfNegativeLine>();
        Span<Range> fields = stackalloc Range[1024];
        while (reader.TryRead(out var line))
        {
            if (FieldParser.IsBlankLine(line))
            {
                continue;
            }

            var count = line.AsSpan().Split(fields, '\t');
            var span = line.AsSpan();
            var key = span[fields[0]].Trim();
            var comma = key.IndexOf(',');
            if (key.Length < 5 || key[0] != '(' || key[^1] != ')' || comma < 0)
            {
                throw reader.Error(line, "\"(user,item)\" then tab-separated negative item ids");
            }

            var user = FieldParser.ParseLong(reader, line, key[1..comma], "user id");
            var item = FieldParser.ParseLong(reader, line, key[(comma + 1)..^1], "item id");
            var negatives = new List<long>(count);
            for (var i = 1; i < count; i++)
            {
                var field = span[fields[i]];
                if (!field.Trim().IsEmpty)
                {
                    negatives.Add(FieldParser.ParseLong(reader, line, field, "negative item id"));
                }
            }

            if (negatives.Count == 0)
            {
                throw reader.Error(line, "at least one negative item id after \"(user,item)\"");
            }

            result.Add(new NcfNegativeLine(user, item, negatives.ToArray()));
        }

        return result;
    }

    private static void CheckNegativesMatchTest(InteractionTable table, string path, List<NcfNegativeLine> negatives)
    {
        var tests = new Dictionary<long, long>();
        var users = table.Users;
        var items = table.Items;
        var labels = table.Labels;
        for (var i = 0; i < table.Count; i++)
        {
            if (labels[i] == SplitLabel.Test)
            {
                tests[users[i]] = items[i];
            }
        }

        for (var i = 0; i < negatives.Count; i++)
        {
            var line = negatives[i];
            if (!tests.TryGetValue(line.User, out var item) || item != line.Item)
            {
                throw new DataFormatException(path, i + 1, $"({line.User},{line.Item})", "a (user,item) key equal to that user's line in the .test.rating file");
            }
        }
    }
}
