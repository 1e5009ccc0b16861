namespace RecSharp.Data.Sampling;

/// <summary>
/// One generator per (seed, epoch), so epoch e draws the same samples whether or not earlier epochs were
/// consumed completely (resuming from a checkpoint gives the same batches).
/// </summary>
internal static class EpochRandom
{
    public static SeededRandom For(long seed, int epoch) => new(unchecked(seed * 0x5851F42D4C957F2DL + epoch * 0x14057B7EF767814FL + 1));
}
