using RecSharp.Data.Dataset;
using RecSharp.Data.Loaders;

namespace RecSharp.Data;

/// <summary>What <see cref="DataFolder.Open"/> found and read: interactions (if any), NCF negatives, item side information.</summary>
public sealed class LoadedData
{
    public required string Path { get; init; }
    public required DataFormat Format { get; init; }
    /// <summary>Files that were read, for reports.</summary>
    public required IReadOnlyList<string> Files { get; init; }
    public InteractionTable? Interactions { get; init; }
    /// <summary>NCF .test.negative lines (external ids), when the format has them.</summary>
    public IReadOnlyList<NcfNegativeLine>? Negatives { get; init; }
    public ItemMetadata? ItemMetadata { get; init; }
    /// <summary>S3-Rec <c>*_sample.txt</c> negatives (external ids), when the folder has them.</summary>
    public IReadOnlyList<UserNegatives>? SampledNegatives { get; init; }

    /// <summary>
    /// Builds the dataset with the vocabulary the format calls for: NCF ids are already dense and 0-based and are
    /// kept (identity); every other format is numbered by first appearance.
    /// </summary>
    public InteractionDataset BuildDataset()
    {
        if (Interactions is null)
        {
            throw new InvalidOperationException($"{Path}: holds no interactions (format {Format})");
        }

        var vocabulary = Format == DataFormat.Ncf ? NcfVocabulary() : null;
        return InteractionDataset.Build(Interactions, vocabulary, System.IO.Path.GetFileName(Path.TrimEnd('/')), Format.ToString());
    }

    private IdVocabulary NcfVocabulary()
    {
        var table = Interactions!;
        long maxUser = -1, maxItem = -1;
        foreach (var u in table.Users)
        {
            maxUser = Math.Max(maxUser, u);
        }

        foreach (var i in table.Items)
        {
            maxItem = Math.Max(maxItem, i);
        }

        foreach (var line in Negatives ?? [])
        {
            maxUser = Math.Max(maxUser, line.User);
            foreach (var n in line.Negatives)
            {
                maxItem = Math.Max(maxItem, n);
            }
        }

        var minUser = table.Count == 0 ? 0 : table.Users.ToArray().Min();
        var minItem = table.Count == 0 ? 0 : table.Items.ToArray().Min();
        if (minUser < 0 || minItem < 0)
        {
            throw new DataFormatException(Path, 0, $"smallest user id {minUser}, smallest item id {minItem}", "NCF ids that are 0-based (not negative)");
        }

        return IdVocabulary.Identity(checked((int)(maxUser + 1)), checked((int)(maxItem + 1)));
    }
}
