using RecSharp.Torch;

namespace RecSharp.Visualization;

/// <summary>
/// t-SNE (van der Maaten and Hinton 2008) as in the reference implementations: perplexity-calibrated affinities,
/// early exaggeration, momentum gradient descent with delta-bar-delta gains, re-centring after every step. The exact
/// method does its O(n²) parts (distances, kernel, gradient) on the engine; Barnes-Hut (van der Maaten 2014) keeps
/// affinities to the ⌊3·perplexity⌋ nearest neighbours (found on the engine) and summarises repulsion with a quadtree.
/// Deterministic for a seed (the initial layout comes from a seeded .NET generator, not the engine's RNG).
/// </summary>
public static class Tsne
{
    /// <summary>Embeds the rows of <paramref name="points"/> (n×d, any floating dtype).</summary>
    public static TsneResult Run(Tensor points, TsneOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        options ??= new TsneOptions();
        options.Validate();
        if (points.Shape.Length != 2) throw new ArgumentException($"expected an n×d matrix, got shape [{string.Join(", ", points.Shape)}]", nameof(points));
        int total = checked((int)points.Shape[0]);
        if (total < 3) throw new ArgumentException($"t-SNE needs at least 3 points, got {total}", nameof(points));
        var method = ChooseMethod(total, options);
        if (method == TsneMethod.BarnesHut)
        {
            var affinities = BarnesHutAffinities(points, options);
            using var bh = new BarnesHut.BarnesHutGradient(affinities, options.Theta, options.Threads > 0 ? options.Threads : torch.NumThreads);
            var (bhLayout, bhCost) = Optimise(bh, options);
            return new TsneResult(bhLayout, total, options.Dimensions, Enumerable.Range(0, total).ToArray(), bhCost, null) { Method = method };
        }

        int[] rows = Enumerable.Range(0, total).ToArray();
        string? message = null;
        if (total > options.MaxExactPoints)
        {
            rows = SeededSample(total, options.MaxExactPoints, options.Seed);
            message = $"t-SNE: {total:N0} points exceed the exact limit of {options.MaxExactPoints:N0}; embedding a seeded random sample of {rows.Length:N0}";
        }

        double[] distances;
        using (var scope = torch.NewDisposeScope())
        {
            var input = rows.Length == total ? points : points.IndexSelect(0, torch.Tensor(rows.Select(r => (long)r).ToArray()));
            distances = PairwiseDistances.Squared(input);
        }
        int n = rows.Length;
        var p = PerplexityAffinities.Joint(distances, n, Math.Min(options.Perplexity, n - 1));
        var (layout, cost) = Optimise(p, n, options);
        return new TsneResult(layout, n, options.Dimensions, rows, cost, message) { Method = TsneMethod.Exact };
    }

    /// <summary>The method <see cref="Run"/> uses for <paramref name="count"/> points, or a clear error when none fits.</summary>
    public static TsneMethod ChooseMethod(int count, TsneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        bool tooMany = count > options.MaxExactPoints;
        switch (options.Method)
        {
            case TsneMethod.Exact when tooMany && !options.SubsampleBeyondExact:
                throw new ArgumentException(
                    $"exact t-SNE is limited to {options.MaxExactPoints:N0} points (O(n²) memory and time) and got {count:N0}; " +
                    "use the Barnes-Hut method (TsneMethod.BarnesHut, CLI --method barnes-hut), enable subsampling (CLI --subsample) or pass fewer points");
            case TsneMethod.Exact:
                return TsneMethod.Exact;
            case TsneMethod.BarnesHut when options.Dimensions != 2:
                throw new ArgumentException($"Barnes-Hut t-SNE draws 2-d layouts only, got {options.Dimensions} dimensions (use the exact method)");
            case TsneMethod.BarnesHut:
                return TsneMethod.BarnesHut;
            default:
                if (!tooMany || options.SubsampleBeyondExact) return TsneMethod.Exact;
                if (options.Dimensions != 2)
                    throw new ArgumentException($"{count:N0} points exceed the exact limit of {options.MaxExactPoints:N0} and Barnes-Hut draws 2-d layouts only (got {options.Dimensions} dimensions); enable subsampling or pass fewer points");
                return TsneMethod.BarnesHut;
        }
    }

    /// <summary>Sparse affinities over each point's ⌊factor × perplexity⌋ nearest neighbours (capped at n − 1).</summary>
    public static SparseAffinities BarnesHutAffinities(Tensor points, TsneOptions options)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(options);
        int n = checked((int)points.Shape[0]);
        int k = Math.Clamp((int)Math.Floor(options.NeighboursPerPerplexity * options.Perplexity), 1, n - 1);
        var graph = NeighbourGraph.Build(points, k);
        return SparseAffinities.FromNeighbours(graph, Math.Min(options.Perplexity, k));
    }

    /// <summary>Gradient descent on KL(P‖Q) with exact dense affinities.</summary>
    public static (double[] Layout, double Cost) Optimise(double[] jointAffinities, int n, TsneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var kl = new TsneGradient(jointAffinities, n, options.Precision);
        return Optimise(kl, options);
    }

    /// <summary>Gradient descent on KL(P‖Q) from a seeded N(0, 10⁻⁴) start; returns the layout and its final cost.</summary>
    public static (double[] Layout, double Cost) Optimise(ITsneGradient kl, TsneOptions options)
    {
        ArgumentNullException.ThrowIfNull(kl);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int n = kl.Count;
        int dims = options.Dimensions;
        double rate = options.LearningRate ?? Math.Max(n / 12.0, 50);
        var y = InitialLayout(n, dims, options.Seed);
        var gradient = new double[y.Length];
        var update = new double[y.Length];
        var gains = new double[y.Length];
        Array.Fill(gains, 1.0);
        double cost = double.NaN;
        for (int iteration = 0; iteration < options.Iterations; iteration++)
        {
            bool exaggerating = iteration < options.ExaggerationIterations;
            bool report = (iteration + 1) % options.ProgressEvery == 0 || iteration + 1 == options.Iterations;
            double momentum = iteration < options.MomentumSwitchIteration ? options.InitialMomentum : options.FinalMomentum;
            double step = kl.Compute(y, dims, gradient, exaggerating ? options.EarlyExaggeration : 1, withCost: report);
            if (report) cost = step;
            for (int k = 0; k < y.Length; k++)
            {
                // Delta-bar-delta: grow the gain where the gradient changed sign against the last update, shrink it otherwise.
                gains[k] = (gradient[k] > 0) != (update[k] > 0) ? gains[k] + 0.2 : gains[k] * 0.8;
                if (gains[k] < options.MinGain) gains[k] = options.MinGain;
                update[k] = momentum * update[k] - rate * gains[k] * gradient[k];
                y[k] += update[k];
            }
            Centre(y, n, dims);
            if (report) options.Progress?.Invoke(new TsneProgress(iteration + 1, options.Iterations, cost));
        }
        return (y, cost);
    }

    /// <summary>
    /// KL(P‖Q) of a finished layout against the dense perplexity affinities of its input rows (no exaggeration): the
    /// exact method's own objective, so a Barnes-Hut layout (whose <see cref="TsneResult.FinalCost"/> is taken over its
    /// sparse nearest-neighbour affinities and is not comparable) can be scored on the same scale as an exact one.
    /// O(n²) memory and time, like the exact method.
    /// </summary>
    public static double ExactCost(Tensor points, TsneResult result, double perplexity = 30)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(result);
        double[] distances;
        using (var scope = torch.NewDisposeScope())
        {
            var input = result.Count == points.Shape[0] && result.SourceRows.Select((r, i) => r == i).All(x => x)
                ? points
                : points.IndexSelect(0, torch.Tensor(result.SourceRows.Select(r => (long)r).ToArray()));
            distances = PairwiseDistances.Squared(input);
        }
        var p = PerplexityAffinities.Joint(distances, result.Count, Math.Min(perplexity, result.Count - 1));
        return Cost(p, result.Count, result.Layout, result.Dimensions);
    }

    /// <summary>The KL cost of a layout (no exaggeration), for reports and checks.</summary>
    public static double Cost(double[] jointAffinities, int n, ReadOnlySpan<double> layout, int dims, ScalarType precision = ScalarType.Float64)
    {
        using var kl = new TsneGradient(jointAffinities, n, precision);
        return kl.Compute(layout, dims, new double[layout.Length], 1, withCost: true);
    }

    private static double[] InitialLayout(int n, int dims, int seed)
    {
        var random = new Random(seed);
        var y = new double[n * dims];
        for (int k = 0; k < y.Length; k++)
        {
            // Box–Muller; 1 − U keeps the logarithm finite.
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            y[k] = 1e-4 * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
        return y;
    }

    private static void Centre(double[] y, int n, int dims)
    {
        for (int d = 0; d < dims; d++)
        {
            double mean = 0;
            for (int i = 0; i < n; i++) mean += y[i * dims + d];
            mean /= n;
            for (int i = 0; i < n; i++) y[i * dims + d] -= mean;
        }
    }

    /// <summary>A sorted seeded sample of <paramref name="count"/> distinct rows out of <paramref name="total"/>.</summary>
    public static int[] SeededSample(int total, int count, int seed)
    {
        var all = Enumerable.Range(0, total).ToArray();
        new Random(seed).Shuffle(all);
        var sample = all[..Math.Min(count, total)];
        Array.Sort(sample);
        return sample;
    }
}
