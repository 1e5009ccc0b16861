using System.Text.Json;

namespace RecSharp.Data.Loaders;

/// <summary>
/// LATTICE / MMHCL json splits: <c>train.json</c>, <c>val.json</c>, <c>test.json</c>, each an object
/// <c>{"user": [item, ...]}</c>; the LCFN variant is a list of lists where element u is user u's items.
/// File membership gives the split label; list position stands in for the timestamp.
/// </summary>
public static class LatticeJsonLoader
{
    /// <summary>Loads the three files of a split folder (val.json may also be named validation.json).</summary>
    public static InteractionTable LoadFolder(string folder)
    {
        var table = new InteractionTable(folder, 1 << 16) { HasSplitLabels = true };
        AppendTo(table, Path.Combine(folder, "train.json"), SplitLabel.Train);
        var val = Path.Combine(folder, "val.json");
        AppendTo(table, File.Exists(val) ? val : Path.Combine(folder, "validation.json"), SplitLabel.Validation);
        AppendTo(table, Path.Combine(folder, "test.json"), SplitLabel.Test);
        return table;
    }

    public static void AppendTo(InteractionTable table, string path, SplitLabel label)
    {
        var text = LineReader.ReadAllText(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, (e.LineNumber ?? -1) + 1, Excerpt(text, e), $"valid JSON ({e.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in root.EnumerateObject())
                {
                    if (!long.TryParse(property.Name, out var user))
                    {
                        throw new DataFormatException(path, 1, property.Name, "an integer user id as each key");
                    }

                    AddItems(table, path, user, property.Value, label);
                }
            }
            else if (root.ValueKind == JsonValueKind.Array)
            {
                long user = 0;
                foreach (var items in root.EnumerateArray())
                {
                    AddItems(table, path, user++, items, label);
                }
            }
            else
            {
                throw new DataFormatException(path, 1, Shorten(text), "a JSON object {\"user\": [items]} or a list of item lists");
            }
        }
    }

    private static void AddItems(InteractionTable table, string path, long user, JsonElement items, SplitLabel label)
    {
        if (items.ValueKind != JsonValueKind.Array)
        {
            throw new DataFormatException(path, 1, items.GetRawText(), $"a list of item ids for user {user}");
        }

        long position = 0;
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out var id))
            {
                throw new DataFormatException(path, 1, item.GetRawText(), $"an integer item id in the list of user {user}");
            }

            table.Add(user, id, 1f, position++, label);
        }
    }

    private static string Excerpt(string text, JsonException e)
    {
        var position = (int)Math.Min(e.BytePositionInLine ?? 0, text.Length);
        var start = Math.Max(0, position - 40);
        return text.Substring(start, Math.Min(80, text.Length - start));
    }

    private static string Shorten(string text) => text.Length > 80 ? text[..80] : text;
}
