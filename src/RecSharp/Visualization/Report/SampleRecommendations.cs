using RecSharp.Data.Dataset;
using RecSharp.Data.Loaders;
using RecSharp.Data.Splits;
using RecSharp.Models;

namespace RecSharp.Visualization.Report;

/// <summary>An item shown in the report, in external ids, with its title and categories when metadata has them.</summary>
public sealed record ShownItem(long Id, string? Title, string[] Categories, float? Score = null)
{
    public string Label => Title ?? $"item {Id}";
}

/// <summary>One user's recent history and the model's top recommendations after it.</summary>
public sealed record UserRecommendations(long User, int HistoryLength, IReadOnlyList<ShownItem> RecentHistory, IReadOnlyList<ShownItem> Recommendations);

/// <summary>
/// Recommendations for a few users, for people to read: any <see cref="IRecallModel"/> scores the whole catalogue
/// after the user's whole history in the data (items the model does not know are skipped), the history is excluded,
/// and the best k are shown with titles.
/// </summary>
public static class SampleRecommendations
{
    /// <summary>
    /// Picks <paramref name="users"/> users by a seeded shuffle of the data's users (only users with a known item,
    /// and known to the model when it needs that), and recommends <paramref name="k"/> items to each.
    /// </summary>
    public static IReadOnlyList<UserRecommendations> For(IRecallModel model, InteractionDataset data, ItemMetadata? metadata, int users, int k, int seed = 42, int recent = 5)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (users < 1) throw new ArgumentOutOfRangeException(nameof(users), users, "at least one user");
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "at least one recommendation");
        var order = Enumerable.Range(0, data.NumUsers).ToArray();
        new Random(seed).Shuffle(order);
        var result = new List<UserRecommendations>(users);
        var scores = new float[model.NumItems + 1];
        foreach (int u in order)
        {
            if (result.Count == users) break;
            long external = data.Vocabulary.ExternalUser(u);
            int modelUser = model.Vocabulary.TryUser(external, out int known) ? known : -1;
            if (modelUser < 0 && model.NeedsKnownUser) continue;
            var history = new List<int>();
            foreach (int item in data.Sequence(u))
                if (model.Vocabulary.TryItem(data.Vocabulary.ExternalItem(item), out int mapped)) history.Add(mapped);
            if (history.Count == 0) continue;
            model.ScoreAll(new EvaluationCase(modelUser, history.ToArray(), []), scores);
            var seen = history.ToHashSet();
            var best = Enumerable.Range(1, model.NumItems).Where(i => !seen.Contains(i) && float.IsFinite(scores[i]))
                .OrderByDescending(i => scores[i]).ThenBy(i => i).Take(k)
                .Select(i => Show(model.Vocabulary.ExternalItem(i), metadata, scores[i])).ToList();
            var last = history.Skip(Math.Max(0, history.Count - recent)).Select(i => Show(model.Vocabulary.ExternalItem(i), metadata, null)).ToList();
            result.Add(new UserRecommendations(external, history.Count, last, best));
        }
        return result;
    }

    private static ShownItem Show(long id, ItemMetadata? metadata, float? score) =>
        metadata is not null && metadata.TryGet(id, out var info) ? new ShownItem(id, info.Title, info.Categories, score) : new ShownItem(id, null, [], score);
}
