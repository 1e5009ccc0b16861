using RecSharp.Torch;
using RecSharp.Visualization;

namespace RecSharp.Tests.Visualization;

public class TsneTests
{
    /// <summary>Points in <paramref name="dims"/>-d around <paramref name="clusters"/> far-apart centres, with labels.</summary>
    private static (double[] Data, int[] Labels) GaussianClusters(int clusters, int perCluster, int dims, int seed)
    {
        var random = new Random(seed);
        var data = new double[clusters * perCluster * dims];
        var labels = new int[clusters * perCluster];
        for (int c = 0; c < clusters; c++)
            for (int i = 0; i < perCluster; i++)
            {
                int row = c * perCluster + i;
                labels[row] = c;
                for (int d = 0; d < dims; d++)
                {
                    double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
                    double noise = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                    data[row * dims + d] = (d == c ? 20.0 : 0.0) + noise;
                }
            }
        return (data, labels);
    }

    [Fact]
    public void ConditionalRowsSumToOneAndMatchThePerplexity()
    {
        var (data, _) = GaussianClusters(3, 20, 5, seed: 1);
        using var points = torch.Tensor(data, 60, 5);
        var distances = PairwiseDistances.Squared(points);
        const double perplexity = 10;
        var p = PerplexityAffinities.Conditional(distances, 60, perplexity);
        for (int i = 0; i < 60; i++)
        {
            double sum = 0, entropy = 0;
            for (int j = 0; j < 60; j++)
            {
                double v = p[i * 60 + j];
                sum += v;
                if (v > 0) entropy -= v * Math.Log(v);
            }
            Assert.Equal(0.0, p[i * 60 + i]);
            Assert.Equal(1.0, sum, 1e-9);
            Assert.Equal(Math.Log(perplexity), entropy, 1e-4);
        }
    }

    [Fact]
    public void PairwiseDistancesAreHandComputed()
    {
        using var points = torch.Tensor(new double[] { 0, 0, 3, 4, 1, 0 }, 3, 2);
        var d = PairwiseDistances.Squared(points);
        Assert.Equal(new double[] { 0, 25, 1, 25, 0, 20, 1, 20, 0 }, d.Select(v => Math.Round(v, 9)).ToArray());
    }

    [Fact]
    public void JointAffinitiesAreSymmetricAndSumToOne()
    {
        var (data, _) = GaussianClusters(2, 15, 4, seed: 2);
        using var points = torch.Tensor(data, 30, 4);
        var p = PerplexityAffinities.Joint(PairwiseDistances.Squared(points), 30, 5);
        Assert.Equal(1.0, p.Sum(), 1e-9);
        for (int i = 0; i < 30; i++)
            for (int j = 0; j < 30; j++)
                Assert.Equal(p[i * 30 + j], p[j * 30 + i], 15);
    }

    [Fact]
    public void PerplexityAboveNMinusOneIsRejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => PerplexityAffinities.Conditional(new double[9], 3, 5));
        Assert.Contains("perplexity must be in (0, n − 1 = 2]", e.Message);
    }

    [Fact]
    public void GradientMatchesFiniteDifferencesOfTheKlCost()
    {
        var (data, _) = GaussianClusters(2, 4, 3, seed: 3);
        using var points = torch.Tensor(data, 8, 3);
        var p = PerplexityAffinities.Joint(PairwiseDistances.Squared(points), 8, 3);
        var random = new Random(4);
        var y = Enumerable.Range(0, 16).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        using var kl = new TsneGradient(p, 8, ScalarType.Float64);
        var analytic = new double[16];
        kl.Compute(y, 2, analytic);
        const double h = 1e-6;
        for (int k = 0; k < y.Length; k++)
        {
            var plus = (double[])y.Clone();
            var minus = (double[])y.Clone();
            plus[k] += h;
            minus[k] -= h;
            double numeric = (Tsne.Cost(p, 8, plus, 2) - Tsne.Cost(p, 8, minus, 2)) / (2 * h);
            Assert.Equal(numeric, analytic[k], 6);
        }
    }

    [Fact]
    public void SameSeedGivesTheSameLayout()
    {
        var (data, _) = GaussianClusters(3, 10, 4, seed: 5);
        using var points = torch.Tensor(data, 30, 4);
        var options = new TsneOptions { Perplexity = 5, Iterations = 120, Seed = 7, Precision = ScalarType.Float64 };
        var a = Tsne.Run(points, options);
        var b = Tsne.Run(points, options);
        Assert.Equal(a.Layout, b.Layout);
        var c = Tsne.Run(points, options with { Seed = 8 });
        Assert.NotEqual(a.Layout, c.Layout);
    }

    [Fact]
    public void SeparatedGaussianClustersStaySeparated()
    {
        var (data, labels) = GaussianClusters(3, 50, 10, seed: 6);
        using var points = torch.Tensor(data, 150, 10);
        var progress = new List<TsneProgress>();
        var result = Tsne.Run(points, new TsneOptions { Iterations = 500, Seed = 1, Progress = progress.Add, ProgressEvery = 100 });
        using var layout = LayoutQuality.LayoutTensor(result);
        Assert.True(LayoutQuality.ClusterPurity(layout, labels) > 0.95);
        Assert.True(LayoutQuality.KnnPreservation(points, layout, k: 10) > 0.3);
        Assert.Equal([100, 200, 300, 400, 500], progress.Select(p => p.Iteration));
        Assert.Null(result.Message);
    }

    [Fact]
    public void TooManyPointsForExactFailsUnlessSubsamplingIsOn()
    {
        var (data, _) = GaussianClusters(2, 10, 3, seed: 7);
        using var points = torch.Tensor(data, 20, 3);
        var e = Assert.Throws<ArgumentException>(() => Tsne.Run(points, new TsneOptions { Method = TsneMethod.Exact, MaxExactPoints = 12, Perplexity = 3, Iterations = 10 }));
        Assert.StartsWith("exact t-SNE is limited to 12 points (O(n²) memory and time) and got 20", e.Message);
        var sampled = Tsne.Run(points, new TsneOptions { Method = TsneMethod.Exact, MaxExactPoints = 12, SubsampleBeyondExact = true, Perplexity = 3, Iterations = 10 });
        Assert.Equal(12, sampled.Count);
        Assert.Equal(12, sampled.SourceRows.Distinct().Count());
        Assert.Contains("embedding a seeded random sample of 12", sampled.Message);
    }

    [Fact]
    public void KnnPreservationIsOneForTheIdentityAndPurityCountsVotes()
    {
        using var line = torch.Tensor(new double[] { 0, 1, 2, 10, 11, 12 }, 6, 1);
        Assert.Equal(1.0, LayoutQuality.KnnPreservation(line, line, k: 2));
        // Each point's 2 nearest stay on its own side of the gap, so with one label per side every vote is pure.
        Assert.Equal(1.0, LayoutQuality.ClusterPurity(line, [0, 0, 0, 1, 1, 1], k: 2));
        // Relabel point 2: points 0 and 1 see labels {0, 1} (a tie fails), point 2 sees {0, 0} (not its own label);
        // only 3, 4 and 5 are pure.
        Assert.Equal(0.5, LayoutQuality.ClusterPurity(line, [0, 0, 1, 1, 1, 1], k: 2), 12);
    }
}
