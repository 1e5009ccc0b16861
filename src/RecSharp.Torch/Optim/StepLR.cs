namespace RecSharp.Torch.Optim;

/// <summary>
/// Multiplies the learning rate by <c>gamma</c> every <c>stepSize</c> epochs, like torch.optim.lr_scheduler.StepLR:
/// after <see cref="Step"/> has been called e times, lr = base_lr · gamma^⌊e / stepSize⌋.
/// </summary>
public sealed class StepLR
{
    private readonly Optimizer optimizer;
    private readonly double baseLearningRate;

    public StepLR(Optimizer optimizer, int stepSize, double gamma = 0.1)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        if (stepSize <= 0) throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "step size must be positive");
        this.optimizer = optimizer;
        StepSize = stepSize;
        Gamma = gamma;
        baseLearningRate = optimizer.LearningRate;
    }

    public int StepSize { get; }
    public double Gamma { get; }

    /// <summary>Number of epochs completed (calls to <see cref="Step"/>).</summary>
    public int Epoch { get; private set; }

    /// <summary>Call once per epoch, after the optimizer's steps.</summary>
    public void Step()
    {
        Epoch++;
        optimizer.LearningRate = baseLearningRate * Math.Pow(Gamma, Epoch / StepSize);
    }
}
