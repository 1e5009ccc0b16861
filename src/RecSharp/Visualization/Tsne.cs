using RecSharp.Torch;

namespace RecSharp.Visualization;

/// <summary>
/// Exact t-SNE (van der Maaten and Hinton 2008) as in the reference implementation: perplexity-calibrated affinities,
/// early exaggeration, momentum gradient descent with delta-bar-delta gains, re-centring after every step.
/// The O(n²) parts (distances, kernel, gradient) run on the engine; the n×dims update runs in C#.
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
        int[] rows = Enumerable.Range(0, total).ToArray();
        string? message = null;
        if (total > options.MaxExactPoints)
        {
            if (!options.SubsampleBeyondExact)
                throw new ArgumentException(
                    $"exact t-SNE is limited to {options.MaxExactPoints:N0} points (O(n²) memory and time) and got {total:N0}; " +
                    "enable subsampling (TsneOptions.SubsampleBeyondExact, CLI --subsample) or pass fewer points", nameof(points));
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
        return new TsneResult(layout, n, options.Dimensions, rows, cost, message);
    }

    /// <summary>Gradient descent on KL(P‖Q) from a seeded N(0, 10⁻⁴) start; returns the layout and its final cost.</summary>
    public static (double[] Layout, double Cost) Optimise(double[] jointAffinities, int n, TsneOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int dims = options.Dimensions;
        double rate = options.LearningRate ?? Math.Max(n / 12.0, 50);
        var y = InitialLayout(n, dims, options.Seed);
        var gradient = new double[y.Length];
        var update = new double[y.Length];
        var gains = new double[y.Length];
        Array.Fill(gains, 1.0);
        double cost = double.NaN;
        using var kl = new TsneGradient(jointAffinities, n, options.Precision);
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
