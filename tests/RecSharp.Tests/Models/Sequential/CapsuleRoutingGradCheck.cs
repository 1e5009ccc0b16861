using RecSharp.Torch;

namespace RecSharp.Tests.Models.Sequential;

/// <summary>
/// Central finite differences (f(x + h) - f(x - h)) / 2h of a float64 scalar loss, compared element by element with
/// the gradient backward computes. Shared by the routing, MIND and ComiRec tests.
/// </summary>
internal static class CapsuleRoutingGradCheck
{
    public static double[] Analytic(Func<Tensor> loss, Tensor x)
    {
        x.ZeroGrad();
        using (torch.NewDisposeScope()) loss().Backward();
        using var g = x.Grad;
        return g is null ? new double[x.NumEl] : g.ToArray<double>();
    }

    public static double[] Numeric(Func<Tensor> loss, Tensor x, double step = 1e-6)
    {
        Assert.Equal(ScalarType.Float64, x.DType);
        var shape = x.Shape;
        var values = x.ToArray<double>();
        var grad = new double[values.Length];
        using var noGrad = torch.NoGrad();
        for (int j = 0; j < values.Length; j++)
        {
            double original = values[j];
            values[j] = original + step;
            double plus = Evaluate(loss, x, values, shape);
            values[j] = original - step;
            double minus = Evaluate(loss, x, values, shape);
            values[j] = original;
            grad[j] = (plus - minus) / (2 * step);
        }
        Set(x, values, shape);
        return grad;
    }

    /// <summary>Backward's gradient of every input equals the finite differences, and is not all zero.</summary>
    public static void AssertMatches(Func<Tensor> loss, IReadOnlyList<(string Name, Tensor X)> inputs, double atol = 1e-6, double rtol = 1e-5)
    {
        foreach (var (name, x) in inputs)
        {
            var analytic = Analytic(loss, x);
            var numeric = Numeric(loss, x);
            AssertClose(analytic, numeric, atol, rtol, name);
            Assert.True(analytic.Any(v => v != 0), $"{name}: the gradient is all zero, so the check proves nothing");
        }
    }

    public static void AssertClose(double[] actual, double[] expected, double atol, double rtol, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int j = 0; j < actual.Length; j++)
            Assert.True(Math.Abs(actual[j] - expected[j]) <= atol + rtol * Math.Abs(expected[j]),
                $"{what}, element {j}: backward {actual[j]:R} vs finite difference {expected[j]:R}");
    }

    private static double Evaluate(Func<Tensor> loss, Tensor x, double[] values, long[] shape)
    {
        Set(x, values, shape);
        using var scope = torch.NewDisposeScope();
        return loss().ToDouble();
    }

    private static void Set(Tensor x, double[] values, long[] shape)
    {
        using var source = torch.FromSpan<double>(values, shape);
        x.CopyFrom(source);
    }
}
