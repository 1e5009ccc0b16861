using System.Globalization;
using RecSharp.Data.Dataset;
using RecSharp.Data.Splits;
using RecSharp.Models;
using RecSharp.Retrieval;

namespace RecSharp.Serving;

/// <summary>
/// One recommendation request against a loaded <see cref="IRecallModel"/>, whatever its family: turns external ids
/// (a typed history or a user of the data) into the internal <see cref="EvaluationCase"/> the model scores, and
/// the model's scores into the top K items. The CLI's recommend command is a thin shell around this class.
/// </summary>
public static class RecallQuery
{
    /// <summary>Parses "ID,ID,..." (external item ids, oldest first) into the model's internal ids.</summary>
    public static int[] ParseHistory(string text, IdVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var items = new List<int>();
        foreach (var token in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out long external))
                throw new ArgumentException($"--history: '{token}' is not an item id (expected integers separated by commas)");
            if (!vocabulary.TryItem(external, out int item))
                throw new ArgumentException($"--history: item {external} was not in the training data ({vocabulary.NumItems} items known)");
            items.Add(item);
        }
        if (items.Count == 0) throw new ArgumentException("--history holds no item ids");
        return items.ToArray();
    }

    /// <summary>A request with only a history: refused by models that need a known user.</summary>
    public static EvaluationCase ForHistory(IRecallModel model, int[] history)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(history);
        if (model.NeedsKnownUser)
            throw new ArgumentException(
                $"{model.Name} scores a user of its training data (by that user's embedding or neighbours), so it cannot score a history alone: ask for a user of its training data with --user ID");
        return new EvaluationCase(-1, history, []);
    }

    /// <summary>
    /// A request for external user <paramref name="externalUser"/>: the user's items in <paramref name="data"/> in
    /// time order, mapped to the model's ids (items the model never saw are skipped), and the model's internal user
    /// (-1 when the model does not know the user and does not need to).
    /// </summary>
    public static EvaluationCase ForUser(IRecallModel model, InteractionDataset data, long externalUser)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (!data.Vocabulary.TryUser(externalUser, out int dataUser))
            throw new ArgumentException($"--user: user {externalUser} is not in {data.Source}");
        if (!model.Vocabulary.TryUser(externalUser, out int user))
        {
            if (model.NeedsKnownUser)
                throw new ArgumentException($"--user: user {externalUser} was not in the training data of {model.Name} ({model.Vocabulary.NumUsers} users known)");
            user = -1;
        }
        var items = new List<int>();
        foreach (var item in data.Sequence(dataUser))
            if (model.Vocabulary.TryItem(data.Vocabulary.ExternalItem(item), out int mapped)) items.Add(mapped);
        if (items.Count == 0 && !model.NeedsKnownUser)
            throw new ArgumentException($"--user: user {externalUser} has no item {model.Name} knows");
        return new EvaluationCase(user, items.ToArray(), []);
    }

    /// <summary>The <paramref name="k"/> items most similar to external item <paramref name="externalItem"/> by the model, best first.</summary>
    public static TopKResult Similar(IRecallModel model, long externalItem, int k)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, $"-k must be at least 1 (got {k})");
        if (!model.Vocabulary.TryItem(externalItem, out int item))
            throw new ArgumentException($"--item: item {externalItem} was not in the training data of {model.Name} ({model.Vocabulary.NumItems} items known)");
        return model.SimilarItems(item, k);
    }

    /// <summary>
    /// The model's top <paramref name="k"/> items for <paramref name="query"/>, best first (ties: smaller id first).
    /// Padding, items scored -inf or NaN, and (unless <paramref name="keepSeen"/>) the history's items are never returned.
    /// </summary>
    public static TopKResult Recommend(IRecallModel model, EvaluationCase query, int k, bool keepSeen = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(query);
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, $"-k must be at least 1 (got {k})");
        var scores = new float[model.NumItems + 1];
        model.ScoreAll(query, scores);
        scores[0] = float.NegativeInfinity;
        if (!keepSeen)
            foreach (var item in query.History)
                if (item >= 1 && item <= model.NumItems) scores[item] = float.NegativeInfinity;
        return Top(scores, k);
    }

    /// <summary>The best <paramref name="k"/> entries of <paramref name="scores"/> (entry 0 and non-finite-low scores skipped).</summary>
    internal static TopKResult Top(ReadOnlySpan<float> scores, int k)
    {
        var selector = new TopKSelector(k);
        selector.Reset(k);
        for (int item = 1; item < scores.Length; item++)
        {
            float s = scores[item];
            if (float.IsNaN(s) || float.IsNegativeInfinity(s)) continue;
            selector.Offer(item, s);
        }
        var ids = new int[selector.Count];
        var values = new double[ids.Length];
        selector.Drain(ids, values);
        return TopKResult.FromRows(k, [(ids, values.Select(v => (float)v).ToArray())]);
    }
}
