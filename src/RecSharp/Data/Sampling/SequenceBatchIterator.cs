using RecSharp.Data.Splits;

namespace RecSharp.Data.Sampling;

/// <summary>
/// P1 training samples. Every epoch each train user with at least <c>minLength</c> (default 5) items yields one
/// sample, users in a seeded random order: a cut k drawn uniformly from [4, len), target = item k, history = the
/// last L items before k. Batches reuse one <see cref="SequenceBatch"/>; nothing is allocated per sample.
/// </summary>
public sealed class SequenceBatchIterator
{
    private readonly UserItemLists _sequences;
    private readonly int[] _users;
    private readonly SequenceBatch _batch;

    public SequenceBatchIterator(DataSplit split, int batchSize, int maxLength = 20, long seed = 2020, int minLength = 5, int firstCut = 4)
    {
        if (batchSize < 1 || maxLength < 1 || firstCut < 1 || minLength <= firstCut)
        {
            throw new ArgumentException($"need batchSize >= 1, maxLength >= 1 and minLength > firstCut >= 1 (got {batchSize}, {maxLength}, {minLength}, {firstCut})");
        }

        _sequences = split.Train;
        _users = split.TrainUsers.Where(u => _sequences.Length(u) >= minLength).ToArray();
        _batch = new SequenceBatch(batchSize, maxLength);
        BatchSize = batchSize;
        MaxLength = maxLength;
        Seed = seed;
        FirstCut = firstCut;
    }

    public int BatchSize { get; }
    public int MaxLength { get; }
    public long Seed { get; }
    public int FirstCut { get; }
    /// <summary>Samples per epoch (eligible train users).</summary>
    public int SamplesPerEpoch => _users.Length;
    public int BatchesPerEpoch => (_users.Length + BatchSize - 1) / BatchSize;

    /// <summary>The batches of epoch <paramref name="epoch"/>; the same object is refilled for each batch.</summary>
    public IEnumerable<SequenceBatch> Epoch(int epoch)
    {
        var random = EpochRandom.For(Seed, epoch);
        var order = (int[])_users.Clone();
        random.Shuffle(order.AsSpan());
        for (var start = 0; start < order.Length; start += BatchSize)
        {
            Fill(order.AsSpan(start, Math.Min(BatchSize, order.Length - start)), random);
            yield return _batch;
        }
    }

    private void Fill(ReadOnlySpan<int> users, SeededRandom random)
    {
        var b = _batch;
        var length = MaxLength;
        b.HistoryBuffer.AsSpan(0, users.Length * length).Clear();
        b.MaskBuffer.AsSpan(0, users.Length * length).Clear();
        for (var row = 0; row < users.Length; row++)
        {
            var sequence = _sequences[users[row]];
            var k = random.NextInt(FirstCut, sequence.Length);
            var start = Math.Max(0, k - length);
            var history = sequence[start..k];
            for (var p = 0; p < history.Length; p++)
            {
                b.HistoryBuffer[row * length + p] = history[p];
                b.MaskBuffer[row * length + p] = 1f;
            }

            b.UsersBuffer[row] = users[row];
            b.LengthsBuffer[row] = history.Length;
            b.TargetsBuffer[row] = sequence[k];
        }

        b.Count = users.Length;
    }
}
