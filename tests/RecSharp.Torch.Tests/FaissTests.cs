using RecSharp.Torch.Faiss;
using RecSharp.Torch.Native;

namespace RecSharp.Torch.Tests;

public sealed class FaissTests : IDisposable
{
    private const int Dim = 16;
    private readonly string folder = Directory.CreateTempSubdirectory("recsharp-faiss-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    // ---- exactness --------------------------------------------------------------------------------

    [Theory]
    [InlineData(Metric.InnerProduct)]
    [InlineData(Metric.L2)]
    public void FlatSearchEqualsBruteForceMatmulTopK(Metric metric)
    {
        var items = RandomRows(500, Dim, seed: 1);
        var queries = RandomRows(25, Dim, seed: 2);
        const int k = 10;
        using var index = new FlatIndex(Dim, metric);
        index.Add(items);

        var (scores, ids) = index.Search(queries, k);
        var (expectedScores, expectedIds) = BruteForce(items, queries, k, metric);

        AssertSameRanking(expectedScores, expectedIds, scores, ids, k);
    }

    [Theory]
    [InlineData(Metric.InnerProduct)]
    [InlineData(Metric.L2)]
    public void IvfWithAllListsProbedEqualsExactSearch(Metric metric)
    {
        var items = RandomRows(2000, Dim, seed: 3);
        var queries = RandomRows(30, Dim, seed: 4);
        const int k = 10;
        using var ivf = new IvfFlatIndex(Dim, nlist: 16, metric);
        Assert.False(ivf.IsTrained);
        ivf.Train(items);
        Assert.True(ivf.IsTrained);
        ivf.Add(items);
        ivf.NProbe = ivf.NList;

        var (scores, ids) = ivf.Search(queries, k);
        var (expectedScores, expectedIds) = BruteForce(items, queries, k, metric);

        AssertSameRanking(expectedScores, expectedIds, scores, ids, k);
    }

    [Fact]
    public void IvfWithOneProbeIsApproximateButValid()
    {
        var items = RandomRows(2000, Dim, seed: 5);
        using var ivf = new IvfFlatIndex(Dim, nlist: 16, Metric.L2);
        ivf.Train(items);
        ivf.Add(items);
        Assert.Equal(1, ivf.NProbe); // Faiss's default
        // A stored vector finds itself at distance 0 in its own list even with one probe.
        var (scores, ids) = ivf.Search(items.AsSpan(7 * Dim, Dim), 1);
        Assert.Equal(7, ids[0]);
        Assert.Equal(0f, scores[0], 1e-4f);
    }

    [Theory]
    [InlineData(Metric.L2)]
    [InlineData(Metric.InnerProduct)]
    public void HnswRecallAtTenIsAtLeastNinetyPercent(Metric metric)
    {
        // Normalised vectors: HNSW with inner product is only meant for them (DESIGN.md).
        var items = Normalised(RandomRows(3000, Dim, seed: 6));
        var queries = Normalised(RandomRows(100, Dim, seed: 7));
        const int k = 10;
        using var hnsw = new HnswFlatIndex(Dim, metric, m: 16, efConstruction: 64, efSearch: 64);
        Assert.Equal(16, hnsw.M);
        Assert.Equal(64, hnsw.EfConstruction);
        Assert.Equal(64, hnsw.EfSearch);
        hnsw.Add(items);

        var (_, ids) = hnsw.Search(queries, k);
        var (_, exactIds) = BruteForce(items, queries, k, metric);

        int hits = 0;
        for (int q = 0; q < queries.Length / Dim; q++)
        {
            var truth = exactIds.AsSpan(q * k, k).ToArray().ToHashSet();
            for (int j = 0; j < k; j++) hits += truth.Contains(ids[q * k + j]) ? 1 : 0;
        }
        double recall = hits / (double)exactIds.Length;
        Assert.True(recall >= 0.9, $"recall@10 was {recall:F3}");
    }

    [Fact]
    public void HnswInnerProductScoresAreDotProductsBestFirst()
    {
        var items = Normalised(RandomRows(200, Dim, seed: 8));
        using var hnsw = new HnswFlatIndex(Dim, Metric.InnerProduct);
        hnsw.Add(items);
        var (scores, ids) = hnsw.Search(items.AsSpan(3 * Dim, Dim), 5);
        Assert.Equal(3, ids[0]);
        Assert.Equal(1f, scores[0], 1e-5f); // a unit vector with itself
        for (int j = 1; j < 5; j++) Assert.True(scores[j] <= scores[j - 1]);
    }

    [Theory]
    [InlineData(Metric.L2)]
    [InlineData(Metric.InnerProduct)]
    public void HnswScoresAreTheExactScoresOfTheReturnedIds(Metric metric)
    {
        // HNSW uses RecSharp's vectorised distances (native/src/faiss_fast.cpp): check them against plain loops.
        const int d = 37; // not a multiple of 8, so the kernels' tails run too
        var items = RandomRows(300, d, seed: 15);
        var queries = RandomRows(10, d, seed: 16);
        using var hnsw = new HnswFlatIndex(d, metric);
        hnsw.Add(items);
        var (scores, ids) = hnsw.Search(queries, 5);
        for (int i = 0; i < ids.Length; i++)
        {
            var q = queries.AsSpan(i / 5 * d, d);
            var x = items.AsSpan((int)ids[i] * d, d);
            double expected = 0;
            for (int j = 0; j < d; j++)
                expected += metric == Metric.L2 ? (q[j] - x[j]) * (double)(q[j] - x[j]) : q[j] * (double)x[j];
            Assert.Equal(expected, scores[i], 1e-4);
        }
    }

    // ---- tensors ----------------------------------------------------------------------------------

    [Fact]
    public void TensorOverloadsMatchArrayOverloads()
    {
        var items = RandomRows(300, Dim, seed: 9);
        var queries = RandomRows(12, Dim, seed: 10);
        using var fromArrays = new IvfFlatIndex(Dim, nlist: 4, Metric.InnerProduct);
        using var fromTensors = new IvfFlatIndex(Dim, nlist: 4, Metric.InnerProduct);
        using var itemTensor = torch.Tensor(items, items.Length / Dim, Dim);
        using var queryTensor = torch.Tensor(queries, queries.Length / Dim, Dim);
        fromArrays.Train(items);
        fromArrays.Add(items);
        fromTensors.Train(itemTensor);
        fromTensors.Add(itemTensor);
        fromArrays.NProbe = fromTensors.NProbe = 2;

        var (scores, ids) = fromArrays.Search(queries, 5);
        var (scoreTensor, idTensor) = fromTensors.Search(queryTensor, 5);
        using (scoreTensor)
        using (idTensor)
        {
            Assert.Equal(new long[] { 12, 5 }, scoreTensor.Shape);
            Assert.Equal(ScalarType.Int64, idTensor.DType);
            Assert.Equal(ids, idTensor.ToArray<long>());
            Assert.Equal(scores, scoreTensor.ToArray<float>());
        }
    }

    [Fact]
    public void MissingResultsHaveIdMinusOne()
    {
        using var flat = new FlatIndex(2, Metric.L2);
        flat.Add([0f, 0f, 3f, 4f]);
        var (scores, ids) = flat.Search([0f, 0f], 3);
        Assert.Equal(new long[] { 0, 1, -1 }, ids);
        Assert.Equal(new[] { 0f, 25f }, scores[..2]); // squared distances
        Assert.Equal(2, flat.Count);
    }

    // ---- files ------------------------------------------------------------------------------------

    [Fact]
    public void WriteThenReadGivesTheSameSubclassAndIdenticalResults()
    {
        var items = RandomRows(1000, Dim, seed: 11);
        var queries = RandomRows(20, Dim, seed: 12);
        VectorIndex[] originals =
        [
            new FlatIndex(Dim, Metric.InnerProduct),
            new IvfFlatIndex(Dim, nlist: 8, Metric.L2) { NProbe = 3 },
            new HnswFlatIndex(Dim, Metric.L2, m: 8, efConstruction: 32, efSearch: 24),
        ];
        for (int i = 0; i < originals.Length; i++)
        {
            using var original = originals[i];
            original.Train(items);
            original.Add(items);
            string path = Path.Combine(folder, $"index{i}.faiss");
            original.Write(path);
            Assert.Empty(Directory.GetFiles(folder, "*.tmp"));

            using var loaded = VectorIndex.Read(path);
            Assert.IsType(original.GetType(), loaded);
            Assert.Equal(original.Dimension, loaded.Dimension);
            Assert.Equal(original.Count, loaded.Count);
            Assert.Equal(original.Metric, loaded.Metric);
            var (scores, ids) = original.Search(queries, 10);
            var (loadedScores, loadedIds) = loaded.Search(queries, 10);
            Assert.Equal(ids, loadedIds);
            Assert.Equal(scores, loadedScores);
        }
        using var ivf = (IvfFlatIndex)VectorIndex.Read(Path.Combine(folder, "index1.faiss"));
        Assert.Equal(3, ivf.NProbe);
        using var hnsw = (HnswFlatIndex)VectorIndex.Read(Path.Combine(folder, "index2.faiss"));
        Assert.Equal((8, 32, 24), (hnsw.M, hnsw.EfConstruction, hnsw.EfSearch));
    }

    [Fact]
    public void WriteReplacesAnExistingFile()
    {
        string path = Path.Combine(folder, "index.faiss");
        File.WriteAllText(path, "old");
        using (var flat = new FlatIndex(3, Metric.L2))
        {
            flat.Add([1f, 2f, 3f]);
            flat.Write(path);
        }
        using var loaded = VectorIndex.Read(path);
        Assert.Equal(1, loaded.Count);
    }

    // ---- errors -----------------------------------------------------------------------------------

    [Fact]
    public void ReadingAMissingFileNamesIt()
    {
        string path = Path.Combine(folder, "absent.faiss");
        var ex = Assert.Throws<FileNotFoundException>(() => VectorIndex.Read(path));
        Assert.Equal($"Faiss index file '{path}' does not exist", ex.Message);
    }

    [Fact]
    public void ReadingACorruptFileNamesIt()
    {
        string path = Path.Combine(folder, "corrupt.faiss");
        File.WriteAllText(path, "this is not an index");
        var ex = Assert.Throws<TorchException>(() => VectorIndex.Read(path));
        Assert.Equal($"'{path}' is not a readable Faiss index: Index type 0x73696874 (\"this\") not recognized", ex.Message);
    }

    [Fact]
    public void ReadingATruncatedFileNamesIt()
    {
        string path = Path.Combine(folder, "truncated.faiss");
        using (var flat = new FlatIndex(4, Metric.L2))
        {
            flat.Add(RandomRows(10, 4, seed: 13));
            flat.Write(path);
        }
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var ex = Assert.Throws<TorchException>(() => VectorIndex.Read(path));
        // Faiss's own text without its C++ source location; 160 bytes = 10 rows x 4 floats.
        Assert.Equal($"'{path}' is not a readable Faiss index: read error in {path}: 57 != 160 (Success)", ex.Message);
    }

    [Fact]
    public void WritingIntoAMissingFolderNamesIt()
    {
        string path = Path.Combine(folder, "no-such-folder", "index.faiss");
        using var flat = new FlatIndex(4, Metric.L2);
        var ex = Assert.Throws<DirectoryNotFoundException>(() => flat.Write(path));
        Assert.Equal($"cannot write the Faiss index to '{path}': the folder '{Path.GetDirectoryName(path)}' does not exist", ex.Message);
    }

    [Fact]
    public void DimensionMismatchIsAClearError()
    {
        using var flat = new FlatIndex(4, Metric.InnerProduct);
        var ex = Assert.Throws<ArgumentException>(() => flat.Add(new float[6]));
        Assert.Equal("vectors hold 6 floats, which is not a whole number of rows of dimension 4 (Parameter 'rows')", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => flat.Search(new float[3], 1));
        Assert.Equal("queries hold 3 floats, which is not a whole number of rows of dimension 4 (Parameter 'queries')", ex.Message);

        using var wide = torch.Zeros(3, 5);
        ex = Assert.Throws<ArgumentException>(() => flat.Search(wide, 1));
        Assert.Equal("queries must be a tensor [n, 4], got shape [3, 5] (Parameter 'queries')", ex.Message);
        using var ints = torch.Zeros([2, 4], ScalarType.Int64);
        ex = Assert.Throws<ArgumentException>(() => flat.Add(ints));
        Assert.Equal("vectors must be a Float32 tensor, got Int64 (Parameter 'rows')", ex.Message);
    }

    [Fact]
    public void SearchOrAddBeforeTrainingIvfIsAClearError()
    {
        using var ivf = new IvfFlatIndex(4, nlist: 2, Metric.L2);
        var ex = Assert.Throws<InvalidOperationException>(() => ivf.Search(new float[4], 1));
        Assert.Equal("the IvfFlatIndex is not trained: call Train with sample vectors before Search", ex.Message);
        ex = Assert.Throws<InvalidOperationException>(() => ivf.Add(new float[4]));
        Assert.Equal("the IvfFlatIndex is not trained: call Train with sample vectors before Add", ex.Message);
    }

    [Fact]
    public void TrainingIvfWithTooFewVectorsCarriesFaissMessage()
    {
        using var ivf = new IvfFlatIndex(4, nlist: 8, Metric.L2);
        var ex = Assert.Throws<TorchException>(() => ivf.Train(RandomRows(3, 4, seed: 14)));
        Assert.Equal("Number of training points (3) should be at least as large as number of clusters (8)", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void NonPositiveKIsRejected(int k)
    {
        using var flat = new FlatIndex(4, Metric.L2);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => flat.Search(new float[4], k));
        Assert.Equal($"k (results per query) must be at least 1 (Parameter 'k'){Environment.NewLine}Actual value was {k}.", ex.Message);
    }

    [Fact]
    public void BadParametersCarryTheShimMessage()
    {
        using var ivf = new IvfFlatIndex(4, nlist: 2, Metric.L2);
        var ex = Assert.Throws<TorchException>(() => ivf.NProbe = 3);
        Assert.Equal("nprobe must be between 1 and nlist (2), got 3", ex.Message);
        ex = Assert.Throws<TorchException>(() => new FlatIndex(0, Metric.L2));
        Assert.Equal("dimension must be at least 1, got 0", ex.Message);
        ex = Assert.Throws<TorchException>(() => new HnswFlatIndex(4, (Metric)7));
        Assert.Equal("unknown metric 7 (0 = inner product, 1 = L2)", ex.Message);
    }

    [Fact]
    public void UseAfterDisposeIsAClearError()
    {
        var flat = new FlatIndex(4, Metric.L2);
        flat.Dispose();
        var ex = Assert.Throws<ObjectDisposedException>(() => flat.Count);
        Assert.Contains("the index was used after it was disposed", ex.Message);
    }

    // ---- threads ----------------------------------------------------------------------------------

    [Fact]
    public void FaissFollowsTheEngineThreadCount()
    {
        int before = torch.NumThreads;
        try
        {
            foreach (int threads in new[] { 1, 2 })
            {
                torch.SetNumThreads(threads);
                NativeMethods.Check(NativeMethods.rs_faiss_omp_max_threads(out int omp));
                Assert.Equal(threads, omp);
                // Also on a thread that has never called the engine before.
                int onFreshThread = 0;
                var t = new Thread(() => NativeMethods.Check(NativeMethods.rs_faiss_omp_max_threads(out onFreshThread)));
                t.Start();
                t.Join();
                Assert.Equal(threads, onFreshThread);
            }
        }
        finally
        {
            torch.SetNumThreads(before);
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static float[] RandomRows(int n, int d, int seed)
    {
        var random = new Random(seed);
        var rows = new float[n * d];
        for (int i = 0; i < rows.Length; i++) rows[i] = random.NextSingle() * 2 - 1;
        return rows;
    }

    private static float[] Normalised(float[] rows)
    {
        for (int r = 0; r < rows.Length / Dim; r++)
        {
            var row = rows.AsSpan(r * Dim, Dim);
            float squared = 0;
            foreach (float v in row) squared += v * v;
            float norm = MathF.Sqrt(squared);
            for (int j = 0; j < Dim; j++) row[j] /= norm;
        }
        return rows;
    }

    /// <summary>Exact top-k by the engine: scores = Q X^T (IP) or |q|^2 - 2 q.x + |x|^2 (squared L2), then topk.</summary>
    private static (float[] Scores, long[] Ids) BruteForce(float[] items, float[] queries, int k, Metric metric)
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.Tensor(items, items.Length / Dim, Dim);
        var q = torch.Tensor(queries, queries.Length / Dim, Dim);
        var dots = q.Mm(x.T);
        var scores = metric == Metric.InnerProduct
            ? dots
            : (q * q).Sum(1, keepDim: true) - 2 * dots + (x * x).Sum(1).Unsqueeze(0);
        var (values, indices) = scores.TopK(k, dim: 1, largest: metric == Metric.InnerProduct);
        return (values.ToArray<float>(), indices.ToArray<long>());
    }

    /// <summary>Same ids in the same order and the same scores, except that near-equal scores may swap.</summary>
    private static void AssertSameRanking(float[] expectedScores, long[] expectedIds, float[] scores, long[] ids, int k)
    {
        const float tolerance = 1e-4f;
        Assert.Equal(expectedIds.Length, ids.Length);
        for (int i = 0; i < ids.Length; i++)
        {
            Assert.Equal(expectedScores[i], scores[i], tolerance);
            if (ids[i] == expectedIds[i]) continue;
            int j = i % k;
            bool tiedWithNeighbour = (j > 0 && Math.Abs(expectedScores[i] - expectedScores[i - 1]) < tolerance)
                || (j < k - 1 && Math.Abs(expectedScores[i] - expectedScores[i + 1]) < tolerance);
            Assert.True(tiedWithNeighbour, $"position {i}: id {ids[i]} instead of {expectedIds[i]} without a tie");
        }
    }
}
