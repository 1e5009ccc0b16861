namespace RecSharp.Visualization.Svg;

/// <summary>Colours: a categorical palette (Tableau 10, readable on white) and a sequential blue→red scale.</summary>
public static class Palette
{
    public static readonly string[] Categorical =
        ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];

    public const string Other = "#d0d0d0";

    /// <summary>Colour for t in [0, 1] (clamped) from blue (low) through pale yellow to red (high).</summary>
    public static string Sequential(double t)
    {
        t = double.IsNaN(t) ? 0 : Math.Clamp(t, 0, 1);
        (double r, double g, double b) low = (49, 54, 149), mid = (255, 255, 191), high = (165, 0, 38);
        var (from, to, u) = t < 0.5 ? (low, mid, t * 2) : (mid, high, t * 2 - 1);
        int R = (int)Math.Round(from.r + (to.r - from.r) * u), G = (int)Math.Round(from.g + (to.g - from.g) * u), B = (int)Math.Round(from.b + (to.b - from.b) * u);
        return $"#{R:x2}{G:x2}{B:x2}";
    }
}
