using RecSharp.Data.Dataset;

namespace RecSharp.Data.Splits;

/// <summary>How P3 decides which rows are train, validation and test.</summary>
public enum HoldoutRule
{
    /// <summary>The data's own labels (MMRec x_label, LATTICE json files, LightGCN lists).</summary>
    FileLabels,
    /// <summary>
    /// Per user, rows in time order (ties in file order): the last round(n / 10) rows test, the round(n / 10)
    /// before them validation, the rest train (MMRec's per-user chronological 8:1:1).
    /// </summary>
    Chrono801010,
    /// <summary>Per user, rows in time order (ties in file order): the last row test, the one before it validation, the rest train.</summary>
    LeaveOneOut,
}

/// <summary>Options of P3.</summary>
public sealed record HoldoutOptions
{
    /// <summary>
    /// Which rule splits the rows; null = the data's labels when it has them, otherwise
    /// <see cref="HoldoutRule.Chrono801010"/> (the split's notes say that the default was used).
    /// </summary>
    public HoldoutRule? Rule { get; init; }

    /// <summary>
    /// MMRec does not exclude a user's validation items when ranking for test; that is the default so its tables
    /// compare like for like. Recorded in the split's settings for the evaluator to honour.
    /// </summary>
    public bool ExcludeValidationInTest { get; init; }
}

/// <summary>
/// P3 (MMRec / LATTICE full ranking): rows labelled train (x_label 0, train.json) are training data; each user's
/// rows labelled validation (1) and test (2) become that user's targets (each item once, in time order). Data
/// without labels is labelled first by a <see cref="HoldoutRule"/> (<see cref="AssignLabels"/>).
/// </summary>
public static class HoldoutSplitter
{
    /// <summary>The names of the rules as the <c>--p3-split</c> flag and config.json spell them.</summary>
    public static readonly IReadOnlyList<string> RuleNames = ["labels", "chrono-80-10-10", "leave-one-out"];

    public static string RuleName(HoldoutRule rule) => RuleNames[(int)rule];

    /// <summary>Parses "labels", "chrono-80-10-10" or "leave-one-out" (any case).</summary>
    public static HoldoutRule ParseRule(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int index = RuleNames.ToList().IndexOf(text.Trim().ToLowerInvariant());
        return index >= 0
            ? (HoldoutRule)index
            : throw new ArgumentException($"unknown --p3-split '{text}': expected {string.Join(", ", RuleNames)}");
    }

    /// <summary>The P3 split of <paramref name="data"/> by <see cref="HoldoutOptions.Rule"/> (default: labels if present, else chrono-80-10-10).</summary>
    public static DataSplit Split(InteractionDataset data, HoldoutOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new HoldoutOptions();
        var rule = options.Rule ?? (data.HasSplitLabels ? HoldoutRule.FileLabels : HoldoutRule.Chrono801010);
        if (rule == HoldoutRule.FileLabels) return FromLabels(data, options);
        if (data.HasSplitLabels)
            throw new ArgumentException($"{data.Source}: the data carries its own train/validation/test labels; --p3-split {RuleName(rule)} is for data without labels (omit it, or give --p3-split labels)");
        var labels = AssignLabels(data, rule, out int shortUsers);
        var notes = new List<string>();
        if (options.Rule is null)
            notes.Add($"the data has no split labels: rows split by the default rule --p3-split {RuleName(rule)} ({Describe(rule)})");
        if (shortUsers > 0)
            notes.Add($"{shortUsers} user(s) have too few rows for {RuleName(rule)} ({(rule == HoldoutRule.LeaveOneOut ? "fewer than 3 rows" : "round(n / 10) = 0, i.e. 5 rows or fewer")}): all their rows are train, no validation or test case");
        return Build(data, options, i => labels[i], rule, notes);
    }

    /// <summary>
    /// The label <paramref name="rule"/> gives each row of <paramref name="data"/> (indexed like <see cref="InteractionDataset.Items"/>,
    /// i.e. per user in time order, ties in file order). chrono-80-10-10: with n rows and h = round(0.1 · n) (in double
    /// precision, ties to even, like Python's round), the last h rows are test, the h before them validation, the
    /// first n - 2h train. leave-one-out: the last row test, the one before it validation, the rest train. A user for
    /// whom a part would be empty (h = 0, i.e. n &lt;= 5; leave-one-out: n &lt; 3) keeps every row in train and is counted
    /// in <paramref name="shortUsers"/>.
    /// </summary>
    public static SplitLabel[] AssignLabels(InteractionDataset data, HoldoutRule rule, out int shortUsers)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (rule == HoldoutRule.FileLabels) throw new ArgumentException("AssignLabels makes labels; FileLabels reads them", nameof(rule));
        var labels = new SplitLabel[data.NumInteractions];
        shortUsers = 0;
        for (int u = 0; u < data.NumUsers; u++)
        {
            int start = data.Offsets[u], n = data.Length(u);
            int held = rule == HoldoutRule.LeaveOneOut ? (n >= 3 ? 1 : 0) : (int)Math.Round(n * 0.1, MidpointRounding.ToEven);
            if (n > 0 && held == 0) shortUsers++;
            for (int k = 0; k < n; k++)
            {
                labels[start + k] = held == 0 || k < n - 2 * held ? SplitLabel.Train
                    : k < n - held ? SplitLabel.Validation
                    : SplitLabel.Test;
            }
        }
        return labels;
    }

    private static string Describe(HoldoutRule rule) => rule switch
    {
        HoldoutRule.Chrono801010 => "per user in time order, ties in file order: last round(10 %) test, the round(10 %) before validation, the rest train",
        HoldoutRule.LeaveOneOut => "per user in time order, ties in file order: last row test, second-to-last validation, the rest train",
        _ => "file labels (train / validation / test)",
    };

    public static DataSplit FromLabels(InteractionDataset data, HoldoutOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new HoldoutOptions();
        if (!data.HasSplitLabels)
        {
            throw new InvalidOperationException($"{data.Source}: P3 with --p3-split labels needs train/validation/test labels (MMRec x_label or LATTICE json files), and this data has none (use --p3-split {RuleNames[1]} or {RuleNames[2]})");
        }

        return Build(data, options, i => data.Labels[i], HoldoutRule.FileLabels, []);
    }

    private static DataSplit Build(InteractionDataset data, HoldoutOptions options, Func<int, SplitLabel> labelOf, HoldoutRule rule, List<string> ruleNotes)
    {

        var train = new List<int>?[data.NumUsers];
        var validation = new List<EvaluationCase>();
        var test = new List<EvaluationCase>();
        var valItems = new List<int>();
        var testItems = new List<int>();
        for (var u = 0; u < data.NumUsers; u++)
        {
            var items = data.Sequence(u);
            int start = data.Offsets[u];
            var list = new List<int>();
            valItems.Clear();
            testItems.Clear();
            for (var k = 0; k < items.Length; k++)
            {
                var target = labelOf(start + k) switch
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

        var notes = ruleNotes;
        notes.AddRange(HeldOutNotes(data.NumItems, train, validation.Concat(test)));
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
                ["split"] = Describe(rule),
                ["p3_split"] = RuleName(rule),
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
