namespace RecSharp.Data.Loaders;

/// <summary>
/// One user per line followed by that user's items, separated by spaces or tabs: the S3-Rec / ICLRec sequence
/// files (<c>user item item ...</c>, items in time order) and the LightGCN/LCFN <c>train.txt</c>/<c>test.txt</c>
/// files (same layout, CRLF allowed). The position inside the line stands in for the timestamp.
/// </summary>
public static class UserListLoader
{
    public static InteractionTable Load(string path, SplitLabel label = SplitLabel.None)
    {
        var table = new InteractionTable(path, GroupLensRatingsLoader.EstimateRows(path) / 2) { HasSplitLabels = label != SplitLabel.None };
        AppendTo(table, path, label);
        return table;
    }

    /// <summary>Appends the lines of <paramref name="path"/> to <paramref name="table"/> with the given label.</summary>
    // Runs once over every row: compile optimised straight away instead of starting in tier 0.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static void AppendTo(InteractionTable table, string path, SplitLabel label)
    {
        using var reader = new ByteLineReader(path);
        long usersWithoutItems = 0;
        while (reader.TryRead(out var line))
        {
            if (Utf8Fields.IsBlank(line))
            {
                table.BlankLines++;
                continue;
            }

            long user = 0;
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

                if (position == start)
                {
                    break;
                }

                var id = Utf8Fields.ParseLong(reader, line, line[start..position], index == 0 ? "user id" : "item id");
                if (index == 0)
                {
                    user = id;
                }
                else
                {
                    table.Add(user, id, 1f, index - 1, label);
                }

                index++;
            }

            if (index == 1)
            {
                usersWithoutItems++;
            }
        }

        if (usersWithoutItems > 0)
        {
            table.Notes.Add($"{reader.Path}: {usersWithoutItems} line(s) hold a user with no items (user kept out of the interactions)");
        }
    }

    private static bool IsBlank(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r';
}
