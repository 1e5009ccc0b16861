namespace RecSharp.Visualization;

/// <summary>
/// A t-SNE layout: <see cref="Layout"/> is Count×Dimensions row-major; row r embeds input row <see cref="SourceRows"/>[r]
/// (the identity unless the input was subsampled, which <see cref="Message"/> then explains).
/// </summary>
public sealed record TsneResult(double[] Layout, int Count, int Dimensions, int[] SourceRows, double FinalCost, string? Message)
{
    /// <summary>The method that ran (never <see cref="TsneMethod.Auto"/>).</summary>
    public TsneMethod Method { get; init; } = TsneMethod.Exact;

    public double this[int row, int dim] => Layout[row * Dimensions + dim];
}
