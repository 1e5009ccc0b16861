namespace RecSharp.Retrieval;

/// <summary>
/// Keeps the k best (id, score) pairs offered, in a bounded heap whose root is the worst kept pair.
/// "Better" is a strict total order — higher score first, then smaller id — so the result does not
/// depend on the order in which pairs are offered (this is what makes parallel fits reproducible).
/// </summary>
internal sealed class TopKSelector
{
    private readonly int[] _ids;
    private readonly double[] _scores;
    private int _count;
    private int _k;

    public TopKSelector(int capacity)
    {
        _ids = new int[capacity];
        _scores = new double[capacity];
    }

    public static bool IsBetter(int idA, double scoreA, int idB, double scoreB) =>
        scoreA > scoreB || (scoreA == scoreB && idA < idB);

    /// <summary>Empties the selector and sets how many pairs to keep (at most the capacity).</summary>
    public void Reset(int k)
    {
        if (k < 0 || k > _ids.Length)
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in 0..{_ids.Length}.");
        _k = k;
        _count = 0;
    }

    public void Offer(int id, double score)
    {
        if (_count < _k)
        {
            _ids[_count] = id;
            _scores[_count] = score;
            SiftUp(_count++);
        }
        else if (_k > 0 && IsBetter(id, score, _ids[0], _scores[0]))
        {
            _ids[0] = id;
            _scores[0] = score;
            SiftDown(0);
        }
    }

    /// <summary>Writes the kept pairs best first, empties the selector and returns how many were written.</summary>
    public int Drain(Span<int> ids, Span<double> scores)
    {
        int n = _count;
        // Popping the worst element repeatedly fills the output from its end.
        for (int pos = n - 1; pos >= 0; pos--)
        {
            ids[pos] = _ids[0];
            scores[pos] = _scores[0];
            _count--;
            _ids[0] = _ids[_count];
            _scores[0] = _scores[_count];
            SiftDown(0);
        }
        return n;
    }

    public int Count => _count;

    // Heap order: a parent is never better than its children (the root is the worst).
    private bool Worse(int a, int b) => IsBetter(_ids[b], _scores[b], _ids[a], _scores[a]);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            int parent = (i - 1) / 2;
            if (!Worse(i, parent)) break;
            Swap(i, parent);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            int left = 2 * i + 1, right = left + 1, worst = i;
            if (left < _count && Worse(left, worst)) worst = left;
            if (right < _count && Worse(right, worst)) worst = right;
            if (worst == i) return;
            Swap(i, worst);
            i = worst;
        }
    }

    private void Swap(int a, int b)
    {
        (_ids[a], _ids[b]) = (_ids[b], _ids[a]);
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
    }
}
