namespace RecSharp.Torch.NN;

/// <summary>Which fan Kaiming initialisation preserves: the forward pass (fan in) or the backward pass (fan out).</summary>
public enum FanMode
{
    FanIn,
    FanOut,
}

/// <summary>Activations whose recommended gain <see cref="Init.CalculateGain"/> knows.</summary>
public enum Nonlinearity
{
    Linear,
    Sigmoid,
    Tanh,
    Relu,
    LeakyRelu,
    Selu,
}

/// <summary>
/// Weight initialisations of torch.nn.init. Each fills the tensor in place without recording gradients, draws
/// from libtorch's global generator (see <see cref="torch.ManualSeed"/>) and returns the same tensor.
/// </summary>
public static class Init
{
    public static Tensor Uniform(Tensor tensor, double low = 0, double high = 1)
    {
        if (high < low) throw new ArgumentException($"uniform bounds are reversed: low {low} > high {high}", nameof(high));
        using var noGrad = torch.NoGrad();
        return tensor.Uniform_(low, high);
    }

    public static Tensor Normal(Tensor tensor, double mean = 0, double std = 1)
    {
        if (std < 0) throw new ArgumentOutOfRangeException(nameof(std), std, "standard deviation must not be negative");
        using var noGrad = torch.NoGrad();
        return tensor.Normal_(mean, std);
    }

    public static Tensor Constant(Tensor tensor, double value)
    {
        using var noGrad = torch.NoGrad();
        return tensor.Fill_(value);
    }

    public static Tensor Zeros(Tensor tensor) => Constant(tensor, 0);

    public static Tensor Ones(Tensor tensor) => Constant(tensor, 1);

    /// <summary>Glorot uniform: U(-a, a) with a = gain * sqrt(6 / (fan_in + fan_out)).</summary>
    public static Tensor XavierUniform(Tensor tensor, double gain = 1)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
        double std = gain * Math.Sqrt(2.0 / (fanIn + fanOut));
        double bound = Math.Sqrt(3.0) * std;
        return Uniform(tensor, -bound, bound);
    }

    /// <summary>Glorot normal: N(0, std²) with std = gain * sqrt(2 / (fan_in + fan_out)).</summary>
    public static Tensor XavierNormal(Tensor tensor, double gain = 1)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
        return Normal(tensor, 0, gain * Math.Sqrt(2.0 / (fanIn + fanOut)));
    }

    /// <summary>He uniform: U(-b, b) with b = gain * sqrt(3 / fan); <paramref name="a"/> is the leaky-ReLU slope.</summary>
    public static Tensor KaimingUniform(Tensor tensor, double a = 0, FanMode mode = FanMode.FanIn, Nonlinearity nonlinearity = Nonlinearity.LeakyRelu)
    {
        double std = CalculateGain(nonlinearity, a) / Math.Sqrt(Fan(tensor, mode));
        double bound = Math.Sqrt(3.0) * std;
        return Uniform(tensor, -bound, bound);
    }

    /// <summary>He normal: N(0, std²) with std = gain / sqrt(fan).</summary>
    public static Tensor KaimingNormal(Tensor tensor, double a = 0, FanMode mode = FanMode.FanIn, Nonlinearity nonlinearity = Nonlinearity.LeakyRelu) =>
        Normal(tensor, 0, CalculateGain(nonlinearity, a) / Math.Sqrt(Fan(tensor, mode)));

    /// <summary>The gain torch.nn.init.calculate_gain recommends; <paramref name="param"/> is the leaky-ReLU slope.</summary>
    public static double CalculateGain(Nonlinearity nonlinearity, double? param = null) => nonlinearity switch
    {
        Nonlinearity.Linear or Nonlinearity.Sigmoid => 1.0,
        Nonlinearity.Tanh => 5.0 / 3.0,
        Nonlinearity.Relu => Math.Sqrt(2.0),
        Nonlinearity.LeakyRelu => Math.Sqrt(2.0 / (1 + Math.Pow(param ?? 0.01, 2))),
        Nonlinearity.Selu => 3.0 / 4.0,
        _ => throw new ArgumentOutOfRangeException(nameof(nonlinearity), nonlinearity, "unknown nonlinearity"),
    };

    /// <summary>
    /// Fan in = size(1) × receptive field, fan out = size(0) × receptive field, where the receptive field is the
    /// product of the dimensions after the first two (1 for a matrix).
    /// </summary>
    public static (long FanIn, long FanOut) CalculateFanInAndFanOut(Tensor tensor)
    {
        var shape = tensor.Shape;
        if (shape.Length < 2)
            throw new ArgumentException($"fan in and fan out cannot be computed for a tensor with fewer than 2 dimensions (shape {Module.FormatShape(shape)})", nameof(tensor));
        long receptive = 1;
        for (int i = 2; i < shape.Length; i++) receptive *= shape[i];
        return (shape[1] * receptive, shape[0] * receptive);
    }

    private static long Fan(Tensor tensor, FanMode mode)
    {
        var (fanIn, fanOut) = CalculateFanInAndFanOut(tensor);
        long fan = mode == FanMode.FanIn ? fanIn : fanOut;
        if (fan == 0) throw new ArgumentException($"cannot initialise a tensor with a zero {mode} (shape {Module.FormatShape(tensor.Shape)})", nameof(tensor));
        return fan;
    }
}
