namespace RecSharp.Models.CollaborativeFiltering;

/// <summary>
/// Dense scratch vector that remembers which entries were touched, so that clearing costs only the
/// touched entries. One instance per worker thread; never shared.
/// </summary>
internal sealed class SparseAccumulator
{
    private readonly double[] _values;
    private readonly bool[] _isTouched;
    private readonly int[] _touched;
    private int _touchedCount;

    public SparseAccumulator(int size)
    {
        _values = new double[size];
        _isTouched = new bool[size];
        _touched = new int[size];
    }

    /// <summary>Entries added to since the last <see cref="Clear"/>, in first-touch order.</summary>
    public ReadOnlySpan<int> Touched => _touched.AsSpan(0, _touchedCount);

    public double this[int index] => _values[index];

    public bool IsTouched(int index) => _isTouched[index];

    public void Add(int index, double value)
    {
        if (!_isTouched[index])
        {
            _isTouched[index] = true;
            _touched[_touchedCount++] = index;
        }
        _values[index] += value;
    }

    public void Clear()
    {
        foreach (int index in Touched)
        {
            _values[index] = 0.0;
            _isTouched[index] = false;
        }
        _touchedCount = 0;
    }
}
