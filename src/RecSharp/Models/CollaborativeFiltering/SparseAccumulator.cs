using System.Diagnostics;

namespace RecSharp.Models.CollaborativeFiltering;

/// <summary>
/// Dense scratch vector that remembers which entries were touched, so that clearing and scanning cost
/// only the touched entries. Every added value must be positive (co-occurrence weights and similarities
/// are), so an entry still at 0 is untouched: the check reads the cache line the add writes anyway.
/// One instance per worker thread; never shared.
/// </summary>
internal sealed class SparseAccumulator
{
    private readonly double[] _values;
    private readonly int[] _touched;
    private int _touchedCount;

    public SparseAccumulator(int size)
    {
        _values = new double[size];
        _touched = new int[size];
    }

    /// <summary>Entries added to since the last <see cref="Clear"/>, in first-touch order.</summary>
    public ReadOnlySpan<int> Touched => _touched.AsSpan(0, _touchedCount);

    public double this[int index] => _values[index];

    public void Add(int index, double value)
    {
        Debug.Assert(value > 0, "SparseAccumulator only accumulates positive values.");
        ref double slot = ref _values[index];
        if (slot == 0.0) _touched[_touchedCount++] = index;
        slot += value;
    }

    public void Clear()
    {
        foreach (int index in Touched) _values[index] = 0.0;
        _touchedCount = 0;
    }
}
