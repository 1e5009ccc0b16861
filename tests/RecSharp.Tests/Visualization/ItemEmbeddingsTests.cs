using System.Text.Json.Nodes;
using RecSharp.Data.Dataset;
using RecSharp.Data.Splits;
using RecSharp.Models.CollaborativeFiltering;
using RecSharp.Models.CollaborativeFiltering.Neural;
using RecSharp.Models.Graph;
using RecSharp.Models.Sequential;
using RecSharp.Tests.Data;
using RecSharp.Tests.Models.CollaborativeFiltering.Neural;
using RecSharp.Torch;
using RecSharp.Visualization;

namespace RecSharp.Tests.Visualization;

/// <summary>The t-SNE map (recsharp tsne, the report's item map) reads the item table of every model family.</summary>
[Collection(GlobalSeedCollection.Name)]
public class ItemEmbeddingsTests
{
    private static readonly CfSplitSpec Spec = new(SplitProtocol.P2LeaveOneOut, "/data/planted", Seed: 7, HoldOutValidation: true);

    [Fact]
    public void SequentialFoldersGiveTheirItemEmbeddingTable()
    {
        using var temp = new TempFolder();
        torch.ManualSeed(4);
        using var model = SequentialModels.Create("gru4rec", new SequentialModelConfig { NumItems = 6, Dim = 3, MaxLength = 4 });
        string folder = Path.Combine(temp.Path, "gru4rec");
        SequentialCheckpoint.Save(folder, model, new JsonObject { ["data"] = "/data/x" }, IdVocabulary.Identity(0, 6));
        float[] expected;
        using (var scope = torch.NewDisposeScope()) expected = model.ItemVectors().Detach().Contiguous().ToArray<float>();

        var table = ItemEmbeddings.Load(folder);
        Assert.Equal((7, 3, "item embeddings"), (table.Rows, table.Dims, table.Kind));
        Assert.Equal(expected, table.Vectors);
        Assert.Equal("/data/x", table.Config["data"]!.GetValue<string>());
        Assert.Equal(6, table.Vocabulary!.NumItems);
    }

    [Theory]
    [InlineData("gmf", "item vectors (GMF item table x output weights)")]
    [InlineData("bpr", "item embeddings")]
    public void LearnedCfFoldersGiveTheVectorsSimilarItemsCompares(string name, string kind)
    {
        using var temp = new TempFolder();
        var split = PlantedClusters.Split();
        using var trained = LearnedCfTrainer.Fit(name, split, new LearnedCfOptions { Epochs = 1, Verbose = false, Dim = 4, MlpLayers = [8, 4] });
        string folder = Path.Combine(temp.Path, name);
        CfModelFolder.Save(folder, trained, Spec, IdVocabulary.Identity(split.NumUsers, split.NumItems));
        using var expected = LearnedCfModules.ItemVectors(trained.Module);

        var table = ItemEmbeddings.Load(folder);
        Assert.Equal((split.NumItems + 1, 4, kind), (table.Rows, table.Dims, table.Kind));
        Assert.Equal(expected.ToArray<float>(), table.Vectors);
    }

    [Fact]
    public void NeighbourhoodFoldersHaveNoItemVectorsAndSaySo()
    {
        using var temp = new TempFolder();
        var split = PlantedClusters.Split();
        var users = new List<int>();
        var items = new List<int>();
        for (int u = 0; u < split.NumUsers; u++)
            foreach (int item in split.Train[u]) { users.Add(u); items.Add(item); }
        var fitted = ItemCf.Fit(CfInteractions.FromPairs(users.ToArray(), items.ToArray(), split.NumUsers, split.NumItems), new CfOptions { TopK = 5 }, threads: 1);
        string folder = Path.Combine(temp.Path, "itemcf");
        CfModelFolder.Save(folder, fitted, Spec with { Protocol = SplitProtocol.P3Holdout, HoldOutValidation = false }, IdVocabulary.Identity(split.NumUsers, split.NumItems));

        var e = Assert.Throws<NotSupportedException>(() => ItemEmbeddings.Load(folder));
        Assert.Equal("itemcf keeps neighbour lists, not item embeddings, so there is nothing to map with t-SNE " +
                     "(the learned CF models bpr, gmf, mlp, neumf, neumf-pretrained have item vectors)", e.Message);
    }

    [Fact]
    public void GraphFoldersGiveTheirFinalItemRepresentations()
    {
        using var temp = new TempFolder();
        torch.ManualSeed(5);
        using var adjacency = NormalizedAdjacency.Build(UserItemLists.FromLists([[1, 2], [2, 3], [3, 4]]), 4);
        using var model = new LightGcn(adjacency, dim: 4, layers: 2);
        string folder = Path.Combine(temp.Path, "lightgcn");
        GraphModelFolder.Save(folder, model, new JsonObject { ["model"] = "lightgcn" }, IdVocabulary.Identity(3, 4));
        var (users, items) = model.Representations();
        float[] expected;
        using (users)
        using (items)
            expected = items.ToArray<float>();

        var table = ItemEmbeddings.Load(folder);
        Assert.Equal((5, 4, "final item representations"), (table.Rows, table.Dims, table.Kind));
        Assert.Equal(expected, table.Vectors);
    }
}
