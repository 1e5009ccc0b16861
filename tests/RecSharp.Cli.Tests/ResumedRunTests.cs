using RecSharp.Cli.Commands;

namespace RecSharp.Cli.Tests;

public sealed class ResumedRunTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("recsharp-resume-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private void WriteConfig(string json) => File.WriteAllText(Path.Combine(folder, "config.json"), json);

    private const string SavedRun = """
        { "family": "sequential", "model": "gru4rec",
          "settings": { "Model": "gru4rec", "Data": "d", "Dim": 64, "MaxLength": 20, "Interests": 4, "Lr": 0.005, "Batch": 128,
                        "Epochs": 3, "Patience": 5, "Seed": 2020, "Loss": "full", "Proposal": "uniform", "Threads": 1 } }
        """;

    [Fact]
    public void FlagsChangeHowTheRunTrainsOnTopOfTheSavedSettings()
    {
        WriteConfig(SavedRun);
        var settings = ResumedRun.Settings(folder, new TrainSettings { Epochs = 10, Lr = 0.001, Model = "GRU4Rec", Dim = 64 });
        Assert.Equal((10, 0.001, 64, 20, 2020L, "d", "gru4rec"), (settings.Epochs!.Value, settings.Lr!.Value, settings.Dim!.Value,
            settings.MaxLength!.Value, settings.Seed!.Value, settings.Data, settings.Model));
    }

    [Fact]
    public void AFlagThatChangesWhatTheRunIsIsRefused()
    {
        WriteConfig(SavedRun);
        var e = Assert.Throws<ArgumentException>(() => ResumedRun.Settings(folder, new TrainSettings { Interests = 2 }));
        Assert.Equal($"--resume {folder}: --interests 2 differs from the saved run's 4; a resumed run keeps its model, data, shape, seed and loss", e.Message);
    }

    [Fact]
    public void OnlySequentialRunsResume()
    {
        WriteConfig("""{ "family": "cf", "model": "gmf" }""");
        var e = Assert.Throws<ArgumentException>(() => ResumedRun.Settings(folder, new TrainSettings()));
        Assert.Equal($"--resume {folder}: only sequential runs can be resumed (this folder's family is \"cf\")", e.Message);
        var missing = Assert.Throws<DirectoryNotFoundException>(() => ResumedRun.Settings(Path.Combine(folder, "nope"), new TrainSettings()));
        Assert.Equal($"--resume {Path.Combine(folder, "nope")}: no such model folder", missing.Message);
    }
}
