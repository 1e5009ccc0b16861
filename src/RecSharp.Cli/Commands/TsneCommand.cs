using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using RecSharp.Data;
using RecSharp.Data.Dataset;
using RecSharp.Data.Loaders;
using RecSharp.Torch;
using RecSharp.Visualization;
using RecSharp.Visualization.Svg;
using Spectre.Console;

namespace RecSharp.Cli.Commands;

/// <summary>
/// <c>recsharp tsne (--checkpoint DIR | --embeddings file.npy) [--items N --color category|popularity --perplexity 30
/// --method auto|exact|barnes-hut --dense-kl --seed 42] --out items.svg</c>: a t-SNE scatter of item embeddings, coloured by the
/// item's most specific category (its rarest among the drawn items: ml-1m genre, S3-Rec category) or log popularity, with titles on hover; shows a progress bar
/// and prints the kNN-preservation and trustworthiness scores.
/// </summary>
public static class TsneCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string?>("--checkpoint") { Description = "A model folder written by recsharp train." };
        var embeddings = new Option<string?>("--embeddings") { Description = "Instead of a model: a .npy float32 matrix, one item per row." };
        var items = new Option<int>("--items") { Description = "How many items to embed (the most popular when the data is known); 0 for all.", DefaultValueFactory = _ => 2000 };
        var color = new Option<string>("--color") { Description = "category (alias genre) or popularity.", DefaultValueFactory = _ => "category" };
        var perplexity = new Option<double>("--perplexity") { Description = "Effective number of neighbours.", DefaultValueFactory = _ => 30 };
        var iterations = new Option<int>("--iterations") { Description = "Gradient steps.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the initial layout and of any sample.", DefaultValueFactory = _ => 42 };
        var method = new Option<string>("--method") { Description = "auto (exact up to 5,000 items, Barnes-Hut beyond), exact or barnes-hut.", DefaultValueFactory = _ => "auto" };
        var theta = new Option<double>("--theta") { Description = "Barnes-Hut accuracy (0 exact, 0.5 usual, larger is faster and coarser).", DefaultValueFactory = _ => 0.5 };
        var subsample = new Option<bool>("--subsample") { Description = "With --method exact: above 5,000 items, embed a seeded random sample of 5,000 instead of failing." };
        var data = new Option<string?>("--data") { Description = "Data folder for titles, categories and popularity (default: the model's)." };
        var metadata = new Option<string?>("--metadata") { Description = "Item metadata file (movies.dat, *_item2attributes.json, ...); overrides the data folder's." };
        var denseKl = new Option<bool>("--dense-kl") { Description = "With Barnes-Hut (up to 5,000 items): also score the layout by KL against the dense affinities, comparable with an exact run (O(n²))." };
        var threads = new Option<int>("--threads") { Description = "Engine threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var output = new Option<string>("--out") { Description = "The SVG file to write.", Required = true };
        var command = new Command("tsne", "Draw item embeddings with t-SNE as an SVG scatter.");
        foreach (var option in new Option[] { checkpoint, embeddings, items, color, perplexity, iterations, seed, method, theta, subsample, data, metadata, denseKl, threads, output }) command.Options.Add(option);
        command.SetAction(r =>
        {
            var request = new ItemMapRequest(r.GetValue(checkpoint), r.GetValue(embeddings), r.GetValue(items), r.GetValue(color)!,
                r.GetValue(perplexity), r.GetValue(iterations), r.GetValue(seed), r.GetValue(subsample), r.GetValue(data), r.GetValue(metadata),
                r.GetValue(method)!, r.GetValue(theta), r.GetValue(denseKl));
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
            var notes = new List<string>();
            var map = WithProgressBar(console, request.Iterations, progress => Draw(request, notes.Add, progress));
            foreach (var note in notes) console.WriteLine(note);
            map.Svg.Save(output);
            console.WriteLine($"wrote {output}: {map.Points} items, {MethodName(map.Method)} t-SNE {map.Seconds:0.0} s, final KL {map.Cost:0.0000}" +
                              (map.ExactCost is { } exact ? $" (sparse; against the dense affinities {exact:0.0000})" : "") +
                              $", kNN preservation (k=10) {map.KnnPreservation:0.000}, trustworthiness (k=10) {map.Trustworthiness:0.000}");
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException or KeyNotFoundException or TorchException or NotSupportedException)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
    }

    /// <summary>Runs <paramref name="work"/> under a Spectre progress bar fed with t-SNE iterations.</summary>
    internal static T WithProgressBar<T>(IAnsiConsole console, int iterations, Func<Action<TsneProgress>, T> work)
    {
        T result = default!;
        console.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("t-SNE", maxValue: iterations);
                result = work(p =>
                {
                    task.Value = p.Iteration;
                    task.Description = $"t-SNE (KL {p.Cost:0.000})";
                });
                task.StopTask();
            });
        return result;
    }

    internal static string MethodName(TsneMethod method) => method == TsneMethod.BarnesHut ? "barnes-hut" : "exact";

    internal static TsneMethod ParseMethod(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" => TsneMethod.Auto,
        "exact" => TsneMethod.Exact,
        "barnes-hut" or "barneshut" or "bh" => TsneMethod.BarnesHut,
        _ => throw new ArgumentException($"--method: expected auto, exact or barnes-hut, got '{text}'"),
    };

    /// <summary>What to draw; exactly one of Checkpoint and Embeddings. Items 0 means every item.</summary>
    internal sealed record ItemMapRequest(string? Checkpoint, string? Embeddings, int Items, string Color, double Perplexity, int Iterations, int Seed, bool Subsample,
        string? Data, string? Metadata = null, string Method = "auto", double Theta = 0.5, bool DenseKl = false);

    /// <summary><see cref="ExactCost"/>: with --dense-kl, for a Barnes-Hut layout of at most 5,000 points, its KL against the dense affinities (comparable with an exact run's).</summary>
    internal sealed record ItemMap(SvgCanvas Svg, int Points, double KnnPreservation, double Trustworthiness, double Seconds, double Cost, TsneMethod Method, double? ExactCost = null);

    /// <summary>Loads the vectors and item facts, runs t-SNE and renders the scatter; shared with the report command.</summary>
    internal static ItemMap Draw(ItemMapRequest request, Action<string> log, Action<TsneProgress>? progress = null)
    {
        var method = ParseMethod(request.Method);
        string colour = request.Color.Trim().ToLowerInvariant();
        if (colour is not ("category" or "genre" or "popularity")) throw new ArgumentException($"--color: expected category, genre or popularity, got '{request.Color}'");
        if ((request.Checkpoint is null) == (request.Embeddings is null)) throw new ArgumentException("give exactly one of --checkpoint DIR or --embeddings file.npy");
        if (request.Items is > 0 and < 3 or < 0) throw new ArgumentException($"--items: expected 0 (all) or at least 3, got {request.Items}");

        // Rows of the vector table with the external id each stands for (null when unknown).
        float[] vectors;
        int rows, dims;
        Func<int, long?> externalId;
        string? dataPath = request.Data;
        string kind = "item embeddings";
        if (request.Checkpoint is { } folder)
        {
            var table = ItemEmbeddings.Load(folder);
            (vectors, rows, dims, kind) = (table.Vectors, table.Rows, table.Dims, table.Kind);
            dataPath ??= table.Config["data"] is JsonValue v && v.TryGetValue<string>(out var p) ? p : null;
            var vocabulary = table.Vocabulary;
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
        if (colour is "category" or "genre" && metadata is null)
            log("note: no item metadata (titles, categories) in the data folder, so every point is grey; pass --metadata FILE (e.g. ml-1m/movies.dat)");

        var candidates = Enumerable.Range(0, rows).Where(r => externalId(r) is not null).ToList();
        int wanted = request.Items == 0 ? candidates.Count : request.Items;
        var chosen = (popularity is null
            ? candidates.Take(wanted)
            : candidates.OrderByDescending(r => popularity.GetValueOrDefault(externalId(r)!.Value)).ThenBy(r => r).Take(wanted)).ToArray();
        if (chosen.Length < 3) throw new ArgumentException($"only {chosen.Length} item(s) to draw; t-SNE needs at least 3");
        var selected = new float[chosen.Length * dims];
        for (int k = 0; k < chosen.Length; k++) Array.Copy(vectors, chosen[k] * dims, selected, k * dims, dims);

        using var points = torch.Tensor(selected, chosen.Length, dims);
        var watch = Stopwatch.StartNew();
        var result = Tsne.Run(points, new TsneOptions
        {
            Perplexity = request.Perplexity, Iterations = request.Iterations, Seed = request.Seed, SubsampleBeyondExact = request.Subsample,
            Method = method, Theta = request.Theta, Progress = progress, ProgressEvery = 10,
        });
        double seconds = watch.Elapsed.TotalSeconds;
        if (result.Message is not null) log(result.Message);
        double knn, trust;
        using (var scope = torch.NewDisposeScope())
        {
            var input = result.Count == chosen.Length ? points : points.IndexSelect(0, torch.Tensor(result.SourceRows.Select(r => (long)r).ToArray()));
            var layout = LayoutQuality.LayoutTensor(result);
            int k = Math.Min(10, (2 * result.Count - 2) / 3);
            knn = LayoutQuality.KnnPreservation(input, layout, k);
            trust = LayoutQuality.Trustworthiness(input, layout, k);
        }
        int exactLimit = new TsneOptions().MaxExactPoints;
        if (request.DenseKl && result.Method == TsneMethod.BarnesHut && result.Count > exactLimit)
            log($"note: --dense-kl is for at most {exactLimit:N0} items (it is O(n²)); left out for {result.Count:N0}");
        double? exactCost = request.DenseKl && result.Method == TsneMethod.BarnesHut && result.Count <= exactLimit
            ? Tsne.ExactCost(points, result, request.Perplexity) : null;

        var scatter = new List<ScatterPoint>(result.Count);
        var infos = new ItemInfo?[result.Count];
        for (int r = 0; r < result.Count; r++)
            infos[r] = metadata is not null && metadata.TryGet(externalId(chosen[result.SourceRows[r]])!.Value, out var found) ? found : null;
        var representative = new RepresentativeCategory(infos.Select(i => (IReadOnlyList<string>?)i?.Categories ?? []));
        for (int r = 0; r < result.Count; r++)
        {
            int row = chosen[result.SourceRows[r]];
            long id = externalId(row)!.Value;
            var info = infos[r];
            int count = popularity?.GetValueOrDefault(id) ?? 0;
            string title = info is null ? $"item {id}" : $"{info.Title} [{string.Join(", ", info.Categories)}]";
            if (popularity is not null) title += $" · {count:N0} interactions";
            scatter.Add(new ScatterPoint(result[r, 0], result[r, 1],
                Category: info is null ? null : representative.Of(info.Categories),
                Value: popularity is null ? null : Math.Log10(1 + count), Title: title));
        }
        string source = request.Checkpoint is not null ? Path.GetFileName(Path.GetFullPath(request.Checkpoint).TrimEnd('/')) : Path.GetFileName(request.Embeddings!);
        var plot = new ScatterPlot
        {
            Title = $"{MethodName(result.Method)} t-SNE of {result.Count:N0} {kind} ({source}), perplexity {request.Perplexity:0.#}, kNN preservation {knn:0.000}, trustworthiness {trust:0.000}",
            ColourByValue = colour == "popularity",
            ValueLabel = "log10(1 + interactions)",
        };
        return new ItemMap(plot.Render(scatter), result.Count, knn, trust, seconds, result.FinalCost, result.Method, exactCost);
    }
}
