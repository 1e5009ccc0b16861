using RecSharp.Data.Splits;

namespace RecSharp.Models.CollaborativeFiltering;

/// <summary>Fits ItemCF or UserCF on a split's training interactions (what <c>evaluate</c> and <c>train</c> share).</summary>
public static class CfNeighbourhoodTrainer
{
    public static readonly IReadOnlyList<string> Models = ["itemcf", "usercf"];

    public static bool IsNeighbourhood(string model) => Models.Contains(model);

    /// <summary>The split's training pairs as CF interactions over all of its users and items.</summary>
    public static CfInteractions Interactions(DataSplit split)
    {
        ArgumentNullException.ThrowIfNull(split);
        var train = split.Train;
        var users = new int[train.Count];
        for (int u = 0; u < train.NumUsers; u++) users.AsSpan(train.Offsets[u], train.Length(u)).Fill(u);
        return CfInteractions.FromPairs(users, train.Items, split.NumUsers, split.NumItems);
    }

    /// <summary>Fits <paramref name="model"/> (itemcf or usercf); <paramref name="threads"/> = 0 uses one per core.</summary>
    public static CfModel Fit(string model, DataSplit split, CfOptions options, int threads = 0) => model switch
    {
        "itemcf" => ItemCf.Fit(Interactions(split), options, threads),
        "usercf" => UserCf.Fit(Interactions(split), options, threads),
        _ => throw new ArgumentException($"unknown neighbourhood model '{model}': expected itemcf or usercf", nameof(model)),
    };
}
