using System.Globalization;

namespace RecSharp.Data.Dataset;

/// <summary>Turns explicit ratings into implicit interactions: rows rated at least a threshold are kept.</summary>
public static class ImplicitFeedback
{
    /// <summary>
    /// Keeps rows whose rating is &gt;= <paramref name="threshold"/>. The default 0 keeps every row (PROTOCOLS.md:
    /// "every rating is an interaction"). The number removed is recorded in the table's notes.
    /// </summary>
    public static InteractionTable Apply(InteractionTable table, float threshold = 0f)
    {
        if (!table.HasRatings)
        {
            throw new InvalidOperationException($"{table.Source}: a rating threshold needs a rating column, and this data has none");
        }

        var keep = new bool[table.Count];
        var ratings = table.Ratings;
        var removed = 0;
        for (var i = 0; i < keep.Length; i++)
        {
            keep[i] = ratings[i] >= threshold;
            removed += keep[i] ? 0 : 1;
        }

        var result = table.Filter(keep);
        result.Notes.Add($"implicit feedback: {removed.ToString("N0", CultureInfo.InvariantCulture)} row(s) rated below {threshold.ToString(CultureInfo.InvariantCulture)} removed");
        return result;
    }
}
