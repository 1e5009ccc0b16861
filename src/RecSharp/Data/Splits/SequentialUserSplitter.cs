using System.Globalization;
using RecSharp.Data.Dataset;

namespace RecSharp.Data.Splits;

/// <summary>Options of P1 (defaults as in docs/PROTOCOLS.md).</summary>
public sealed record SequentialSplitOptions
{
    public long Seed { get; init; } = 2020;
    /// <summary>L: how many items before the cut a validation/test history keeps.</summary>
    public int MaxLength { get; init; } = 20;
    public double TrainFraction { get; init; } = 0.8;
    public double ValidationFraction { get; init; } = 0.1;
    /// <summary>Validation/test cut: k = floor(EvaluationCut * len).</summary>
    public double EvaluationCut { get; init; } = 0.8;
}

/// <summary>
/// P1 (ComiRec): users are shuffled with the seed and split 8:1:1. Train users keep their whole sequence
/// (training samples are cut per epoch by <see cref="Sampling.SequenceBatchIterator"/>). Each validation/test
/// user is cut at k = floor(0.8 * len): history = the last L items before k, targets = items k..end (each once).
/// Users in the train share are counted by floor(0.8 * U), validation by floor(0.1 * U), test takes the rest.
/// </summary>
public static class SequentialUserSplitter
{
    public static DataSplit Split(InteractionDataset data, SequentialSplitOptions? options = null)
    {
        options ??= new SequentialSplitOptions();
        var users = Enumerable.Range(0, data.NumUsers).Where(u => data.Length(u) > 0).ToArray();
        var notes = new List<string>();
        var withoutRows = data.NumUsers - users.Length;
        if (withoutRows > 0)
        {
            notes.Add($"{withoutRows} user(s) without interactions are in no part");
        }

        new SeededRandom(options.Seed).Shuffle(users.AsSpan());
        var trainCount = (int)Math.Floor(options.TrainFraction * users.Length);
        var validationCount = (int)Math.Floor(options.ValidationFraction * users.Length);
        var trainUsers = users[..trainCount];
        var validationUsers = users[trainCount..(trainCount + validationCount)];
        var testUsers = users[(trainCount + validationCount)..];
        Array.Sort(trainUsers);
        Array.Sort(validationUsers);
        Array.Sort(testUsers);

        var lists = new int[]?[data.NumUsers];
        foreach (var u in trainUsers)
        {
            lists[u] = data.Sequence(u).ToArray();
        }

        var validation = Cases(data, validationUsers, options, notes, "validation");
        var test = Cases(data, testUsers, options, notes, "test");
        return new DataSplit
        {
            Protocol = SplitProtocol.P1SequentialUserSplit,
            NumUsers = data.NumUsers,
            NumItems = data.NumItems,
            Train = UserItemLists.FromLists(lists),
            TrainUsers = trainUsers,
            Validation = validation,
            Test = test,
            Settings = new Dictionary<string, string>
            {
                ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
                ["max_length"] = options.MaxLength.ToString(CultureInfo.InvariantCulture),
                ["user_split"] = string.Create(CultureInfo.InvariantCulture, $"{options.TrainFraction}:{options.ValidationFraction}:{1 - options.TrainFraction - options.ValidationFraction:0.##}"),
                ["evaluation_cut"] = options.EvaluationCut.ToString(CultureInfo.InvariantCulture),
            },
            Notes = notes,
        };
    }

    /// <summary>The P1 evaluation case of one sequence: cut at floor(cut * len), last L items before it, distinct targets after it.</summary>
    public static EvaluationCase? Cut(int user, ReadOnlySpan<int> sequence, int maxLength, double cut = 0.8)
    {
        var k = (int)Math.Floor(cut * sequence.Length);
        if (k < 1 || k >= sequence.Length)
        {
            return null;
        }

        var start = Math.Max(0, k - maxLength);
        var history = sequence[start..k].ToArray();
        var targets = new List<int>(sequence.Length - k);
        var seen = new HashSet<int>();
        foreach (var item in sequence[k..])
        {
            if (seen.Add(item))
            {
                targets.Add(item);
            }
        }

        return new EvaluationCase(user, history, targets.ToArray());
    }

    private static List<EvaluationCase> Cases(InteractionDataset data, int[] users, SequentialSplitOptions options, List<string> notes, string part)
    {
        var cases = new List<EvaluationCase>(users.Length);
        var tooShort = 0;
        foreach (var u in users)
        {
            var c = Cut(u, data.Sequence(u), options.MaxLength, options.EvaluationCut);
            if (c is null)
            {
                tooShort++;
            }
            else
            {
                cases.Add(c);
            }
        }

        if (tooShort > 0)
        {
            notes.Add($"{tooShort} {part} user(s) have too few items for a cut with a non-empty history and targets (not evaluated)");
        }

        return cases;
    }
}
