using RecSharp.Data.Splits;

namespace RecSharp.Data.Sampling;

/// <summary>
/// P2 training data: every train (user, item) pair is a positive, followed by <c>numNegatives</c> (default 4)
/// negatives drawn uniformly from items the user never interacted with in train. Positives are visited in a
/// seeded random order per epoch; one <see cref="PointwiseBatch"/> is refilled for every batch.
/// </summary>
public sealed class PointwiseBatchIterator
{
    private readonly UserItemLists _train;
    private readonly int[] _pairUsers;
    private readonly NegativeSampler _sampler;
    private readonly PointwiseBatch _batch;
    private readonly int[] _order;

    public PointwiseBatchIterator(DataSplit split, int batchSize, int numNegatives = 4, long seed = 2020)
    {
        if (batchSize < 1 || numNegatives < 0)
        {
            throw new ArgumentException($"need batchSize >= 1 and numNegatives >= 0 (got {batchSize}, {numNegatives})");
        }

        _train = split.Train;
        _sampler = new NegativeSampler(split.NumItems, split.Train);
        _pairUsers = new int[_train.Count];
        for (var u = 0; u < _train.NumUsers; u++)
        {
            _pairUsers.AsSpan(_train.Offsets[u], _train.Length(u)).Fill(u);
        }

        _order = new int[_train.Count];
        _batch = new PointwiseBatch(batchSize);
        BatchSize = batchSize;
        NumNegatives = numNegatives;
        Seed = seed;
    }

    public int BatchSize { get; }
    public int NumNegatives { get; }
    public long Seed { get; }
    public NegativeSampler Sampler => _sampler;
    public long RowsPerEpoch => (long)_train.Count * (1 + NumNegatives);

    public IEnumerable<PointwiseBatch> Epoch(int epoch)
    {
        var random = EpochRandom.For(Seed, epoch);
        for (var i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }

        random.Shuffle(_order.AsSpan());
        var b = _batch;
        b.Count = 0;
        foreach (var pair in _order)
        {
            var user = _pairUsers[pair];
            for (var j = 0; j <= NumNegatives; j++)
            {
                b.UsersBuffer[b.Count] = user;
                b.ItemsBuffer[b.Count] = j == 0 ? _train.Items[pair] : _sampler.Sample(user, random);
                b.LabelsBuffer[b.Count] = j == 0 ? 1f : 0f;
                if (++b.Count == BatchSize)
                {
                    yield return b;
                    b.Count = 0;
                }
            }
        }

        if (b.Count > 0)
        {
            yield return b;
        }
    }
}
