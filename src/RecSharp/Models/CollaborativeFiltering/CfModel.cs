using RecSharp.Retrieval;

namespace RecSharp.Models.CollaborativeFiltering;

/// <summary>
/// What ItemCF and UserCF share: the training interactions, the options, the fitted neighbour lists,
/// and recommendation by accumulating neighbour similarities into a per-user item score vector.
/// Only items with a positive accumulated score are ever recommended, so a list may be shorter than n.
/// </summary>
public abstract class CfModel
{
    private protected CfModel(CfInteractions interactions, CfOptions options, SimilarityLists neighbours)
    {
        Interactions = interactions;
        Options = options;
        Neighbours = neighbours;
    }

    /// <summary>The interactions the model was fitted on (and whose items are "seen").</summary>
    public CfInteractions Interactions { get; }

    public CfOptions Options { get; }

    internal SimilarityLists Neighbours { get; }

    /// <summary>Adds the score contributions for <paramref name="user"/> into <paramref name="scores"/> (indexed by item id).</summary>
    private protected abstract void AccumulateScores(int user, SparseAccumulator scores);

    /// <summary>
    /// The n best items for <paramref name="user"/>, best first (ties: smaller item id first).
    /// With <paramref name="excludeSeen"/> the user's training items are never returned.
    /// </summary>
    public (int Item, double Score)[] Recommend(int user, int n, bool excludeSeen = true)
    {
        CheckUser(user);
        CheckCount(n);
        return RecommendWith(user, n, excludeSeen, new RecommendScratch(Interactions.ItemCount, n));
    }

    /// <summary>
    /// <see cref="Recommend"/> for every user (element u is user u's list), users processed in parallel;
    /// the result does not depend on <paramref name="threads"/> (0 = one per core).
    /// </summary>
    public (int Item, double Score)[][] RecommendAll(int n, bool excludeSeen = true, int threads = 0)
    {
        CheckCount(n);
        var all = new (int Item, double Score)[Interactions.UserCount][];
        Parallelism.ForEachRow(Interactions.UserCount, threads, () => new RecommendScratch(Interactions.ItemCount, n),
            (user, scratch) => all[user] = RecommendWith(user, n, excludeSeen, scratch));
        return all;
    }

    /// <summary>
    /// The score <see cref="Recommend"/> would give each of <paramref name="items"/> (0 for items no neighbour
    /// reaches). Seen items are scored too.
    /// </summary>
    public double[] Score(int user, ReadOnlySpan<int> items)
    {
        CheckUser(user);
        foreach (int item in items)
            if (item < 1 || item > Interactions.ItemCount)
                throw new ArgumentOutOfRangeException(nameof(items), item, $"item ids must be in 1..{Interactions.ItemCount}.");
        var scores = new SparseAccumulator(Interactions.ItemCount + 1);
        AccumulateScores(user, scores);
        var result = new double[items.Length];
        for (int k = 0; k < items.Length; k++) result[k] = scores[items[k]];
        return result;
    }

    /// <summary>The first n kept neighbours of <paramref name="row"/> with their similarities, best first.</summary>
    private protected (int Id, double Similarity)[] NeighboursOf(int row, int n)
    {
        CheckCount(n);
        var ids = Neighbours.NeighboursOf(row);
        var sims = Neighbours.ScoresOf(row);
        var result = new (int, double)[Math.Min(n, ids.Length)];
        for (int k = 0; k < result.Length; k++) result[k] = (ids[k], sims[k]);
        return result;
    }

    private protected void CheckUser(int user)
    {
        if ((uint)user >= (uint)Interactions.UserCount)
            throw new ArgumentOutOfRangeException(nameof(user), user, $"user must be in 0..{Interactions.UserCount - 1}.");
    }

    private protected static void CheckCount(int n)
    {
        if (n < 0) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be >= 0.");
    }

    /// <summary>Per-worker buffers; n is capped at the catalogue size so that a huge n costs nothing extra.</summary>
    private protected sealed class RecommendScratch
    {
        public RecommendScratch(int itemCount, int n)
        {
            Capacity = Math.Min(n, itemCount);
            Scores = new SparseAccumulator(itemCount + 1);
            Excluded = new bool[itemCount + 1];
            Selector = new TopKSelector(Capacity);
            Ids = new int[Capacity];
            Values = new double[Capacity];
        }

        public int Capacity { get; }
        public SparseAccumulator Scores { get; }
        public bool[] Excluded { get; } // all false between calls
        public TopKSelector Selector { get; }
        public int[] Ids { get; }
        public double[] Values { get; }
    }

    private (int Item, double Score)[] RecommendWith(int user, int n, bool excludeSeen, RecommendScratch scratch)
    {
        AccumulateScores(user, scratch.Scores);
        return TakeTop(scratch, n, excludeSeen ? Interactions.ItemsOf(user) : []);
    }

    /// <summary>The n best accumulated items that are not in <paramref name="excluded"/>; clears the scratch.</summary>
    private protected static (int Item, double Score)[] TakeTop(RecommendScratch scratch, int n, ReadOnlySpan<int> excluded)
    {
        var scores = scratch.Scores;
        var isExcluded = scratch.Excluded;
        foreach (int item in excluded) isExcluded[item] = true;
        var selector = scratch.Selector;
        selector.Reset(Math.Min(n, scratch.Capacity));
        foreach (int item in scores.Touched)
            if (!isExcluded[item]) selector.Offer(item, scores[item]);
        scores.Clear();
        foreach (int item in excluded) isExcluded[item] = false;
        int count = selector.Drain(scratch.Ids, scratch.Values);
        var result = new (int Item, double Score)[count];
        for (int k = 0; k < count; k++) result[k] = (scratch.Ids[k], scratch.Values[k]);
        return result;
    }
}
