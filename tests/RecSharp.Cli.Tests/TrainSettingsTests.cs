using RecSharp.Cli.Commands;

namespace RecSharp.Cli.Tests;

public sealed class TrainSettingsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("recsharp-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void YamlAndJsonGiveTheSameSettings()
    {
        var json = TrainSettings.Load(Write("run.json", """
            { "model": "gru4rec", "data": "d", "dim": 32, "max_length": 10, "lr": 0.001, "early-stopping": true, "features": ["a=1", "b=2"], "seed": 7 }
            """));
        var yaml = TrainSettings.Load(Write("run.yaml", """
            # the same run
            model: gru4rec
            data: "d"
            dim: 32
            max_length: 10
            lr: 1e-3
            early-stopping: true
            features: [a=1, b=2]
            seed: 7
            """));
        Assert.Equal(json.ToString(), yaml.ToString());
        Assert.Equal((json.Data, json.EarlyStopping, json.Seed), (yaml.Data, yaml.EarlyStopping, yaml.Seed));
        Assert.Equal(json.Features, yaml.Features);
        Assert.Equal(32, yaml.Dim);
        Assert.Equal(0.001, yaml.Lr);
    }

    [Theory]
    [InlineData("run.json", "{ \"dimension\": 3 }")]
    [InlineData("run.yml", "dimension: 3\n")]
    public void AnUnknownKeyIsNamedWithTheFile(string name, string text)
    {
        string path = Write(name, text);
        var e = Assert.Throws<InvalidDataException>(() => TrainSettings.Load(path));
        Assert.Equal($"{path}: unknown key \"dimension\" (expected model, data, dim, max-length, interests, lr, batch, epochs, patience, seed, loss, negatives, proposal, out, threads, protocol, p3-split, layers, reg, finetune, finetune-lr, pretrain-from, early-stopping, neighbours, gcn-layers, graph-reg, dropout, cl-weight, features, capsule-scale)", e.Message);
    }

    [Theory]
    [InlineData("run.json", "{ \"dim\": \"big\" }", "\"big\"")]
    [InlineData("run.yaml", "dim: big\n", "\"big\"")]
    [InlineData("run.json", "{ \"epochs\": 2.5 }", "2.5")]
    [InlineData("run.yaml", "epochs: 2.5\n", "2.5")]
    [InlineData("run.yaml", "model:\n  name: gru4rec\n", "{\"name\":\"gru4rec\"}")]
    public void AWrongTypeIsNamedWithTheFileAndKey(string name, string text, string shown)
    {
        string path = Write(name, text);
        string key = text.TrimStart('{', ' ', '"').Split('"', ':')[0];
        var e = Assert.Throws<InvalidDataException>(() => TrainSettings.Load(path));
        Assert.Equal($"{path}: key \"{key}\" has the wrong type ({shown})", e.Message);
    }

    [Fact]
    public void BrokenYamlAndNonMappingsAreRefused()
    {
        string broken = Write("broken.yaml", "model: [gru4rec\n");
        Assert.StartsWith($"{broken}: invalid YAML (line ", Assert.Throws<InvalidDataException>(() => TrainSettings.Load(broken)).Message);
        string list = Write("list.yaml", "- model\n- gru4rec\n");
        Assert.Equal($"{list}: expected a YAML mapping of settings (key: value lines)", Assert.Throws<InvalidDataException>(() => TrainSettings.Load(list)).Message);
        string missing = Path.Combine(folder, "none.yaml");
        Assert.Equal($"{missing}: config file not found", Assert.Throws<FileNotFoundException>(() => TrainSettings.Load(missing)).Message);
    }
}
