using RecSharp.Data.Dataset;

namespace RecSharp.Data.Splits;

/// <summary>Options of P3.</summary>
public sealed record HoldoutOptions
{
    /// <summary>
    /// MMRec does not exclude a user's validation items when ranking for test; that is the default so its tables
    /// compare like for like. Recorded in the split's settings for the evaluator to honour.
    /// </summary>
    public bool ExcludeValidationInTest { get; init; }
}

/// <summary>
/// P3 (MMRec / LATTICE full ranking): rows labelled train (x_label 0, train.json) are training data; each user's
/// rows labelled validation (1) and test (2) become that user's targets (each item once, in file order).
/// </summary>
public static class HoldoutSplitter
{
    public static DataSplit FromLabels(InteractionDataset data, HoldoutOptions? options = null)
    {
        options ??= new HoldoutOptions();
        if (!data.HasSplitLabels)
        {
            throw new InvalidOperationException($"{data.Source}: P3 needs train/validation/test labels (MMRec x_label or LATTICE json files), and this data has none");
        }

        var train = new List<int>?[data.NumUsers];
        var validation = new List<EvaluationCase>();
        var test = new List<EvaluationCase>();
        var valItems = new List<int>();
        var testItems = new List<int>();
        for (var u = 0; u < data.NumUsers; u++)
        {
            var items = data.Sequence(u);
            var labels = data.SequenceLabels(u);
            var list = new List<int>();
            valItems.Clear();
            testItems.Clear();
            for (var k = 0; k < items.Length; k++)
            {
                var target = labels[k] switch
                {
                    SplitLabel.Train => list,
                    SplitLabel.Validation => valItems,
                    SplitLabel.Test => testItems,
                    _ => throw new InvalidOperationException($"{data.Source}: user {data.Vocabulary.ExternalUser(u)} has a row without a split label"),
                };
                target.Add(items[k]);
            }

            train[u] = list;
            if (valItems.Count > 0)
            {
                validation.Add(new EvaluationCase(u, [], valItems.Distinct().ToArray()));
            }

            if (testItems.Count > 0)
            {
                test.Add(new EvaluationCase(u, [], testItems.Distinct().ToArray()));
            }
        }

        var notes = HeldOutNotes(data.NumItems, train, validation.Concat(test));
        return new DataSplit
        {
            Protocol = SplitProtocol.P3Holdout,
            NumUsers = data.NumUsers,
            NumItems = data.NumItems,
            Train = UserItemLists.FromLists(train),
            TrainUsers = Enumerable.Range(0, data.NumUsers).Where(u => train[u]!.Count > 0).ToArray(),
            Validation = validation,
            Test = test,
            Settings = new Dictionary<string, string>
            {
                ["split"] = "file labels (train / validation / test)",
                ["exclude_validation_in_test"] = options.ExcludeValidationInTest ? "true" : "false",
            },
            Notes = notes,
        };
    }

    /// <summary>Held-out targets whose item never occurs in train, and held-out users without train items: kept, but said.</summary>
    internal static List<string> HeldOutNotes(int numItems, IReadOnlyList<IReadOnlyList<int>?> train, IEnumerable<EvaluationCase> cases)
    {
        var inTrain = new bool[numItems + 1];
        foreach (var list in train)
        {
            foreach (var item in list ?? [])
            {
                inTrain[item] = true;
            }
        }

        var unseenTargets = 0;
        var usersWithoutTrain = new HashSet<int>();
        foreach (var c in cases)
        {
            unseenTargets += c.Targets.Count(t => !inTrain[t]);
            if (train[c.User] is not { Count: > 0 })
            {
                usersWithoutTrain.Add(c.User);
            }
        }

        var notes = new List<string>();
        if (unseenTargets > 0)
        {
            notes.Add($"{unseenTargets} held-out target(s) are items that never occur in train (kept; no model can have learned them)");
        }

        if (usersWithoutTrain.Count > 0)
        {
            notes.Add($"{usersWithoutTrain.Count} user(s) have held-out items but no train items (kept, with an empty train list)");
        }

        return notes;
    }
}
