namespace RecSharp.Retrieval;

/// <summary>One recall channel's output: item ids best first, optional scores, its weight and its quota.</summary>
/// <param name="Name">Shown in errors and in <see cref="FusedItem.Channels"/>.</param>
/// <param name="Items">Ranked item ids, best first (a repeated id counts once, at its first position).</param>
/// <param name="Scores">Scores aligned with <paramref name="Items"/>; needed by <see cref="FusionMethod.ScoreNormalized"/>.</param>
/// <param name="Weight">How much this channel counts (finite, >= 0).</param>
/// <param name="Quota">At most this many of the channel's top items enter the pool; null = all of them.</param>
public sealed record RecallChannel(string Name, IReadOnlyList<int> Items, IReadOnlyList<float>? Scores = null,
    double Weight = 1.0, int? Quota = null);

/// <summary>How channel contributions are made comparable before they are summed.</summary>
public enum FusionMethod
{
    /// <summary>
    /// Weighted reciprocal-rank fusion (default): an item at 0-based rank r of channel c earns
    /// weight_c / (RankConstant + r + 1). Needs no scores, so channels with incomparable score scales (a
    /// popularity count, an inner product, a co-occurrence weight) mix safely; the constant (60, after Cormack
    /// et al. 2009) damps the advantage of the very first ranks.
    /// </summary>
    ReciprocalRank,

    /// <summary>
    /// Score-normalised fusion: each channel's scores (over its quota) are min-max scaled to [0, 1] (all equal
    /// -> 1) and an item earns weight_c * scaled score. Keeps score gaps within a channel; needs scores.
    /// </summary>
    ScoreNormalized,
}

/// <summary>Settings of <see cref="RecallFusion.Fuse"/>.</summary>
public sealed record FusionOptions
{
    public FusionMethod Method { get; init; } = FusionMethod.ReciprocalRank;

    /// <summary>The constant k of reciprocal-rank fusion.</summary>
    public double RankConstant { get; init; } = 60;

    /// <summary>
    /// Ids never returned (e.g. the padding item 0, or the user's seen items); null = none. Ranks stay those the
    /// channels gave, counted before exclusion.
    /// </summary>
    public IReadOnlySet<int>? Exclude { get; init; }
}

/// <summary>One fused item: its id, fused score, best 0-based rank in any channel and the channels that proposed it.</summary>
public sealed record FusedItem(int Id, double Score, int BestRank, IReadOnlyList<string> Channels);

/// <summary>
/// Multi-channel recall fusion: several channels (embedding retrieval, item-to-item, popularity, ...) each
/// propose a ranked list; each is cut to its quota, an item's contributions from every channel that proposed it
/// are summed (so agreement between channels lifts an item), duplicates collapse into one entry, and the N
/// best fused items are kept. Ordering: fused score descending, then best rank in any channel, then the
/// earliest channel that proposed it, then id, so the result is deterministic.
/// </summary>
public static class RecallFusion
{
    public static IReadOnlyList<FusedItem> Fuse(IReadOnlyList<RecallChannel> channels, int n, FusionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, $"N must be at least 1 but was {n}");
        options ??= new FusionOptions();
        if (!(options.RankConstant >= 0) || double.IsInfinity(options.RankConstant))
            throw new ArgumentException($"the rank constant must be a finite number >= 0 but was {options.RankConstant}", nameof(options));

        var pool = new Dictionary<int, Entry>();
        for (int c = 0; c < channels.Count; c++)
        {
            var channel = channels[c] ?? throw new ArgumentException($"channel {c} is null", nameof(channels));
            Validate(channel, options.Method);
            int depth = Math.Min(channel.Items.Count, channel.Quota ?? int.MaxValue);
            var (min, max) = options.Method == FusionMethod.ScoreNormalized ? ScoreRange(channel, depth) : (0f, 0f);
            var seenInChannel = new HashSet<int>();
            int rank = 0; // rank among the channel's distinct items
            for (int i = 0; i < depth; i++)
            {
                int id = channel.Items[i];
                if (!seenInChannel.Add(id)) continue;
                int r = rank++;
                if (options.Exclude?.Contains(id) == true) continue;
                double contribution = options.Method == FusionMethod.ReciprocalRank
                    ? channel.Weight / (options.RankConstant + r + 1)
                    : channel.Weight * (max > min ? (channel.Scores![i] - min) / (max - min) : 1.0);
                if (!pool.TryGetValue(id, out var entry)) pool[id] = entry = new Entry(id, c);
                entry.Score += contribution;
                entry.BestRank = Math.Min(entry.BestRank, r);
                entry.Channels.Add(channel.Name);
            }
        }
        return pool.Values
            .OrderByDescending(e => e.Score)
            .ThenBy(e => e.BestRank)
            .ThenBy(e => e.FirstChannel)
            .ThenBy(e => e.Id)
            .Take(n)
            .Select(e => new FusedItem(e.Id, e.Score, e.BestRank, e.Channels))
            .ToArray();
    }

    private static void Validate(RecallChannel channel, FusionMethod method)
    {
        if (channel.Items is null) throw new ArgumentException($"channel '{channel.Name}' has no item list");
        if (!(channel.Weight >= 0) || double.IsInfinity(channel.Weight))
            throw new ArgumentException($"channel '{channel.Name}' has weight {channel.Weight}; a weight must be a finite number >= 0");
        if (channel.Quota is < 0)
            throw new ArgumentException($"channel '{channel.Name}' has quota {channel.Quota}; a quota cannot be negative");
        if (channel.Scores is not null && channel.Scores.Count != channel.Items.Count)
            throw new ArgumentException($"channel '{channel.Name}' has {channel.Items.Count} items but {channel.Scores.Count} scores");
        if (method == FusionMethod.ScoreNormalized && channel.Scores is null)
            throw new ArgumentException($"channel '{channel.Name}' has no scores, which score-normalised fusion needs");
    }

    private static (float Min, float Max) ScoreRange(RecallChannel channel, int depth)
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        for (int i = 0; i < depth; i++)
        {
            float s = channel.Scores![i];
            if (!float.IsFinite(s)) throw new ArgumentException($"channel '{channel.Name}' has a non-finite score {s} at position {i}");
            min = Math.Min(min, s);
            max = Math.Max(max, s);
        }
        return (min, max);
    }

    private sealed class Entry(int id, int firstChannel)
    {
        public int Id { get; } = id;
        public int FirstChannel { get; } = firstChannel;
        public double Score { get; set; }
        public int BestRank { get; set; } = int.MaxValue;
        public List<string> Channels { get; } = [];
    }
}
