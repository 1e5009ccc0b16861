using System.CommandLine;
using RecSharp.Data;
using RecSharp.Models;
using RecSharp.Serving;
using Spectre.Console;

namespace RecSharp.Cli.Commands;

/// <summary>
/// <c>recsharp recommend --checkpoint DIR (--history ID,ID,... | --user ID) [-k 20]</c>: loads any trained model
/// folder (sequential, CF or graph, through <see cref="ModelFolder.Load"/>) and prints its top K items in external
/// ids, with titles and categories when item metadata exists (--metadata, or the data folder the model names).
/// </summary>
public static class RecommendCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "A model folder written by recsharp train.", Required = true };
        var history = new Option<string?>("--history") { Description = "External item ids, oldest first, separated by commas (not for models that need a known user)." };
        var user = new Option<long?>("--user") { Description = "External user id: the user's items in the data (--data or the model's data) are the history." };
        var k = new Option<int>("-k", "--top") { Description = "How many items to recommend.", DefaultValueFactory = _ => 20 };
        var data = new Option<string?>("--data") { Description = "Data folder for --user and item metadata (default: the one the model was trained on)." };
        var metadata = new Option<string?>("--metadata") { Description = "Item metadata file (movies.dat, *_item2attributes.json, ...); default: the data folder's, else the file a genres/item2attributes feature of the model was built from." };
        var keepSeen = new Option<bool>("--keep-seen") { Description = "Also recommend items that are in the history." };

        var command = new Command("recommend", "Recommend items for a user or a history with a trained model of any family.");
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
            using var model = ModelFolder.Load(folder);
            dataPath ??= model.Config["data"]?.GetValue<string>();
            LoadedData? loaded = null;
            LoadedData Data() => loaded ??= DataFolder.Open(dataPath ?? throw new ArgumentException("--user needs --data (the model folder does not name its data)"));

            var query = historyText is not null
                ? RecallQuery.ForHistory(model, RecallQuery.ParseHistory(historyText, model.Vocabulary))
                : RecallQuery.ForUser(model, Data().BuildDataset(), user!.Value);
            var metadata = RankedItemsView.Metadata(metadataPath, dataPath, Data, model.Config);
            var ranked = RecallQuery.Recommend(model, query, k, keepSeen);

            string who = user is { } u ? $"user {u} ({query.History.Length} item(s) in the data)" : $"a history of {query.History.Length} item(s)";
            console.Write(RankedItemsView.Render($"{model.Name}: top {k} for {who}", ranked, model.Vocabulary, metadata));
            if (metadata is null)
                console.MarkupLine("[grey]note: no item metadata in the data folder, so items show ids only; pass --metadata FILE for titles and categories (e.g. /work/shared/data/ml-1m/movies.dat for ml-1m and ml-1m-head)[/]");
            return 0;
        }
        catch (Exception e) when (e is DataFormatException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException
                                      or InvalidOperationException or ArgumentException or KeyNotFoundException or NotSupportedException)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
    }
}
