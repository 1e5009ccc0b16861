using System.Globalization;
using System.Text.Json.Nodes;
using RecSharp.Data;
using RecSharp.Data.Features;
using RecSharp.Data.Dataset;
using RecSharp.Data.Loaders;
using RecSharp.Retrieval;
using Spectre.Console;

namespace RecSharp.Cli.Commands;

/// <summary>What recommend and similar share: finding item metadata and printing a ranked list in external ids.</summary>
internal static class RankedItemsView
{
    /// <summary>
    /// Item titles and categories: <paramref name="metadataPath"/> when given (errors are reported), otherwise
    /// whatever the data folder holds, otherwise the metadata file a BM3 feature of the model was built from
    /// (<c>genres:movies.dat</c>, <c>item2attributes:FILE</c>, recorded in config.json "features"); silently none when
    /// there is nothing (titles are a nicety, ranking works without them).
    /// </summary>
    public static ItemMetadata? Metadata(string? metadataPath, string? dataPath, Func<LoadedData> data, JsonObject? modelConfig = null)
    {
        if (metadataPath is not null) return ItemMetadataLoader.Load(metadataPath);
        if (dataPath is not null && Directory.Exists(dataPath))
        {
            try
            {
                if (data().ItemMetadata is { } found) return found;
            }
            catch (Exception e) when (e is DataFormatException or IOException or InvalidOperationException)
            {
            }
        }
        return FeatureMetadata(modelConfig);
    }

    /// <summary>The item metadata behind the first genres/item2attributes feature in a model's config, or null.</summary>
    private static ItemMetadata? FeatureMetadata(JsonObject? modelConfig)
    {
        if (modelConfig?["features"] is not JsonObject features) return null;
        foreach (var (name, source) in features)
        {
            try
            {
                if (source?.GetValueKind() != System.Text.Json.JsonValueKind.String) continue;
                var spec = FeatureSpec.Parse($"{name}={source.GetValue<string>()}");
                if (spec.Kind is "genres" or "item2attributes" && File.Exists(spec.Path)) return ItemMetadataLoader.Load(spec.Path);
            }
            catch (Exception e) when (e is ArgumentException or DataFormatException or IOException or InvalidOperationException)
            {
            }
        }
        return null;
    }

    /// <summary>The first row of <paramref name="ranked"/> as a table: rank, external item id, score, and title/categories when known.</summary>
    public static Table Render(string title, TopKResult ranked, IdVocabulary vocabulary, ItemMetadata? metadata, string scoreHeader = "score")
    {
        var table = new Table().Title(Markup.Escape(title));
        table.AddColumn("rank");
        table.AddColumn("item");
        table.AddColumn(new TableColumn(scoreHeader).RightAligned());
        if (metadata is not null) { table.AddColumn("title"); table.AddColumn("categories"); }
        var ids = ranked.Ids(0);
        var scores = ranked.Scores(0);
        for (int r = 0; r < ids.Length; r++)
        {
            long external = vocabulary.ExternalItem(ids[r]);
            var cells = new List<string> { (r + 1).ToString(CultureInfo.InvariantCulture), external.ToString(CultureInfo.InvariantCulture), scores[r].ToString("0.0000", CultureInfo.InvariantCulture) };
            if (metadata is not null) cells.AddRange(Describe(metadata, external));
            table.AddRow(cells.ToArray());
        }
        return table;
    }

    /// <summary>Title and categories of an external item, escaped for markup (empty when unknown).</summary>
    public static string[] Describe(ItemMetadata metadata, long external)
    {
        bool known = metadata.TryGet(external, out var info);
        return [Markup.Escape(known ? info.Title : ""), Markup.Escape(known ? string.Join("|", info.Categories) : "")];
    }
}
