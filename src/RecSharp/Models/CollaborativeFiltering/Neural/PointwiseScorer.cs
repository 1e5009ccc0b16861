using RecSharp.Data.Splits;
using RecSharp.Torch;

namespace RecSharp.Models.CollaborativeFiltering.Neural;

/// <summary>
/// Ranks with a <see cref="PointwiseRecommender"/>: each call runs one batched forward of the user against every
/// item 0..NumItems (no gradient, its own dispose scope, so it is safe on evaluator worker threads). Scores are
/// logits. The model must not be trained while a scorer uses it.
/// </summary>
public sealed class PointwiseScorer : IItemScorer, IDisposable
{
    private readonly PointwiseRecommender model;
    private readonly Tensor allItems;

    public PointwiseScorer(PointwiseRecommender model)
    {
        this.model = model ?? throw new ArgumentNullException(nameof(model));
        allItems = torch.Arange(model.NumItems + 1).DetachFromDisposeScope();
    }

    public int NumItems => model.NumItems;

    public void ScoreAll(EvaluationCase user, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (scores.Length != NumItems + 1)
            throw new ArgumentException($"scores has {scores.Length} entries; expected NumItems + 1 = {NumItems + 1}", nameof(scores));
        if (user.User < 0 || user.User >= model.NumUsers)
            throw new ArgumentOutOfRangeException(nameof(user), user.User, $"user {user.User} is outside the model's 0..{model.NumUsers - 1}");
        using var noGrad = torch.NoGrad();
        using var scope = torch.NewDisposeScope();
        var users = torch.Full([NumItems + 1], user.User, ScalarType.Int64);
        var logits = model.Logits(users, allItems);
        logits.To(ScalarType.Float32).Contiguous().CopyTo(scores);
    }

    public void Dispose() => allItems.Dispose();
}
