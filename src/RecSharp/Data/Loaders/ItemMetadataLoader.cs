using System.Text;
using System.Text.Json;

namespace RecSharp.Data.Loaders;

/// <summary>
/// Item side information in the formats that come with the data sets: GroupLens movies.dat (<c>id::title::genres</c>,
/// Latin-1), MovieLens movies.csv (quoted titles), ml-100k u.item (<c>|</c>-separated with 19 genre flags, Latin-1),
/// S3-Rec <c>*_item2attributes.json</c> (<c>{"item": [attribute, ...]}</c>) and RecBole atomic <c>.item</c> files.
/// </summary>
public static class ItemMetadataLoader
{
    /// <summary>The 19 ml-100k genres in u.genre's order (used when u.genre is not beside u.item).</summary>
    private static readonly string[] Ml100kGenres =
    [
        "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
        "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
    ];

    /// <summary>Picks the reader from the file name.</summary>
    public static ItemMetadata Load(string path)
    {
        var name = Path.GetFileName(path);
        if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return LoadItem2Attributes(path);
        }

        if (name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".csv.gz", StringComparison.OrdinalIgnoreCase))
        {
            return LoadMoviesCsv(path);
        }

        if (name.Equals("u.item", StringComparison.OrdinalIgnoreCase))
        {
            return LoadUItem(path);
        }

        if (name.EndsWith(".item", StringComparison.OrdinalIgnoreCase))
        {
            return LoadRecBoleItem(path);
        }

        return LoadMoviesDat(path);
    }

    public static ItemMetadata LoadMoviesDat(string path)
    {
        var result = new ItemMetadata(path);
        using var reader = new LineReader(path, Encoding.Latin1);
        Span<Range> fields = stackalloc Range[3];
        while (reader.TryRead(out var line))
        {
            if (FieldParser.IsBlankLine(line))
            {
                continue;
            }

            FieldParser.SplitExactly(reader, line, "::", fields, "MovieID::Title::Genres");
            var span = line.AsSpan();
            var id = FieldParser.ParseLong(reader, line, span[fields[0]], "movie id");
            result.Add(new ItemInfo(id, span[fields[1]].ToString(), SplitGenres(span[fields[2]].ToString())), reader, line);
        }

        return result;
    }

    public static ItemMetadata LoadMoviesCsv(string path)
    {
        var result = new ItemMetadata(path);
        using var reader = new LineReader(path);
        if (!reader.TryRead(out var header))
        {
            return result;
        }

        var expectedHeader = "movieId,title,genres";
        if (!header.Trim().Equals(expectedHeader, StringComparison.OrdinalIgnoreCase))
        {
            throw reader.Error(header, $"the header \"{expectedHeader}\"");
        }

        while (reader.TryRead(out var line))
        {
            if (FieldParser.IsBlankLine(line))
            {
                continue;
            }

            var fields = SplitQuotedCsv(reader, line);
            if (fields.Count != 3)
            {
                throw reader.Error(line, $"3 comma-separated fields (movieId,title,genres; titles with commas in double quotes), found {fields.Count}");
            }

            var id = FieldParser.ParseLong(reader, line, fields[0], "movie id");
            var genres = fields[2] == "(no genres listed)" ? [] : SplitGenres(fields[2]);
            result.Add(new ItemInfo(id, fields[1], genres), reader, line);
        }

        return result;
    }

    /// <summary>
    /// MovieLens tag applications (ml-latest-small tags.csv: userId,movieId,tag,timestamp, tags with commas in double
    /// quotes) as one entry per movie whose <see cref="ItemInfo.Categories"/> hold every application of a tag, trimmed and
    /// lower-cased, repeats kept (a tag three users applied appears three times: term frequencies for TF-IDF).
    /// </summary>
    public static ItemMetadata LoadTagsCsv(string path)
    {
        var tags = new SortedDictionary<long, List<string>>();
        using (var reader = new LineReader(path))
        {
            const string expectedHeader = "userId,movieId,tag,timestamp";
            if (!reader.TryRead(out var header) || !header.Trim().Equals(expectedHeader, StringComparison.OrdinalIgnoreCase))
                throw reader.Error(header ?? "", $"the header \"{expectedHeader}\"");
            while (reader.TryRead(out var line))
            {
                if (FieldParser.IsBlankLine(line)) continue;
                var fields = SplitQuotedCsv(reader, line);
                if (fields.Count != 4)
                    throw reader.Error(line, $"4 comma-separated fields (userId,movieId,tag,timestamp; tags with commas in double quotes), found {fields.Count}");
                var movie = FieldParser.ParseLong(reader, line, fields[1], "movie id");
                var tag = fields[2].Trim().ToLowerInvariant();
                if (tag.Length == 0) throw reader.Error(line, "a non-empty tag in the third field");
                if (!tags.TryGetValue(movie, out var list)) tags[movie] = list = [];
                list.Add(tag);
            }
        }
        var result = new ItemMetadata(path);
        foreach (var (movie, list) in tags) result.Add(new ItemInfo(movie, "", [.. list]));
        return result;
    }

    public static ItemMetadata LoadUItem(string path)
    {
        var result = new ItemMetadata(path);
        var genreNames = ReadUGenre(Path.Combine(Path.GetDirectoryName(path) ?? ".", "u.genre")) ?? Ml100kGenres;
        using var reader = new LineReader(path, Encoding.Latin1);
        var expected = 5 + genreNames.Length;
        Span<Range> fields = stackalloc Range[expected];
        while (reader.TryRead(out var line))
        {
            if (FieldParser.IsBlankLine(line))
            {
                continue;
            }

            FieldParser.SplitExactly(reader, line, "|", fields, $"id|title|release date|video release date|IMDb URL|{genreNames.Length} genre flags");
            var span = line.AsSpan();
            var id = FieldParser.ParseLong(reader, line, span[fields[0]], "movie id");
            var genres = new List<string>();
            for (var g = 0; g < genreNames.Length; g++)
            {
                var flag = span[fields[5 + g]].Trim();
                if (flag is "1")
                {
                    genres.Add(genreNames[g]);
                }
                else if (flag is not "0")
                {
                    throw reader.Error(line, $"genre flag 0 or 1 for {genreNames[g]}, not \"{flag.ToString()}\"");
                }
            }

            result.Add(new ItemInfo(id, span[fields[1]].ToString(), genres.ToArray()), reader, line);
        }

        return result;
    }

    /// <summary>S3-Rec attributes: categories are the attribute ids as text; titles are empty.</summary>
    public static ItemMetadata LoadItem2Attributes(string path)
    {
        var result = new ItemMetadata(path);
        var text = LineReader.ReadAllText(path);
        using var document = ParseJson(path, text);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new DataFormatException(path, 1, text.Length > 80 ? text[..80] : text, "a JSON object {\"item\": [attribute ids]}");
        }

        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (!long.TryParse(property.Name, out var id) || property.Value.ValueKind != JsonValueKind.Array)
            {
                throw new DataFormatException(path, 1, $"\"{property.Name}\": {property.Value.GetRawText()}", "an integer item id key with a list of attribute ids");
            }

            var attributes = property.Value.EnumerateArray().Select(a => a.GetRawText()).ToArray();
            result.Add(new ItemInfo(id, string.Empty, attributes));
        }

        return result;
    }

    /// <summary>RecBole atomic .item file: tab-separated, header with <c>item_id:token</c> and optional title and genre columns.</summary>
    public static ItemMetadata LoadRecBoleItem(string path)
    {
        var result = new ItemMetadata(path);
        using var reader = new LineReader(path);
        if (!reader.TryRead(out var header))
        {
            return result;
        }

        var names = header.Split('\t').Select(n => n.Split(':')[0].Trim()).ToArray();
        var idColumn = Array.IndexOf(names, "item_id");
        if (idColumn < 0)
        {
            throw reader.Error(header, "a tab-separated header with an item_id column");
        }

        var titleColumn = Array.FindIndex(names, n => n.Contains("title", StringComparison.OrdinalIgnoreCase));
        var genreColumn = Array.FindIndex(names, n => n.Contains("genre", StringComparison.OrdinalIgnoreCase) || n.Contains("categor", StringComparison.OrdinalIgnoreCase));
        while (reader.TryRead(out var line))
        {
            if (FieldParser.IsBlankLine(line))
            {
                continue;
            }

            var fields = line.Split('\t');
            if (fields.Length != names.Length)
            {
                throw reader.Error(line, $"{names.Length} tab-separated fields ({string.Join(", ", names)}), found {fields.Length}");
            }

            var id = FieldParser.ParseLong(reader, line, fields[idColumn], "item id");
            var title = titleColumn >= 0 ? fields[titleColumn] : string.Empty;
            var genres = genreColumn >= 0 ? fields[genreColumn].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
            result.Add(new ItemInfo(id, title, genres), reader, line);
        }

        return result;
    }

    private static string[]? ReadUGenre(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var names = new List<string>();
        using var reader = new LineReader(path, Encoding.Latin1);
        while (reader.TryRead(out var line))
        {
            if (!FieldParser.IsBlankLine(line))
            {
                names.Add(line.Split('|')[0]);
            }
        }

        return names.ToArray();
    }

    private static string[] SplitGenres(string genres) => genres.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Splits one CSV line, honouring double quotes (a doubled quote inside quotes is a literal quote).</summary>
    private static List<string> SplitQuotedCsv(LineReader reader, string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        if (quoted)
        {
            throw reader.Error(line, "a closing double quote before the end of the line");
        }

        fields.Add(current.ToString());
        return fields;
    }

    private static JsonDocument ParseJson(string path, string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, (e.LineNumber ?? 0) + 1, text.Length > 80 ? text[..80] : text, $"valid JSON ({e.Message})");
        }
    }
}
