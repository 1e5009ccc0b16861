namespace RecSharp.Models.CollaborativeFiltering;

/// <summary>
/// Item-based collaborative filtering. Item similarity: C(i, j) = sum over users u who have both i and j
/// of w(u), with w(u) = 1 / ln(1 + |N(u)|) under inverse user frequency (else 1), normalised by
/// <see cref="CfOptions.Similarity"/>; each item keeps its TopK most similar items.
/// Score(u, j) = sum over the user's items i of sim(i, j) for every j kept among i's neighbours.
/// </summary>
public sealed class ItemCf : CfModel
{
    private ItemCf(CfInteractions interactions, CfOptions options, SimilarityLists neighbours)
        : base(interactions, options, neighbours) { }

    /// <summary>Computes the item neighbour lists; <paramref name="threads"/> = 0 uses one per core.</summary>
    public static ItemCf Fit(CfInteractions interactions, CfOptions options, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var lists = NeighbourhoodBuilder.Build(
            interactions.ItemOffsets, interactions.ItemUsers,
            interactions.UserOffsets, interactions.UserItems,
            options.InverseUserFrequency, options, threads);
        return new ItemCf(interactions, options, lists);
    }

    /// <summary>The n items most similar to <paramref name="item"/> (at most TopK), best first.</summary>
    public (int Item, double Similarity)[] SimilarItems(int item, int n)
    {
        if (item < 1 || item > Interactions.ItemCount)
            throw new ArgumentOutOfRangeException(nameof(item), item, $"item must be in 1..{Interactions.ItemCount}.");
        return NeighboursOf(item, n);
    }

    /// <summary>
    /// Recommends from an arbitrary item history (e.g. a user who was not in the training data, or the last
    /// items of a session), scoring exactly as <see cref="CfModel.Recommend"/> would for a user with these
    /// items: repeated items count once. With <paramref name="excludeHistory"/> the history items are never returned.
    /// </summary>
    public (int Item, double Score)[] RecommendFromHistory(ReadOnlySpan<int> history, int n, bool excludeHistory = true)
    {
        CheckCount(n);
        for (int k = 0; k < history.Length; k++)
            if (history[k] < 1 || history[k] > Interactions.ItemCount)
                throw new ArgumentOutOfRangeException(nameof(history), history[k],
                    $"history[{k}] = {history[k]}: item ids must be in 1..{Interactions.ItemCount}.");
        var items = DistinctAscending(history);
        var scratch = new RecommendScratch(Interactions.ItemCount, n);
        AccumulateItems(items, scratch.Scores);
        return TakeTop(scratch, n, excludeHistory ? items : []);
    }

    private static int[] DistinctAscending(ReadOnlySpan<int> items)
    {
        var sorted = items.ToArray();
        Array.Sort(sorted);
        int write = 0;
        for (int k = 0; k < sorted.Length; k++)
            if (k == 0 || sorted[k] != sorted[k - 1]) sorted[write++] = sorted[k];
        return sorted[..write];
    }

    private protected override void AccumulateScores(int user, SparseAccumulator scores) =>
        AccumulateItems(Interactions.ItemsOf(user), scores);

    private void AccumulateItems(ReadOnlySpan<int> userItems, SparseAccumulator scores)
    {
        foreach (int item in userItems)
        {
            var neighbours = Neighbours.NeighboursOf(item);
            var sims = Neighbours.ScoresOf(item);
            for (int k = 0; k < neighbours.Length; k++) scores.Add(neighbours[k], sims[k]);
        }
    }

    /// <summary>Writes the model to <paramref name="path"/> atomically (temp file, then rename).</summary>
    public void Save(string path) => CfModelFile.Write(path, CfModelKind.ItemCf, Interactions, Options, Neighbours);

    /// <summary>Reads a model written by <see cref="Save"/>; errors name the file and the problem.</summary>
    public static ItemCf Load(string path)
    {
        var (interactions, options, lists) = CfModelFile.Read(path, CfModelKind.ItemCf);
        return new ItemCf(interactions, options, lists);
    }
}
