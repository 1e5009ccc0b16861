using RecSharp.Data.Splits;

namespace RecSharp.Models.Popularity;

/// <summary>
/// Most-popular recall: every user gets the items with the most training interactions. The baseline every
/// other model must beat, and the first model of the evaluation protocols.
/// </summary>
public sealed class MostPopular : IItemScorer
{
    private readonly float[] counts;

    private MostPopular(float[] counts) => this.counts = counts;

    public int NumItems => counts.Length - 1;

    /// <summary>Interaction count of <paramref name="item"/> in the training data (repeats count each time).</summary>
    public float Count(int item) => counts[item];

    /// <summary>Counts every training interaction of every user.</summary>
    public static MostPopular Fit(UserItemLists train, int numItems)
    {
        ArgumentNullException.ThrowIfNull(train);
        var counts = new float[numItems + 1];
        foreach (int item in train.Items)
        {
            if (item < 1 || item > numItems)
                throw new ArgumentException($"training item {item} is outside 1..{numItems}", nameof(train));
            counts[item]++;
        }
        return new MostPopular(counts);
    }

    public void ScoreAll(EvaluationCase user, Span<float> scores)
    {
        if (scores.Length != counts.Length)
            throw new ArgumentException($"scores has {scores.Length} entries; expected NumItems + 1 = {counts.Length}", nameof(scores));
        counts.CopyTo(scores);
    }
}
