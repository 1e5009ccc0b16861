using RecSharp.Data.Splits;

namespace RecSharp.Data.Sampling;

/// <summary>
/// BPR training data (P3 models such as BPR, LightGCN, BM3): each train pair once per epoch, in a seeded random
/// order, with one negative the user never interacted with in train. One <see cref="PairwiseBatch"/> is refilled.
/// </summary>
public sealed class PairwiseBatchIterator
{
    private readonly UserItemLists _train;
    private readonly int[] _pairUsers;
    private readonly NegativeSampler _sampler;
    private readonly PairwiseBatch _batch;
    private readonly int[] _order;

    public PairwiseBatchIterator(DataSplit split, int batchSize, long seed = 2020)
    {
        if (batchSize < 1)
        {
            throw new ArgumentException($"need batchSize >= 1 (got {batchSize})", nameof(batchSize));
        }

        _train = split.Train;
        _sampler = new NegativeSampler(split.NumItems, split.Train);
        _pairUsers = new int[_train.Count];
        for (var u = 0; u < _train.NumUsers; u++)
        {
            _pairUsers.AsSpan(_train.Offsets[u], _train.Length(u)).Fill(u);
        }

        _order = new int[_train.Count];
        _batch = new PairwiseBatch(batchSize);
        BatchSize = batchSize;
        Seed = seed;
    }

    public int BatchSize { get; }
    public long Seed { get; }
    public int BatchesPerEpoch => (_train.Count + BatchSize - 1) / BatchSize;

    public IEnumerable<PairwiseBatch> Epoch(int epoch)
    {
        var random = EpochRandom.For(Seed, epoch);
        for (var i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
        }

        random.Shuffle(_order.AsSpan());
        var b = _batch;
        for (var start = 0; start < _order.Length; start += BatchSize)
        {
            var count = Math.Min(BatchSize, _order.Length - start);
            for (var row = 0; row < count; row++)
            {
                var pair = _order[start + row];
                var user = _pairUsers[pair];
                b.UsersBuffer[row] = user;
                b.PositivesBuffer[row] = _train.Items[pair];
                b.NegativesBuffer[row] = _sampler.Sample(user, random);
            }

            b.Count = count;
            yield return b;
        }
    }
}
