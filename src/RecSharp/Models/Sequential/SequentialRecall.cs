using System.Text.Json.Nodes;
using RecSharp.Data.Dataset;
using RecSharp.Data.Splits;
using RecSharp.Retrieval;
using RecSharp.Torch;

namespace RecSharp.Models.Sequential;

/// <summary>
/// A trained <see cref="SequentialRecallModel"/> behind the family-neutral <see cref="IRecallModel"/> contract: the
/// score of an item is the inner product of the user vector (from the last MaxLength items of the case's history)
/// with the item's vector; a multi-interest model scores an item with its best interest, which ranks items exactly
/// as P1's merge of the per-interest top lists does (<see cref="MultiInterestMerge"/>). The user id is never read.
/// </summary>
public sealed class SequentialRecall : IRecallModel
{
    private readonly SequentialRecallModel model;

    /// <summary>Takes ownership of <paramref name="model"/> (disposed with this object) and puts it in eval mode.</summary>
    public SequentialRecall(SequentialRecallModel model, JsonObject config, IdVocabulary vocabulary)
    {
        this.model = model ?? throw new ArgumentNullException(nameof(model));
        Config = config ?? throw new ArgumentNullException(nameof(config));
        Vocabulary = vocabulary ?? throw new ArgumentNullException(nameof(vocabulary));
        model.Eval();
    }

    /// <summary>The wrapped model (for callers that need the sequential-only paths: P1 evaluation, diversity, t-SNE).</summary>
    public SequentialRecallModel Model => model;

    public string Name => model.Name;
    public string Family => ModelFolder.Sequential;
    public JsonObject Config { get; }
    public IdVocabulary Vocabulary { get; }
    public bool NeedsKnownUser => false;
    public int NumItems => model.Config.NumItems;

    /// <remarks>Safe from several threads: each call works in its own no-grad dispose scope and only reads the weights.</remarks>
    public void ScoreAll(EvaluationCase user, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (scores.Length != NumItems + 1)
            throw new ArgumentException($"the score buffer has {scores.Length} entries but {Name} scores {NumItems + 1} (items 0..{NumItems})", nameof(scores));
        if (user.History.Length == 0)
            throw new ArgumentException($"{Name} scores from the user's history, but the case of user {user.User} has no history items", nameof(user));
        using var noGrad = torch.NoGrad();
        using var scope = torch.NewDisposeScope();
        var vectors = SequentialEvaluation.UserVectors(model, [user.History]);
        var interests = vectors.Reshape(-1, model.Config.Dim);                 // [K, d]
        var perInterest = interests.Mm(model.ItemVectors().T);                   // [K, N + 1]
        var best = model.InterestCount == 1 ? perInterest.Reshape(-1) : perInterest.Max(0).Values;
        best.Contiguous().CopyTo(scores);
        scores[0] = float.NegativeInfinity; // padding is never an item
    }

    public TopKResult SimilarItems(int item, int k)
    {
        if (item < 1 || item > NumItems)
            throw new ArgumentOutOfRangeException(nameof(item), item, $"internal item ids of {Name} are 1..{NumItems}");
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1");
        using var noGrad = torch.NoGrad();
        return ItemToItem.Neighbours(model.ItemVectors(), [item], k);
    }

    public void Dispose() => model.Dispose();
}
