namespace RecSharp.Data.Loaders;

/// <summary>
/// Loads any delimited interaction file described by a <see cref="DelimitedFormat"/> (MovieLens CSV, ComiRec,
/// SASRec pairs, MMRec .inter, or a user's own file with named columns). When there is no timestamp column,
/// the row position stands in for time so that file order is kept.
/// </summary>
public static class DelimitedLoader
{
    // Runs once over every row: compile optimised straight away instead of starting in tier 0.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static InteractionTable Load(string path, DelimitedFormat format)
    {
        using var reader = new ByteLineReader(path);
        var table = new InteractionTable(path, GroupLensRatingsLoader.EstimateRows(path))
        {
            HasRatings = format.RatingColumn is not null,
            HasTimestamps = format.TimestampColumn is not null,
            HasSplitLabels = format.LabelColumn is not null,
        };

        string[] names;
        var header = string.Empty;
        if (format.HasHeader)
        {
            if (!reader.TryRead(out var headerBytes))
            {
                return table;
            }

            header = ByteLineReader.Text(headerBytes);
            names = header.Split(format.Separator).Select(n => StripType(n.Trim())).ToArray();
        }
        else
        {
            names = Enumerable.Range(0, 64).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        }

        var user = Find(reader, header, names, format.UserColumn, required: true);
        var item = Find(reader, header, names, format.ItemColumn, required: true);
        var rating = Find(reader, header, names, format.RatingColumn, required: format.RatingColumn is not null);
        var time = Find(reader, header, names, format.TimestampColumn, required: format.TimestampColumn is not null);
        var label = Find(reader, header, names, format.LabelColumn, required: format.LabelColumn is not null);
        var needed = new[] { user, item, rating, time, label }.Max() + 1;
        var layout = format.HasHeader ? string.Join(format.Separator, names) : $"{needed} columns with user in {user}, item in {item}";

        Span<Range> fields = stackalloc Range[format.HasHeader ? names.Length : needed];
        var separator = System.Text.Encoding.UTF8.GetBytes(format.Separator);
        var userCodes = format.StringIds ? new TokenCodes(table.UserNames = []) : null;
        var itemCodes = format.StringIds ? new TokenCodes(table.ItemNames = []) : null;
        long row = 0;
        while (reader.TryRead(out var line))
        {
            if (Utf8Fields.IsBlank(line))
            {
                table.BlankLines++;
                continue;
            }

            var count = Utf8Fields.Split(line, separator, fields);
            if (format.HasHeader ? count != names.Length : count < needed)
            {
                var wanted = format.HasHeader ? $"{names.Length}" : $"at least {needed}";
                throw reader.Error(line, $"{wanted} fields separated by \"{Printable(format.Separator)}\" ({layout}), found {count}");
            }

            var span = line;
            var labelValue = SplitLabel.None;
            if (label >= 0)
            {
                var raw = Utf8Fields.ParseLong(reader, line, span[fields[label]], "split label");
                if (raw is < 0 or > 2)
                {
                    throw reader.Error(line, $"split label 0 (train), 1 (validation) or 2 (test) in column {names[label]}, not {raw}");
                }

                labelValue = (SplitLabel)raw;
            }

            table.Add(
                userCodes?.Code(reader, line, span[fields[user]], "user id") ?? Utf8Fields.ParseLong(reader, line, span[fields[user]], "user id"),
                itemCodes?.Code(reader, line, span[fields[item]], "item id") ?? Utf8Fields.ParseLong(reader, line, span[fields[item]], "item id"),
                rating >= 0 ? Utf8Fields.ParseFloat(reader, line, span[fields[rating]], "rating") : 1f,
                time >= 0 ? Utf8Fields.ParseTimestamp(reader, line, span[fields[time]]) : row,
                labelValue);
            row++;
        }

        return table;
    }

    private static int Find(ByteLineReader reader, string header, string[] names, string? column, bool required)
    {
        if (column is null)
        {
            return -1;
        }

        var index = Array.FindIndex(names, n => string.Equals(n, StripType(column), StringComparison.OrdinalIgnoreCase));
        if (index < 0 && required)
        {
            throw new DataFormatException(reader.Path, reader.LineNumber, header, $"a column named \"{column}\" in the header");
        }

        return index;
    }

    private static string StripType(string name)
    {
        var colon = name.IndexOf(':');
        return colon > 0 ? name[..colon] : name;
    }

    private static string Printable(string separator) => separator == "\t" ? "\\t" : separator;

    /// <summary>Gives each distinct token a code in order of first appearance (for <see cref="DelimitedFormat.StringIds"/>).</summary>
    private sealed class TokenCodes(List<string> names)
    {
        private readonly Dictionary<string, long> _codes = new(StringComparer.Ordinal);

        public long Code(ByteLineReader reader, ReadOnlySpan<byte> line, ReadOnlySpan<byte> field, string name)
        {
            var token = ByteLineReader.Text(field.Trim(" "u8));
            if (token.Length == 0)
            {
                throw reader.Error(line, $"a non-empty {name}");
            }

            if (!_codes.TryGetValue(token, out var code))
            {
                code = names.Count;
                _codes.Add(token, code);
                names.Add(token);
            }

            return code;
        }
    }
}
