using RecSharp.Data.Splits;

namespace RecSharp.Models.CollaborativeFiltering;

/// <summary>
/// Lets the protocol evaluators score with a fitted ItemCF or UserCF model. ItemCF scores from the case's history
/// when the protocol gives one (P1: the last L items; P2: the train items) and from the user's training items
/// otherwise (P3), so it also serves users it never saw. UserCF needs the user's neighbours, so the user must be in
/// the training data. Unreached items score 0, as in <see cref="CfModel.Score"/>.
/// </summary>
public sealed class CfItemScorer : IItemScorer
{
    private readonly CfModel model;

    public CfItemScorer(CfModel model) => this.model = model ?? throw new ArgumentNullException(nameof(model));

    public int NumItems => model.Interactions.ItemCount;

    public void ScoreAll(EvaluationCase user, Span<float> scores)
    {
        if (scores.Length != NumItems + 1)
            throw new ArgumentException($"scores has {scores.Length} entries; expected NumItems + 1 = {NumItems + 1}", nameof(scores));
        scores.Clear();
        var neighbourLists = model.Neighbours;
        if (model is ItemCf)
        {
            ReadOnlySpan<int> items = user.History.Length > 0 ? user.History
                : (uint)user.User < (uint)model.Interactions.UserCount ? model.Interactions.ItemsOf(user.User) : [];
            foreach (int item in items)
            {
                if (item < 1 || item > NumItems) continue; // an item the model never saw has no neighbours
                var neighbours = neighbourLists.NeighboursOf(item);
                var sims = neighbourLists.ScoresOf(item);
                for (int k = 0; k < neighbours.Length; k++) scores[neighbours[k]] += (float)sims[k];
            }
        }
        else
        {
            if ((uint)user.User >= (uint)model.Interactions.UserCount)
                throw new ArgumentException($"UserCF cannot score user {user.User}: it is not in the training data (0..{model.Interactions.UserCount - 1})");
            var neighbours = neighbourLists.NeighboursOf(user.User);
            var sims = neighbourLists.ScoresOf(user.User);
            for (int k = 0; k < neighbours.Length; k++)
                foreach (int item in model.Interactions.ItemsOf(neighbours[k])) scores[item] += (float)sims[k];
        }
    }
}
