using System.Text.Json.Nodes;
using RecSharp.Data.Dataset;
using RecSharp.Data.Splits;
using RecSharp.Models.MatrixFactorization;
using RecSharp.Retrieval;
using RecSharp.Torch;

namespace RecSharp.Models.Graph;

/// <summary>
/// A loaded graph model (LightGCN or BM3) as an <see cref="IRecallModel"/>: it keeps only the final user and item
/// representations the model ranks with (LightGCN: layer means; BM3: the predictor applied to the online vectors),
/// so scoring needs neither the train graph nor the feature tables. Scores are inner products; similar items are
/// ranked by cosine of the item representations.
/// </summary>
public sealed class GraphRecallModel : IRecallModel
{
    private readonly EmbeddingDotScorer scorer;
    private readonly float[] unitItems;

    /// <param name="users">Final user representations [U, d].</param>
    /// <param name="items">Final item representations [NumItems + 1, d] (row 0 padding).</param>
    public GraphRecallModel(string name, JsonObject config, IdVocabulary vocabulary, Tensor users, Tensor items)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(vocabulary);
        scorer = new EmbeddingDotScorer(users, items);
        if (scorer.NumUsers != vocabulary.NumUsers || scorer.NumItems != vocabulary.NumItems)
            throw new InvalidDataException($"{name}: the representations cover {scorer.NumUsers} users and {scorer.NumItems} items, the vocabulary {vocabulary.NumUsers} and {vocabulary.NumItems}");
        Name = name;
        Config = config;
        Vocabulary = vocabulary;
        using var noGrad = torch.NoGrad();
        using var scope = torch.NewDisposeScope();
        unitItems = items.To(ScalarType.Float32).Contiguous().ToArray<float>();
        Dim = scorer.Dim;
        for (int i = 0; i <= NumItems; i++)
        {
            var row = unitItems.AsSpan(i * Dim, Dim);
            float norm = MathF.Sqrt(EmbeddingDotScorer.Dot(row, row));
            if (norm > 0) foreach (ref float x in row) x /= norm;
        }
    }

    public string Name { get; }
    public string Family => ModelFolder.Graph;
    public JsonObject Config { get; }
    public IdVocabulary Vocabulary { get; }
    public bool NeedsKnownUser => true;
    public int NumItems => scorer.NumItems;
    public int NumUsers => scorer.NumUsers;
    public int Dim { get; }

    public void ScoreAll(EvaluationCase user, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.User < 0)
            throw new ArgumentException($"{Name} scores only users it was trained with (one learned vector per user); this request has no known user");
        scorer.ScoreAll(user, scores);
    }

    public TopKResult SimilarItems(int item, int k)
    {
        if (item < 1 || item > NumItems) throw new ArgumentOutOfRangeException(nameof(item), item, $"internal item ids are 1..{NumItems}");
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var selector = new TopKSelector(k);
        selector.Reset(k);
        var query = unitItems.AsSpan(item * Dim, Dim);
        for (int other = 1; other <= NumItems; other++)
        {
            if (other == item) continue;
            selector.Offer(other, EmbeddingDotScorer.Dot(query, unitItems.AsSpan(other * Dim, Dim)));
        }
        var ids = new int[k];
        var wide = new double[k];
        int n = selector.Drain(ids, wide);
        var scores = new float[k];
        for (int j = 0; j < k; j++)
        {
            if (j < n) scores[j] = (float)wide[j];
            else { ids[j] = TopKResult.NoItem; scores[j] = float.NegativeInfinity; }
        }
        return new TopKResult(1, k, ids, scores);
    }

    public void Dispose() { }
}
