using System.Xml.Linq;

namespace RecSharp.Visualization.Svg;

/// <summary>One point of a scatter: position, category (for colour and legend) or a value (for a colour scale), hover title.</summary>
public sealed record ScatterPoint(double X, double Y, string? Category = null, double? Value = null, string? Title = null);

/// <summary>
/// A 2-d scatter of points coloured by category (the most frequent <see cref="MaxCategories"/> get a colour and a
/// legend entry, the rest are grey "other") or by a numeric value on a sequential scale; each point has a hover title.
/// </summary>
public sealed class ScatterPlot
{
    public string Title { get; init; } = "";
    public double Width { get; init; } = 900;
    public double Height { get; init; } = 700;
    public double PointRadius { get; init; } = 3;
    public int MaxCategories { get; init; } = Palette.Categorical.Length;
    /// <summary>Colour by <see cref="ScatterPoint.Value"/> (e.g. log popularity) instead of category.</summary>
    public bool ColourByValue { get; init; }
    public string ValueLabel { get; init; } = "value";

    private const double Margin = 30, LegendWidth = 190, TitleHeight = 30;

    public SvgCanvas Render(IReadOnlyList<ScatterPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var canvas = new SvgCanvas(Width, Height);
        canvas.Add(SvgCanvas.Text(Width / 2, 20, Title, "middle"));
        double left = Margin, top = TitleHeight, right = Width - LegendWidth - Margin, bottom = Height - Margin;
        canvas.Add(SvgCanvas.Rect(left, top, right - left, bottom - top, "none", "#ccc"));
        if (points.Count == 0) return canvas;
        double minX = points.Min(p => p.X), maxX = points.Max(p => p.X), minY = points.Min(p => p.Y), maxY = points.Max(p => p.Y);
        double spanX = Math.Max(maxX - minX, 1e-12), spanY = Math.Max(maxY - minY, 1e-12);
        double pad = PointRadius + 4;
        double Sx(double x) => left + pad + (x - minX) / spanX * (right - left - 2 * pad);
        double Sy(double y) => bottom - pad - (y - minY) / spanY * (bottom - top - 2 * pad);

        Func<ScatterPoint, string> colour;
        var legend = new XElement(SvgCanvas.Ns + "g", new XAttribute("class", "legend"));
        double legendX = right + 20;
        if (ColourByValue)
        {
            var values = points.Where(p => p.Value.HasValue).Select(p => p.Value!.Value).ToArray();
            double low = values.Length > 0 ? values.Min() : 0, high = values.Length > 0 ? values.Max() : 1;
            double span = Math.Max(high - low, 1e-12);
            colour = p => p.Value is { } v ? Palette.Sequential((v - low) / span) : Palette.Other;
            legend.Add(SvgCanvas.Text(legendX, top + 10, ValueLabel));
            const int steps = 5;
            for (int s = 0; s < steps; s++)
            {
                double v = high - span * s / (steps - 1);
                legend.Add(LegendEntry(legendX, top + 30 + s * 20, Palette.Sequential((v - low) / span), AxisTicks.Label(Math.Round(v, 3))));
            }
        }
        else
        {
            var ranked = points.Where(p => p.Category is not null).GroupBy(p => p.Category!, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => (Name: g.Key, Count: g.Count())).ToList();
            var shown = ranked.Take(MaxCategories).Select((g, i) => (g.Name, g.Count, Colour: Palette.Categorical[i % Palette.Categorical.Length])).ToList();
            var colours = shown.ToDictionary(s => s.Name, s => s.Colour, StringComparer.Ordinal);
            colour = p => p.Category is not null && colours.TryGetValue(p.Category, out var c) ? c : Palette.Other;
            int row = 0;
            foreach (var (name, count, c) in shown)
                legend.Add(LegendEntry(legendX, top + 10 + row++ * 20, c, $"{name} ({count:N0})"));
            int others = points.Count - shown.Sum(s => s.Count);
            if (others > 0) legend.Add(LegendEntry(legendX, top + 10 + row * 20, Palette.Other, $"other ({others:N0})"));
        }

        var dots = new XElement(SvgCanvas.Ns + "g", new XAttribute("class", "points"), new XAttribute("fill-opacity", "0.8"));
        // Grey "other" points first so coloured ones stay visible on top.
        foreach (var p in points.OrderBy(p => colour(p) == Palette.Other ? 0 : 1))
            dots.Add(SvgCanvas.Circle(Sx(p.X), Sy(p.Y), PointRadius, colour(p), p.Title));
        canvas.Add(dots);
        canvas.Add(legend);
        return canvas;
    }

    private static XElement LegendEntry(double x, double y, string colour, string label) =>
        new(SvgCanvas.Ns + "g", new XAttribute("class", "legend-entry"),
            SvgCanvas.Rect(x, y - 9, 12, 12, colour),
            SvgCanvas.Text(x + 18, y + 1, label));
}
