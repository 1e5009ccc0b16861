using RecSharp.Data.Loaders;

namespace RecSharp.Data;

/// <summary>
/// Recognises the layout of a data folder (or a single file) and loads it with the right loader. The rules look
/// at file names first (the formats in ../shared/data have distinctive names) and only sniff the first lines of
/// a .txt file to tell S3-Rec sequences, SASRec pairs and ComiRec triples apart.
/// </summary>
public static class DataFolder
{
    public static LoadedData Open(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        if (File.Exists(path))
        {
            return OpenFile(path);
        }

        if (!Directory.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file or folder", path);
        }

        return OpenFolder(path);
    }

    private static LoadedData OpenFolder(string folder)
    {
        string[] files = Directory.GetFiles(folder).Select(f => System.IO.Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        string Full(string name) => System.IO.Path.Combine(folder, name);
        string? Find(Func<string, bool> predicate) => files.FirstOrDefault(predicate);
        var metadata = LoadMetadata(folder, files);

        if (Find(f => f.EndsWith(".inter", StringComparison.Ordinal)) is { } inter)
        {
            return Result(folder, DataFormat.MmrecInter, [Full(inter)], MmrecInterLoader.Load(Full(inter)), metadata);
        }

        foreach (var sub in new[] { ".", "5-core" })
        {
            var splitFolder = System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, sub));
            if (File.Exists(System.IO.Path.Combine(splitFolder, "train.json")))
            {
                var jsonFiles = new[] { "train.json", "val.json", "test.json" }.Select(f => System.IO.Path.Combine(splitFolder, f)).ToArray();
                return Result(folder, DataFormat.LatticeJson, jsonFiles, LatticeJsonLoader.LoadFolder(splitFolder), metadata);
            }
        }

        if (files.Contains("train.txt") && files.Contains("test.txt"))
        {
            return OpenLightGcn(folder, files, metadata);
        }

        if (Find(f => f.EndsWith(".train.rating", StringComparison.Ordinal) || f.EndsWith(".test.rating", StringComparison.Ordinal)) is { } rating)
        {
            return OpenNcf(Full(rating), metadata);
        }

        if (Find(f => f is "ratings.dat" or "ratings.dat.gz" or "u.data") is { } grouplens)
        {
            return Result(folder, DataFormat.GroupLensRatings, [Full(grouplens)], GroupLensRatingsLoader.Load(Full(grouplens)), metadata);
        }

        if (Find(f => f is "ratings.csv" or "ratings.csv.gz") is { } csv)
        {
            return Result(folder, DataFormat.MovieLensCsv, [Full(csv)], DelimitedLoader.Load(Full(csv), DelimitedFormat.MovieLensCsv), metadata);
        }

        var texts = files.Where(f => (f.EndsWith(".txt", StringComparison.Ordinal) || f.EndsWith(".txt.gz", StringComparison.Ordinal))
            && !f.Contains("_sample", StringComparison.Ordinal) && !f.StartsWith("README", StringComparison.OrdinalIgnoreCase)).ToArray();
        if (texts.Length == 1)
        {
            var loaded = OpenText(Full(texts[0]), folder, metadata);
            var sample = Find(f => f.EndsWith("_sample.txt", StringComparison.Ordinal));
            return sample is null ? loaded : new LoadedData
            {
                Path = loaded.Path, Format = loaded.Format, Files = [.. loaded.Files, Full(sample)], Interactions = loaded.Interactions,
                ItemMetadata = loaded.ItemMetadata, SampledNegatives = S3RecSampleLoader.Load(Full(sample)),
            };
        }

        if (texts.Length > 1)
        {
            throw new DataFormatException(folder, 0, string.Join(", ", texts), "one interaction .txt file (pass the file itself to choose)");
        }

        if (metadata is not null)
        {
            return new LoadedData { Path = folder, Format = DataFormat.ItemMetadataOnly, Files = [metadata.Source], ItemMetadata = metadata };
        }

        throw new DataFormatException(folder, 0, string.Join(", ", files),
            "a recognised data layout: *.inter, [5-core/]train.json, train.txt+test.txt, *.train.rating/*.test.rating, ratings.dat, u.data, ratings.csv, "
            + "one sequence .txt file, or item metadata (movies.dat, movies.csv, u.item, *_item2attributes.json, *.item)");
    }

    private static LoadedData OpenFile(string file)
    {
        var name = System.IO.Path.GetFileName(file);
        var folder = System.IO.Path.GetDirectoryName(file)!;
        if (name.EndsWith(".inter", StringComparison.Ordinal))
        {
            return Result(file, DataFormat.MmrecInter, [file], MmrecInterLoader.Load(file), null);
        }

        if (name.EndsWith(".rating", StringComparison.Ordinal) || name.EndsWith(".negative", StringComparison.Ordinal))
        {
            return OpenNcf(file, null);
        }

        if (name is "train.json" or "val.json" or "test.json")
        {
            return Result(file, DataFormat.LatticeJson, [file], LatticeJsonLoader.LoadFolder(folder), null);
        }

        if (name is "ratings.dat" or "ratings.dat.gz" or "u.data" || name.EndsWith(".base", StringComparison.Ordinal)
            || (name.EndsWith(".test", StringComparison.Ordinal) && name.StartsWith('u')))
        {
            return Result(file, DataFormat.GroupLensRatings, [file], GroupLensRatingsLoader.Load(file), null);
        }

        if (name.Contains("_item2attributes", StringComparison.Ordinal) || name is "movies.dat" or "movies.csv" or "u.item" || name.EndsWith(".item", StringComparison.Ordinal))
        {
            var metadata = ItemMetadataLoader.Load(file);
            return new LoadedData { Path = file, Format = DataFormat.ItemMetadataOnly, Files = [file], ItemMetadata = metadata };
        }

        if (name.EndsWith(".csv", StringComparison.Ordinal) || name.EndsWith(".csv.gz", StringComparison.Ordinal))
        {
            var first = FirstLines(file, 1).FirstOrDefault() ?? string.Empty;
            var format = first.Contains("userId", StringComparison.Ordinal) ? DataFormat.MovieLensCsv : DataFormat.ComiRec;
            var table = DelimitedLoader.Load(file, format == DataFormat.MovieLensCsv ? DelimitedFormat.MovieLensCsv : DelimitedFormat.ComiRec);
            return Result(file, format, [file], table, null);
        }

        return OpenText(file, file, null);
    }

    /// <summary>Tells S3-Rec sequences, SASRec pairs and ComiRec triples apart from the first lines.</summary>
    public static DataFormat SniffText(string file)
    {
        var lines = FirstLines(file, 200).Where(l => !FieldParser.IsBlankLine(l)).ToArray();
        if (lines.Length == 0)
        {
            return DataFormat.S3RecSequences;
        }

        if (lines.All(l => l.Count(c => c == ',') == 2))
        {
            return DataFormat.ComiRec;
        }

        var firstTokens = lines.Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToArray();
        var allPairs = firstTokens.All(t => t.Length == 2);
        var userRepeats = firstTokens.Skip(1).Zip(firstTokens).Any(p => p.First[0] == p.Second[0]);
        return allPairs && (userRepeats || lines.Length == 1) ? DataFormat.SasRecPairs : DataFormat.S3RecSequences;
    }

    private static LoadedData OpenText(string file, string path, Loaders.ItemMetadata? metadata)
    {
        var format = SniffText(file);
        var table = format switch
        {
            DataFormat.ComiRec => DelimitedLoader.Load(file, DelimitedFormat.ComiRec),
            DataFormat.SasRecPairs => DelimitedLoader.Load(file, DelimitedFormat.SasRecPairs),
            _ => UserListLoader.Load(file),
        };
        return Result(path, format, [file], table, metadata);
    }

    private static LoadedData OpenNcf(string anyFile, Loaders.ItemMetadata? metadata)
    {
        var name = anyFile;
        foreach (var suffix in new[] { ".train.rating", ".test.rating", ".test.negative" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                name = name[..^suffix.Length];
            }
        }

        var data = NcfLoader.Load(name);
        var files = new[] { ".train.rating", ".test.rating", ".test.negative" }.Select(s => name + s).Where(File.Exists).ToArray();
        return new LoadedData
        {
            Path = System.IO.Path.GetDirectoryName(name)!, Format = DataFormat.Ncf, Files = files,
            Interactions = data.Interactions, Negatives = data.Negatives, ItemMetadata = metadata,
        };
    }

    private static LoadedData OpenLightGcn(string folder, string[] files, Loaders.ItemMetadata? metadata)
    {
        var table = new InteractionTable(folder, 1 << 20) { HasSplitLabels = true };
        var read = new List<string>();
        void Lists(string name, SplitLabel label)
        {
            var path = System.IO.Path.Combine(folder, name);
            UserListLoader.AppendTo(table, path, label);
            read.Add(path);
        }

        Lists("train.txt", SplitLabel.Train);
        if (files.Contains("validation_data.json"))
        {
            var path = System.IO.Path.Combine(folder, "validation_data.json");
            LatticeJsonLoader.AppendTo(table, path, SplitLabel.Validation);
            read.Add(path);
        }

        Lists("test.txt", SplitLabel.Test);
        return Result(folder, DataFormat.LightGcnLists, read, table, metadata);
    }

    private static Loaders.ItemMetadata? LoadMetadata(string folder, string[] files)
    {
        var name = files.FirstOrDefault(f => f is "movies.dat" or "movies.csv" or "u.item")
            ?? files.FirstOrDefault(f => f.EndsWith("_item2attributes.json", StringComparison.Ordinal))
            ?? files.FirstOrDefault(f => f.EndsWith(".item", StringComparison.Ordinal));
        return name is null ? null : ItemMetadataLoader.Load(System.IO.Path.Combine(folder, name));
    }

    private static IEnumerable<string> FirstLines(string file, int count)
    {
        using var reader = new LineReader(file);
        for (var i = 0; i < count && reader.TryRead(out var line); i++)
        {
            yield return line;
        }
    }

    private static LoadedData Result(string path, DataFormat format, IReadOnlyList<string> files, InteractionTable table, Loaders.ItemMetadata? metadata) =>
        new() { Path = path, Format = format, Files = files, Interactions = table, ItemMetadata = metadata };
}
