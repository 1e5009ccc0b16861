namespace RecSharp.Evaluation.Protocols;

/// <summary>
/// Picks the K best items of one score array with a bounded min-heap (O(N log K), no allocation per call).
/// Ties go to the lower item id, so rankings are deterministic whatever the thread count.
/// </summary>
internal sealed class ScoreTopK
{
    private readonly int[] heapItems;
    private readonly float[] heapScores;
    private int count;

    public ScoreTopK(int k)
    {
        heapItems = new int[k];
        heapScores = new float[k];
    }

    /// <summary>
    /// Writes the best items of <paramref name="scores"/> (best first) into <paramref name="ranking"/> and returns
    /// how many were written. Items whose score is negative infinity (masked) are never returned.
    /// </summary>
    public int Select(ReadOnlySpan<float> scores, int firstItem, Span<int> ranking)
    {
        int k = Math.Min(ranking.Length, heapItems.Length);
        count = 0;
        for (int item = firstItem; item < scores.Length; item++)
        {
            float s = scores[item];
            if (float.IsNegativeInfinity(s)) continue;
            if (float.IsNaN(s)) throw new ArgumentException($"the score of item {item} is NaN", nameof(scores));
            if (count < k) { Push(item, s); }
            else if (k > 0 && Better(item, s, heapItems[0], heapScores[0])) { heapItems[0] = item; heapScores[0] = s; SiftDown(0); }
        }
        int n = count;
        // Pop the worst first and fill from the back.
        for (int pos = n - 1; pos >= 0; pos--)
        {
            ranking[pos] = heapItems[0];
            count--;
            heapItems[0] = heapItems[count];
            heapScores[0] = heapScores[count];
            SiftDown(0);
        }
        return n;
    }

    private static bool Better(int itemA, float a, int itemB, float b) => a > b || (a == b && itemA < itemB);

    private void Push(int item, float score)
    {
        int i = count++;
        heapItems[i] = item;
        heapScores[i] = score;
        while (i > 0)
        {
            int parent = (i - 1) / 2;
            if (!Better(heapItems[parent], heapScores[parent], heapItems[i], heapScores[i])) break;
            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            int left = 2 * i + 1, right = left + 1, worst = i;
            if (left < count && Better(heapItems[worst], heapScores[worst], heapItems[left], heapScores[left])) worst = left;
            if (right < count && Better(heapItems[worst], heapScores[worst], heapItems[right], heapScores[right])) worst = right;
            if (worst == i) return;
            Swap(i, worst);
            i = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (heapItems[a], heapItems[b]) = (heapItems[b], heapItems[a]);
        (heapScores[a], heapScores[b]) = (heapScores[b], heapScores[a]);
    }
}
