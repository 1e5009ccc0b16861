using System.Text.Json.Nodes;
using RecSharp.Data;
using RecSharp.Data.Splits;
using RecSharp.Serving;
using RecSharp.Tests.Data;

namespace RecSharp.Tests.Serving;

public class CheckpointSplitTests
{
    private static readonly string ConfigPath = Path.Combine("m", "config.json");

    [Theory]
    [InlineData("p2", SplitProtocol.P2LeaveOneOut)]
    [InlineData("P3", SplitProtocol.P3Holdout)]
    public void ProtocolIsReadFromTheConfig(string value, SplitProtocol expected) =>
        Assert.Equal(expected, CheckpointSplit.Protocol("m", new JsonObject { ["protocol"] = value }));

    [Fact]
    public void BadProtocolFieldsNameTheFileAndTheField()
    {
        Assert.Equal($"{ConfigPath}: field \"protocol\" is missing (expected p2 or p3)",
            Assert.Throws<InvalidDataException>(() => CheckpointSplit.Protocol("m", new JsonObject())).Message);
        Assert.Equal($"{ConfigPath}: field \"protocol\" is 'p1' (expected p2 or p3)",
            Assert.Throws<InvalidDataException>(() => CheckpointSplit.Protocol("m", new JsonObject { ["protocol"] = "p1" })).Message);
        Assert.Equal($"{ConfigPath}: field \"protocol\" must be a string, p2 or p3 (got 2)",
            Assert.Throws<InvalidDataException>(() => CheckpointSplit.Protocol("m", new JsonObject { ["protocol"] = 2 })).Message);
    }

    [Fact]
    public void RecreatesTheHeldOutValidationSplitAndChecksFlagTypes()
    {
        using var temp = new TempFolder();
        // Two users with 4 interactions each (time order = line order per user).
        temp.Write("ratings.dat", "1::10::5::1\n1::11::5::2\n1::12::5::3\n1::13::5::4\n2::11::5::1\n2::12::5::2\n2::13::5::3\n2::10::5::4\n");
        var loaded = DataFolder.Open(temp.Path);
        var dataset = loaded.BuildDataset();

        var plain = CheckpointSplit.Recreate("m", new JsonObject { ["protocol"] = "p2", ["seed"] = 3 }, loaded, dataset);
        var held = CheckpointSplit.Recreate("m", new JsonObject { ["protocol"] = "p2", ["seed"] = 3, ["hold_out_validation"] = true }, loaded, dataset);

        Assert.Equal(3, plain.Train.Length(0));     // test item held out
        Assert.Equal(2, held.Train.Length(0));      // test and validation items held out
        Assert.Equal(2, held.Validation.Count);
        Assert.Equal($"{ConfigPath}: field \"hold_out_validation\" must be true or false (got \"yes\")",
            Assert.Throws<InvalidDataException>(() => CheckpointSplit.Recreate("m", new JsonObject { ["protocol"] = "p2", ["hold_out_validation"] = "yes" }, loaded, dataset)).Message);
        Assert.Equal($"{ConfigPath}: field \"seed\" must be an integer (got 1.5)",
            Assert.Throws<InvalidDataException>(() => CheckpointSplit.Recreate("m", new JsonObject { ["protocol"] = "p2", ["seed"] = 1.5 }, loaded, dataset)).Message);
    }
}
