using System.Text.Json.Nodes;
using RecSharp.Data.Dataset;
using RecSharp.Data.Splits;
using RecSharp.Models;
using RecSharp.Models.CollaborativeFiltering;
using RecSharp.Models.CollaborativeFiltering.Neural;
using RecSharp.Models.MatrixFactorization;
using RecSharp.Tests.Models.CollaborativeFiltering.Neural;
using RecSharp.Training;

namespace RecSharp.Tests.Models.CollaborativeFiltering;

[Collection(GlobalSeedCollection.Name)]
public sealed class CfModelFolderTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"recsharp-cf-folder-{Guid.NewGuid():N}");
    private static readonly CfSplitSpec Spec = new(SplitProtocol.P2LeaveOneOut, "/data/planted", Seed: 7, HoldOutValidation: true);

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private static float[] Scores(IItemScorer model, EvaluationCase user)
    {
        var scores = new float[model.NumItems + 1];
        model.ScoreAll(user, scores);
        return scores;
    }

    private static CfInteractions Interactions(DataSplit split)
    {
        var users = new List<int>();
        var items = new List<int>();
        for (int u = 0; u < split.NumUsers; u++)
            foreach (int item in split.Train[u]) { users.Add(u); items.Add(item); }
        return CfInteractions.FromPairs(users.ToArray(), items.ToArray(), split.NumUsers, split.NumItems);
    }

    [Theory]
    [InlineData("bpr")]
    [InlineData("gmf")]
    [InlineData("mlp")]
    [InlineData("neumf")]
    [InlineData("neumf-pretrained")]
    public void LearnedModelsScoreIdenticallyAfterSaveAndLoad(string name)
    {
        var split = PlantedClusters.Split();
        using var trained = LearnedCfTrainer.Fit(name, split, new LearnedCfOptions { Epochs = 1, Verbose = false, Dim = 4, MlpLayers = [8, 4] });
        string folder = Path.Combine(root, name);
        CfModelFolder.Save(folder, trained, Spec, IdVocabulary.Identity(split.NumUsers, split.NumItems), new JsonObject { ["test"] = new JsonObject { ["HitRate@10"] = 0.5 } });

        using var loaded = ModelFolder.Load(folder);
        Assert.Equal(name, loaded.Name);
        Assert.Equal("cf", loaded.Family);
        Assert.True(loaded.NeedsKnownUser);
        Assert.Equal(split.NumItems, loaded.NumItems);
        foreach (var c in split.Test.Take(5)) Assert.Equal(Scores(trained, c), Scores(loaded, c));

        var config = loaded.Config;
        Assert.Equal("cf", config["family"]!.GetValue<string>());
        Assert.Equal("p2", config["protocol"]!.GetValue<string>());
        Assert.Equal("/data/planted", config["data"]!.GetValue<string>());
        Assert.Equal(7, config["seed"]!.GetValue<long>());
        Assert.True(config["hold_out_validation"]!.GetValue<bool>());
        Assert.False(config["exclude_valid"]!.GetValue<bool>());
        Assert.Equal(0.5, config["test"]!["HitRate@10"]!.GetValue<double>());
        Assert.Equal(Spec, CfSplitSpec.ReadFrom(config, "config.json"));
        Assert.True(File.Exists(Path.Combine(folder, ModelArtifact.HistoryFile)));
        Assert.Equal(name == "neumf-pretrained", File.Exists(Path.Combine(folder, "history-gmf.csv")));
        Assert.True(File.Exists(Path.Combine(folder, ModelArtifact.CurvesFile)));
        Assert.Equal(name == "neumf-pretrained", File.Exists(Path.Combine(folder, "curves-gmf.svg")));
        Assert.Equal(name == "neumf-pretrained", File.Exists(Path.Combine(folder, "curves-mlp.svg")));

        var error = Assert.Throws<ArgumentException>(() => Scores(loaded, new EvaluationCase(-1, [1, 2], [3])));
        Assert.StartsWith($"{name} learned one embedding per training user", error.Message);
    }

    [Theory]
    [InlineData("itemcf")]
    [InlineData("usercf")]
    public void NeighbourhoodModelsScoreIdenticallyAfterSaveAndLoad(string name)
    {
        var split = PlantedClusters.Split();
        var data = Interactions(split);
        var options = new CfOptions { TopK = 10 };
        CfModel fitted = name == "itemcf" ? ItemCf.Fit(data, options, threads: 1) : UserCf.Fit(data, options, threads: 1);
        string folder = Path.Combine(root, name);
        CfModelFolder.Save(folder, fitted, Spec with { Protocol = SplitProtocol.P3Holdout, HoldOutValidation = false, ExcludeValid = true },
            IdVocabulary.Identity(split.NumUsers, split.NumItems));

        using var loaded = ModelFolder.Load(folder);
        Assert.Equal(name, loaded.Name);
        Assert.Equal(name == "usercf", loaded.NeedsKnownUser);
        Assert.Equal("p3", loaded.Config["protocol"]!.GetValue<string>());
        Assert.True(loaded.Config["exclude_valid"]!.GetValue<bool>());
        var original = new CfItemScorer(fitted);
        foreach (var c in split.Test.Take(5)) Assert.Equal(Scores(original, c), Scores(loaded, c));
        Assert.True(File.Exists(Path.Combine(folder, CfModelFolder.NeighbourhoodFile)));
    }

    [Fact]
    public void ItemCfScoresAnUnknownUserFromTheHistoryAlone()
    {
        var model = ItemCf.Fit(CfToyData.Build(), CfToyData.Plain(CfSimilarity.Cosine), threads: 1);
        using var recall = new NeighbourhoodRecallModel(model, new JsonObject(), IdVocabulary.Identity(4, 5));
        var scores = Scores(recall, new EvaluationCase(-1, [4], []));
        // Item 4's cosine neighbours: 5 (1/√2), 2 (1/√4), 3 (1/√6); nothing else is reached.
        Assert.Equal(new[] { 0f, 0f, 0.5f, (float)(1 / Math.Sqrt(6)), 0f, (float)(1 / Math.Sqrt(2)) }, scores);
    }

    [Fact]
    public void UserCfRefusesAnUnknownUser()
    {
        var model = UserCf.Fit(CfToyData.Build(), CfToyData.Plain(CfSimilarity.Cosine), threads: 1);
        using var recall = new NeighbourhoodRecallModel(model, new JsonObject(), IdVocabulary.Identity(4, 5));
        var error = Assert.Throws<ArgumentException>(() => Scores(recall, new EvaluationCase(-1, [1], [])));
        Assert.Equal("usercf needs a user from its training data (internal 0..3), got -1", error.Message);
    }

    [Theory]
    [InlineData("itemcf")]
    [InlineData("usercf")]
    public void SimilarItemsOfTheNeighbourhoodModelsAreTheItemCosines(string name)
    {
        // CfToyData, plain cosine: item 3 co-occurs twice with 1 and 2 and once with 4; |N(3)| = 3, the others 2:
        // sim(3, 1) = sim(3, 2) = 2/√6, sim(3, 4) = 1/√6 (ties: smaller id first).
        var data = CfToyData.Build();
        CfModel model = name == "itemcf" ? ItemCf.Fit(data, CfToyData.Plain(CfSimilarity.Cosine), threads: 1) : UserCf.Fit(data, CfToyData.Plain(CfSimilarity.Cosine), threads: 1);
        using var recall = new NeighbourhoodRecallModel(model, new JsonObject(), IdVocabulary.Identity(4, 5));
        var result = recall.SimilarItems(3, 4);
        Assert.Equal(new[] { 1, 2, 4 }, result.Ids(0).ToArray());
        Assert.Equal(2 / Math.Sqrt(6), result.Scores(0)[0], 6);
        Assert.Equal(2 / Math.Sqrt(6), result.Scores(0)[1], 6);
        Assert.Equal(1 / Math.Sqrt(6), result.Scores(0)[2], 6);
    }

    [Fact]
    public void SimilarItemsOfGmfCompareTheItemVectorsScaledByTheOutputWeights()
    {
        using var gmf = new Gmf(numUsers: 1, numItems: 3, factors: 2);
        PlantedClusters.Set(gmf.Features.ItemEmbedding.Weight, 0, 0, 1, 0, 0, 1, 1, 1);
        PlantedClusters.Set(gmf.Output.Weight, 2, 0.5f);
        using var recall = new LearnedCfRecallModel("gmf", gmf, new JsonObject(), IdVocabulary.Identity(1, 3));
        // w ⊙ q: item 1 (2, 0), item 2 (0, 0.5), item 3 (2, 0.5): cos(1, 3) = 4 / (2 · √4.25) = 0.9701, cos(1, 2) = 0.
        var result = recall.SimilarItems(1, 2);
        Assert.Equal(new[] { 3, 2 }, result.Ids(0).ToArray());
        Assert.Equal(2 / Math.Sqrt(4.25), result.Scores(0)[0], 5);
        Assert.Equal(0, result.Scores(0)[1], 5);
    }

    [Fact]
    public void SimilarItemsOfBprCompareTheItemTable()
    {
        using var bpr = new BprMf(numUsers: 1, numItems: 3, dim: 2);
        PlantedClusters.Set(bpr.ItemEmbedding.Weight, 0, 0, 1, 0, 1, 1, 0, -1);
        using var recall = new LearnedCfRecallModel("bpr", bpr, new JsonObject(), IdVocabulary.Identity(1, 3));
        var result = recall.SimilarItems(2, 5);
        // cos(2, 1) = 1/√2, cos(2, 3) = -1/√2; only two other items exist.
        Assert.Equal(new[] { 1, 3 }, result.Ids(0).ToArray());
        Assert.Equal(1 / Math.Sqrt(2), result.Scores(0)[0], 5);
        Assert.Equal(-1 / Math.Sqrt(2), result.Scores(0)[1], 5);
    }

    [Fact]
    public void LoadingNamesTheMissingOrWrongPieces()
    {
        string folder = Path.Combine(root, "broken");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, ModelArtifact.ConfigFile), """{"family": "cf", "model": "svd", "protocol": "p2", "data": "x"}""");
        var error = Assert.Throws<InvalidDataException>(() => ModelFolder.Load(folder));
        Assert.Equal($"{Path.Combine(folder, ModelArtifact.ConfigFile)}: field \"model\" is \"svd\" (expected one of itemcf, usercf, bpr, gmf, mlp, neumf, neumf-pretrained)", error.Message);

        File.WriteAllText(Path.Combine(folder, ModelArtifact.ConfigFile), """{"family": "cf", "model": "gmf", "protocol": "p2", "data": "x"}""");
        IdVocabulary.Identity(2, 3).Save(Path.Combine(folder, ModelArtifact.VocabularyFile));
        error = Assert.Throws<InvalidDataException>(() => ModelFolder.Load(folder));
        Assert.Equal($"{Path.Combine(folder, ModelArtifact.ConfigFile)}: field \"hyperparameters\" is missing (expected num_users, num_items, dim, layers)", error.Message);
    }
}
