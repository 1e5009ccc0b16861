using System.Globalization;
using Spectre.Console;

namespace RecSharp.Data.Dataset;

/// <summary>Counts describing a loaded data set, including every anomaly the loaders handled instead of dropping.</summary>
public sealed record DatasetStatistics
{
    public required string Name { get; init; }
    public required string Format { get; init; }
    /// <summary>Users with at least one interaction.</summary>
    public required int Users { get; init; }
    /// <summary>Distinct items with at least one interaction.</summary>
    public required int Items { get; init; }
    public required long Interactions { get; init; }
    /// <summary>Interactions / (users x items).</summary>
    public double Density => Users == 0 || Items == 0 ? 0 : (double)Interactions / ((double)Users * Items);
    public required int MinLength { get; init; }
    public required int MaxLength { get; init; }
    public required double MeanLength { get; init; }
    /// <summary>Sequence-length percentiles (nearest rank) at 25, 50, 75, 90 and 99.</summary>
    public required IReadOnlyDictionary<int, int> LengthPercentiles { get; init; }
    /// <summary>Rows repeating a (user, item) pair seen earlier for that user (kept, not removed).</summary>
    public required long Duplicates { get; init; }
    /// <summary>Adjacent rows of a user with the same timestamp after sorting (only counted for real timestamps).</summary>
    public required long TimestampTies { get; init; }
    /// <summary>Places where a user's timestamps went backwards in file order (rows were re-sorted by time).</summary>
    public required long NonMonotonicTimestamps { get; init; }
    public required long BlankLines { get; init; }
    public float? MinRating { get; init; }
    public float? MaxRating { get; init; }
    public long? MinTimestamp { get; init; }
    public long? MaxTimestamp { get; init; }
    public long? TrainRows { get; init; }
    public long? ValidationRows { get; init; }
    public long? TestRows { get; init; }
    /// <summary>Validation/test rows whose item never occurs in train.</summary>
    public long? HeldOutRowsWithUnseenItem { get; init; }
    /// <summary>Users with validation/test rows but no train row.</summary>
    public long? HeldOutUsersWithoutTrain { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];

    // Runs once over every row: compile optimised straight away instead of starting in tier 0.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static DatasetStatistics Compute(InteractionDataset data, InteractionTable table, long nonMonotonic, string name, string format)
    {
        var lengths = new List<int>(data.NumUsers);
        var seenByUser = new int[data.NumItems + 1];
        var itemPresent = new bool[data.NumItems + 1];
        var inTrain = new bool[data.NumItems + 1];
        long duplicates = 0, ties = 0, train = 0, validation = 0, test = 0, unseen = 0, usersWithoutTrain = 0;
        for (var u = 0; u < data.NumUsers; u++)
        {
            var sequence = data.Sequence(u);
            if (sequence.Length > 0)
            {
                lengths.Add(sequence.Length);
            }

            var times = data.SequenceTimes(u);
            for (var k = 0; k < sequence.Length; k++)
            {
                var item = sequence[k];
                itemPresent[item] = true;
                if (seenByUser[item] == u + 1)
                {
                    duplicates++;
                }

                seenByUser[item] = u + 1;
                if (data.HasTimestamps && k > 0 && times[k] == times[k - 1])
                {
                    ties++;
                }
            }

            if (data.HasSplitLabels)
            {
                var labels = data.SequenceLabels(u);
                var hasTrain = false;
                var hasHeldOut = false;
                for (var k = 0; k < labels.Length; k++)
                {
                    switch (labels[k])
                    {
                        case SplitLabel.Train:
                            train++;
                            hasTrain = true;
                            inTrain[sequence[k]] = true;
                            break;
                        case SplitLabel.Validation:
                            validation++;
                            hasHeldOut = true;
                            break;
                        case SplitLabel.Test:
                            test++;
                            hasHeldOut = true;
                            break;
                    }
                }

                if (hasHeldOut && !hasTrain)
                {
                    usersWithoutTrain++;
                }
            }
        }

        if (data.HasSplitLabels && train > 0)
        {
            for (var k = 0; k < data.Items.Length; k++)
            {
                if (data.Labels[k] is SplitLabel.Validation or SplitLabel.Test && !inTrain[data.Items[k]])
                {
                    unseen++;
                }
            }
        }

        lengths.Sort();
        var percentiles = new Dictionary<int, int>();
        foreach (var p in new[] { 25, 50, 75, 90, 99 })
        {
            percentiles[p] = lengths.Count == 0 ? 0 : lengths[Math.Clamp((int)Math.Ceiling(p / 100.0 * lengths.Count) - 1, 0, lengths.Count - 1)];
        }

        var hasRows = data.NumInteractions > 0;
        return new DatasetStatistics
        {
            Name = name,
            Format = format,
            Users = lengths.Count,
            Items = itemPresent.Count(p => p),
            Interactions = data.NumInteractions,
            MinLength = lengths.Count == 0 ? 0 : lengths[0],
            MaxLength = lengths.Count == 0 ? 0 : lengths[^1],
            MeanLength = lengths.Count == 0 ? 0 : lengths.Average(),
            LengthPercentiles = percentiles,
            Duplicates = duplicates,
            TimestampTies = ties,
            NonMonotonicTimestamps = data.HasTimestamps ? nonMonotonic : 0,
            BlankLines = table.BlankLines,
            MinRating = data.HasRatings && hasRows ? data.Ratings.Min() : null,
            MaxRating = data.HasRatings && hasRows ? data.Ratings.Max() : null,
            MinTimestamp = data.HasTimestamps && hasRows ? data.Timestamps.Min() : null,
            MaxTimestamp = data.HasTimestamps && hasRows ? data.Timestamps.Max() : null,
            TrainRows = data.HasSplitLabels ? train : null,
            ValidationRows = data.HasSplitLabels ? validation : null,
            TestRows = data.HasSplitLabels ? test : null,
            HeldOutRowsWithUnseenItem = data.HasSplitLabels ? unseen : null,
            HeldOutUsersWithoutTrain = data.HasSplitLabels ? usersWithoutTrain : null,
            Notes = table.Notes.ToArray(),
        };
    }

    /// <summary>The statistics as (name, value) rows, formatted with thousands separators.</summary>
    public IReadOnlyList<(string Name, string Value)> Rows()
    {
        static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);
        var rows = new List<(string, string)>
        {
            ("data set", Name),
            ("format", Format),
            ("users", N(Users)),
            ("items", N(Items)),
            ("interactions", N(Interactions)),
            ("density", Density.ToString("0.000000", CultureInfo.InvariantCulture)),
            ("sequence length min / mean / max", $"{N(MinLength)} / {MeanLength.ToString("0.00", CultureInfo.InvariantCulture)} / {N(MaxLength)}"),
            ("sequence length p25 / p50 / p75 / p90 / p99", string.Join(" / ", LengthPercentiles.OrderBy(p => p.Key).Select(p => N(p.Value)))),
            ("duplicate (user, item) rows", N(Duplicates)),
            ("timestamp ties", N(TimestampTies)),
            ("non-monotonic timestamps (re-sorted)", N(NonMonotonicTimestamps)),
            ("blank lines skipped", N(BlankLines)),
        };
        if (MinRating is not null)
        {
            rows.Add(("rating min / max", $"{MinRating.Value.ToString(CultureInfo.InvariantCulture)} / {MaxRating!.Value.ToString(CultureInfo.InvariantCulture)}"));
        }

        if (MinTimestamp is not null)
        {
            rows.Add(("timestamp min / max", $"{MinTimestamp} / {MaxTimestamp}"));
        }

        if (TrainRows is not null)
        {
            rows.Add(("train / validation / test rows", $"{N(TrainRows.Value)} / {N(ValidationRows!.Value)} / {N(TestRows!.Value)}"));
            rows.Add(("held-out rows with an item not in train", N(HeldOutRowsWithUnseenItem!.Value)));
            rows.Add(("held-out users without train rows", N(HeldOutUsersWithoutTrain!.Value)));
        }

        foreach (var note in Notes)
        {
            rows.Add(("note", note));
        }

        return rows;
    }

    /// <summary>A Spectre.Console table of <see cref="Rows"/>.</summary>
    public Table ToTable()
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("statistic").AddColumn(new TableColumn("value"));
        foreach (var (name, value) in Rows())
        {
            table.AddRow(Markup.Escape(name), Markup.Escape(value));
        }

        return table;
    }
}
