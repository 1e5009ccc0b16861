namespace RecSharp.Models.CollaborativeFiltering;

/// <summary>
/// The kept neighbours of every row in compressed sparse rows: row r's neighbours are
/// Neighbours[Offsets[r]..Offsets[r+1]) with their similarities in Scores, best first
/// (higher similarity, then smaller id).
/// </summary>
internal sealed class SimilarityLists
{
    public SimilarityLists(int[] offsets, int[] neighbours, double[] scores)
    {
        Offsets = offsets;
        Neighbours = neighbours;
        Scores = scores;
    }

    public int[] Offsets { get; }
    public int[] Neighbours { get; }
    public double[] Scores { get; }

    public int RowCount => Offsets.Length - 1;

    public ReadOnlySpan<int> NeighboursOf(int row) => Neighbours.AsSpan(Offsets[row], Offsets[row + 1] - Offsets[row]);

    public ReadOnlySpan<double> ScoresOf(int row) => Scores.AsSpan(Offsets[row], Offsets[row + 1] - Offsets[row]);
}
