using System.Globalization;
using RecSharp.Training;
using Spectre.Console;

namespace RecSharp.Cli.Commands;

/// <summary>
/// What <c>recsharp train</c> shows while a model trains: one status line for the running epoch (bar, mean loss so far,
/// samples/s, ETA), rewritten in place on a terminal, and one line per finished epoch (loss, validation metric, time)
/// printed above it, which together read as the run's metrics table. When output is redirected to a file there is no
/// status line, so logs hold only the epoch lines.
/// </summary>
public sealed class TrainingConsole(IAnsiConsole console)
{
    private const double RefreshSeconds = 0.2;
    private const int BarWidth = 24;
    private readonly bool live = !Console.IsOutputRedirected && console.Profile.Capabilities.Ansi;
    private double lastDrawn = double.NegativeInfinity;
    private int lastEpoch = -1;
    private bool statusShown;

    /// <summary>Prints an epoch line (or any log line), clearing the status line first.</summary>
    public void Log(string line)
    {
        ClearStatus();
        console.WriteLine(line);
    }

    /// <summary>The trainer's per-batch sink; null when the output is not a terminal.</summary>
    public Action<TrainingProgress>? Progress => live ? Show : null;

    private void Show(TrainingProgress p)
    {
        bool epochDone = p.Batch >= p.Batches;
        if (p.Epoch == lastEpoch && !epochDone && p.Seconds - lastDrawn < RefreshSeconds) return;
        lastEpoch = p.Epoch;
        lastDrawn = p.Seconds;
        int width = Math.Max(40, console.Profile.Width - 1);
        string text = Status(p);
        Console.Out.Write("\r" + (text.Length > width ? text[..width] : text) + "\u001b[K");
        Console.Out.Flush();
        statusShown = true;
    }

    private void ClearStatus()
    {
        if (!statusShown) return;
        Console.Out.Write("\r\u001b[K");
        statusShown = false;
    }

    /// <summary>The status line, e.g. <c>epoch 3/40 ━━━━━━━━━━━━──────────── 50% loss 7.3124 3,210 samples/s ETA 4 s</c>.</summary>
    public static string Status(TrainingProgress p)
    {
        ArgumentNullException.ThrowIfNull(p);
        int filled = (int)Math.Round(p.Fraction * BarWidth);
        var c = CultureInfo.InvariantCulture;
        string speed = p.SamplesPerSecond is { } s ? string.Create(c, $" {s:N0} samples/s") : "";
        string eta = double.IsFinite(p.EtaSeconds) ? " ETA " + Duration(p.EtaSeconds) : "";
        return string.Create(c, $"epoch {p.Epoch + 1}/{p.Epochs} {new string('━', filled)}{new string('─', BarWidth - filled)} {p.Fraction * 100,3:0}% loss {p.MeanLoss:0.0000}{speed}{eta}");
    }

    private static string Duration(double seconds) =>
        seconds < 60 ? string.Create(CultureInfo.InvariantCulture, $"{seconds:0} s")
        : seconds < 3600 ? string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds / 60)} min {(int)(seconds % 60):00} s")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds / 3600)} h {(int)(seconds % 3600 / 60):00} min");
}
