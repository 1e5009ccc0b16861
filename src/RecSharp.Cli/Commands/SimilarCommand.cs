using System.CommandLine;
using RecSharp.Data;
using RecSharp.Models;
using RecSharp.Serving;
using Spectre.Console;

namespace RecSharp.Cli.Commands;

/// <summary>
/// <c>recsharp similar --checkpoint DIR --item ID [-k 20]</c>: the items a trained model (any family) finds most
/// similar to one item, in external ids, with titles and categories when item metadata exists.
/// </summary>
public static class SimilarCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "A model folder written by recsharp train.", Required = true };
        var item = new Option<long>("--item") { Description = "External item id.", Required = true };
        var k = new Option<int>("-k", "--top") { Description = "How many similar items to list.", DefaultValueFactory = _ => 20 };
        var data = new Option<string?>("--data") { Description = "Data folder for item metadata (default: the one the model was trained on)." };
        var metadata = new Option<string?>("--metadata") { Description = "Item metadata file (movies.dat, *_item2attributes.json, ...); default: the data folder's, else the file a genres/item2attributes feature of the model was built from." };

        var command = new Command("similar", "List the items a trained model finds most similar to an item.");
        foreach (var option in new Option[] { checkpoint, item, k, data, metadata }) command.Options.Add(option);
        command.SetAction(r => Run(r.GetValue(checkpoint)!, r.GetValue(item), r.GetValue(k), r.GetValue(data), r.GetValue(metadata)));
        return command;
    }

    private static int Run(string folder, long item, int k, string? dataPath, string? metadataPath)
    {
        var console = AnsiConsole.Console;
        try
        {
            if (k < 1) throw new ArgumentException($"-k must be at least 1 (got {k})");
            using var model = ModelFolder.Load(folder);
            dataPath ??= model.Config["data"]?.GetValue<string>();
            var ranked = RecallQuery.Similar(model, item, k);
            var metadata = RankedItemsView.Metadata(metadataPath, dataPath, () => DataFolder.Open(dataPath!), model.Config);

            string title = $"{model.Name}: {k} items most similar to item {item}";
            if (metadata is not null && metadata.TryGet(item, out var info)) title += $" ({info.Title})";
            console.Write(RankedItemsView.Render(title, ranked, model.Vocabulary, metadata, "similarity"));
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
