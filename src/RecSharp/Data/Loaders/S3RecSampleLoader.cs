namespace RecSharp.Data.Loaders;

/// <summary>One line of an S3-Rec <c>*_sample.txt</c> file: a user and the negatives sampled for their test item (external ids).</summary>
public sealed record UserNegatives(long User, long[] Negatives);

/// <summary>
/// S3-Rec's sampled test negatives (<c>LastFM_sample.txt</c>): one line per user, <c>user neg1 ... neg99</c>,
/// separated by spaces, for ranking each user's last item against 99 negatives.
/// </summary>
public static class S3RecSampleLoader
{
    public static List<UserNegatives> Load(string path)
    {
        using var reader = new ByteLineReader(path);
        var result = new List<UserNegatives>();
        var negatives = new List<long>();
        while (reader.TryRead(out var line))
        {
            if (Utf8Fields.IsBlank(line))
            {
                continue;
            }

            negatives.Clear();
            long user = 0;
            var index = 0;
            var position = 0;
            while (position < line.Length)
            {
                while (position < line.Length && line[position] is (byte)' ' or (byte)'\t')
                {
                    position++;
                }

                var start = position;
                while (position < line.Length && line[position] is not ((byte)' ' or (byte)'\t'))
                {
                    position++;
                }

                if (position == start)
                {
                    break;
                }

                var id = Utf8Fields.ParseLong(reader, line, line[start..position], index == 0 ? "user id" : "negative item id");
                if (index++ == 0)
                {
                    user = id;
                }
                else
                {
                    negatives.Add(id);
                }
            }

            if (negatives.Count == 0)
            {
                throw reader.Error(line, "a user id followed by its sampled negative item ids");
            }

            result.Add(new UserNegatives(user, negatives.ToArray()));
        }

        return result;
    }
}
