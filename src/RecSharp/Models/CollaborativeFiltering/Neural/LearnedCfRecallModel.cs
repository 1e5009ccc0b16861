using System.Text.Json.Nodes;
using RecSharp.Data.Dataset;
using RecSharp.Data.Splits;
using RecSharp.Retrieval;
using RecSharp.Torch;
using RecSharp.Torch.NN;

namespace RecSharp.Models.CollaborativeFiltering.Neural;

/// <summary>
/// A loaded BPR-MF, GMF, MLP or NeuMF model folder. These models learned one embedding per training user, so
/// scoring needs a known user; similar items compare the item vectors of <see cref="LearnedCfModules.ItemVectors"/>
/// by cosine. Owns (and disposes) the module.
/// </summary>
public sealed class LearnedCfRecallModel : IRecallModel
{
    private readonly IItemScorer scorer;
    private readonly Tensor itemVectors;
    private readonly int numUsers;

    public LearnedCfRecallModel(string name, Module module, JsonObject config, IdVocabulary vocabulary)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Module = module ?? throw new ArgumentNullException(nameof(module));
        Config = config ?? throw new ArgumentNullException(nameof(config));
        Vocabulary = vocabulary ?? throw new ArgumentNullException(nameof(vocabulary));
        var shape = LearnedCfShape.Of(module);
        if (vocabulary.NumUsers != shape.NumUsers || vocabulary.NumItems != shape.NumItems)
            throw new ArgumentException($"the vocabulary has {vocabulary.NumUsers} users and {vocabulary.NumItems} items but the {name} model has {shape.NumUsers} and {shape.NumItems}");
        numUsers = shape.NumUsers;
        module.Eval();
        scorer = LearnedCfModules.Scorer(module);
        itemVectors = LearnedCfModules.ItemVectors(module);
    }

    public string Name { get; }
    public Module Module { get; }
    public string Family => ModelFolder.CollaborativeFiltering;
    public JsonObject Config { get; }
    public IdVocabulary Vocabulary { get; }
    public bool NeedsKnownUser => true;
    public int NumItems => scorer.NumItems;

    public void ScoreAll(EvaluationCase user, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(user);
        if ((uint)user.User >= (uint)numUsers)
            throw new ArgumentException($"{Name} learned one embedding per training user and needs one of them (internal 0..{numUsers - 1}), got {user.User}");
        scorer.ScoreAll(user, scores);
    }

    public TopKResult SimilarItems(int item, int k)
    {
        if (item < 1 || item > NumItems) throw new ArgumentOutOfRangeException(nameof(item), item, $"item must be in 1..{NumItems}");
        if (k < 0) throw new ArgumentOutOfRangeException(nameof(k), k, "k cannot be negative");
        return k == 0 ? new TopKResult(1, 0, [], []) : ItemToItem.Neighbours(itemVectors, [item], k);
    }

    public void Dispose()
    {
        (scorer as IDisposable)?.Dispose();
        itemVectors.Dispose();
        Module.Dispose();
    }
}
