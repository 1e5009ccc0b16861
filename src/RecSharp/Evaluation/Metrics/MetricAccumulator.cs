namespace RecSharp.Evaluation.Metrics;

/// <summary>
/// Sums per-user metric values and averages them over the users added (every added user counts, including
/// users without a hit). Not thread-safe: give each worker its own accumulator and <see cref="Merge"/> them.
/// </summary>
public sealed class MetricAccumulator
{
    private readonly double[,] sums; // [kind index, K index]

    public MetricAccumulator(MetricSet metrics)
    {
        Metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        sums = new double[metrics.Kinds.Count, metrics.Ks.Count];
    }

    public MetricSet Metrics { get; }

    /// <summary>Users added so far.</summary>
    public int UserCount { get; private set; }

    /// <summary>Adds one user from its ranked list (best first) and its label set (which must not be empty).</summary>
    public void AddUser(ReadOnlySpan<int> ranking, IReadOnlySet<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0)
            throw new ArgumentException("the user has no labels; leave users without held-out items out of the evaluation", nameof(labels));
        var ks = Metrics.Ks;
        for (int j = 0; j < ks.Count; j++)
            AddSummary(HitSummary.Of(ranking, labels, ks[j]), labels.Count, j);
        UserCount++;
    }

    /// <summary>Adds one user whose single relevant item sits at 0-based <paramref name="rank"/> (protocol P2).</summary>
    public void AddSingleLabelRank(int rank)
    {
        var ks = Metrics.Ks;
        for (int j = 0; j < ks.Count; j++)
            AddSummary(HitSummary.SingleLabelAt(rank, ks[j]), 1, j);
        UserCount++;
    }

    private void AddSummary(HitSummary summary, int labelCount, int kIndex)
    {
        int k = Metrics.Ks[kIndex];
        for (int i = 0; i < Metrics.Kinds.Count; i++)
            sums[i, kIndex] += summary.Value(Metrics.Kinds[i], labelCount, k, Metrics.NdcgVariant);
    }

    /// <summary>Adds another accumulator's users (same <see cref="MetricSet"/> required).</summary>
    public void Merge(MetricAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!Metrics.Kinds.SequenceEqual(other.Metrics.Kinds) || !Metrics.Ks.SequenceEqual(other.Metrics.Ks)
            || Metrics.NdcgVariant != other.Metrics.NdcgVariant)
            throw new ArgumentException("cannot merge accumulators of different metric sets", nameof(other));
        for (int i = 0; i < sums.GetLength(0); i++)
            for (int j = 0; j < sums.GetLength(1); j++)
                sums[i, j] += other.sums[i, j];
        UserCount += other.UserCount;
    }

    /// <summary>The average of <paramref name="kind"/>@<paramref name="k"/> over the users added (0 when none were).</summary>
    public double Mean(MetricKind kind, int k)
    {
        int i = IndexOf(Metrics.Kinds, kind, "metric");
        int j = IndexOf(Metrics.Ks, k, "K");
        return UserCount == 0 ? 0.0 : sums[i, j] / UserCount;
    }

    /// <summary>The averages as a results table.</summary>
    public ResultsTable ToTable(string protocol, IReadOnlyDictionary<string, string>? options = null)
    {
        var values = new Dictionary<string, Dictionary<int, double>>();
        foreach (var kind in Metrics.Kinds)
        {
            var row = new Dictionary<int, double>();
            foreach (var k in Metrics.Ks) row[k] = Mean(kind, k);
            values[MetricNames.Of(kind, Metrics.NdcgVariant)] = row;
        }
        var allOptions = new Dictionary<string, string>(options ?? new Dictionary<string, string>())
        {
            ["ndcg"] = Metrics.NdcgVariant.ToString().ToLowerInvariant(),
        };
        return new ResultsTable(protocol, UserCount, Metrics.MetricNames.ToArray(), Metrics.Ks.ToArray(), values, allOptions);
    }

    private static int IndexOf<T>(IReadOnlyList<T> list, T value, string what)
    {
        for (int i = 0; i < list.Count; i++)
            if (EqualityComparer<T>.Default.Equals(list[i], value)) return i;
        throw new ArgumentException($"{what} {value} is not in this accumulator's metric set ({string.Join(", ", list)})");
    }
}
