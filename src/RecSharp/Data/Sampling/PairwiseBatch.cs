using RecSharp.Torch;

namespace RecSharp.Data.Sampling;

/// <summary>(user, positive, negative) triples in reusable buffers for BPR-style losses.</summary>
public sealed class PairwiseBatch
{
    internal PairwiseBatch(int capacity)
    {
        UsersBuffer = new long[capacity];
        PositivesBuffer = new long[capacity];
        NegativesBuffer = new long[capacity];
    }

    internal long[] UsersBuffer { get; }
    internal long[] PositivesBuffer { get; }
    internal long[] NegativesBuffer { get; }
    public int Count { get; internal set; }
    public ReadOnlySpan<long> Users => UsersBuffer.AsSpan(0, Count);
    public ReadOnlySpan<long> Positives => PositivesBuffer.AsSpan(0, Count);
    public ReadOnlySpan<long> Negatives => NegativesBuffer.AsSpan(0, Count);

    /// <summary>Users, positives, negatives: each [B] int64.</summary>
    public (Tensor Users, Tensor Positives, Tensor Negatives) ToTensors() => (torch.FromSpan(Users), torch.FromSpan(Positives), torch.FromSpan(Negatives));
}
