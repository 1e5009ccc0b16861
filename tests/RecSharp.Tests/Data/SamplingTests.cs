using RecSharp.Data;
using RecSharp.Data.Dataset;
using RecSharp.Data.Sampling;
using RecSharp.Data.Splits;
using RecSharp.Torch;

namespace RecSharp.Tests.Data;

public class SamplingTests
{
    private static UserItemLists Lists(params int[][] lists) => UserItemLists.FromLists(lists);

    [Fact]
    public void NegativeSamplerNeverReturnsAPositive()
    {
        // User 0 sparse, user 1 holds 9 of 10 items (dense path), user 2 holds every item but one odd gap.
        var positives = Lists([1, 5], [1, 2, 3, 4, 5, 6, 7, 8, 10], [2, 3, 4, 5, 6, 7, 8, 9, 10]);
        var sampler = new NegativeSampler(10, positives);
        var random = new SeededRandom(3);
        var seenFor0 = new HashSet<int>();
        for (var t = 0; t < 2_000; t++)
        {
            var n0 = sampler.Sample(0, random);
            Assert.InRange(n0, 1, 10);
            Assert.False(positives[0].Contains(n0));
            seenFor0.Add(n0);
            Assert.Equal(9, sampler.Sample(1, random));
            Assert.Equal(1, sampler.Sample(2, random));
        }

        // Every allowed negative of user 0 shows up (uniform over 8 items, 2,000 draws).
        Assert.Equal([2, 3, 4, 6, 7, 8, 9, 10], seenFor0.Order());
    }

    [Fact]
    public void DistinctNegativesAndExhaustion()
    {
        var sampler = new NegativeSampler(6, Lists([1, 2], [1, 2, 3, 4, 5, 6]));
        var destination = new int[4];
        sampler.SampleDistinct(0, destination, new SeededRandom(1));
        Assert.Equal([3, 4, 5, 6], destination.Order());
        var e = Assert.Throws<InvalidOperationException>(() => sampler.Sample(1, new SeededRandom(1)));
        Assert.Equal("user 1 has interacted with all 6 items: no negative exists", e.Message);
        var tooMany = Assert.Throws<InvalidOperationException>(() => sampler.SampleDistinct(0, new int[5], new SeededRandom(1)));
        Assert.Equal("user 0 has only 4 non-interacted items; 5 distinct negatives were requested", tooMany.Message);
    }

    [SharedDataFact]
    public void NegativeSamplerPropertyOnRealData()
    {
        var loaded = DataFolder.Open(SharedData.Folder("ncf-lastfm"));
        var split = LeaveOneOutSplitter.FromNcf(loaded.BuildDataset(), loaded.Negatives!);
        var iterator = new PointwiseBatchIterator(split, batchSize: 4096, numNegatives: 4, seed: 11);
        long rows = 0;
        foreach (var batch in iterator.Epoch(0))
        {
            for (var r = 0; r < batch.Count; r++)
            {
                var user = (int)batch.Users[r];
                var item = (int)batch.Items[r];
                var isPositive = split.Train[user].Contains(item);
                Assert.Equal(batch.Labels[r] == 1f, isPositive);
            }

            rows += batch.Count;
        }

        Assert.Equal(67_408L * 5, rows);
    }

    private static DataSplit SequenceSplit()
    {
        var table = new InteractionTable("synthetic") { HasTimestamps = true };
        for (var u = 0; u < 50; u++)
        {
            for (var k = 0; k < 5 + u % 30; k++)
            {
                table.Add(u, 1 + (u * 7 + k) % 40, 1, k);
            }
        }

        return SequentialUserSplitter.Split(InteractionDataset.Build(table), new SequentialSplitOptions { Seed = 4 });
    }

    [Fact]
    public void SequenceBatchesFollowTheP1CutRule()
    {
        var split = SequenceSplit();
        var iterator = new SequenceBatchIterator(split, batchSize: 16, maxLength: 6, seed: 9);
        var samples = 0;
        foreach (var batch in iterator.Epoch(0))
        {
            for (var row = 0; row < batch.Count; row++)
            {
                var sequence = split.Train[(int)batch.Users[row]];
                var length = (int)batch.Lengths[row];
                var history = batch.History.Slice(row * 6, 6);
                var mask = batch.Mask.Slice(row * 6, 6);
                // The history is a window of the sequence ending right before the target; k is in [4, len).
                var k = -1;
                for (var cut = 4; cut < sequence.Length; cut++)
                {
                    if (sequence[cut] == batch.Targets[row] && length == Math.Min(6, cut)
                        && sequence[(cut - length)..cut].ToArray().Select(i => (long)i).SequenceEqual(history[..length].ToArray()))
                    {
                        k = cut;
                    }
                }

                Assert.True(k >= 4, $"row {row}: no cut in [4, len) explains the sample");
                Assert.All(history[length..].ToArray(), p => Assert.Equal(0, p));
                Assert.All(mask[..length].ToArray(), m => Assert.Equal(1f, m));
                Assert.All(mask[length..].ToArray(), m => Assert.Equal(0f, m));
            }

            samples += batch.Count;
        }

        Assert.Equal(split.TrainUsers.Length, samples);
        Assert.Equal(iterator.SamplesPerEpoch, samples);
    }

    [Fact]
    public void EpochsAreDeterministicForASeed()
    {
        var split = SequenceSplit();
        static long[] Targets(SequenceBatchIterator it, int epoch) => it.Epoch(epoch).SelectMany(b => b.Targets.ToArray()).ToArray();
        var a = new SequenceBatchIterator(split, 8, 6, seed: 1);
        var b = new SequenceBatchIterator(split, 8, 6, seed: 1);
        Assert.Equal(Targets(a, 3), Targets(b, 3));
        Assert.NotEqual(Targets(a, 3), Targets(a, 4));
    }

    [Fact]
    public void BatchesAllocateNothingPerSample()
    {
        var split = SequenceSplit();
        var sequences = new SequenceBatchIterator(split, batchSize: 4, maxLength: 6, seed: 2);
        var pointwise = new PointwiseBatchIterator(split, batchSize: 8, numNegatives: 4, seed: 2);
        var pairwise = new PairwiseBatchIterator(split, batchSize: 8, seed: 2);
        Drain(sequences, pointwise, pairwise); // warm up (JIT, first enumerators)
        var before = GC.GetAllocatedBytesForCurrentThread();
        Drain(sequences, pointwise, pairwise);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        // Per epoch: one enumerator, one order copy and one generator per iterator; ~1,000 samples would cost far more.
        Assert.True(allocated < 4_000, $"allocated {allocated} bytes for an epoch of each iterator");

        static void Drain(SequenceBatchIterator s, PointwiseBatchIterator p, PairwiseBatchIterator q)
        {
            long sum = 0;
            foreach (var b in s.Epoch(0))
            {
                sum += b.Count;
            }

            foreach (var b in p.Epoch(0))
            {
                sum += b.Count;
            }

            foreach (var b in q.Epoch(0))
            {
                sum += b.Count;
            }

            Assert.True(sum > 0);
        }
    }

    [Fact]
    public void BatchToTensorsCopiesShapesAndValues()
    {
        var split = SequenceSplit();
        var iterator = new SequenceBatchIterator(split, batchSize: 5, maxLength: 6, seed: 2);
        var batch = iterator.Epoch(0).First();
        var (history, mask, lengths, targets) = batch.ToTensors();
        using (history)
        using (mask)
        using (lengths)
        using (targets)
        {
            Assert.Equal([5L, 6], history.Shape);
            Assert.Equal(ScalarType.Float32, mask.DType);
            Assert.Equal(batch.History.ToArray(), history.ToArray<long>());
            Assert.Equal(batch.Targets.ToArray(), targets.ToArray<long>());
            Assert.Equal(batch.Lengths.ToArray(), lengths.ToArray<long>());
        }
    }
}
