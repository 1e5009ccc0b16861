using RecSharp.Torch.NN;
using RecSharp.Torch.Optim;

namespace RecSharp.Torch.Tests;

/// <summary>Optimizer steps against updates computed by hand from the published update rules.</summary>
public class OptimTests
{
    private static readonly double[] Start = [1.0, -2.0, 0.5];

    private static Parameter NewParameter()
    {
        using var data = torch.Tensor((double[])Start.Clone());
        return new Parameter(data);
    }

    /// <summary>One training step on loss = Σ p², whose gradient 2p changes from step to step.</summary>
    private static void Step(Optimizer optimizer, Parameter p)
    {
        optimizer.ZeroGrad();
        using (var scope = torch.NewDisposeScope())
            (p * p).Sum().Backward();
        optimizer.Step();
    }

    private static void AssertValues(double[] expected, Tensor actual) =>
        NNGradCheck.AssertClose(actual.ToArray<double>(), expected, 1e-14, 1e-12, "parameter");

    [Fact]
    public void SgdWithMomentumAndWeightDecayTwoSteps()
    {
        const double lr = 0.1, momentum = 0.9, wd = 0.1;
        using var p = NewParameter();
        using var sgd = new SGD([p], lr, momentum: momentum, weightDecay: wd);

        var x = (double[])Start.Clone();
        var buf = new double[x.Length];
        for (int step = 0; step < 2; step++)
        {
            Step(sgd, p);
            for (int i = 0; i < x.Length; i++)
            {
                double g = 2 * x[i] + wd * x[i];
                buf[i] = step == 0 ? g : momentum * buf[i] + g; // the buffer starts as the first gradient
                x[i] -= lr * buf[i];
            }
            AssertValues(x, p);
        }
    }

    [Fact]
    public void SgdNesterovLooksAhead()
    {
        const double lr = 0.05, momentum = 0.5;
        using var p = NewParameter();
        using var sgd = new SGD([p], lr, momentum: momentum, nesterov: true);

        var x = (double[])Start.Clone();
        var buf = new double[x.Length];
        for (int step = 0; step < 2; step++)
        {
            Step(sgd, p);
            for (int i = 0; i < x.Length; i++)
            {
                double g = 2 * x[i];
                buf[i] = step == 0 ? g : momentum * buf[i] + g;
                x[i] -= lr * (g + momentum * buf[i]);
            }
            AssertValues(x, p);
        }
    }

    [Fact]
    public void AdamTwoStepsWithBiasCorrectionAndCoupledWeightDecay()
    {
        const double lr = 0.1, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.05;
        using var p = NewParameter();
        using var adam = new Adam([p], lr, b1, b2, eps, weightDecay: wd);

        var x = (double[])Start.Clone();
        var m = new double[x.Length];
        var v = new double[x.Length];
        for (int t = 1; t <= 2; t++)
        {
            Step(adam, p);
            for (int i = 0; i < x.Length; i++)
            {
                double g = 2 * x[i] + wd * x[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = m[i] / (1 - Math.Pow(b1, t));
                double vHat = v[i] / (1 - Math.Pow(b2, t));
                x[i] -= lr * mHat / (Math.Sqrt(vHat) + eps);
            }
            AssertValues(x, p);
        }
    }

    [Fact]
    public void AdamWDecaysWeightsApartFromTheGradient()
    {
        const double lr = 0.1, b1 = 0.8, b2 = 0.99, eps = 1e-8, wd = 0.5;
        using var p = NewParameter();
        using var adamw = new AdamW([p], lr, b1, b2, eps, weightDecay: wd);

        var x = (double[])Start.Clone();
        var m = new double[x.Length];
        var v = new double[x.Length];
        for (int t = 1; t <= 2; t++)
        {
            Step(adamw, p);
            for (int i = 0; i < x.Length; i++)
            {
                double g = 2 * x[i]; // gradient at the point before decay
                x[i] *= 1 - lr * wd;
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                x[i] -= lr * (m[i] / (1 - Math.Pow(b1, t))) / (Math.Sqrt(v[i] / (1 - Math.Pow(b2, t))) + eps);
            }
            AssertValues(x, p);
        }
    }

    [Fact]
    public void AdagradAccumulatesSquaredGradientsWithLearningRateDecay()
    {
        const double lr = 0.5, lrDecay = 0.1, wd = 0.1, eps = 1e-10;
        using var p = NewParameter();
        using var adagrad = new Adagrad([p], lr, lrDecay, wd, eps);

        var x = (double[])Start.Clone();
        var sum = new double[x.Length];
        for (int t = 1; t <= 2; t++)
        {
            Step(adagrad, p);
            double clr = lr / (1 + (t - 1) * lrDecay);
            for (int i = 0; i < x.Length; i++)
            {
                double g = 2 * x[i] + wd * x[i];
                sum[i] += g * g;
                x[i] -= clr * g / (Math.Sqrt(sum[i]) + eps);
            }
            AssertValues(x, p);
        }
    }

    [Fact]
    public void ClipGradNormReturnsTheTotalNormAndScalesOnlyWhenAbove()
    {
        using var zeros2 = torch.Zeros([2], ScalarType.Float64);
        using var zeros1 = torch.Zeros([1], ScalarType.Float64);
        using var a = new Parameter(zeros2);
        using var b = new Parameter(zeros1);
        using var ca = torch.Tensor(new double[] { 3, 4 });
        using var cb = torch.Tensor(new double[] { 12 });

        void Backward()
        {
            a.ZeroGrad();
            b.ZeroGrad();
            using var scope = torch.NewDisposeScope();
            ((a * ca).Sum() + (b * cb).Sum()).Backward();
        }

        Backward();
        Assert.Equal(13, Optimizer.ClipGradNorm([a, b], maxNorm: 20), 12);
        using (var g = a.Grad!) Assert.Equal(new double[] { 3, 4 }, g.ToArray<double>());

        Backward();
        Assert.Equal(13, Optimizer.ClipGradNorm([a, b], maxNorm: 6.5), 12);
        double coefficient = 6.5 / (13 + 1e-6); // PyTorch guards the division with 1e-6
        using (var g = a.Grad!) NNGradCheck.AssertClose(g.ToArray<double>(), [3 * coefficient, 4 * coefficient], 1e-14, 1e-12, "a.grad");
        using (var g = b.Grad!) NNGradCheck.AssertClose(g.ToArray<double>(), [12 * coefficient], 1e-14, 1e-12, "b.grad");
    }

    [Fact]
    public void LearningRateCanBeReadAndChangedBetweenSteps()
    {
        using var p = NewParameter();
        using var sgd = new SGD([p], lr: 0.1);
        Assert.Equal(0.1, sgd.LearningRate);
        sgd.LearningRate = 0.25;
        Assert.Equal(0.25, sgd.LearningRate);
        Step(sgd, p);
        AssertValues(Start.Select(v => v - 0.25 * 2 * v).ToArray(), p);
    }

    [Fact]
    public void StepLRMultipliesByGammaEveryStepSizeEpochs()
    {
        using var p = NewParameter();
        using var sgd = new SGD([p], lr: 1);
        var scheduler = new StepLR(sgd, stepSize: 2, gamma: 0.5);
        var seen = new List<double>();
        for (int epoch = 0; epoch < 5; epoch++)
        {
            scheduler.Step();
            seen.Add(sgd.LearningRate);
        }
        Assert.Equal([1, 0.5, 0.5, 0.25, 0.25], seen);
    }

    [Fact]
    public void BadHyperParametersAreRejectedClearly()
    {
        using var p = NewParameter();
        var e1 = Assert.Throws<ArgumentException>(() => new Adam([]));
        Assert.StartsWith("Adam: the optimizer got an empty parameter list", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => new SGD([p], lr: 0.1, nesterov: true));
        Assert.StartsWith("Nesterov momentum requires a momentum and zero dampening (momentum 0, dampening 0)", e2.Message);
        var e3 = Assert.Throws<ArgumentOutOfRangeException>(() => new SGD([p], lr: -1));
        Assert.StartsWith("invalid learning rate: -1 (must be >= 0)", e3.Message);
        var e4 = Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([p], beta1: 1));
        Assert.StartsWith("invalid beta1: 1 (must be in [0, 1))", e4.Message);
    }

    [Fact]
    public void TwoLayerMlpLearnsXorWithAdamInDisposeScopes()
    {
        torch.ManualSeed(31);
        using var mlp = new Sequential(new Linear(2, 8), new Tanh(), new Linear(8, 1));
        using var adam = new Adam(mlp.Parameters(), lr: 0.05);
        using var x = torch.Tensor(new float[] { 0, 0, 0, 1, 1, 0, 1, 1 }, 4, 2);
        using var y = torch.Tensor(new float[] { 0, 1, 1, 0 }, 4, 1);

        double loss = double.NaN;
        for (int step = 0; step < 400; step++)
        {
            using var scope = torch.NewDisposeScope();
            adam.ZeroGrad();
            var l = Functional.BinaryCrossEntropyWithLogits(mlp.Forward(x), y);
            l.Backward();
            adam.Step();
            loss = l.ToDouble();
            Assert.True(scope.Count < 20, $"a step left {scope.Count} tensors in its scope"); // no per-parameter growth
        }

        Assert.True(loss < 0.05, $"XOR loss after 400 Adam steps: {loss}");
        using var logits = mlp.Forward(x);
        Assert.Equal(new[] { false, true, true, false }, logits.ToArray<float>().Select(v => v > 0));
    }
}
