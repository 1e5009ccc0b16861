using RecSharp.Data.Splits;
using RecSharp.Torch.NN;
using RecSharp.Training;

namespace RecSharp.Models.CollaborativeFiltering.Neural;

/// <summary>
/// A trained learned-CF model: the module, the scorer that ranks with it, and the training history of each
/// stage (pretrained NeuMF has three: gmf, mlp, neumf). Disposing frees the module and the scorer.
/// </summary>
public sealed class LearnedCfModel(string name, Module module, IItemScorer scorer, IReadOnlyList<(string Stage, TrainingHistory History)> stages,
    IReadOnlyDictionary<string, string> settings) : IItemScorer, IDisposable
{
    public string Name { get; } = name;
    public Module Module { get; } = module;
    public IItemScorer Scorer { get; } = scorer;
    public IReadOnlyList<(string Stage, TrainingHistory History)> Stages { get; } = stages;

    /// <summary>Hyper-parameters and run facts to record with the results (model, dim, epochs run, seconds, ...).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; } = settings;

    public int NumItems => Scorer.NumItems;

    public void ScoreAll(EvaluationCase user, Span<float> scores) => Scorer.ScoreAll(user, scores);

    public void Dispose()
    {
        (Scorer as IDisposable)?.Dispose();
        Module.Dispose();
    }
}
