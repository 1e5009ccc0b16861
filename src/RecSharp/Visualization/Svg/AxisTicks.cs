namespace RecSharp.Visualization.Svg;

/// <summary>"Nice" tick values (steps of 1, 2 or 5 × 10^k) covering a data range.</summary>
public static class AxisTicks
{
    public static double[] Nice(double min, double max, int target = 5)
    {
        if (double.IsNaN(min) || double.IsNaN(max)) return [0, 1];
        if (max < min) (min, max) = (max, min);
        if (max - min < 1e-12) { min -= 0.5; max += 0.5; }
        double raw = (max - min) / Math.Max(1, target);
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = magnitude * (raw / magnitude < 1.5 ? 1 : raw / magnitude < 3 ? 2 : raw / magnitude < 7 ? 5 : 10);
        // Integer multiples of the step, rounded to its decimals, so 3 × 0.2 prints and compares as 0.6.
        long first = (long)Math.Floor(min / step), last = (long)Math.Ceiling(max / step);
        int decimals = Math.Clamp(1 - (int)Math.Floor(Math.Log10(step)), 0, 15);
        var ticks = new List<double>();
        for (long i = first; i <= last; i++) ticks.Add(Math.Round(i * step, decimals));
        return ticks.ToArray();
    }

    public static string Label(double value) =>
        Math.Abs(value) >= 1e4 || (Math.Abs(value) < 1e-3 && value != 0)
            ? value.ToString("0.##e0", System.Globalization.CultureInfo.InvariantCulture)
            : value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
}
