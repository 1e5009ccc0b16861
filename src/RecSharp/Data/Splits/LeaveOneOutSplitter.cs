using System.Globalization;
using RecSharp.Data.Dataset;
using RecSharp.Data.Loaders;
using RecSharp.Data.Sampling;

namespace RecSharp.Data.Splits;

/// <summary>
/// P2 (NCF leave-one-out). From NCF files: train = rows of the .train.rating file, test = each .test.negative line
/// (held-out item and its negatives, kept exactly as given). From raw ratings: each user's latest interaction
/// (time order, ties by file order) is the test item and 99 negatives are drawn with the seed from items the user
/// never interacted with. Optionally the latest remaining train interaction becomes a validation item with its own
/// sampled negatives. Negatives are drawn by user in ascending order from one seeded generator, so a seed fixes them.
/// </summary>
public static class LeaveOneOutSplitter
{
    /// <param name="data">Interactions; each user's last item (time order) is the test item.</param>
    /// <param name="options">Seed, number of negatives, validation hold-out.</param>
    /// <param name="givenTestNegatives">
    /// Pre-sampled test negatives per user (S3-Rec's *_sample.txt), used as given instead of drawing them; users
    /// without a line get sampled ones.
    /// </param>
    public static DataSplit FromRatings(InteractionDataset data, LeaveOneOutOptions? options = null, IReadOnlyList<UserNegatives>? givenTestNegatives = null)
    {
        options ??= new LeaveOneOutOptions();
        var heldOut = options.HoldOutValidation ? 2 : 1;
        var train = new int[]?[data.NumUsers];
        var testTargets = new int?[data.NumUsers];
        var validationTargets = new int?[data.NumUsers];
        var tooShort = 0;
        for (var u = 0; u < data.NumUsers; u++)
        {
            var sequence = data.Sequence(u);
            if (sequence.Length <= heldOut)
            {
                train[u] = sequence.ToArray();
                tooShort += sequence.Length > 0 ? 1 : 0;
                continue;
            }

            testTargets[u] = sequence[^1];
            if (options.HoldOutValidation)
            {
                validationTargets[u] = sequence[^2];
            }

            train[u] = sequence[..^heldOut].ToArray();
        }

        var notes = new List<string>();
        if (tooShort > 0)
        {
            notes.Add($"{tooShort} user(s) with {heldOut} or fewer interactions are kept in train only (nothing to hold out)");
        }

        var sampler = new NegativeSampler(data.NumItems, new UserItemLists(data.Offsets, data.Items));
        var random = new SeededRandom(options.Seed);
        var test = new List<EvaluationCase>();
        var validation = new List<EvaluationCase>();
        var given = new Dictionary<int, int[]>();
        foreach (var line in givenTestNegatives ?? [])
        {
            given[data.Vocabulary.User(line.User)] = line.Negatives.Select(data.Vocabulary.Item).ToArray();
        }

        for (var u = 0; u < data.NumUsers; u++)
        {
            if (validationTargets[u] is { } v)
            {
                validation.Add(new EvaluationCase(u, train[u]!, [v], Negatives(sampler, u, options.NumNegatives, random)));
            }

            if (testTargets[u] is { } t)
            {
                var negatives = given.TryGetValue(u, out var fromFile) ? fromFile : Negatives(sampler, u, options.NumNegatives, random);
                test.Add(new EvaluationCase(u, train[u]!, [t], negatives));
            }
        }

        return Result(data, train, validation, test, options, given.Count > 0 ? "sample file (sampled for users without a line)" : "raw ratings", notes);
    }

    /// <summary>
    /// From an NCF data set (rows labelled Train/Test, ids identity-mapped) and its .test.negative lines.
    /// The test cases come from the negative lines in file order (sorted by user afterwards).
    /// </summary>
    public static DataSplit FromNcf(InteractionDataset data, IReadOnlyList<NcfNegativeLine> negativeLines, LeaveOneOutOptions? options = null)
    {
        options ??= new LeaveOneOutOptions();
        if (!data.HasSplitLabels)
        {
            throw new InvalidOperationException($"{data.Source}: NCF data must carry train/test labels");
        }

        var train = new int[]?[data.NumUsers];
        var trainCount = 0;
        for (var u = 0; u < data.NumUsers; u++)
        {
            var items = data.Sequence(u);
            var labels = data.SequenceLabels(u);
            var list = new List<int>();
            for (var k = 0; k < items.Length; k++)
            {
                if (labels[k] == SplitLabel.Train)
                {
                    list.Add(items[k]);
                }
            }

            train[u] = list.ToArray();
            trainCount += list.Count;
        }

        if (trainCount == 0)
        {
            throw new InvalidOperationException($"{data.Source}: no train rows (the .train.rating file is missing); P2 cannot train on this folder");
        }

        var notes = new List<string>();
        var validation = new List<EvaluationCase>();
        var sampler = new NegativeSampler(data.NumItems, new UserItemLists(data.Offsets, data.Items));
        var random = new SeededRandom(options.Seed);
        if (options.HoldOutValidation)
        {
            var tooShort = 0;
            for (var u = 0; u < data.NumUsers; u++)
            {
                var list = train[u]!;
                if (list.Length < 2)
                {
                    tooShort += list.Length;
                    continue;
                }

                validation.Add(new EvaluationCase(u, list[..^1], [list[^1]], Negatives(sampler, u, options.NumNegatives, random)));
                train[u] = list[..^1];
            }

            if (tooShort > 0)
            {
                notes.Add($"{tooShort} user(s) with a single train interaction get no validation item");
            }
        }

        var vocabulary = data.Vocabulary;
        var test = new List<EvaluationCase>(negativeLines.Count);
        foreach (var line in negativeLines)
        {
            var u = vocabulary.User(line.User);
            var negatives = line.Negatives.Select(vocabulary.Item).ToArray();
            test.Add(new EvaluationCase(u, train[u]!, [vocabulary.Item(line.Item)], negatives));
        }

        test.Sort((a, b) => a.User.CompareTo(b.User));
        notes.AddRange(HoldoutSplitter.HeldOutNotes(data.NumItems, train, test.Concat(validation)));
        return Result(data, train, validation, test, options, ".test.negative file", notes);
    }

    private static int[] Negatives(NegativeSampler sampler, int user, int count, SeededRandom random)
    {
        var negatives = new int[Math.Min(count, sampler.AvailableNegatives(user))];
        sampler.SampleDistinct(user, negatives, random);
        return negatives;
    }

    private static DataSplit Result(InteractionDataset data, int[]?[] train, List<EvaluationCase> validation, List<EvaluationCase> test, LeaveOneOutOptions options, string negativesFrom, List<string> notes)
    {
        var short99 = test.Concat(validation).Count(c => c.Negatives!.Length < options.NumNegatives);
        if (short99 > 0 && negativesFrom != ".test.negative file")
        {
            notes.Add($"{short99} case(s) have fewer than {options.NumNegatives} negatives (the user interacted with almost every item)");
        }

        return new DataSplit
        {
            Protocol = SplitProtocol.P2LeaveOneOut,
            NumUsers = data.NumUsers,
            NumItems = data.NumItems,
            Train = UserItemLists.FromLists(train),
            TrainUsers = Enumerable.Range(0, data.NumUsers).Where(u => train[u] is { Length: > 0 }).ToArray(),
            Validation = validation,
            Test = test,
            Settings = new Dictionary<string, string>
            {
                ["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture),
                ["num_negatives"] = options.NumNegatives.ToString(CultureInfo.InvariantCulture),
                ["validation"] = options.HoldOutValidation ? "latest train interaction held out" : "none",
                ["test_negatives"] = negativesFrom,
            },
            Notes = notes,
        };
    }
}
