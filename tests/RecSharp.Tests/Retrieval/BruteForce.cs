namespace RecSharp.Tests.Retrieval;

/// <summary>Reference top-K in plain C#: every score computed in double, full sort, exclusions filtered.</summary>
internal static class BruteForce
{
    public static float[] RandomMatrix(Random rng, int rows, int cols)
    {
        var m = new float[rows * cols];
        for (int i = 0; i < m.Length; i++) m[i] = (float)(rng.NextDouble() * 2 - 1);
        return m;
    }

    public static double Score(float[] a, int row, float[] b, int col, int dim, bool cosine)
    {
        double dot = 0, na = 0, nb = 0;
        for (int j = 0; j < dim; j++)
        {
            double x = a[row * dim + j], y = b[col * dim + j];
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        return cosine ? dot / (Math.Sqrt(na) * Math.Sqrt(nb)) : dot;
    }

    public static (int Id, double Score)[] TopK(float[] queries, int query, float[] items, int itemCount, int dim, int k,
        bool cosine, ISet<int> excluded)
    {
        return Enumerable.Range(0, itemCount)
            .Where(i => !excluded.Contains(i))
            .Select(i => (Id: i, Score: Score(queries, query, items, i, dim, cosine)))
            .OrderByDescending(p => p.Score)
            .Take(k)
            .ToArray();
    }
}
