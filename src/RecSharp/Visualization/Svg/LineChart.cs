using System.Globalization;
using RecSharp.Training;

namespace RecSharp.Visualization.Svg;

/// <summary>A named series of (x, y) values; NaN values are gaps (e.g. epochs without validation).</summary>
public sealed record LineSeries(string Name, IReadOnlyList<(double X, double Y)> Points, string Colour);

/// <summary>
/// Training curves as stacked panels sharing the x axis (one panel per series, each with its own y axis, ticks and
/// label), so loss and a validation metric with different scales are both readable.
/// </summary>
public sealed class LineChart
{
    public string Title { get; init; } = "";
    public string XLabel { get; init; } = "epoch";
    public double Width { get; init; } = 800;
    public double PanelHeight { get; init; } = 220;

    private const double Left = 70, Right = 20, Top = 35, Gap = 45, Bottom = 40;

    public SvgCanvas Render(IReadOnlyList<LineSeries> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        int panels = Math.Max(1, series.Count);
        double height = Top + panels * PanelHeight + (panels - 1) * Gap + Bottom;
        var canvas = new SvgCanvas(Width, height);
        canvas.Add(SvgCanvas.Text(Width / 2, 20, Title, "middle"));
        var allX = series.SelectMany(s => s.Points).Select(p => p.X).Where(double.IsFinite).ToArray();
        var xTicks = AxisTicks.Nice(allX.Length > 0 ? allX.Min() : 0, allX.Length > 0 ? allX.Max() : 1);
        // Whole-number x values (epochs) get whole-number ticks only: no "epoch 1.5" on a 3-epoch run.
        if (allX.Length > 0 && allX.All(x => x == Math.Round(x)) && xTicks.Count(t => t == Math.Round(t)) >= 2)
            xTicks = xTicks.Where(t => t == Math.Round(t)).ToArray();
        double xMin = xTicks[0], xMax = xTicks[^1];
        double plotLeft = Left, plotRight = Width - Right;
        double Sx(double x) => plotLeft + (x - xMin) / (xMax - xMin) * (plotRight - plotLeft);
        for (int k = 0; k < series.Count; k++)
        {
            var s = series[k];
            double top = Top + k * (PanelHeight + Gap), bottom = top + PanelHeight;
            var finite = s.Points.Where(p => double.IsFinite(p.Y) && double.IsFinite(p.X)).ToList();
            var yTicks = AxisTicks.Nice(finite.Count > 0 ? finite.Min(p => p.Y) : 0, finite.Count > 0 ? finite.Max(p => p.Y) : 1);
            double yMin = yTicks[0], yMax = yTicks[^1];
            double Sy(double y) => bottom - (y - yMin) / (yMax - yMin) * (bottom - top);
            canvas.Add(SvgCanvas.Rect(plotLeft, top, plotRight - plotLeft, PanelHeight, "none", "#999"));
            foreach (var t in yTicks)
            {
                canvas.Add(SvgCanvas.Line(plotLeft, Sy(t), plotRight, Sy(t), "#eee"));
                canvas.Add(SvgCanvas.Line(plotLeft - 5, Sy(t), plotLeft, Sy(t), "#444"));
                canvas.Add(SvgCanvas.Text(plotLeft - 8, Sy(t) + 4, AxisTicks.Label(t), "end"));
            }
            foreach (var t in xTicks)
            {
                canvas.Add(SvgCanvas.Line(Sx(t), bottom, Sx(t), bottom + 5, "#444"));
                canvas.Add(SvgCanvas.Text(Sx(t), bottom + 18, AxisTicks.Label(t), "middle"));
            }
            canvas.Add(SvgCanvas.Text(18, (top + bottom) / 2, s.Name, "middle", rotate: -90));
            // Split at gaps so an epoch without a value breaks the line instead of bridging it.
            var run = new List<(double, double)>();
            foreach (var p in s.Points.Append((X: double.NaN, Y: double.NaN)))
            {
                if (double.IsFinite(p.X) && double.IsFinite(p.Y)) { run.Add((Sx(p.X), Sy(p.Y))); continue; }
                if (run.Count > 1) canvas.Add(SvgCanvas.Polyline(run, s.Colour));
                foreach (var (x, y) in run) canvas.Add(SvgCanvas.Circle(x, y, 2.5, s.Colour));
                run.Clear();
            }
        }
        double last = Top + panels * PanelHeight + (panels - 1) * Gap;
        canvas.Add(SvgCanvas.Text((plotLeft + plotRight) / 2, last + 34, XLabel, "middle"));
        return canvas;
    }

    /// <summary>
    /// Loss and validation metric per epoch from a history.csv (header <c>epoch,loss,&lt;metric&gt;,seconds,best</c>), as
    /// <see cref="FromHistory"/> draws them: epochs numbered from 1 and a metric that was never logged left out.
    /// </summary>
    public static IReadOnlyList<LineSeries> FromHistoryCsv(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0) throw new InvalidDataException($"{path}: empty file (expected header epoch,loss,<metric>,seconds,best)");
        var header = lines[0].Split(',');
        if (header.Length < 3 || header[0] != "epoch" || header[1] != "loss")
            throw new InvalidDataException($"{path}:1: expected header epoch,loss,<metric>,seconds,best, got \"{lines[0]}\"");
        var loss = new List<(double, double)>();
        var metric = new List<(double, double)>();
        for (int i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length == 0) continue;
            var fields = lines[i].Split(',');
            if (fields.Length < 3) throw new InvalidDataException($"{path}:{i + 1}: expected at least 3 fields, got {fields.Length}");
            double epoch = Parse(path, i + 1, "epoch", fields[0]) + 1;
            loss.Add((epoch, Parse(path, i + 1, "loss", fields[1])));
            metric.Add((epoch, fields[2].Length == 0 ? double.NaN : Parse(path, i + 1, header[2], fields[2])));
        }
        return Logged([new LineSeries("training loss", loss, Palette.Categorical[0]), new LineSeries(header[2], metric, Palette.Categorical[1])]);
    }

    private static double Parse(string path, int line, string field, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new InvalidDataException($"{path}:{line}: field \"{field}\" is not a number (\"{text}\")");

    /// <summary>
    /// The curves of a history held in memory: training loss and the validation metric, one point per epoch, with the
    /// epochs numbered from 1 as the training log and config.json's "best_epoch" number them. A metric without any
    /// value (a run without validation) is left out rather than drawn as an empty panel.
    /// </summary>
    public static IReadOnlyList<LineSeries> FromHistory(TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return Logged(
        [
            new LineSeries("training loss", history.Epochs.Select(e => (e.Epoch + 1.0, e.MeanLoss)).ToList(), Palette.Categorical[0]),
            new LineSeries(history.ValidationMetric, history.Epochs.Select(e => (e.Epoch + 1.0, e.Validation ?? double.NaN)).ToList(), Palette.Categorical[1]),
        ]);
    }

    /// <summary>
    /// The training-curves figure of a run (the <c>curves.svg</c> of a model folder): one panel per logged series, the
    /// title naming the model and, when no validation metric was logged, saying so.
    /// </summary>
    public static SvgCanvas Curves(TrainingHistory history, string? model = null)
    {
        var series = FromHistory(history);
        string what = series.Count > 1 ? $"training loss and {history.ValidationMetric} per epoch" : "training loss per epoch (no validation metric was logged)";
        return new LineChart { Title = model is null ? what : $"{model}: {what}" }.Render(series);
    }

    private static IReadOnlyList<LineSeries> Logged(IReadOnlyList<LineSeries> series) =>
        series.Where((s, i) => i == 0 || s.Points.Any(p => double.IsFinite(p.Y))).ToList();
}
