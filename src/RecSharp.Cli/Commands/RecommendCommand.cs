using System.CommandLine;
using System.Globalization;
using RecSharp.Data;
using RecSharp.Data.Dataset;
using RecSharp.Data.Loaders;
using RecSharp.Models.Sequential;
using RecSharp.Retrieval;
using RecSharp.Torch;
using Spectre.Console;

namespace RecSharp.Cli.Commands;

/// <summary>
/// <c>recsharp recommend --checkpoint DIR (--history ID,ID,... | --user ID) [-k 20]</c>: loads a trained sequential
/// model folder and retrieves the top K items for one history, in external ids, with titles and categories when
/// item metadata exists (--metadata, or the data folder recorded in the model's config).
/// </summary>
public static class RecommendCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "A model folder written by recsharp train.", Required = true };
        var history = new Option<string?>("--history") { Description = "External item ids, oldest first, separated by commas." };
        var user = new Option<long?>("--user") { Description = "External user id: use the user's latest items from the data (--data or the model's data)." };
        var k = new Option<int>("-k", "--top") { Description = "How many items to recommend.", DefaultValueFactory = _ => 20 };
        var data = new Option<string?>("--data") { Description = "Data folder for --user and item metadata (default: the one the model was trained on)." };
        var metadata = new Option<string?>("--metadata") { Description = "Item metadata file (movies.dat, *_item2attributes.json, ...)." };
        var keepSeen = new Option<bool>("--keep-seen") { Description = "Also recommend items that are in the history." };

        var command = new Command("recommend", "Recommend items for a history with a trained sequential model.");
        foreach (var option in new Option[] { checkpoint, history, user, k, data, metadata, keepSeen }) command.Options.Add(option);
        command.SetAction(r => Run(r.GetValue(checkpoint)!, r.GetValue(history), r.GetValue(user), r.GetValue(k), r.GetValue(data),
            r.GetValue(metadata), r.GetValue(keepSeen)));
        return command;
    }

    private static int Run(string folder, string? historyText, long? user, int k, string? dataPath, string? metadataPath, bool keepSeen)
    {
        var console = AnsiConsole.Console;
        try
        {
            if ((historyText is null) == (user is null)) throw new ArgumentException("give exactly one of --history ID,ID,... and --user ID");
            if (k < 1) throw new ArgumentException($"-k must be at least 1 (got {k})");
            var (model, config) = SequentialCheckpoint.Load(folder);
            using var _ = model;
            var vocabulary = SequentialCheckpoint.LoadVocabulary(folder)
                ?? throw new FileNotFoundException($"{folder}: vocab.json is missing, so external ids cannot be mapped");
            dataPath ??= config["data"]?.GetValue<string>();
            LoadedData? loaded = null;
            LoadedData Data() => loaded ??= DataFolder.Open(dataPath ?? throw new ArgumentException("--user needs --data (the model folder does not name its data)"));

            int[] items = historyText is not null ? ParseHistory(historyText, vocabulary) : UserHistory(Data(), vocabulary, user!.Value);
            var metadata = metadataPath is not null ? ItemMetadataLoader.Load(metadataPath) : TryMetadata(dataPath, Data);

            using var scope = torch.NewDisposeScope();
            model.Eval();
            var vectors = SequentialEvaluation.UserVectors(model, [items]);
            var exclude = keepSeen ? null : ItemSets.FromRows([items]);
            using var retriever = new ExactTopK(model.ItemVectors());
            var ranked = vectors.Dim == 3 ? MultiInterestMerge.Retrieve(retriever, vectors, k, exclude) : retriever.Search(vectors, k, exclude);

            var table = new Table().Title($"{Markup.Escape(model.Name)}: top {k} for a history of {items.Length} item(s)");
            table.AddColumn("rank");
            table.AddColumn("item");
            table.AddColumn(new TableColumn("score").RightAligned());
            if (metadata is not null) { table.AddColumn("title"); table.AddColumn("categories"); }
            var ids = ranked.Ids(0);
            var scores = ranked.Scores(0);
            for (int r = 0; r < ids.Length; r++)
            {
                long external = vocabulary.ExternalItem(ids[r]);
                var cells = new List<string> { (r + 1).ToString(CultureInfo.InvariantCulture), external.ToString(CultureInfo.InvariantCulture), scores[r].ToString("0.0000", CultureInfo.InvariantCulture) };
                if (metadata is not null)
                {
                    bool known = metadata.TryGet(external, out var info);
                    cells.Add(Markup.Escape(known ? info.Title : ""));
                    cells.Add(Markup.Escape(known ? string.Join("|", info.Categories) : ""));
                }
                table.AddRow(cells.ToArray());
            }
            console.Write(table);
            return 0;
        }
        catch (Exception e) when (e is DataFormatException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException
                                      or InvalidOperationException or ArgumentException or KeyNotFoundException or NotSupportedException)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
    }

    private static int[] ParseHistory(string text, IdVocabulary vocabulary)
    {
        var items = new List<int>();
        foreach (var token in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out long external))
                throw new ArgumentException($"--history: '{token}' is not an item id (expected integers separated by commas)");
            if (!vocabulary.TryItem(external, out int item))
                throw new ArgumentException($"--history: item {external} was not in the training data ({vocabulary.NumItems} items known)");
            items.Add(item);
        }
        if (items.Count == 0) throw new ArgumentException("--history holds no item ids");
        return items.ToArray();
    }

    private static int[] UserHistory(LoadedData loaded, IdVocabulary vocabulary, long user)
    {
        var dataset = loaded.BuildDataset();
        if (!dataset.Vocabulary.TryUser(user, out int u)) throw new ArgumentException($"--user: user {user} is not in {loaded.Path}");
        var items = new List<int>();
        foreach (var item in dataset.Sequence(u))
            if (vocabulary.TryItem(dataset.Vocabulary.ExternalItem(item), out int mapped)) items.Add(mapped);
        if (items.Count == 0) throw new ArgumentException($"--user: user {user} has no item the model knows");
        return items.ToArray();
    }

    private static ItemMetadata? TryMetadata(string? dataPath, Func<LoadedData> data)
    {
        if (dataPath is null || !Directory.Exists(dataPath)) return null;
        try
        {
            return data().ItemMetadata;
        }
        catch (Exception e) when (e is DataFormatException or IOException)
        {
            return null; // titles are a nicety: recommending works without them
        }
    }
}
