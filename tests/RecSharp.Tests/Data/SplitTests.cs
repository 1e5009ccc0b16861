using RecSharp.Data;
using RecSharp.Data.Dataset;
using RecSharp.Data.Splits;

namespace RecSharp.Tests.Data;

public class SplitTests
{
    private static InteractionDataset Sequences(params int[] lengths)
    {
        // User u has items 1..len in time order (external item id = position + 1, shared across users).
        var table = new InteractionTable("synthetic") { HasTimestamps = true };
        for (var u = 0; u < lengths.Length; u++)
        {
            for (var k = 0; k < lengths[u]; k++)
            {
                table.Add(u, k + 1, 1, k);
            }
        }

        return InteractionDataset.Build(table);
    }

    [Fact]
    public void P1CutTakesLastLBeforeFloorEightyPercentAndDistinctTargets()
    {
        // len 10: k = 8; history = the last 3 items before position 8 = positions 5, 6, 7.
        var sequence = new[] { 11, 12, 13, 14, 15, 16, 17, 18, 19, 19 };
        var c = SequentialUserSplitter.Cut(7, sequence, maxLength: 3)!;
        Assert.Equal(7, c.User);
        Assert.Equal([16, 17, 18], c.History);
        Assert.Equal([19], c.Targets);
        Assert.Null(c.Negatives);

        // len 7: k = floor(5.6) = 5; L larger than the prefix keeps all 5.
        var shortCase = SequentialUserSplitter.Cut(0, [1, 2, 3, 4, 5, 6, 7], maxLength: 20)!;
        Assert.Equal([1, 2, 3, 4, 5], shortCase.History);
        Assert.Equal([6, 7], shortCase.Targets);

        // len 1: k = 0, no history: not evaluable.
        Assert.Null(SequentialUserSplitter.Cut(0, [1], 20));
    }

    [Fact]
    public void P1SplitsUsersEightOneOneDeterministically()
    {
        var data = Sequences(Enumerable.Range(0, 100).Select(u => 5 + u % 7).ToArray());
        var a = SequentialUserSplitter.Split(data, new SequentialSplitOptions { Seed = 1 });
        var b = SequentialUserSplitter.Split(data, new SequentialSplitOptions { Seed = 1 });
        var c = SequentialUserSplitter.Split(data, new SequentialSplitOptions { Seed = 2 });
        Assert.Equal(80, a.TrainUsers.Length);
        Assert.Equal(10, a.Validation.Count);
        Assert.Equal(10, a.Test.Count);
        Assert.Equal(a.TrainUsers, b.TrainUsers);
        Assert.Equal(a.Test.Select(t => t.User), b.Test.Select(t => t.User));
        Assert.NotEqual(a.TrainUsers, c.TrainUsers);
        var all = a.TrainUsers.Concat(a.Validation.Select(v => v.User)).Concat(a.Test.Select(t => t.User)).Order();
        Assert.Equal(Enumerable.Range(0, 100), all);
        // Train users keep their whole sequence; held-out users have no train items.
        Assert.Equal(data.Sequence(a.TrainUsers[0]).ToArray(), a.Train[a.TrainUsers[0]].ToArray());
        Assert.Equal(0, a.Train.Length(a.Test[0].User));
        Assert.Equal("1", a.Settings["seed"]);
    }

    [Fact]
    public void P2FromRatingsHoldsOutLatestAndSamplesNegativesOutsideHistory()
    {
        // Users 0..3 hold disjoint items: 1-4, 5-7, 8, 9-14 (external ids equal internal ids by first appearance).
        var table = new InteractionTable("synthetic") { HasTimestamps = true };
        var next = 1;
        foreach (var (user, length) in new[] { (0, 4), (1, 3), (2, 1), (3, 6) })
        {
            for (var k = 0; k < length; k++)
            {
                table.Add(user, next++, 1, k);
            }
        }

        var data = InteractionDataset.Build(table);
        var options = new LeaveOneOutOptions { Seed = 5, NumNegatives = 2, HoldOutValidation = true };
        var split = LeaveOneOutSplitter.FromRatings(data, options);
        Assert.Equal(SplitProtocol.P2LeaveOneOut, split.Protocol);
        // User 0: items 1,2,3,4 -> test 4, validation 3, train 1,2.
        Assert.Equal([4], split.Test.Single(t => t.User == 0).Targets);
        Assert.Equal([1, 2], split.Train[0].ToArray());
        Assert.Equal([3], split.Validation.Single(v => v.User == 0).Targets);
        Assert.Equal([1, 2], split.Test.Single(t => t.User == 0).History);
        // User 2 has a single interaction: stays in train, noted.
        Assert.DoesNotContain(split.Test, t => t.User == 2);
        Assert.Equal("1 user(s) with 2 or fewer interactions are kept in train only (nothing to hold out)", Assert.Single(split.Notes));
        foreach (var c in split.Test.Concat(split.Validation))
        {
            Assert.Equal(2, c.Negatives!.Distinct().Count());
            Assert.All(c.Negatives!, n => Assert.DoesNotContain(n, data.Sequence(c.User).ToArray()));
        }

        var again = LeaveOneOutSplitter.FromRatings(data, options);
        Assert.Equal(split.Test.Select(t => t.Negatives), again.Test.Select(t => t.Negatives));
    }

    [SharedDataFact]
    public void P2FromNcfFilesKeepsTheGivenNegatives()
    {
        var loaded = DataFolder.Open(SharedData.Folder("ncf-lastfm"));
        var data = loaded.BuildDataset();
        var split = LeaveOneOutSplitter.FromNcf(data, loaded.Negatives!);
        Assert.Equal(1_741, split.Test.Count);
        Assert.Equal(67_408, split.Train.Count);
        Assert.Equal(2_665, split.NumItems);
        // NCF ids are kept: external user u is internal u, external item i is internal i + 1.
        var first = loaded.Negatives![0];
        var case0 = split.Test[0];
        Assert.Equal((int)first.User, case0.User);
        Assert.Equal([(int)first.Item + 1], case0.Targets);
        Assert.Equal(first.Negatives.Select(n => (int)n + 1), case0.Negatives!);
    }

    [SharedDataFact]
    public void P2FromNcfNotesTestUsersWithoutTrain()
    {
        var loaded = DataFolder.Open(SharedData.Folder("ncf-amusic"));
        var split = LeaveOneOutSplitter.FromNcf(loaded.BuildDataset(), loaded.Negatives!);
        Assert.Equal(1_776, split.Test.Count);
        Assert.Equal(
            ["464 held-out target(s) are items that never occur in train (kept; no model can have learned them)",
             "43 user(s) have held-out items but no train items (kept, with an empty train list)"],
            split.Notes);
    }

    [SharedDataFact]
    public void P2OnS3RecSequencesUsesTheirSampleFile()
    {
        var loaded = DataFolder.Open(SharedData.Folder("seq-lastfm"));
        Assert.Equal(1_090, loaded.SampledNegatives!.Count);
        var data = loaded.BuildDataset();
        var split = LeaveOneOutSplitter.FromRatings(data, new LeaveOneOutOptions { HoldOutValidation = true }, loaded.SampledNegatives);
        Assert.Equal(1_090, split.Test.Count);
        Assert.Equal(1_090, split.Validation.Count);
        Assert.Equal(52_551 - 2 * 1_090, split.Train.Count);
        var first = loaded.SampledNegatives![0];
        var case0 = split.Test.Single(c => c.User == data.Vocabulary.User(first.User));
        Assert.Equal(first.Negatives.Select(data.Vocabulary.Item), case0.Negatives!);
        // The file's negatives avoid every item of the user's sequence (PROVENANCE.md), the test item included.
        Assert.All(split.Test, c => Assert.DoesNotContain(c.Targets[0], c.Negatives!));
        Assert.Equal("sample file (sampled for users without a line)", split.Settings["test_negatives"]);
    }

    [SharedDataFact]
    public void P2FromNcfWithoutTrainFileIsRefused()
    {
        var loaded = DataFolder.Open(SharedData.Folder("ncf-ml-1m"));
        var e = Assert.Throws<InvalidOperationException>(() => LeaveOneOutSplitter.FromNcf(loaded.BuildDataset(), loaded.Negatives!));
        Assert.EndsWith("no train rows (the .train.rating file is missing); P2 cannot train on this folder", e.Message);
    }

    [SharedDataFact]
    public void P3FromInterAndJsonLabels()
    {
        var sports = HoldoutSplitter.FromLabels(DataFolder.Open(SharedData.Folder("amazon-sports")).BuildDataset());
        Assert.Equal(218_409, sports.Train.Count);
        Assert.Equal(40_029, sports.Validation.Sum(v => v.Targets.Length));
        Assert.Equal(37_899, sports.Test.Sum(t => t.Targets.Length));
        Assert.Equal(35_598, sports.Test.Count);

        Assert.Equal("65 held-out target(s) are items that never occur in train (kept; no model can have learned them)", Assert.Single(sports.Notes));

        var baby = HoldoutSplitter.FromLabels(DataFolder.Open(SharedData.Folder("amazon-baby")).BuildDataset());
        Assert.Equal(119_674, baby.Train.Count);
        Assert.Equal(19_445, baby.Validation.Count);
        Assert.Equal(20_559, baby.Test.Sum(t => t.Targets.Length));
    }

    [Fact]
    public void P3NeedsLabels()
    {
        var e = Assert.Throws<InvalidOperationException>(() => HoldoutSplitter.FromLabels(Sequences(3)));
        Assert.Equal("synthetic: P3 with --p3-split labels needs train/validation/test labels (MMRec x_label or LATTICE json files), and this data has none (use --p3-split chrono-80-10-10 or leave-one-out)", e.Message);
    }

    [SharedDataFact]
    public void P1OnMl1mHeadIsDeterministicAndCoversAllUsers()
    {
        var data = DataFolder.Open(SharedData.Folder("ml-1m-head")).BuildDataset();
        var a = SequentialUserSplitter.Split(data);
        var b = SequentialUserSplitter.Split(data);
        Assert.Equal(2_398, a.TrainUsers.Length); // floor(0.8 * 2998)
        Assert.Equal(299, a.Validation.Count);
        Assert.Equal(301, a.Test.Count);
        Assert.Equal(a.Test.Select(t => (t.User, t.History.Length, t.Targets.Length)), b.Test.Select(t => (t.User, t.History.Length, t.Targets.Length)));
        // Every ml-1m user has >= 20 ratings, so k = floor(0.8 len) >= 16 and the history holds min(k, 20) items.
        Assert.All(a.Test, t => Assert.Equal(Math.Min(20, data.Length(t.User) * 4 / 5), t.History.Length));
    }
}
