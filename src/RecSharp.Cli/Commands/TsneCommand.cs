using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using RecSharp.Data;
using RecSharp.Data.Dataset;
using RecSharp.Data.Loaders;
using RecSharp.Models.Sequential;
using RecSharp.Torch;
using RecSharp.Visualization;
using RecSharp.Visualization.Svg;
using Spectre.Console;

namespace RecSharp.Cli.Commands;

/// <summary>
/// <c>recsharp tsne (--checkpoint DIR | --embeddings file.npy) [--items N --color category|popularity --perplexity 30
/// --seed 42] --out items.svg</c>: a t-SNE scatter of item embeddings, coloured by the item's first category (ml-1m
/// genre, S3-Rec category) or log popularity, with titles on hover; prints the kNN-preservation score.
/// </summary>
public static class TsneCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string?>("--checkpoint") { Description = "A model folder written by recsharp train." };
        var embeddings = new Option<string?>("--embeddings") { Description = "Instead of a model: a .npy float32 matrix, one item per row." };
        var items = new Option<int>("--items") { Description = "How many items to embed (the most popular when the data is known).", DefaultValueFactory = _ => 2000 };
        var color = new Option<string>("--color") { Description = "category (alias genre) or popularity.", DefaultValueFactory = _ => "category" };
        var perplexity = new Option<double>("--perplexity") { Description = "Effective number of neighbours.", DefaultValueFactory = _ => 30 };
        var iterations = new Option<int>("--iterations") { Description = "Gradient steps.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the initial layout and of any sample.", DefaultValueFactory = _ => 42 };
        var subsample = new Option<bool>("--subsample") { Description = "Above 5,000 items, embed a seeded random sample of 5,000 instead of failing." };
        var data = new Option<string?>("--data") { Description = "Data folder for titles, categories and popularity (default: the model's)." };
        var metadata = new Option<string?>("--metadata") { Description = "Item metadata file (movies.dat, *_item2attributes.json, ...); overrides the data folder's." };
        var threads = new Option<int>("--threads") { Description = "Engine threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var output = new Option<string>("--out") { Description = "The SVG file to write.", Required = true };
        var command = new Command("tsne", "Draw item embeddings with t-SNE as an SVG scatter.");
        foreach (var option in new Option[] { checkpoint, embeddings, items, color, perplexity, iterations, seed, subsample, data, metadata, threads, output }) command.Options.Add(option);
        command.SetAction(r =>
        {
            var request = new ItemMapRequest(r.GetValue(checkpoint), r.GetValue(embeddings), r.GetValue(items), r.GetValue(color)!,
                r.GetValue(perplexity), r.GetValue(iterations), r.GetValue(seed), r.GetValue(subsample), r.GetValue(data), r.GetValue(metadata));
            return Run(request, r.GetValue(threads), r.GetValue(output)!);
        });
        return command;
    }

    private static int Run(ItemMapRequest request, int threads, string output)
    {
        var console = AnsiConsole.Console;
        try
        {
            torch.SetNumThreads(threads);
            var map = Draw(request, line => console.WriteLine(line));
            map.Svg.Save(output);
            console.WriteLine($"wrote {output}: {map.Points} items, kNN preservation (k=10) {map.KnnPreservation:0.000}, t-SNE {map.Seconds:0.0} s");
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException or KeyNotFoundException or TorchException)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
    }

    /// <summary>What to draw; exactly one of Checkpoint and Embeddings.</summary>
    internal sealed record ItemMapRequest(string? Checkpoint, string? Embeddings, int Items, string Color, double Perplexity, int Iterations, int Seed, bool Subsample, string? Data, string? Metadata = null);

    internal sealed record ItemMap(SvgCanvas Svg, int Points, double KnnPreservation, double Seconds, double Cost);

    /// <summary>Loads the vectors and item facts, runs t-SNE and renders the scatter; shared with the report command.</summary>
    internal static ItemMap Draw(ItemMapRequest request, Action<string> log)
    {
        string colour = request.Color.Trim().ToLowerInvariant();
        if (colour is not ("category" or "genre" or "popularity")) throw new ArgumentException($"--color: expected category, genre or popularity, got '{request.Color}'");
        if ((request.Checkpoint is null) == (request.Embeddings is null)) throw new ArgumentException("give exactly one of --checkpoint DIR or --embeddings file.npy");
        if (request.Items < 3) throw new ArgumentException($"--items: expected at least 3, got {request.Items}");

        // Rows of the vector table with the external id each stands for (null when unknown).
        float[] vectors;
        int rows, dims;
        Func<int, long?> externalId;
        string? dataPath = request.Data;
        if (request.Checkpoint is { } folder)
        {
            var (model, config) = SequentialCheckpoint.Load(folder);
            using (model)
            using (var scope = torch.NewDisposeScope())
            {
                var table = model.ItemVectors().Detach().To(ScalarType.Float32).Contiguous();
                rows = (int)table.Shape[0];
                dims = (int)table.Shape[1];
                vectors = table.ToArray<float>();
            }
            dataPath ??= config["data"] is JsonValue v && v.TryGetValue<string>(out var p) ? p : null;
            var vocabulary = SequentialCheckpoint.LoadVocabulary(folder);
            // Row 0 is padding; rows 1..N are internal item ids.
            externalId = row => row == 0 ? null : vocabulary is not null && row <= vocabulary.NumItems ? vocabulary.ExternalItem(row) : row;
        }
        else
        {
            var matrix = NpyReader.Read(request.Embeddings!);
            (vectors, rows, dims) = (matrix.Values, matrix.Rows, matrix.Columns);
            externalId = row => row;
        }

        ItemMetadata? metadata = null;
        Dictionary<long, int>? popularity = null;
        if (dataPath is not null && (Directory.Exists(dataPath) || File.Exists(dataPath)))
        {
            var loaded = DataFolder.Open(dataPath);
            metadata = loaded.ItemMetadata;
            if (loaded.Interactions is { } interactions)
            {
                popularity = [];
                foreach (var item in interactions.Items) popularity[item] = popularity.GetValueOrDefault(item) + 1;
            }
        }
        else if (dataPath is not null) log($"note: data folder {dataPath} not found; no titles, categories or popularity");
        if (request.Metadata is { } metadataFile) metadata = ItemMetadataLoader.Load(metadataFile);
        if (colour == "popularity" && popularity is null) throw new ArgumentException("--color popularity needs the interactions: pass --data FOLDER");

        var candidates = Enumerable.Range(0, rows).Where(r => externalId(r) is not null).ToList();
        var chosen = (popularity is null
            ? candidates.Take(request.Items)
            : candidates.OrderByDescending(r => popularity.GetValueOrDefault(externalId(r)!.Value)).ThenBy(r => r).Take(request.Items)).ToArray();
        var selected = new float[chosen.Length * dims];
        for (int k = 0; k < chosen.Length; k++) Array.Copy(vectors, chosen[k] * dims, selected, k * dims, dims);

        using var points = torch.Tensor(selected, chosen.Length, dims);
        var watch = Stopwatch.StartNew();
        var result = Tsne.Run(points, new TsneOptions
        {
            Perplexity = request.Perplexity, Iterations = request.Iterations, Seed = request.Seed, SubsampleBeyondExact = request.Subsample,
            Progress = p => log($"t-SNE iteration {p.Iteration}/{p.Total}: KL {p.Cost:0.0000}"), ProgressEvery = 100,
        });
        double seconds = watch.Elapsed.TotalSeconds;
        if (result.Message is not null) log(result.Message);
        double knn;
        using (var scope = torch.NewDisposeScope())
        {
            var input = result.Count == chosen.Length ? points : points.IndexSelect(0, torch.Tensor(result.SourceRows.Select(r => (long)r).ToArray()));
            knn = LayoutQuality.KnnPreservation(input, LayoutQuality.LayoutTensor(result), k: Math.Min(10, result.Count - 1));
        }

        var scatter = new List<ScatterPoint>(result.Count);
        for (int r = 0; r < result.Count; r++)
        {
            int row = chosen[result.SourceRows[r]];
            long id = externalId(row)!.Value;
            ItemInfo? info = metadata is not null && metadata.TryGet(id, out var found) ? found : null;
            int count = popularity?.GetValueOrDefault(id) ?? 0;
            string title = info is null ? $"item {id}" : $"{info.Title} [{string.Join(", ", info.Categories)}]";
            if (popularity is not null) title += $" · {count:N0} interactions";
            scatter.Add(new ScatterPoint(result[r, 0], result[r, 1],
                Category: info is { Categories.Length: > 0 } ? info.Categories[0] : null,
                Value: popularity is null ? null : Math.Log10(1 + count), Title: title));
        }
        string source = request.Checkpoint is not null ? Path.GetFileName(Path.GetFullPath(request.Checkpoint).TrimEnd('/')) : Path.GetFileName(request.Embeddings!);
        var plot = new ScatterPlot
        {
            Title = $"t-SNE of {result.Count:N0} item embeddings ({source}), perplexity {request.Perplexity:0.#}, kNN preservation {knn:0.000}",
            ColourByValue = colour == "popularity",
            ValueLabel = "log10(1 + interactions)",
        };
        return new ItemMap(plot.Render(scatter), result.Count, knn, seconds, result.FinalCost);
    }
}
