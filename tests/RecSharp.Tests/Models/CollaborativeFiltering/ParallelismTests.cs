using RecSharp.Retrieval;
using RecSharp.Models.CollaborativeFiltering;

namespace RecSharp.Tests.Models.CollaborativeFiltering;

public class ParallelismTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void EveryRowRunsOnceAndEachWorkerKeepsOneScratch(int threads)
    {
        var visits = new int[1000];
        int scratchCount = 0;
        Parallelism.ForEachRow(visits.Length, threads, () => { Interlocked.Increment(ref scratchCount); return new object(); },
            (row, _) => Interlocked.Increment(ref visits[row]));
        Assert.All(visits, v => Assert.Equal(1, v));
        Assert.Equal(threads, scratchCount);
    }

    [Fact]
    public void NoRowsStillWorks()
    {
        int calls = 0;
        Parallelism.ForEachRow(0, 4, () => 0, (_, _) => calls++);
        Assert.Equal(0, calls);
    }

    [Fact]
    public void ABodyExceptionReachesTheCaller()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            Parallelism.ForEachRow(100, 3, () => 0, (row, _) =>
            {
                if (row == 37) throw new InvalidOperationException("row 37 failed");
            }));
        Assert.Equal("row 37 failed", e.Message);
    }

    [Fact]
    public void TopKSelectorKeepsBestWithIdTieBreakWhateverTheOrder()
    {
        var pairs = new (int Id, double Score)[] { (5, 1.0), (2, 3.0), (9, 1.0), (1, 1.0), (7, 2.0), (3, 0.5) };
        var rng = new Random(1);
        for (int trial = 0; trial < 20; trial++)
        {
            var selector = new TopKSelector(4);
            selector.Reset(4);
            foreach (var (id, score) in pairs.OrderBy(_ => rng.Next())) selector.Offer(id, score);
            var ids = new int[4];
            var scores = new double[4];
            Assert.Equal(4, selector.Drain(ids, scores));
            Assert.Equal(new[] { 2, 7, 1, 5 }, ids);
            Assert.Equal(new[] { 3.0, 2.0, 1.0, 1.0 }, scores);
            Assert.Equal(0, selector.Count);
        }
    }
}
