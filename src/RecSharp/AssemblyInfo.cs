namespace RecSharp;

/// <summary>Marker for the core library (models, data, training, evaluation, retrieval).</summary>
public static class RecSharpInfo
{
    public const string Name = "RecSharp";
}
