using RecSharp.Data.Splits;

namespace RecSharp.Data.Sampling;

/// <summary>
/// Draws items uniformly from 1..N that are not among a user's positives. Positives are kept per user as a
/// sorted, distinct array, so membership is a binary search. Sparse users are served by rejection sampling;
/// when a user holds most of the catalogue the sampler switches to picking the r-th non-positive directly,
/// so it never loops forever and never returns a positive.
/// </summary>
public sealed class NegativeSampler
{
    private const int RejectionTries = 64;
    private readonly int[] _offsets;
    private readonly int[] _positives;

    /// <summary>Positives are the union of the given per-user lists (all must cover the same users).</summary>
    public NegativeSampler(int numItems, params UserItemLists[] positives)
    {
        if (positives.Length == 0)
        {
            throw new ArgumentException("at least one list of positives is needed", nameof(positives));
        }

        NumItems = numItems;
        var numUsers = positives[0].NumUsers;
        _offsets = new int[numUsers + 1];
        var merged = new List<int>();
        var scratch = new List<int>();
        for (var u = 0; u < numUsers; u++)
        {
            scratch.Clear();
            foreach (var list in positives)
            {
                if (list.NumUsers != numUsers)
                {
                    throw new ArgumentException($"all lists must have {numUsers} users; one has {list.NumUsers}", nameof(positives));
                }

                foreach (var item in list[u])
                {
                    if (item < 1 || item > numItems)
                    {
                        throw new ArgumentOutOfRangeException(nameof(positives), item, $"user {u} has item {item}, outside 1..{numItems}");
                    }

                    scratch.Add(item);
                }
            }

            scratch.Sort();
            for (var k = 0; k < scratch.Count; k++)
            {
                if (k == 0 || scratch[k] != scratch[k - 1])
                {
                    merged.Add(scratch[k]);
                }
            }

            _offsets[u + 1] = merged.Count;
        }

        _positives = merged.ToArray();
    }

    public int NumItems { get; }
    public int NumUsers => _offsets.Length - 1;

    /// <summary>The user's distinct positives, ascending.</summary>
    public ReadOnlySpan<int> Positives(int user) => _positives.AsSpan(_offsets[user], _offsets[user + 1] - _offsets[user]);

    public bool IsPositive(int user, int item) => Positives(user).BinarySearch(item) >= 0;

    /// <summary>How many items the user has not interacted with.</summary>
    public int AvailableNegatives(int user) => NumItems - Positives(user).Length;

    /// <summary>One negative item for <paramref name="user"/>.</summary>
    public int Sample(int user, SeededRandom random)
    {
        var positives = Positives(user);
        if (positives.Length >= NumItems)
        {
            throw new InvalidOperationException($"user {user} has interacted with all {NumItems} items: no negative exists");
        }

        // Rejection is cheap while the user holds a small share of the catalogue.
        if (positives.Length * 2 < NumItems)
        {
            for (var t = 0; t < RejectionTries; t++)
            {
                var candidate = random.NextInt(NumItems) + 1;
                if (positives.BinarySearch(candidate) < 0)
                {
                    return candidate;
                }
            }
        }

        return NthNegative(positives, random.NextInt(NumItems - positives.Length));
    }

    /// <summary>Fills <paramref name="destination"/> with distinct negatives (e.g. the 99 of P2).</summary>
    public void SampleDistinct(int user, Span<int> destination, SeededRandom random)
    {
        var positives = Positives(user);
        var available = NumItems - positives.Length;
        if (destination.Length > available)
        {
            throw new InvalidOperationException($"user {user} has only {available} non-interacted items; {destination.Length} distinct negatives were requested");
        }

        if (destination.Length * 4 <= available)
        {
            for (var k = 0; k < destination.Length; k++)
            {
                int candidate;
                do
                {
                    candidate = Sample(user, random);
                }
                while (destination[..k].Contains(candidate));

                destination[k] = candidate;
            }

            return;
        }

        // Dense case: partial Fisher-Yates over the ranks of all negatives.
        var ranks = new int[available];
        for (var r = 0; r < available; r++)
        {
            ranks[r] = r;
        }

        for (var k = 0; k < destination.Length; k++)
        {
            var j = k + random.NextInt(available - k);
            (ranks[k], ranks[j]) = (ranks[j], ranks[k]);
            destination[k] = NthNegative(positives, ranks[k]);
        }
    }

    /// <summary>The <paramref name="rank"/>-th (0-based) item of 1..N that is not in the sorted <paramref name="positives"/>.</summary>
    private static int NthNegative(ReadOnlySpan<int> positives, int rank)
    {
        var candidate = rank + 1;
        foreach (var p in positives)
        {
            if (p <= candidate)
            {
                candidate++;
            }
            else
            {
                break;
            }
        }

        return candidate;
    }
}
