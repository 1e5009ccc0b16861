using System.Text.Json.Nodes;
using RecSharp.Data.Dataset;
using RecSharp.Data.Splits;
using RecSharp.Retrieval;

namespace RecSharp.Models.CollaborativeFiltering;

/// <summary>
/// A loaded ItemCF or UserCF model folder. ItemCF scores from the request's history (or the training items of a
/// known user), so it also serves users it never saw; UserCF needs a training user. Similar items: ItemCF reads its
/// kept neighbour lists; UserCF keeps no item-item similarities, so it ranks items by the plain cosine of their
/// columns in the training matrix (<see cref="ItemColumnCosine"/>).
/// </summary>
public sealed class NeighbourhoodRecallModel : IRecallModel
{
    private readonly CfItemScorer scorer;

    public NeighbourhoodRecallModel(CfModel model, JsonObject config, IdVocabulary vocabulary)
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        Config = config ?? throw new ArgumentNullException(nameof(config));
        Vocabulary = vocabulary ?? throw new ArgumentNullException(nameof(vocabulary));
        if (vocabulary.NumItems != model.Interactions.ItemCount || vocabulary.NumUsers != model.Interactions.UserCount)
            throw new ArgumentException($"the vocabulary has {vocabulary.NumUsers} users and {vocabulary.NumItems} items but the model was fitted on {model.Interactions.UserCount} and {model.Interactions.ItemCount}");
        scorer = new CfItemScorer(model);
    }

    public CfModel Model { get; }
    public string Name => Model is ItemCf ? "itemcf" : "usercf";
    public string Family => ModelFolder.CollaborativeFiltering;
    public JsonObject Config { get; }
    public IdVocabulary Vocabulary { get; }
    public bool NeedsKnownUser => Model is UserCf;
    public int NumItems => scorer.NumItems;

    public void ScoreAll(EvaluationCase user, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (NeedsKnownUser && (uint)user.User >= (uint)Model.Interactions.UserCount)
            throw new ArgumentException($"{Name} needs a user from its training data (internal 0..{Model.Interactions.UserCount - 1}), got {user.User}");
        scorer.ScoreAll(user, scores);
    }

    public TopKResult SimilarItems(int item, int k)
    {
        if (item < 1 || item > NumItems) throw new ArgumentOutOfRangeException(nameof(item), item, $"item must be in 1..{NumItems}");
        if (k < 0) throw new ArgumentOutOfRangeException(nameof(k), k, "k cannot be negative");
        var neighbours = Model is ItemCf itemCf
            ? itemCf.SimilarItems(item, k)
            : ItemColumnCosine.Similar(Model.Interactions, item, k);
        return SingleRow(k, neighbours);
    }

    /// <summary>One query's top-k as a <see cref="TopKResult"/>, empty slots filled with <see cref="TopKResult.NoItem"/>.</summary>
    internal static TopKResult SingleRow(int k, (int Item, double Score)[] best)
    {
        var ids = new int[k];
        var values = new float[k];
        for (int j = 0; j < k; j++)
        {
            ids[j] = j < best.Length ? best[j].Item : TopKResult.NoItem;
            values[j] = j < best.Length ? (float)best[j].Score : float.NegativeInfinity;
        }
        return new TopKResult(1, k, ids, values);
    }

    public void Dispose() { }
}
