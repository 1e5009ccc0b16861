using RecSharp.Data.Splits;

namespace RecSharp.Models;

/// <summary>
/// A fitted model that scores the whole catalogue for one evaluation case (a user and the history the protocol
/// gives it). The protocol evaluators rank, mask and sample from these scores, so a model never needs to know
/// which protocol it is evaluated under. Implementations must be safe to call from several threads at once.
/// </summary>
public interface IItemScorer
{
    /// <summary>Real items are 1..NumItems; score arrays have NumItems + 1 entries (entry 0 is padding and ignored).</summary>
    int NumItems { get; }

    /// <summary>Writes a score for every item 0..NumItems into <paramref name="scores"/>; higher is better.</summary>
    void ScoreAll(EvaluationCase user, Span<float> scores);
}
