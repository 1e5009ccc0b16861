using RecSharp.Torch;

namespace RecSharp.Data.Sampling;

/// <summary>
/// (user, item, label) rows in reusable buffers: label 1 for an observed pair, 0 for a sampled negative (P2 BCE
/// training). Spans are valid until the iterator moves on; <see cref="ToTensors"/> copies them once.
/// </summary>
public sealed class PointwiseBatch
{
    internal PointwiseBatch(int capacity)
    {
        UsersBuffer = new long[capacity];
        ItemsBuffer = new long[capacity];
        LabelsBuffer = new float[capacity];
    }

    internal long[] UsersBuffer { get; }
    internal long[] ItemsBuffer { get; }
    internal float[] LabelsBuffer { get; }
    public int Count { get; internal set; }
    public ReadOnlySpan<long> Users => UsersBuffer.AsSpan(0, Count);
    public ReadOnlySpan<long> Items => ItemsBuffer.AsSpan(0, Count);
    public ReadOnlySpan<float> Labels => LabelsBuffer.AsSpan(0, Count);

    /// <summary>Users [B] int64, items [B] int64, labels [B] float32.</summary>
    public (Tensor Users, Tensor Items, Tensor Labels) ToTensors() => (torch.FromSpan(Users), torch.FromSpan(Items), torch.FromSpan(Labels));
}
