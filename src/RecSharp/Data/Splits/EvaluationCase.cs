namespace RecSharp.Data.Splits;

/// <summary>
/// One user to evaluate, in internal ids (users 0..U-1, items 1..N).
/// <list type="bullet">
/// <item><description>P1 (sequential, user split): <see cref="History"/> = the last L items before the cut
/// (oldest first, unpadded, 1..L items); <see cref="Targets"/> = all items from the cut to the end, each once,
/// in time order; <see cref="Negatives"/> = null (full-catalogue retrieval).</description></item>
/// <item><description>P2 (leave-one-out): <see cref="Targets"/> = the one held-out item; <see cref="Negatives"/> =
/// its sampled negatives (99 by default; NCF files are kept as given, quirks included); <see cref="History"/> =
/// the user's train items in time order (the same as <c>Split.Train[User]</c>).</description></item>
/// <item><description>P3 (full ranking, holdout): <see cref="Targets"/> = the held-out items, each once;
/// <see cref="History"/> is empty: the items to exclude from ranking are <c>Split.Train[User]</c>
/// (and, with the exclude-validation option, the user's validation targets).</description></item>
/// </list>
/// </summary>
/// <param name="User">Internal user id.</param>
/// <param name="History">Items the model reads to build the user vector (protocol-specific, see above).</param>
/// <param name="Targets">Held-out items that count as hits.</param>
/// <param name="Negatives">Candidate negatives for sampled ranking (P2), otherwise null.</param>
public sealed record EvaluationCase(int User, int[] History, int[] Targets, int[]? Negatives = null);
