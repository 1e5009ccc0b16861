using RecSharp.Data.Dataset;
using RecSharp.Training;

namespace RecSharp.Models.CollaborativeFiltering.Neural;

/// <summary>
/// Loads the GMF and MLP model folders that NeuMF is initialised from (<c>train --model neumf --pretrain-from
/// GMF_DIR,MLP_DIR</c>) and checks that both were trained on exactly the split NeuMF is about to be trained on:
/// same data, protocol, seed and validation hold-out (a different split could have trained on this split's test
/// items) and the same ids.
/// </summary>
public static class PretrainedNcfFolders
{
    /// <summary>Parses "GMF_DIR,MLP_DIR".</summary>
    public static (string Gmf, string Mlp) Parse(string text)
    {
        var parts = (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
            throw new ArgumentException($"--pretrain-from expects two model folders, GMF_DIR,MLP_DIR, got '{text}'");
        return (parts[0], parts[1]);
    }

    /// <summary>The two trained modules (the caller owns them).</summary>
    public static (Gmf Gmf, Mlp Mlp) Load(string gmfFolder, string mlpFolder, CfSplitSpec split, IdVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var gmf = LoadChecked<Gmf>(gmfFolder, "gmf", split, vocabulary);
        try
        {
            return (gmf, LoadChecked<Mlp>(mlpFolder, "mlp", split, vocabulary));
        }
        catch
        {
            gmf.Dispose();
            throw;
        }
    }

    private static T LoadChecked<T>(string folder, string expected, CfSplitSpec split, IdVocabulary vocabulary) where T : PointwiseRecommender
    {
        var config = ModelArtifact.ReadConfig(folder);
        string source = Path.Combine(folder, ModelArtifact.ConfigFile);
        string? name = config["model"]?.ToString();
        if (name != expected)
            throw new InvalidDataException($"{source}: holds a {name ?? "(unnamed)"} model, but --pretrain-from expects GMF_DIR,MLP_DIR and this position needs a {expected} folder");
        var saved = CfSplitSpec.ReadFrom(config, source);
        if (Path.GetFullPath(saved.Data).TrimEnd('/') != Path.GetFullPath(split.Data).TrimEnd('/'))
            throw new InvalidDataException($"{source}: the {expected} model was trained on {saved.Data}, not on {split.Data}");
        if (saved with { Data = split.Data } != split)
            throw new InvalidDataException($"{source}: the {expected} model was trained on another split (protocol {saved.ProtocolName}, seed {saved.Seed}, hold_out_validation {Bool(saved.HoldOutValidation)}, exclude_valid {Bool(saved.ExcludeValid)}) than this run (protocol {split.ProtocolName}, seed {split.Seed}, hold_out_validation {Bool(split.HoldOutValidation)}, exclude_valid {Bool(split.ExcludeValid)})");
        CheckVocabulary(folder, expected, vocabulary);
        var (module, _) = CfModelFolder.LoadModule(folder);
        if (module is T typed) return typed;
        module.Dispose();
        throw new InvalidDataException($"{source}: does not hold a {expected} module");
    }

    private static void CheckVocabulary(string folder, string model, IdVocabulary expected)
    {
        string path = Path.Combine(folder, ModelArtifact.VocabularyFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"{folder}: {ModelArtifact.VocabularyFile} is missing, so its ids cannot be checked against this data", path);
        var saved = IdVocabulary.Load(path);
        if (saved.NumUsers != expected.NumUsers || saved.NumItems != expected.NumItems)
            throw new InvalidDataException($"{path}: the {model} model has {saved.NumUsers} users and {saved.NumItems} items, this data {expected.NumUsers} and {expected.NumItems}");
        for (int u = 0; u < saved.NumUsers; u++)
            if (saved.ExternalUser(u) != expected.ExternalUser(u))
                throw new InvalidDataException($"{path}: internal user {u} is external id {saved.ExternalUser(u)} there but {expected.ExternalUser(u)} in this data");
        for (int i = 1; i <= saved.NumItems; i++)
            if (saved.ExternalItem(i) != expected.ExternalItem(i))
                throw new InvalidDataException($"{path}: internal item {i} is external id {saved.ExternalItem(i)} there but {expected.ExternalItem(i)} in this data");
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
