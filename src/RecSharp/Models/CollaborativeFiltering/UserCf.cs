namespace RecSharp.Models.CollaborativeFiltering;

/// <summary>
/// User-based collaborative filtering. User similarity: C(u, v) = sum over items i both have of w(i),
/// with w(i) = 1 / ln(1 + |N(i)|) under inverse item frequency (else 1), normalised by
/// <see cref="CfOptions.Similarity"/>; each user keeps their TopK most similar users.
/// Score(u, i) = sum over u's kept neighbours v that have item i of sim(u, v).
/// </summary>
public sealed class UserCf : CfModel
{
    private UserCf(CfInteractions interactions, CfOptions options, SimilarityLists neighbours)
        : base(interactions, options, neighbours) { }

    /// <summary>Computes the user neighbour lists; <paramref name="threads"/> = 0 uses one per core.</summary>
    public static UserCf Fit(CfInteractions interactions, CfOptions options, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var lists = NeighbourhoodBuilder.Build(
            interactions.UserOffsets, interactions.UserItems,
            interactions.ItemOffsets, interactions.ItemUsers,
            options.InverseItemFrequency, options, threads);
        return new UserCf(interactions, options, lists);
    }

    /// <summary>The n users most similar to <paramref name="user"/> (at most TopK), best first.</summary>
    public (int User, double Similarity)[] SimilarUsers(int user, int n)
    {
        CheckUser(user);
        return NeighboursOf(user, n);
    }

    private protected override void AccumulateScores(int user, SparseAccumulator scores)
    {
        var neighbours = Neighbours.NeighboursOf(user);
        var sims = Neighbours.ScoresOf(user);
        for (int k = 0; k < neighbours.Length; k++)
        {
            double sim = sims[k];
            foreach (int item in Interactions.ItemsOf(neighbours[k])) scores.Add(item, sim);
        }
    }

    /// <summary>Writes the model to <paramref name="path"/> atomically (temp file, then rename).</summary>
    public void Save(string path) => CfModelFile.Write(path, CfModelKind.UserCf, Interactions, Options, Neighbours);

    /// <summary>Reads a model written by <see cref="Save"/>; errors name the file and the problem.</summary>
    public static UserCf Load(string path)
    {
        var (interactions, options, lists) = CfModelFile.Read(path, CfModelKind.UserCf);
        return new UserCf(interactions, options, lists);
    }
}
