using System.CommandLine;
using System.Globalization;
using RecSharp.Data;
using RecSharp.Data.Dataset;
using RecSharp.Data.Loaders;
using RecSharp.Models;
using RecSharp.Torch;
using RecSharp.Training;
using RecSharp.Visualization.Report;
using Spectre.Console;

namespace RecSharp.Cli.Commands;

/// <summary>
/// <c>recsharp report --checkpoint DIR [--out report.html --users 5 -k 10 --items 1000 --metadata FILE]</c>: one
/// self-contained HTML page about a trained model folder: data set statistics, hyper-parameters, training curves,
/// final test metrics, a t-SNE map of the item embeddings and sample recommendations with titles. Sections whose
/// inputs are missing (no data folder, a model family without an item table, ...) say so instead of failing the report.
/// </summary>
public static class ReportCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "A model folder written by recsharp train.", Required = true };
        var output = new Option<string?>("--out") { Description = "The HTML file to write (default: report.html in the model folder)." };
        var users = new Option<int>("--users") { Description = "How many users get sample recommendations.", DefaultValueFactory = _ => 5 };
        var top = new Option<int>("-k", "--top") { Description = "Recommendations per sample user.", DefaultValueFactory = _ => 10 };
        var items = new Option<int>("--items") { Description = "Items on the t-SNE map (the most popular); 0 for all.", DefaultValueFactory = _ => 1000 };
        var color = new Option<string>("--color") { Description = "Colour the map by category (alias genre) or popularity.", DefaultValueFactory = _ => "category" };
        var perplexity = new Option<double>("--perplexity") { Description = "t-SNE perplexity.", DefaultValueFactory = _ => 30 };
        var iterations = new Option<int>("--iterations") { Description = "t-SNE gradient steps.", DefaultValueFactory = _ => 1000 };
        var method = new Option<string>("--method") { Description = "t-SNE method: auto, exact or barnes-hut.", DefaultValueFactory = _ => "auto" };
        var noMap = new Option<bool>("--no-tsne") { Description = "Leave the t-SNE map out (it is the slow part)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the t-SNE layout and of the sample users.", DefaultValueFactory = _ => 42 };
        var data = new Option<string?>("--data") { Description = "Data folder (default: the one the model was trained on)." };
        var metadata = new Option<string?>("--metadata") { Description = "Item metadata file for titles and categories (movies.dat, *_item2attributes.json, ...)." };
        var threads = new Option<int>("--threads") { Description = "Engine threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("report", "Write one self-contained HTML report about a trained model folder.");
        foreach (var option in new Option[] { checkpoint, output, users, top, items, color, perplexity, iterations, method, noMap, seed, data, metadata, threads })
            command.Options.Add(option);
        command.SetAction(r =>
        {
            string folder = r.GetValue(checkpoint)!;
            var map = r.GetValue(noMap) ? null : new TsneCommand.ItemMapRequest(folder, null, r.GetValue(items), r.GetValue(color)!, r.GetValue(perplexity),
                r.GetValue(iterations), r.GetValue(seed), Subsample: false, r.GetValue(data), r.GetValue(metadata), r.GetValue(method)!);
            return Run(folder, r.GetValue(output) ?? Path.Combine(folder, "report.html"), r.GetValue(users), r.GetValue(top), map,
                r.GetValue(seed), r.GetValue(data), r.GetValue(metadata), r.GetValue(threads));
        });
        return command;
    }

    private static int Run(string folder, string output, int users, int k, TsneCommand.ItemMapRequest? map, int seed, string? dataPath, string? metadataPath, int threads)
    {
        var console = AnsiConsole.Console;
        try
        {
            if (users < 0) throw new ArgumentException($"--users: expected 0 or more, got {users}");
            if (k < 1) throw new ArgumentException($"-k: expected at least 1, got {k}");
            torch.SetNumThreads(threads);
            var config = ModelArtifact.ReadConfig(folder);
            dataPath ??= config["data"]?.GetValue<string>();
            var inputs = new ReportInputs(folder) { Config = config, HistoryCsv = Path.Combine(folder, ModelArtifact.HistoryFile) };

            InteractionDataset? dataset = null;
            ItemMetadata? metadata = null;
            try
            {
                if (dataPath is null) throw new ArgumentException("config.json names no data folder; pass --data FOLDER");
                var loaded = DataFolder.Open(dataPath);
                metadata = loaded.ItemMetadata;
                if (loaded.Interactions is null) throw new ArgumentException($"{dataPath} holds no interactions");
                dataset = loaded.BuildDataset();
                inputs = inputs with { DataStatistics = dataset.Statistics.Rows() };
            }
            catch (Exception e) when (IsInputProblem(e))
            {
                inputs = inputs with { DataProblem = $"no data statistics: {e.Message}" };
            }
            if (metadataPath is not null) metadata = ItemMetadataLoader.Load(metadataPath);

            if (users == 0) inputs = inputs with { RecommendationsProblem = "left out (--users 0)" };
            else if (dataset is null) inputs = inputs with { RecommendationsProblem = $"no sample recommendations: {inputs.DataProblem}" };
            else
            {
                try
                {
                    using var model = ModelFolder.Load(folder);
                    var samples = SampleRecommendations.For(model, dataset, metadata, users, k, seed);
                    inputs = inputs with
                    {
                        Recommendations = samples,
                        RecommendationsProblem = samples.Count == 0 ? "no user of the data has an item the model knows" : null,
                    };
                    if (metadata is null) console.WriteLine("note: no item metadata, so recommendations show ids only; pass --metadata FILE (e.g. ml-1m/movies.dat)");
                }
                catch (Exception e) when (IsInputProblem(e))
                {
                    inputs = inputs with { RecommendationsProblem = $"the model could not be loaded for scoring: {e.Message}" };
                }
            }

            if (map is null) inputs = inputs with { ItemMapProblem = "left out (--no-tsne)" };
            else
            {
                try
                {
                    var notes = new List<string>();
                    var drawn = TsneCommand.WithProgressBar(console, map.Iterations, progress => TsneCommand.Draw(map, notes.Add, progress));
                    foreach (var note in notes) console.WriteLine(note);
                    string dense = drawn.ExactCost is { } exact
                        ? string.Create(CultureInfo.InvariantCulture, $" (over the nearest-neighbour affinities; {exact:0.000} against the dense ones)") : "";
                    inputs = inputs with
                    {
                        ItemMap = drawn.Svg,
                        ItemMapCaption = string.Create(CultureInfo.InvariantCulture,
                            $"{TsneCommand.MethodName(drawn.Method)} t-SNE of {drawn.Points:N0} items (perplexity {map.Perplexity:0.#}, {map.Iterations} iterations, seed {map.Seed}): " +
                            $"kNN preservation (k=10) {drawn.KnnPreservation:0.000}, trustworthiness (k=10) {drawn.Trustworthiness:0.000}, final KL {drawn.Cost:0.000}{dense}, {drawn.Seconds:0.0} s. Hover a point for its title."),
                    };
                }
                catch (Exception e) when (IsInputProblem(e))
                {
                    inputs = inputs with { ItemMapProblem = $"no item map: {e.Message}" };
                }
            }

            var report = ModelReport.Build(inputs);
            report.Save(output);
            var missing = new[] { inputs.DataProblem, inputs.ItemMapProblem, inputs.RecommendationsProblem }.Where(p => p is not null).ToList();
            foreach (var problem in missing) console.WriteLine($"note: {problem}");
            console.WriteLine($"wrote {output}: {report.SectionIds.Count} sections ({string.Join(", ", report.SectionIds)})");
            return 0;
        }
        catch (Exception e) when (IsInputProblem(e))
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
    }

    private static bool IsInputProblem(Exception e) =>
        e is ArgumentException or InvalidDataException or IOException or KeyNotFoundException or NotSupportedException
            or InvalidOperationException or DataFormatException or TorchException or UnauthorizedAccessException;
}
