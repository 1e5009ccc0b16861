namespace RecSharp.Tests.Models.Sequential;

/// <summary>
/// Dynamic routing written out in plain doubles, one loop per formula of the ComiRec authors' CapsuleNetwork, to
/// check the tensor version against: mapped[k][l][c], mask[l], logits[k][l].
/// </summary>
internal static class CapsuleRoutingReference
{
    public static double[] Squash(double[] s)
    {
        double n = s.Sum(v => v * v);
        double scale = n / (1 + n) / Math.Sqrt(n + 1e-9);
        return s.Select(v => scale * v).ToArray();
    }

    /// <summary>Interests [K][d] after <paramref name="iterations"/>, and the routing weights of the last iteration [K][L].</summary>
    public static (double[][] Interests, double[][] Weights) Route(double[][][] mapped, double[] mask, double[][] initialLogits, int iterations)
    {
        int k = mapped.Length, l = mapped[0].Length, d = mapped[0][0].Length;
        var logits = initialLogits.Select(r => (double[])r.Clone()).ToArray();
        double[][] interests = [];
        double[][] weights = [];
        for (int it = 0; it < iterations; it++)
        {
            // softmax over the interest axis, per position; zero on padding
            weights = new double[k][];
            for (int i = 0; i < k; i++) weights[i] = new double[l];
            for (int j = 0; j < l; j++)
            {
                double max = Enumerable.Range(0, k).Max(i => logits[i][j]);
                double total = Enumerable.Range(0, k).Sum(i => Math.Exp(logits[i][j] - max));
                for (int i = 0; i < k; i++) weights[i][j] = mask[j] == 0 ? 0 : Math.Exp(logits[i][j] - max) / total;
            }
            interests = new double[k][];
            for (int i = 0; i < k; i++)
            {
                var s = new double[d];
                for (int j = 0; j < l; j++)
                    for (int c = 0; c < d; c++) s[c] += weights[i][j] * mapped[i][j][c];
                interests[i] = Squash(s);
            }
            if (it == iterations - 1) break;
            for (int i = 0; i < k; i++)
                for (int j = 0; j < l; j++)
                    for (int c = 0; c < d; c++) logits[i][j] += interests[i][c] * mapped[i][j][c];
        }
        return (interests, weights);
    }
}
