using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using RecSharp.Data;
using RecSharp.Data.Dataset;
using Spectre.Console;

namespace RecSharp.Cli.Commands;

/// <summary><c>recsharp data stats &lt;folder-or-file&gt;</c>: recognise a data folder's format, load it and print its statistics.</summary>
public static class DataStatsCommand
{
    /// <summary>The <c>data</c> command group with its <c>stats</c> sub-command.</summary>
    public static Command Create()
    {
        var data = new Command("data", "Inspect data sets.");
        data.Subcommands.Add(Stats());
        return data;
    }

    private static Command Stats()
    {
        var path = new Argument<string>("path") { Description = "A data folder (e.g. ../shared/data/ml-1m-head) or a single data file." };
        var minRating = new Option<float?>("--min-rating") { Description = "Implicit feedback: keep only rows rated at least this (needs a rating column)." };
        var kCore = new Option<int?>("--k-core") { Description = "Apply k-core filtering (users and items with at least k rows), iterated to a fixed point." };
        var command = new Command("stats", "Recognise the format of a data folder or file, load it and print its statistics.");
        command.Arguments.Add(path);
        command.Options.Add(minRating);
        command.Options.Add(kCore);
        command.SetAction(parseResult => Run(parseResult.GetValue(path)!, parseResult.GetValue(minRating), parseResult.GetValue(kCore)));
        return command;
    }

    private static int Run(string path, float? minRating, int? kCore)
    {
        var console = AnsiConsole.Console;
        try
        {
            var watch = Stopwatch.StartNew();
            var loaded = DataFolder.Open(path);
            var loadTime = watch.Elapsed;
            var table = new Table().Border(TableBorder.Rounded).AddColumn("statistic").AddColumn("value");
            if (loaded.Interactions is not null)
            {
                var interactions = loaded.Interactions;
                if (minRating is { } threshold)
                {
                    interactions = ImplicitFeedback.Apply(interactions, threshold);
                }

                if (kCore is { } k)
                {
                    interactions = KCoreFilter.Apply(interactions, k, k).Table;
                }

                var dataset = ReferenceEquals(interactions, loaded.Interactions)
                    ? loaded.BuildDataset()
                    : InteractionDataset.Build(interactions, null, Path.GetFileName(loaded.Path.TrimEnd('/')), loaded.Format.ToString());
                foreach (var (name, value) in dataset.Statistics.Rows())
                {
                    table.AddRow(Markup.Escape(name), Markup.Escape(value));
                }
            }
            else
            {
                table.AddRow("data set", Markup.Escape(Path.GetFileName(loaded.Path.TrimEnd('/'))));
                table.AddRow("format", loaded.Format.ToString());
            }

            if (loaded.Negatives is { Count: > 0 } negatives)
            {
                table.AddRow("test.negative lines", negatives.Count.ToString("N0", CultureInfo.InvariantCulture));
                table.AddRow("negatives per line", string.Join(", ", negatives.Select(n => n.Negatives.Length).Distinct().Order()));
            }

            if (loaded.SampledNegatives is { Count: > 0 } sampled)
            {
                table.AddRow("sampled negative lines", sampled.Count.ToString("N0", CultureInfo.InvariantCulture));
                table.AddRow("negatives per line", string.Join(", ", sampled.Select(n => n.Negatives.Length).Distinct().Order()));
            }

            if (loaded.ItemMetadata is { } metadata)
            {
                table.AddRow("item metadata", Markup.Escape($"{metadata.Count:N0} items, {metadata.DistinctCategories:N0} distinct categories ({Path.GetFileName(metadata.Source)})"));
            }

            table.AddRow("files", Markup.Escape(string.Join(", ", loaded.Files.Select(Path.GetFileName))));
            table.AddRow("wall time", $"{watch.Elapsed.TotalSeconds:0.000} s (load {loadTime.TotalSeconds:0.000} s)");
            console.Write(table);
            return 0;
        }
        catch (Exception e) when (e is DataFormatException or FileNotFoundException or DirectoryNotFoundException or InvalidOperationException)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
    }
}
