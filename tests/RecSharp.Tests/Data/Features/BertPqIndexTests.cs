using RecSharp.Torch.Faiss;
using RecSharp.Tests.Data;

namespace RecSharp.Tests.Data.Features;

/// <summary>The OPQ + IVF-PQ title index of ../shared/data/ml-1m-title-bert-pq, read through <see cref="StoredIndex"/>.</summary>
public class BertPqIndexTests
{
    [SharedDataFact]
    public void ReconstructedVectorsAgreeWithTheIndexsOwnInnerProductSearch()
    {
        string path = Directory.GetFiles(SharedData.Folder("ml-1m-title-bert-pq"), "*.index").Single();
        using var index = StoredIndex.Open(path);
        Assert.Equal(768, index.Dimension);
        Assert.Equal(3883, index.Count);
        var all = index.ReconstructAll();
        Assert.All(all, x => Assert.True(float.IsFinite(x)));

        // OPQ is a rotation and PQ search scores <q, decoded vector>, so the index's search scores must equal the dot
        // products of the query with the reconstructed vectors of the ids it returns, and its best id must be the
        // best by brute force over the reconstructions.
        const int k = 5, d = 768;
        foreach (int q in new[] { 0, 259, 1000, 3882 })
        {
            var query = all.AsSpan(q * d, d).ToArray();
            var (scores, ids) = index.Search(query, k);
            double Dot(long row)
            {
                double s = 0;
                for (int j = 0; j < d; j++) s += query[j] * all[row * d + j];
                return s;
            }
            for (int r = 0; r < k; r++)
                Assert.True(Math.Abs(scores[r] - Dot(ids[r])) <= 1e-3 * Math.Abs(Dot(ids[r])), $"query {q} rank {r}: search score {scores[r]} vs reconstructed dot {Dot(ids[r])}");
            double best = Enumerable.Range(0, 3883).Max(row => Dot(row));
            Assert.True(Dot(ids[0]) >= best - 1e-3 * Math.Abs(best), $"query {q}: index's best {Dot(ids[0])} vs brute-force best {best}");
        }
    }
}
