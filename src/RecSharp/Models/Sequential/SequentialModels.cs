namespace RecSharp.Models.Sequential;

/// <summary>Creates a sequential recall model from its command-line name (one line per model).</summary>
public static class SequentialModels
{
    public static readonly IReadOnlyList<string> Names = ["pooling", "gru4rec", "mind", "comirec-dr", "comirec-sa"];

    public static SequentialRecallModel Create(string name, SequentialModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "pooling" => new Pooling(config),
            "gru4rec" => new Gru4Rec(config),
            "mind" => new Mind(config),
            "comirec-dr" => new ComiRecDr(config),
            "comirec-sa" => new ComiRecSa(config),
            _ => throw new ArgumentException($"unknown sequential model '{name}': expected {string.Join(", ", Names)}", nameof(name)),
        };
    }
}
