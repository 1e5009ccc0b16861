using System.Numerics;
using RecSharp.Data.Splits;
using RecSharp.Torch;

namespace RecSharp.Models.MatrixFactorization;

/// <summary>
/// Ranks by the inner product of a user row and every item row of two embedding tables, snapshotted as managed
/// arrays when the scorer is made (so evaluation never crosses into the engine per user, and worker threads share
/// nothing mutable). One call costs NumItems dot products of length Dim.
/// </summary>
public sealed class EmbeddingDotScorer : IItemScorer
{
    private readonly float[] users;
    private readonly float[] items;

    /// <summary><paramref name="userTable"/> [U, d]; <paramref name="itemTable"/> [NumItems + 1, d] (row 0 padding).</summary>
    public EmbeddingDotScorer(Tensor userTable, Tensor itemTable)
    {
        ArgumentNullException.ThrowIfNull(userTable);
        ArgumentNullException.ThrowIfNull(itemTable);
        var us = userTable.Shape;
        var its = itemTable.Shape;
        if (us.Length != 2 || its.Length != 2 || us[1] != its[1])
            throw new ArgumentException($"expected user [U, d] and item [N + 1, d] tables, got [{string.Join(", ", us)}] and [{string.Join(", ", its)}]");
        if (its[0] < 2) throw new ArgumentException("the item table needs the padding row and at least one item", nameof(itemTable));
        NumUsers = checked((int)us[0]);
        NumItems = checked((int)its[0] - 1);
        Dim = checked((int)us[1]);
        using var noGrad = torch.NoGrad();
        using var scope = torch.NewDisposeScope();
        users = userTable.Detach().To(ScalarType.Float32).Contiguous().ToArray<float>();
        items = itemTable.Detach().To(ScalarType.Float32).Contiguous().ToArray<float>();
    }

    /// <summary>A scorer over a trained <see cref="BprMf"/>'s current tables.</summary>
    public static EmbeddingDotScorer From(BprMf model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new EmbeddingDotScorer(model.UserEmbedding.Weight, model.ItemEmbedding.Weight);
    }

    public int NumUsers { get; }
    public int NumItems { get; }
    public int Dim { get; }

    public void ScoreAll(EvaluationCase user, Span<float> scores)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (scores.Length != NumItems + 1)
            throw new ArgumentException($"scores has {scores.Length} entries; expected NumItems + 1 = {NumItems + 1}", nameof(scores));
        if (user.User < 0 || user.User >= NumUsers)
            throw new ArgumentOutOfRangeException(nameof(user), user.User, $"user {user.User} is outside the model's 0..{NumUsers - 1}");
        ReadOnlySpan<float> u = users.AsSpan(user.User * Dim, Dim);
        ReadOnlySpan<float> table = items;
        for (int item = 0; item <= NumItems; item++) scores[item] = Dot(u, table.Slice(item * Dim, Dim));
    }

    /// <summary>SIMD dot product (Vector&lt;float&gt; lanes, then the tail).</summary>
    internal static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int width = Vector<float>.Count, k = 0;
        var sum = Vector<float>.Zero;
        for (; k <= a.Length - width; k += width) sum += new Vector<float>(a.Slice(k, width)) * new Vector<float>(b.Slice(k, width));
        float total = Vector.Sum(sum);
        for (; k < a.Length; k++) total += a[k] * b[k];
        return total;
    }
}
