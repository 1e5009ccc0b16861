namespace RecSharp.Data.Loaders;

/// <summary>
/// MMRec's <c>&lt;name&gt;.inter</c>: tab-separated with a header naming userID, itemID, optionally rating and
/// timestamp, and x_label (0 train, 1 validation, 2 test). Column names are matched case-insensitively.
/// </summary>
public static class MmrecInterLoader
{
    public static InteractionTable Load(string path)
    {
        string header;
        using (var reader = new LineReader(path))
        {
            if (!reader.TryRead(out header))
            {
                return new InteractionTable(path);
            }
        }

        var names = header.Split('\t').Select(n => n.Trim()).ToArray();
        string? Pick(params string[] candidates) =>
            candidates.FirstOrDefault(c => names.Any(n => string.Equals(n.Split(':')[0], c, StringComparison.OrdinalIgnoreCase)));

        var format = new DelimitedFormat
        {
            Separator = "\t",
            HasHeader = true,
            UserColumn = Pick("userID", "user_id") ?? "userID",
            ItemColumn = Pick("itemID", "item_id") ?? "itemID",
            RatingColumn = Pick("rating"),
            TimestampColumn = Pick("timestamp"),
            LabelColumn = Pick("x_label"),
        };
        return DelimitedLoader.Load(path, format);
    }
}
