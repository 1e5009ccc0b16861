using RecSharp.Torch;
using RecSharp.Visualization;
using RecSharp.Visualization.BarnesHut;

namespace RecSharp.Tests.Visualization;

public class BarnesHutTests
{
    private static (double[] Data, int[] Labels) Clusters(int clusters, int perCluster, int dims, int seed)
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
                    data[row * dims + d] = (d == c ? 20.0 : 0.0) + Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                }
            }
        return (data, labels);
    }

    private static double[] RandomLayout(int n, int seed, double scale = 5)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 2 * n).Select(_ => (random.NextDouble() * 2 - 1) * scale).ToArray();
    }

    [Fact]
    public void SparseAffinitiesAreSymmetricSumToOneAndKeepOnlyNeighbours()
    {
        var (data, _) = Clusters(3, 20, 5, seed: 1);
        using var points = torch.Tensor(data, 60, 5);
        var graph = NeighbourGraph.Build(points, 9);
        var p = SparseAffinities.FromNeighbours(graph, 3);
        var dense = p.ToDense();
        Assert.Equal(1.0, dense.Sum(), 1e-12);
        for (int i = 0; i < 60; i++)
        {
            Assert.Equal(0.0, dense[i * 60 + i]);
            for (int j = 0; j < 60; j++)
            {
                Assert.Equal(dense[i * 60 + j], dense[j * 60 + i], 15);
                bool linked = graph.Neighbours(i).Contains(j) || graph.Neighbours(j).Contains(i);
                if (!linked) Assert.Equal(0.0, dense[i * 60 + j]);
            }
        }
    }

    [Fact]
    public void NeighbourConditionalsMatchThePerplexity()
    {
        var (data, _) = Clusters(2, 25, 4, seed: 2);
        using var points = torch.Tensor(data, 50, 4);
        var graph = NeighbourGraph.Build(points, 12);
        var conditional = PerplexityAffinities.ConditionalOnNeighbours(graph, 4);
        for (int i = 0; i < 50; i++)
        {
            var row = conditional.AsSpan(i * 12, 12).ToArray();
            Assert.Equal(1.0, row.Sum(), 1e-9);
            Assert.Equal(Math.Log(4), -row.Where(v => v > 0).Sum(v => v * Math.Log(v)), 1e-4);
        }
    }

    [Fact]
    public void NeighbourGraphIsHandComputedAndNearestFirst()
    {
        using var line = torch.Tensor(new double[] { 0, 1, 3, 7 }, 4, 1);
        var graph = NeighbourGraph.Build(line, 2);
        Assert.Equal([1, 2, 0, 2, 1, 0, 2, 1], graph.Indices);
        Assert.Equal([1, 9, 1, 4, 4, 9, 16, 36], graph.SquaredDistances.Select(d => Math.Round(d, 9)));
    }

    [Fact]
    public void WithThetaZeroTheGradientAndCostEqualTheExactOnes()
    {
        var (data, _) = Clusters(3, 15, 5, seed: 3);
        using var points = torch.Tensor(data, 45, 5);
        var sparse = SparseAffinities.FromNeighbours(NeighbourGraph.Build(points, 12), 4);
        var y = RandomLayout(45, seed: 4);
        var approximate = new double[90];
        var exact = new double[90];
        using var bh = new BarnesHutGradient(sparse, theta: 0);
        using var dense = new TsneGradient(sparse.ToDense(), 45, ScalarType.Float64);
        double bhCost = bh.Compute(y, 2, approximate, exaggeration: 12, withCost: true);
        double exactCost = dense.Compute(y, 2, exact, exaggeration: 12, withCost: true);
        for (int k = 0; k < 90; k++) Assert.Equal(exact[k], approximate[k], 10);
        Assert.Equal(exactCost, bhCost, 9);
    }

    [Fact]
    public void WithThetaHalfTheGradientStaysCloseToTheExactOne()
    {
        var (data, _) = Clusters(4, 100, 6, seed: 5);
        using var points = torch.Tensor(data, 400, 6);
        var sparse = SparseAffinities.FromNeighbours(NeighbourGraph.Build(points, 30), 10);
        var y = RandomLayout(400, seed: 6, scale: 20);
        var approximate = new double[800];
        var exact = new double[800];
        using var bh = new BarnesHutGradient(sparse, theta: 0.5);
        using var dense = new TsneGradient(sparse.ToDense(), 400, ScalarType.Float64);
        bh.Compute(y, 2, approximate);
        dense.Compute(y, 2, exact);
        double error = Math.Sqrt(exact.Zip(approximate, (a, b) => (a - b) * (a - b)).Sum());
        double norm = Math.Sqrt(exact.Sum(a => a * a));
        Assert.True(error / norm < 0.02, $"relative gradient error {error / norm:0.0000}");
    }

    [Fact]
    public void GradientMatchesFiniteDifferencesOfTheBarnesHutCostWhenExact()
    {
        var (data, _) = Clusters(2, 6, 3, seed: 7);
        using var points = torch.Tensor(data, 12, 3);
        var sparse = SparseAffinities.FromNeighbours(NeighbourGraph.Build(points, 6), 2);
        var y = RandomLayout(12, seed: 8, scale: 1);
        using var bh = new BarnesHutGradient(sparse, theta: 0);
        var analytic = new double[24];
        bh.Compute(y, 2, analytic);
        const double h = 1e-6;
        var scratch = new double[24];
        for (int k = 0; k < y.Length; k++)
        {
            var plus = (double[])y.Clone();
            var minus = (double[])y.Clone();
            plus[k] += h;
            minus[k] -= h;
            double numeric = (bh.Compute(plus, 2, scratch, withCost: true) - bh.Compute(minus, 2, scratch, withCost: true)) / (2 * h);
            Assert.Equal(numeric, analytic[k], 6);
        }
    }

    [Fact]
    public void DuplicatePointsShareALeafAndRepelNothing()
    {
        var layout = new double[] { 1, 1, 1, 1, 1, 1, 4, 5 };
        var tree = new QuadTree(layout);
        var stack = new int[tree.StackSize];
        double z = tree.Repulsion(0, 0.5, stack, out double fx, out double fy);
        // Two twins at distance 0 (w = 1, no force) and one point at distance 5 (w = 1/26).
        Assert.Equal(2 + 1.0 / 26, z, 12);
        Assert.Equal(-3.0 / (26 * 26), fx, 12);
        Assert.Equal(-4.0 / (26 * 26), fy, 12);
    }

    [Fact]
    public void BarnesHutRunIsDeterministicAcrossThreadCountsAndSeparatesClusters()
    {
        var (data, labels) = Clusters(3, 60, 10, seed: 9);
        using var points = torch.Tensor(data, 180, 10);
        var options = new TsneOptions { Method = TsneMethod.BarnesHut, Iterations = 400, Perplexity = 15, Seed = 3, Threads = 1 };
        var a = Tsne.Run(points, options);
        var b = Tsne.Run(points, options with { Threads = 2 });
        Assert.Equal(TsneMethod.BarnesHut, a.Method);
        Assert.Equal(a.Layout, b.Layout);
        Assert.NotEqual(a.Layout, Tsne.Run(points, options with { Seed = 4 }).Layout);
        using var layout = LayoutQuality.LayoutTensor(a);
        Assert.True(LayoutQuality.ClusterPurity(layout, labels) > 0.95);
        Assert.True(LayoutQuality.KnnPreservation(points, layout, k: 10) > 0.3);
    }

    [Fact]
    public void AutoSwitchesToBarnesHutAboveTheExactLimit()
    {
        var options = new TsneOptions { MaxExactPoints = 100 };
        Assert.Equal(TsneMethod.Exact, Tsne.ChooseMethod(100, options));
        Assert.Equal(TsneMethod.BarnesHut, Tsne.ChooseMethod(101, options));
        Assert.Equal(TsneMethod.Exact, Tsne.ChooseMethod(101, options with { SubsampleBeyondExact = true }));
        var e = Assert.Throws<ArgumentException>(() => Tsne.ChooseMethod(10, options with { Method = TsneMethod.BarnesHut, Dimensions = 3 }));
        Assert.Equal("Barnes-Hut t-SNE draws 2-d layouts only, got 3 dimensions (use the exact method)", e.Message);
    }
}

public class TrustworthinessTests
{
    [Fact]
    public void TrustworthinessIsHandComputed()
    {
        // Input 0, 1, 3, 6 on a line; the layout puts 0 beside 3 and 1 beside 2 (k = 1). Intruders: 0→3 (input rank 3,
        // penalty 2), 1→2 (rank 2, penalty 1), 3→0 (rank 3, penalty 2); 2→1 is a true neighbour. T = 1 − 2/(4·1·4)·5.
        using var input = torch.Tensor(new double[] { 0, 1, 3, 6 }, 4, 1);
        using var layout = torch.Tensor(new double[] { 0, 5, 6, 1 }, 4, 1);
        Assert.Equal(0.375, LayoutQuality.Trustworthiness(input, layout, k: 1), 12);
        Assert.Equal(1.0, LayoutQuality.Trustworthiness(input, input, k: 1), 12);
    }
}
