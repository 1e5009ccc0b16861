using RecSharp.Models.CollaborativeFiltering;
using RecSharp.Models.Graph;
using RecSharp.Models.Sequential;
using RecSharp.Training;

namespace RecSharp.Models;

/// <summary>
/// Opens any model folder written by <c>recsharp train</c>: reads the "family" field of its config.json and lets
/// that family rebuild the model. Folders written before the field existed are sequential models.
/// </summary>
public static class ModelFolder
{
    public const string FamilyKey = "family";
    public const string Sequential = "sequential";
    public const string CollaborativeFiltering = "cf";
    public const string Graph = "graph";

    public static IRecallModel Load(string folder)
    {
        var config = ModelArtifact.ReadConfig(folder);
        string family = config[FamilyKey]?.GetValue<string>() ?? Sequential;
        return family switch
        {
            Sequential => SequentialRecallFolder.Load(folder, config),
            CollaborativeFiltering => CfModelFolder.Load(folder, config),
            Graph => GraphModelFolder.Load(folder, config),
            _ => throw new InvalidDataException(
                $"{Path.Combine(folder, ModelArtifact.ConfigFile)}: unknown \"{FamilyKey}\" '{family}' (expected {Sequential}, {CollaborativeFiltering} or {Graph})"),
        };
    }
}
