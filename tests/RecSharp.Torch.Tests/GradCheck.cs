namespace RecSharp.Torch.Tests;

/// <summary>One float64 input of a gradient check: its values and shape.</summary>
internal sealed record GradInput(double[] Data, long[] Shape)
{
    public GradInput With(int index, double value)
    {
        var copy = (double[])Data.Clone();
        copy[index] = value;
        return this with { Data = copy };
    }
}

/// <summary>The analytic (autograd) and numeric (finite-difference) gradient of one input, element by element.</summary>
internal sealed record GradResult(double[] Analytic, double[] Numeric);

/// <summary>
/// Float64 central finite-difference gradient checker. For f and random weights w it compares the gradient
/// that Backward() computes for L(x) = sum(f(x) * w) against (L(x + eps e_k) - L(x - eps e_k)) / (2 eps) for
/// every element k of every input. Random weights make every output element matter with a different factor,
/// so a gradient that is right only in total (or only up to a permutation) fails.
/// </summary>
internal static class GradCheck
{
    public const double Eps = 1e-6;
    public const double Atol = 1e-5;
    public const double Rtol = 1e-5;

    /// <summary>Standard normal values from a fixed seed (System.Random, so torch's generator is left alone).</summary>
    public static GradInput Normal(int seed, params long[] shape)
    {
        var rng = new Random(seed);
        var data = new double[Count(shape)];
        for (int i = 0; i < data.Length; i++)
            data[i] = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        return new GradInput(data, shape);
    }

    /// <summary>Uniform values in [low, high) from a fixed seed, for ops with a restricted domain (log, sqrt, bce).</summary>
    public static GradInput Uniform(int seed, double low, double high, params long[] shape)
    {
        var rng = new Random(seed);
        var data = new double[Count(shape)];
        for (int i = 0; i < data.Length; i++) data[i] = low + (high - low) * rng.NextDouble();
        return new GradInput(data, shape);
    }

    /// <summary>Computes analytic and numeric gradients of sum(f(x) * w) for every input.</summary>
    public static GradResult[] Compute(Func<Tensor[], Tensor> f, params GradInput[] inputs)
    {
        using var scope = torch.NewDisposeScope();
        long[] outShape;
        using (torch.NoGrad()) outShape = f(Make(inputs, requiresGrad: false)).Shape;
        var weights = Normal(12345, outShape).Data;

        var xs = Make(inputs, requiresGrad: true);
        var y = f(xs);
        Assert.Equal(ScalarType.Float64, y.DType);
        var loss = y.Mul(torch.FromSpan<double>(weights, outShape)).Sum();
        loss.Backward();

        var results = new GradResult[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            var analytic = xs[i].Grad?.ToArray<double>() ?? new double[inputs[i].Data.Length];
            var numeric = new double[inputs[i].Data.Length];
            for (int k = 0; k < numeric.Length; k++)
            {
                double x = inputs[i].Data[k];
                double plus = Loss(f, Replace(inputs, i, inputs[i].With(k, x + Eps)), weights);
                double minus = Loss(f, Replace(inputs, i, inputs[i].With(k, x - Eps)), weights);
                numeric[k] = (plus - minus) / (2 * Eps);
            }
            results[i] = new GradResult(analytic, numeric);
        }
        return results;
    }

    /// <summary>Asserts that autograd's gradient matches the finite difference for every element of every input.</summary>
    public static void Check(Func<Tensor[], Tensor> f, params GradInput[] inputs)
    {
        var results = Compute(f, inputs);
        for (int i = 0; i < results.Length; i++) AssertClose(results[i].Numeric, results[i].Analytic, $"input {i}");
    }

    public static void AssertClose(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            double tolerance = Atol + Rtol * Math.Abs(expected[k]);
            if (!(Math.Abs(expected[k] - actual[k]) <= tolerance))
                Assert.Fail($"{what}, element {k}: finite difference {expected[k]:R} but autograd {actual[k]:R}");
        }
    }

    private static double Loss(Func<Tensor[], Tensor> f, GradInput[] inputs, double[] weights)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.NoGrad();
        var values = f(Make(inputs, requiresGrad: false)).ToArray<double>();
        double sum = 0;
        for (int k = 0; k < values.Length; k++) sum += values[k] * weights[k];
        return sum;
    }

    private static Tensor[] Make(GradInput[] inputs, bool requiresGrad) =>
        inputs.Select(x => torch.FromSpan<double>(x.Data, x.Shape, requiresGrad)).ToArray();

    private static GradInput[] Replace(GradInput[] inputs, int index, GradInput replacement)
    {
        var copy = (GradInput[])inputs.Clone();
        copy[index] = replacement;
        return copy;
    }

    private static int Count(long[] shape)
    {
        long n = 1;
        foreach (var s in shape) n *= s;
        return checked((int)n);
    }
}
