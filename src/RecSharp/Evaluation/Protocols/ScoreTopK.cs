using RecSharp.Retrieval;

namespace RecSharp.Evaluation.Protocols;

/// <summary>
/// Picks the K best items of one score array with the shared bounded heap (<see cref="TopKSelector"/>: O(N log K),
/// no allocation per call). Ties go to the lower item id, so rankings are deterministic whatever the thread count.
/// </summary>
internal sealed class ScoreTopK(int k)
{
    private readonly TopKSelector selector = new(k);
    private readonly double[] keptScores = new double[k];

    /// <summary>
    /// Writes the best items of <paramref name="scores"/> (best first) into <paramref name="ranking"/> and returns
    /// how many were written. Items whose score is negative infinity (masked) are never returned.
    /// </summary>
    public int Select(ReadOnlySpan<float> scores, int firstItem, Span<int> ranking)
    {
        selector.Reset(Math.Min(ranking.Length, keptScores.Length));
        for (int item = firstItem; item < scores.Length; item++)
        {
            float s = scores[item];
            if (float.IsNegativeInfinity(s)) continue;
            if (float.IsNaN(s)) throw new ArgumentException($"the score of item {item} is NaN", nameof(scores));
            selector.Offer(item, s);
        }
        return selector.Drain(ranking, keptScores);
    }
}
