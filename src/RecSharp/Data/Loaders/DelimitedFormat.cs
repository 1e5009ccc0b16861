namespace RecSharp.Data.Loaders;

/// <summary>
/// Describes a delimited interaction file: its separator, whether a header names the columns, and which
/// columns hold the user, item and optional rating, timestamp and split label. Without a header, columns
/// are named by their 0-based index ("0", "1", ...). Header names match case-insensitively and ignore a
/// RecBole type suffix (<c>user_id:token</c> matches <c>user_id</c>). Fields are not quote-aware.
/// </summary>
public sealed record DelimitedFormat
{
    public string Separator { get; init; } = ",";
    public bool HasHeader { get; init; } = true;
    public string UserColumn { get; init; } = "user";
    public string ItemColumn { get; init; } = "item";
    public string? RatingColumn { get; init; }
    public string? TimestampColumn { get; init; }
    /// <summary>Column holding 0 (train), 1 (validation) or 2 (test), as MMRec's x_label.</summary>
    public string? LabelColumn { get; init; }
    /// <summary>
    /// User and item ids are arbitrary tokens (e.g. Amazon ASINs) rather than integers. Each distinct token gets a
    /// code 0, 1, ... in order of first appearance; the table keeps the tokens in <see cref="InteractionTable.UserNames"/>
    /// and <see cref="InteractionTable.ItemNames"/>, and the vocabulary carries them into vocab.json.
    /// </summary>
    public bool StringIds { get; init; }

    /// <summary>MovieLens ml-latest / ml-20m / ml-25m ratings.csv: header <c>userId,movieId,rating,timestamp</c>.</summary>
    public static DelimitedFormat MovieLensCsv { get; } = new()
    {
        Separator = ",", UserColumn = "userId", ItemColumn = "movieId", RatingColumn = "rating", TimestampColumn = "timestamp",
    };

    /// <summary>ComiRec's data files: <c>user,item,time</c> per line, no header.</summary>
    public static DelimitedFormat ComiRec { get; } = new()
    {
        Separator = ",", HasHeader = false, UserColumn = "0", ItemColumn = "1", TimestampColumn = "2",
    };

    /// <summary>SASRec's data files: <c>user item</c> per line in time order, no header.</summary>
    public static DelimitedFormat SasRecPairs { get; } = new()
    {
        Separator = " ", HasHeader = false, UserColumn = "0", ItemColumn = "1",
    };
}
