using RecSharp.Torch;

namespace RecSharp.Visualization;

/// <summary>How the gradient is computed.</summary>
public enum TsneMethod
{
    /// <summary>Exact up to <see cref="TsneOptions.MaxExactPoints"/> points, Barnes-Hut beyond.</summary>
    Auto,
    /// <summary>O(n²) per step on the engine; every pair counts.</summary>
    Exact,
    /// <summary>kNN-sparse affinities and quadtree-summarised repulsion, O(n log n) per step; 2-d layouts only.</summary>
    BarnesHut,
}

/// <summary>Settings of t-SNE; defaults follow van der Maaten's reference implementations (exact and Barnes-Hut).</summary>
public sealed record TsneOptions
{
    public int Dimensions { get; init; } = 2;
    public double Perplexity { get; init; } = 30;
    public int Iterations { get; init; } = 1000;
    /// <summary>Step size; null picks max(n / 12, 50), which scales with the data (Belkina et al. 2019).</summary>
    public double? LearningRate { get; init; } = 200;
    public double EarlyExaggeration { get; init; } = 12;
    public int ExaggerationIterations { get; init; } = 250;
    public double InitialMomentum { get; init; } = 0.5;
    public double FinalMomentum { get; init; } = 0.8;
    public int MomentumSwitchIteration { get; init; } = 250;
    public double MinGain { get; init; } = 0.01;
    public int Seed { get; init; } = 42;
    /// <summary><see cref="TsneMethod.Auto"/> picks exact up to <see cref="MaxExactPoints"/> points and Barnes-Hut beyond.</summary>
    public TsneMethod Method { get; init; } = TsneMethod.Auto;
    /// <summary>Barnes-Hut accuracy: a quadtree cell is summarised when side / distance &lt; θ (0 is exact, 0.5 is usual).</summary>
    public double Theta { get; init; } = 0.5;
    /// <summary>Barnes-Hut keeps affinities to the ⌊factor × perplexity⌋ nearest neighbours of each point (3 in the reference).</summary>
    public double NeighboursPerPerplexity { get; init; } = 3;
    /// <summary>Barnes-Hut threads; 0 uses the engine's thread count. Results do not depend on it.</summary>
    public int Threads { get; init; }
    /// <summary>Exact t-SNE costs O(n²) memory and time per iteration; with <see cref="TsneMethod.Exact"/> it refuses more points unless <see cref="SubsampleBeyondExact"/>.</summary>
    public int MaxExactPoints { get; init; } = 5000;
    /// <summary>Beyond <see cref="MaxExactPoints"/>, embed a seeded random sample of that many points instead of failing.</summary>
    public bool SubsampleBeyondExact { get; init; }
    /// <summary>Float32 is twice as fast; Float64 for checks.</summary>
    public ScalarType Precision { get; init; } = ScalarType.Float32;
    /// <summary>Called every <see cref="ProgressEvery"/> iterations and at the end, with the current KL cost.</summary>
    public Action<TsneProgress>? Progress { get; init; }
    public int ProgressEvery { get; init; } = 50;

    internal void Validate()
    {
        if (Dimensions < 1) throw new ArgumentOutOfRangeException(nameof(Dimensions), Dimensions, "t-SNE needs at least one output dimension");
        if (Iterations < 1) throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations, "t-SNE needs at least one iteration");
        if (LearningRate is { } rate && !(rate > 0)) throw new ArgumentOutOfRangeException(nameof(LearningRate), rate, "the learning rate must be positive");
        if (MaxExactPoints < 2) throw new ArgumentOutOfRangeException(nameof(MaxExactPoints), MaxExactPoints, "at least 2");
        if (!(Theta >= 0)) throw new ArgumentOutOfRangeException(nameof(Theta), Theta, "θ must be at least 0");
        if (!(NeighboursPerPerplexity >= 1)) throw new ArgumentOutOfRangeException(nameof(NeighboursPerPerplexity), NeighboursPerPerplexity, "at least 1");
        if (!(Perplexity > 0)) throw new ArgumentOutOfRangeException(nameof(Perplexity), Perplexity, "the perplexity must be positive");
        if (ProgressEvery < 1) throw new ArgumentOutOfRangeException(nameof(ProgressEvery), ProgressEvery, "at least 1");
    }
}

/// <summary>A progress report: iteration done (1-based) out of total, and the KL cost at that point (under exaggeration while it lasts).</summary>
public sealed record TsneProgress(int Iteration, int Total, double Cost);
