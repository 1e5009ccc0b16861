using RecSharp.Torch;

namespace RecSharp.Retrieval;

/// <summary>
/// Scores of the users <paramref name="firstUser"/> .. firstUser + userCount - 1 against every item: a
/// [userCount, itemCount] float tensor (for pointwise models whose scores are not a dot product of vectors).
/// The returned tensor may be modified in place by the caller; it is freed by the caller's dispose scope.
/// </summary>
public delegate Tensor BlockScorer(int firstUser, int userCount);

/// <summary>
/// Top-K over full score rows, computed block by block of users so that only a [block, items] matrix exists at
/// a time. In each block the padding column and each user's excluded items are set to -inf before libtorch's
/// topk; -inf entries in the result are reported as empty slots (id -1), so an item whose real score is -inf is
/// never recommended.
/// </summary>
public static class BlockTopK
{
    /// <summary>Default bound on a block's score matrix: 16M scores (64 MB of float32).</summary>
    public const long DefaultMaxBlockElements = 1L << 24;

    /// <summary>Users per block so that a block's score matrix stays within <paramref name="maxBlockElements"/>.</summary>
    public static int AutoBlockSize(int itemCount, long maxBlockElements = DefaultMaxBlockElements) =>
        (int)Math.Clamp(maxBlockElements / Math.Max(itemCount, 1), 1, int.MaxValue);

    /// <summary>Runs <paramref name="scorer"/> over all users in blocks and keeps each user's top <paramref name="k"/>.</summary>
    /// <param name="paddingItem">Item id that is never returned (P1/P3: 0), or null when every id is a real item (P2).</param>
    /// <param name="exclude">Per-user item ids never returned (e.g. the user's training items); must have <paramref name="userCount"/> rows.</param>
    /// <param name="blockSize">Users per block; null picks <see cref="AutoBlockSize"/>.</param>
    public static TopKResult Run(BlockScorer scorer, int userCount, int itemCount, int k,
        ItemSets? exclude = null, int? paddingItem = 0, int? blockSize = null)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        if (userCount < 0) throw new ArgumentOutOfRangeException(nameof(userCount), userCount, "cannot be negative");
        if (itemCount < 1) throw new ArgumentOutOfRangeException(nameof(itemCount), itemCount, "the item table is empty");
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be at least 1 but was {k}");
        if (exclude is not null && exclude.Count != userCount)
            throw new ArgumentException($"the exclusion sets have {exclude.Count} rows but there are {userCount} users", nameof(exclude));
        int block = blockSize ?? AutoBlockSize(itemCount);
        if (block < 1) throw new ArgumentOutOfRangeException(nameof(blockSize), block, "a block needs at least one user");

        var ids = new int[checked(userCount * k)];
        var scores = new float[ids.Length];
        Array.Fill(ids, TopKResult.NoItem);
        Array.Fill(scores, float.NegativeInfinity);
        int depth = Math.Min(k, itemCount);

        using var noGrad = torch.NoGrad();
        for (int start = 0; start < userCount; start += block)
        {
            int count = Math.Min(block, userCount - start);
            using var scope = torch.NewDisposeScope();
            var blockScores = scorer(start, count);
            CheckShape(blockScores, count, itemCount);
            if (blockScores.DType != ScalarType.Float32) blockScores = blockScores.To(ScalarType.Float32);
            else blockScores = blockScores.Contiguous(); // masking writes through a flat view
            MaskBlock(blockScores, start, count, itemCount, exclude, paddingItem);
            var (values, indices) = blockScores.TopK(depth, 1);
            CopyRows(values.ToArray<float>(), indices.ToArray<long>(), start, count, depth, ids.AsSpan(start * k), scores.AsSpan(start * k), k);
        }
        return new TopKResult(userCount, k, ids, scores);
    }

    private static void CheckShape(Tensor blockScores, int users, int items)
    {
        var shape = blockScores.Shape;
        if (shape.Length != 2 || shape[0] != users || shape[1] != items)
            throw new ArgumentException(
                $"the scorer returned a tensor of shape [{string.Join(", ", shape)}] but [{users}, {items}] (users in the block x items) was expected");
    }

    private static void MaskBlock(Tensor blockScores, int firstUser, int users, int itemCount, ItemSets? exclude, int? paddingItem)
    {
        var flat = new List<long>();
        if (paddingItem is int pad)
        {
            if ((uint)pad >= (uint)itemCount)
                throw new ArgumentOutOfRangeException(nameof(paddingItem), pad, $"the padding item must be an item id in [0, {itemCount})");
            for (int i = 0; i < users; i++) flat.Add((long)i * itemCount + pad);
        }
        if (exclude is not null)
        {
            for (int i = 0; i < users; i++)
            {
                foreach (var item in exclude[firstUser + i])
                {
                    if ((uint)item >= (uint)itemCount)
                        throw new ArgumentException($"excluded item {item} of user row {firstUser + i} is not an item id in [0, {itemCount})", nameof(exclude));
                    flat.Add((long)i * itemCount + item);
                }
            }
        }
        if (flat.Count == 0) return;
        using var index = torch.Tensor(flat.ToArray());
        using var minusInf = torch.Full([flat.Count], double.NegativeInfinity);
        using var view = blockScores.View(-1);
        view.IndexPut_(index, minusInf);
    }

    private static void CopyRows(float[] values, long[] indices, int firstUser, int users, int depth, Span<int> ids, Span<float> scores, int k)
    {
        for (int i = 0; i < users; i++)
        {
            for (int j = 0; j < depth; j++)
            {
                float v = values[i * depth + j];
                if (float.IsNegativeInfinity(v)) break; // only masked (or -inf) items remain in this row
                // libtorch's topk ranks NaN above everything, so a broken model would silently fill the list.
                if (float.IsNaN(v))
                    throw new InvalidOperationException($"the score of item {indices[i * depth + j]} for user row {firstUser + i} is NaN");
                ids[i * k + j] = checked((int)indices[i * depth + j]);
                scores[i * k + j] = v;
            }
        }
    }
}
