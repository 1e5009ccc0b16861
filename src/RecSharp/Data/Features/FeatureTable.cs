using RecSharp.Data.Dataset;
using RecSharp.Data.Loaders;
using RecSharp.Torch;

namespace RecSharp.Data.Features;

/// <summary>
/// One named item feature table aligned to a model's internal items: row i is internal item i (1..NumItems), row 0
/// is the padding item and is all zeros. Items the source has no row for also get a zero row; they are counted in
/// <see cref="MissingItems"/> so the caller can report them.
/// </summary>
public sealed class FeatureTable
{
    private readonly float[] values;

    public FeatureTable(string name, string source, float[] values, int numItems, int columns, int missingItems)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(values);
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "a feature table needs at least one column");
        if (values.Length != (long)(numItems + 1) * columns)
            throw new ArgumentException($"feature table '{name}' holds {values.Length} values; expected (NumItems + 1) x columns = {(numItems + 1)} x {columns}", nameof(values));
        Name = name;
        Source = source;
        this.values = values;
        NumItems = numItems;
        Columns = columns;
        MissingItems = missingItems;
    }

    public string Name { get; }
    /// <summary>Where the table came from (the --feature spec), for configs and logs.</summary>
    public string Source { get; }
    public int NumItems { get; }
    public int Columns { get; }
    /// <summary>Items without a row in the source (their row is zeros).</summary>
    public int MissingItems { get; }

    public ReadOnlySpan<float> Row(int item) => values.AsSpan(item * Columns, Columns);

    /// <summary>The table as a float32 tensor [NumItems + 1, Columns].</summary>
    public Tensor ToTensor() => torch.Tensor(values, NumItems + 1, Columns);

    /// <summary>
    /// Aligns <paramref name="matrix"/> to the vocabulary's internal items: internal item i takes the row
    /// <paramref name="rowOf"/> gives for its external id, or zeros (counted) when there is none.
    /// </summary>
    public static FeatureTable Align(string name, string source, FeatureMatrix matrix, Func<long, int?> rowOf, IdVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(rowOf);
        ArgumentNullException.ThrowIfNull(vocabulary);
        int n = vocabulary.NumItems, columns = matrix.Columns;
        var aligned = new float[(long)(n + 1) * columns];
        int missing = 0;
        for (int item = 1; item <= n; item++)
        {
            if (rowOf(vocabulary.ExternalItem(item)) is not { } row || row < 0 || row >= matrix.Rows)
            {
                missing++;
                continue;
            }
            matrix.Row(row).CopyTo(aligned.AsSpan(item * columns, columns));
        }
        return new FeatureTable(name, source, aligned, n, columns, missing);
    }

    public override string ToString() =>
        $"{Name}: {Columns} columns from {Source}" + (MissingItems > 0 ? $" ({MissingItems} of {NumItems} items have no row: zeros)" : "");
}
