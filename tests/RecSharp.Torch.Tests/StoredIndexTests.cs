using RecSharp.Torch.Faiss;

namespace RecSharp.Torch.Tests;

public sealed class StoredIndexTests : IDisposable
{
    private const int Dim = 8;
    private readonly string folder = Directory.CreateTempSubdirectory("recsharp-stored-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static float[] Rows(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n * Dim).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
    }

    [Fact]
    public void FlatAndIvfFlatReconstructExactlyWhatWasAdded()
    {
        var rows = Rows(200, 3);
        VectorIndex[] indexes = [new FlatIndex(Dim, Metric.InnerProduct), new IvfFlatIndex(Dim, nlist: 4, Metric.L2)];
        for (int i = 0; i < indexes.Length; i++)
        {
            using var index = indexes[i];
            index.Train(rows);
            index.Add(rows);
            string path = Path.Combine(folder, $"i{i}.faiss");
            index.Write(path);
            using var stored = StoredIndex.Open(path);
            Assert.Equal(200, stored.Count);
            Assert.Equal(Dim, stored.Dimension);
            // The IVF lists hold the vectors out of order: this goes through the direct map.
            Assert.Equal(rows, stored.ReconstructAll());
            Assert.Equal(rows.AsSpan(17 * Dim, 3 * Dim).ToArray(), stored.Reconstruct(17, 3));
            // Search works on the stored index like on the original.
            var queries = Rows(5, 4);
            Assert.Equal(index.Search(queries, 4).Ids, stored.Search(queries, 4).Ids);
        }
    }

    [Fact]
    public void ReconstructingPastTheEndNamesTheRange()
    {
        using var index = new FlatIndex(Dim, Metric.L2);
        index.Add(Rows(3, 1));
        string path = Path.Combine(folder, "small.faiss");
        index.Write(path);
        using var stored = StoredIndex.Open(path);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => stored.Reconstruct(2, 2));
        Assert.StartsWith("cannot reconstruct vectors 2..3: the index holds 3", e.Message);
    }

    [Fact]
    public void OpeningAMissingFileNamesIt()
    {
        string path = Path.Combine(folder, "missing.index");
        var e = Assert.Throws<FileNotFoundException>(() => StoredIndex.Open(path));
        Assert.Equal($"Faiss index file '{path}' does not exist", e.Message);
    }
}
