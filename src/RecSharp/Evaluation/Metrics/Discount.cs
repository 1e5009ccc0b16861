namespace RecSharp.Evaluation.Metrics;

/// <summary>The logarithmic position discount of DCG and its cumulative (ideal) sums, cached.</summary>
internal static class Discount
{
    private static double[] ideal = [0.0];

    /// <summary>1 / log2(r + 2) for the 0-based rank r.</summary>
    public static double At(int rank) => 1.0 / Math.Log2(rank + 2);

    /// <summary>IDCG of <paramref name="hits"/> hits placed at ranks 0..hits-1.</summary>
    public static double Ideal(int hits)
    {
        var table = ideal;
        if (hits >= table.Length)
        {
            var grown = new double[Math.Max(hits + 1, table.Length * 2)];
            for (int i = 1; i < grown.Length; i++) grown[i] = grown[i - 1] + At(i - 1);
            ideal = table = grown; // a race only recomputes the same values
        }
        return table[hits];
    }
}
