using System.Globalization;
using System.Xml.Linq;

namespace RecSharp.Visualization.Svg;

/// <summary>
/// A small SVG document builder. It builds on System.Xml.Linq so every attribute and text is escaped and the output is
/// always well-formed XML; numbers are written with the invariant culture and at most 2 decimals.
/// </summary>
public sealed class SvgCanvas
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    public SvgCanvas(double width, double height)
    {
        Width = width;
        Height = height;
        Root = new XElement(Ns + "svg",
            new XAttribute("width", Number(width)), new XAttribute("height", Number(height)),
            new XAttribute("viewBox", $"0 0 {Number(width)} {Number(height)}"),
            new XAttribute("font-family", "sans-serif"), new XAttribute("font-size", "12"));
        Root.Add(Rect(0, 0, width, height, "white"));
    }

    public double Width { get; }
    public double Height { get; }
    public XElement Root { get; }

    public static string Number(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public XElement Add(XElement element)
    {
        Root.Add(element);
        return element;
    }

    public static XElement Circle(double cx, double cy, double r, string fill, string? title = null)
    {
        var circle = new XElement(Ns + "circle",
            new XAttribute("cx", Number(cx)), new XAttribute("cy", Number(cy)), new XAttribute("r", Number(r)), new XAttribute("fill", fill));
        if (title is not null) circle.Add(new XElement(Ns + "title", title));
        return circle;
    }

    public static XElement Rect(double x, double y, double width, double height, string fill, string? stroke = null)
    {
        var rect = new XElement(Ns + "rect",
            new XAttribute("x", Number(x)), new XAttribute("y", Number(y)),
            new XAttribute("width", Number(width)), new XAttribute("height", Number(height)), new XAttribute("fill", fill));
        if (stroke is not null) rect.Add(new XAttribute("stroke", stroke));
        return rect;
    }

    public static XElement Line(double x1, double y1, double x2, double y2, string stroke, double width = 1) =>
        new(Ns + "line",
            new XAttribute("x1", Number(x1)), new XAttribute("y1", Number(y1)), new XAttribute("x2", Number(x2)), new XAttribute("y2", Number(y2)),
            new XAttribute("stroke", stroke), new XAttribute("stroke-width", Number(width)));

    public static XElement Text(double x, double y, string text, string anchor = "start", double? rotate = null, string fill = "#222")
    {
        var element = new XElement(Ns + "text", new XAttribute("x", Number(x)), new XAttribute("y", Number(y)),
            new XAttribute("text-anchor", anchor), new XAttribute("fill", fill), text);
        if (rotate is { } angle) element.Add(new XAttribute("transform", $"rotate({Number(angle)} {Number(x)} {Number(y)})"));
        return element;
    }

    public static XElement Polyline(IEnumerable<(double X, double Y)> points, string stroke, double width = 2) =>
        new(Ns + "polyline",
            new XAttribute("points", string.Join(" ", points.Select(p => $"{Number(p.X)},{Number(p.Y)}"))),
            new XAttribute("fill", "none"), new XAttribute("stroke", stroke), new XAttribute("stroke-width", Number(width)));

    /// <summary>The SVG markup without an XML declaration, so it can be inlined into HTML as well as saved.</summary>
    public override string ToString() => Root.ToString(SaveOptions.DisableFormatting);

    /// <summary>Writes the document atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToString());
}
