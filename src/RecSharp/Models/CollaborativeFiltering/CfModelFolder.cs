using System.Text.Json.Nodes;

namespace RecSharp.Models.CollaborativeFiltering;

/// <summary>Loads a model folder of this family as an <see cref="IRecallModel"/> (placeholder until the family's folder format lands).</summary>
public static class CfModelFolder
{
    public static IRecallModel Load(string folder, JsonObject config) =>
        throw new NotSupportedException($"{folder}: loading {config["model"]} model folders is not implemented yet");
}
