namespace RecSharp.Visualization;

/// <summary>The t-SNE cost gradient the optimiser descends: exact (<see cref="TsneGradient"/>) or Barnes-Hut (<see cref="BarnesHut.BarnesHutGradient"/>).</summary>
public interface ITsneGradient : IDisposable
{
    int Count { get; }

    /// <summary>
    /// Writes ∂C/∂Y for <paramref name="layout"/> (Count×dims, row-major) into <paramref name="gradient"/>, with P
    /// multiplied by <paramref name="exaggeration"/>; returns the cost when <paramref name="withCost"/>, else NaN.
    /// </summary>
    double Compute(ReadOnlySpan<double> layout, int dims, Span<double> gradient, double exaggeration = 1, bool withCost = false);
}
