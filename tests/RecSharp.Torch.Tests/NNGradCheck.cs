namespace RecSharp.Torch.Tests;

/// <summary>
/// Finite-difference gradient checks for float64 computations: the analytic gradient from backward is compared
/// with central differences (f(x + h) - f(x - h)) / 2h, element by element.
/// </summary>
internal static class NNGradCheck
{
    /// <summary>Analytic and numeric gradients of the scalar <paramref name="loss"/> with respect to each of <paramref name="inputs"/>.</summary>
    public static List<(double[] Analytic, double[] Numeric)> Gradients(Func<Tensor> loss, IReadOnlyList<Tensor> inputs, double step = 1e-6)
    {
        foreach (var x in inputs)
        {
            Assert.Equal(ScalarType.Float64, x.DType);
            Assert.True(x.RequiresGrad, "every checked input must require grad");
            x.ZeroGrad();
        }

        using (var scope = torch.NewDisposeScope())
            loss().Backward();

        var result = new List<(double[], double[])>();
        foreach (var x in inputs)
        {
            double[] analytic;
            using (var g = x.Grad)
                analytic = g is null ? new double[x.NumEl] : g.ToArray<double>();
            result.Add((analytic, Numeric(loss, x, step)));
        }
        return result;
    }

    /// <summary>Asserts that analytic and numeric gradients agree within atol + rtol·|numeric| for every input.</summary>
    public static void AssertGradientsMatch(Func<Tensor> loss, IReadOnlyList<Tensor> inputs, double atol = 1e-6, double rtol = 1e-5)
    {
        var grads = Gradients(loss, inputs);
        for (int i = 0; i < grads.Count; i++)
        {
            var (analytic, numeric) = grads[i];
            AssertClose(analytic, numeric, atol, rtol, $"input {i}");
            Assert.Contains(analytic, v => v != 0); // a check of all-zero gradients proves nothing
        }
    }

    public static void AssertClose(double[] actual, double[] expected, double atol, double rtol, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int j = 0; j < actual.Length; j++)
            Assert.True(Math.Abs(actual[j] - expected[j]) <= atol + rtol * Math.Abs(expected[j]),
                $"{what}, element {j}: analytic {actual[j]:R} vs numeric {expected[j]:R}");
    }

    private static double[] Numeric(Func<Tensor> loss, Tensor x, double step)
    {
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
