using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RecSharp.Data;
using RecSharp.Data.Dataset;
using RecSharp.Data.Splits;
using RecSharp.Evaluation.Protocols;

namespace RecSharp.Tests.Data;

/// <summary>P3 on data without split labels: the chrono-80-10-10 and leave-one-out rules of <see cref="HoldoutSplitter"/>.</summary>
public class P3SplitRuleTests
{
    /// <summary>
    /// User 7: items 1..25 at times 1..25. User 8: six rows out of time order with ties (see below). User 9: items
    /// 201..205 (five rows). User 6: items 301, 302 (two rows). File order: 8's rows, then 7, 9, 6.
    /// </summary>
    private static InteractionDataset Tiny()
    {
        var table = new InteractionTable("tiny") { HasTimestamps = true };
        // Sorted by time, ties in file order: 102 (10), 105 (20), 103 (30), 104 (30), 101 (50), 106 (50).
        table.Add(8, 101, 1, 50);
        table.Add(8, 102, 1, 10);
        table.Add(8, 103, 1, 30);
        table.Add(8, 104, 1, 30);
        table.Add(8, 105, 1, 20);
        table.Add(8, 106, 1, 50);
        for (int k = 1; k <= 25; k++) table.Add(7, k, 1, k);
        for (int k = 1; k <= 5; k++) table.Add(9, 200 + k, 1, k);
        table.Add(6, 301, 1, 1);
        table.Add(6, 302, 1, 2);
        return InteractionDataset.Build(table);
    }

    /// <summary>"train a b c | valid d | test e" in external item ids ("-" for a missing case).</summary>
    private static string Rows(DataSplit split, InteractionDataset data, long externalUser)
    {
        int u = data.Vocabulary.User(externalUser);
        string External(IEnumerable<int> items) => string.Join(" ", items.Select(i => data.Vocabulary.ExternalItem(i)));
        return $"train {External(split.Train[u].ToArray())} | valid {(split.Validation.FirstOrDefault(c => c.User == u) is { } v ? External(v.Targets) : "-")}"
            + $" | test {(split.Test.FirstOrDefault(c => c.User == u) is { } t ? External(t.Targets) : "-")}";
    }

    [Fact]
    public void Chrono801010HoldsOutRoundTenPercentTwiceTiesToEven()
    {
        var data = Tiny();
        var split = HoldoutSplitter.Split(data, new HoldoutOptions { Rule = HoldoutRule.Chrono801010 });

        // n = 25: h = round(2.5) = 2 (ties to even): train 1..21, valid 22 23, test 24 25.
        Assert.Equal($"train {string.Join(" ", Enumerable.Range(1, 21))} | valid 22 23 | test 24 25", Rows(split, data, 7));

        // n = 6: h = round(0.6) = 1; the tie at time 50 keeps file order (101 before 106).
        Assert.Equal("train 102 105 103 104 | valid 101 | test 106", Rows(split, data, 8));

        // n = 5: h = round(0.5) = 0, and n = 2: h = 0: every row train, no case.
        Assert.Equal("train 201 202 203 204 205 | valid - | test -", Rows(split, data, 9));
        Assert.Equal("train 301 302 | valid - | test -", Rows(split, data, 6));

        Assert.Equal(4, split.NumUsers);
        Assert.Equal(4 + 21 + 5 + 2, split.Train.Count);
        Assert.Equal(2, split.Validation.Count);
        Assert.Equal(2, split.Test.Count);
        Assert.Equal("chrono-80-10-10", split.Settings["p3_split"]);
        Assert.Equal(
            ["2 user(s) have too few rows for chrono-80-10-10 (round(n / 10) = 0, i.e. 5 rows or fewer): all their rows are train, no validation or test case",
             "6 held-out target(s) are items that never occur in train (kept; no model can have learned them)"],
            split.Notes);
    }

    [Fact]
    public void LeaveOneOutHoldsOutTheLastTwoRowsInTimeOrder()
    {
        var data = Tiny();
        var split = HoldoutSplitter.Split(data, new HoldoutOptions { Rule = HoldoutRule.LeaveOneOut });

        Assert.Equal($"train {string.Join(" ", Enumerable.Range(1, 23))} | valid 24 | test 25", Rows(split, data, 7));
        Assert.Equal("train 102 105 103 104 | valid 101 | test 106", Rows(split, data, 8));
        Assert.Equal("train 201 202 203 | valid 204 | test 205", Rows(split, data, 9));
        Assert.Equal("train 301 302 | valid - | test -", Rows(split, data, 6));
        Assert.Equal("leave-one-out", split.Settings["p3_split"]);
        Assert.Equal(
            ["1 user(s) have too few rows for leave-one-out (fewer than 3 rows): all their rows are train, no validation or test case",
             "6 held-out target(s) are items that never occur in train (kept; no model can have learned them)"],
            split.Notes);
    }

    [Fact]
    public void WithoutLabelsTheDefaultIsChronoAndSaysSo()
    {
        var data = Tiny();
        var split = ProtocolSplits.Create(new LoadedData { Path = "tiny", Format = DataFormat.GroupLensRatings, Files = [] }, data, SplitProtocol.P3Holdout);
        var chrono = HoldoutSplitter.Split(data, new HoldoutOptions { Rule = HoldoutRule.Chrono801010 });
        Assert.Equal(chrono.Train.Items.ToArray(), split.Train.Items.ToArray());
        Assert.Equal("the data has no split labels: rows split by the default rule --p3-split chrono-80-10-10 (per user in time order, ties in file order: "
            + "last round(10 %) test, the round(10 %) before validation, the rest train)", split.Notes[0]);
        Assert.Equal(3, split.Notes.Count);
    }

    [Fact]
    public void RulesAreRefusedWhereTheyDoNotApply()
    {
        var labelled = new InteractionTable("labelled") { HasSplitLabels = true };
        labelled.Add(1, 1, 1, 0, SplitLabel.Train);
        labelled.Add(1, 2, 1, 1, SplitLabel.Test);
        var e = Assert.Throws<ArgumentException>(() => HoldoutSplitter.Split(InteractionDataset.Build(labelled), new HoldoutOptions { Rule = HoldoutRule.LeaveOneOut }));
        Assert.Equal("labelled: the data carries its own train/validation/test labels; --p3-split leave-one-out is for data without labels (omit it, or give --p3-split labels)", e.Message);

        var noLabels = Assert.Throws<InvalidOperationException>(() => HoldoutSplitter.Split(Tiny(), new HoldoutOptions { Rule = HoldoutRule.FileLabels }));
        Assert.Equal("tiny: P3 with --p3-split labels needs train/validation/test labels (MMRec x_label or LATTICE json files), and this data has none (use --p3-split chrono-80-10-10 or leave-one-out)", noLabels.Message);

        var unknown = Assert.Throws<ArgumentException>(() => HoldoutSplitter.ParseRule("80-10-10"));
        Assert.Equal("unknown --p3-split '80-10-10': expected labels, chrono-80-10-10, leave-one-out", unknown.Message);
        Assert.Equal(HoldoutRule.LeaveOneOut, HoldoutSplitter.ParseRule(" Leave-One-Out "));

        var p2 = Assert.Throws<ArgumentException>(() => ProtocolSplits.Create(new LoadedData { Path = "tiny", Format = DataFormat.GroupLensRatings, Files = [] },
            Tiny(), SplitProtocol.P2LeaveOneOut, new ProtocolOptions { P3Split = HoldoutRule.Chrono801010 }));
        Assert.Equal("--p3-split chrono-80-10-10 applies to protocol p3 only", p2.Message);
    }

    [SharedDataFact]
    public void Ml1mHeadChronoMatchesTheConvertedInterFile()
    {
        // The counts of the ml-1m-head-p3 .inter file that docs/RESULTS.md's P3 rows were first made from.
        var data = DataFolder.Open(SharedData.Folder("ml-1m-head")).BuildDataset();
        var split = HoldoutSplitter.Split(data, new HoldoutOptions { Rule = HoldoutRule.Chrono801010 });
        Assert.Equal(2_998, split.NumUsers);
        Assert.Equal(3_615, split.NumItems);
        Assert.Equal(390_053, split.Train.Count);
        Assert.Equal(48_731, split.Validation.Sum(c => c.Targets.Length));
        Assert.Equal(48_731, split.Test.Sum(c => c.Targets.Length));
        Assert.Equal(2_998, split.Test.Count);
        Assert.DoesNotContain(split.Notes, n => n.Contains("too few", StringComparison.Ordinal));
        // Row for row the converted file: RESULTS gives its sha256 as dfe41e79...
        var labels = HoldoutSplitter.AssignLabels(data, HoldoutRule.Chrono801010, out _);
        Assert.Equal("dfe41e798015bb2221c8fc1fd071514a069a67ac16203ab883b74ae00c5eb7f3", InterSha256(data, labels, withTimestamp: true));
    }

    /// <summary>
    /// sha256 of the MMRec .inter text the rows and labels make (header, then per user in time order
    /// "user TAB item [TAB timestamp] TAB x_label"), the form of the files RESULTS' first P3 rows were made from.
    /// </summary>
    private static string InterSha256(InteractionDataset data, SplitLabel[] labels, bool withTimestamp)
    {
        var text = new StringBuilder(withTimestamp ? "userID\titemID\ttimestamp\tx_label\n" : "userID\titemID\tx_label\n");
        for (int u = 0; u < data.NumUsers; u++)
        {
            for (int k = data.Offsets[u]; k < data.Offsets[u + 1]; k++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{data.Vocabulary.ExternalUser(u)}\t{data.Vocabulary.ExternalItem(data.Items[k])}\t");
                if (withTimestamp) text.Append(CultureInfo.InvariantCulture, $"{data.Timestamps[k]}\t");
                text.Append(CultureInfo.InvariantCulture, $"{(int)labels[k]}\n");
            }
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(text.ToString())));
    }

    [SharedDataFact]
    public void SeqBeautyLeaveOneOutMatchesTheConvertedInterFile()
    {
        // The counts of the beauty-p3 .inter file of docs/RESULTS.md (S3-Rec order: last item test, second-to-last valid).
        var data = DataFolder.Open(SharedData.Folder("seq-beauty")).BuildDataset();
        var split = HoldoutSplitter.Split(data, new HoldoutOptions { Rule = HoldoutRule.LeaveOneOut });
        Assert.Equal(22_363, split.NumUsers);
        Assert.Equal(12_101, split.NumItems);
        Assert.Equal(153_776, split.Train.Count);
        Assert.Equal(22_363, split.Validation.Count);
        Assert.Equal(22_363, split.Test.Count);
        Assert.All(split.Test, c => Assert.Single(c.Targets));
        Assert.DoesNotContain(split.Notes, n => n.Contains("too few", StringComparison.Ordinal));
        // Row for row the converted file: RESULTS gives its sha256 as d370a460...
        var labels = HoldoutSplitter.AssignLabels(data, HoldoutRule.LeaveOneOut, out _);
        Assert.Equal("d370a4607db7a25f94ffbee0dee0fffb522be1810aa1822839eaa45f74426fe8", InterSha256(data, labels, withTimestamp: false));
    }
}
