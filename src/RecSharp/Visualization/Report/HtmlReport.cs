using System.Xml.Linq;
using RecSharp.Visualization.Svg;

namespace RecSharp.Visualization.Report;

/// <summary>
/// One self-contained HTML page (inline CSS and SVG, no external assets) built as XHTML with System.Xml.Linq, so every
/// title and value is escaped and the page parses as XML as well as HTML. Sections whose inputs are missing still
/// appear, with a sentence saying what is missing, so a reader sees what the report could not show and why.
/// </summary>
public sealed class HtmlReport
{
    public static readonly XNamespace Ns = "http://www.w3.org/1999/xhtml";

    // No '>' or '&' here: the stylesheet is written as XML text, where those would be escaped and break the CSS.
    private const string Style =
        "body{font-family:sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}" +
        "h1{font-size:1.6em}h2{border-bottom:1px solid #ddd;padding-bottom:0.2em;margin-top:1.8em}" +
        "table{border-collapse:collapse;margin:0.5em 0}th,td{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}" +
        "th{background:#f3f3f3}td.num{text-align:right;font-variant-numeric:tabular-nums}" +
        ".missing{color:#a33;font-style:italic}.note{color:#555}svg{max-width:100%;height:auto}" +
        "nav a{margin-right:1em}";

    private readonly List<(string Id, string Heading, XElement Body)> sections = [];

    public HtmlReport(string title) => Title = title;

    public string Title { get; }
    public IReadOnlyList<string> SectionIds => sections.Select(s => s.Id).ToList();

    /// <summary>Adds a section with the given content (paragraphs, tables, figures).</summary>
    public void Add(string id, string heading, params object[] content)
    {
        var body = new XElement(Ns + "section", new XAttribute("id", id), new XElement(Ns + "h2", heading));
        foreach (var part in content) body.Add(part);
        sections.Add((id, heading, body));
    }

    /// <summary>Adds a section that could not be produced, saying why.</summary>
    public void AddMissing(string id, string heading, string reason) => Add(id, heading, Missing(reason));

    public static XElement Missing(string reason) => new(Ns + "p", new XAttribute("class", "missing"), reason);

    public static XElement Paragraph(string text, string? cssClass = null)
    {
        var p = new XElement(Ns + "p", text);
        if (cssClass is not null) p.Add(new XAttribute("class", cssClass));
        return p;
    }

    /// <summary>A table with a header row; cells that parse as numbers are right-aligned.</summary>
    public static XElement Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var table = new XElement(Ns + "table", new XElement(Ns + "thead", new XElement(Ns + "tr", header.Select(h => new XElement(Ns + "th", h)))));
        var body = new XElement(Ns + "tbody");
        foreach (var row in rows)
            body.Add(new XElement(Ns + "tr", row.Select(cell =>
            {
                var td = new XElement(Ns + "td", cell);
                if (double.TryParse(cell.Replace(",", ""), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
                    td.Add(new XAttribute("class", "num"));
                return td;
            })));
        table.Add(body);
        return table;
    }

    /// <summary>An inline copy of an SVG figure.</summary>
    public static XElement Figure(SvgCanvas svg, string? caption = null)
    {
        var figure = new XElement(Ns + "figure", new XElement(svg.Root));
        if (caption is not null) figure.Add(new XElement(Ns + "figcaption", caption));
        return figure;
    }

    /// <summary>The page: doctype, head with the stylesheet, a table of contents, then the sections in order.</summary>
    public override string ToString()
    {
        var nav = new XElement(Ns + "nav", sections.Select(s => new XElement(Ns + "a", new XAttribute("href", "#" + s.Id), s.Heading)));
        var html = new XElement(Ns + "html", new XAttribute("lang", "en"),
            new XElement(Ns + "head",
                new XElement(Ns + "meta", new XAttribute("charset", "utf-8")),
                new XElement(Ns + "title", Title),
                new XElement(Ns + "style", Style)),
            new XElement(Ns + "body",
                new XElement(Ns + "h1", Title),
                nav,
                sections.Select(s => s.Body)));
        return "<!DOCTYPE html>\n" + html.ToString(SaveOptions.DisableFormatting) + "\n";
    }

    public void Save(string path) => AtomicFile.WriteAllText(path, ToString());
}
