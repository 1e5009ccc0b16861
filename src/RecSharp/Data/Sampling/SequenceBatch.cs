using RecSharp.Torch;

namespace RecSharp.Data.Sampling;

/// <summary>
/// A P1 training batch in reusable buffers: row b holds the history of sample b left-aligned (oldest first) in
/// <see cref="History"/>[b * L .. b * L + Lengths[b]) followed by 0-padding, with <see cref="Mask"/> 1 on real
/// positions and 0 on padding, and the item to predict in <see cref="Targets"/>. The spans are valid until the
/// iterator moves on; <see cref="ToTensors"/> copies them once into tensors.
/// </summary>
public sealed class SequenceBatch
{
    internal SequenceBatch(int capacity, int maxLength)
    {
        MaxLength = maxLength;
        UsersBuffer = new long[capacity];
        HistoryBuffer = new long[capacity * maxLength];
        MaskBuffer = new float[capacity * maxLength];
        LengthsBuffer = new long[capacity];
        TargetsBuffer = new long[capacity];
    }

    internal long[] UsersBuffer { get; }
    internal long[] HistoryBuffer { get; }
    internal float[] MaskBuffer { get; }
    internal long[] LengthsBuffer { get; }
    internal long[] TargetsBuffer { get; }

    /// <summary>Samples in this batch (the last batch of an epoch may be smaller than the batch size).</summary>
    public int Count { get; internal set; }
    public int MaxLength { get; }

    public ReadOnlySpan<long> Users => UsersBuffer.AsSpan(0, Count);
    /// <summary>Count x MaxLength item ids, row-major.</summary>
    public ReadOnlySpan<long> History => HistoryBuffer.AsSpan(0, Count * MaxLength);
    public ReadOnlySpan<float> Mask => MaskBuffer.AsSpan(0, Count * MaxLength);
    public ReadOnlySpan<long> Lengths => LengthsBuffer.AsSpan(0, Count);
    public ReadOnlySpan<long> Targets => TargetsBuffer.AsSpan(0, Count);

    /// <summary>History [B, L] int64, mask [B, L] float32, lengths [B] int64, targets [B] int64.</summary>
    public (Tensor History, Tensor Mask, Tensor Lengths, Tensor Targets) ToTensors() =>
        (torch.FromSpan(History, [Count, MaxLength]), torch.FromSpan(Mask, [Count, MaxLength]), torch.FromSpan(Lengths), torch.FromSpan(Targets));
}
