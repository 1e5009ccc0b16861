using System.Text.Json.Nodes;
using RecSharp.Data.Dataset;
using RecSharp.Data.Splits;
using RecSharp.Models;
using RecSharp.Models.Graph;
using RecSharp.Tests.Data;
using RecSharp.Torch;
using RecSharp.Torch.NN;

namespace RecSharp.Tests.Models.Graph;

[Collection(GlobalSeedCollection.Name)]
public class GraphModelFolderTests
{
    private static readonly UserItemLists TinyTrain = UserItemLists.FromLists([[1, 2], [2, 3], [3, 4]]);

    public static TheoryData<string> Models => ["lightgcn", "bm3", "bm3+features"];

    [Theory]
    [MemberData(nameof(Models))]
    public void SaveThenLoadScoresIdentically(string which)
    {
        torch.ManualSeed(23);
        using var temp = new TempFolder();
        using var adjacency = NormalizedAdjacency.Build(TinyTrain, 4);
        using var features = torch.Tensor(Enumerable.Range(0, 5 * 3).Select(k => k < 3 ? 0f : (float)Math.Cos(k)).ToArray(), 5, 3);
        using Module model = which switch
        {
            "lightgcn" => new LightGcn(adjacency, dim: 4, layers: 2),
            "bm3" => new Bm3(adjacency, dim: 4, layers: 1, dropout: 0.3),
            _ => new Bm3(adjacency, dim: 4, layers: 1, dropout: 0.3, features: [("text", features), ("genre", features)]),
        };
        var scorer = model is LightGcn l ? l.Scorer() : ((Bm3)model).Scorer();
        string name = which.StartsWith("bm3", StringComparison.Ordinal) ? "bm3" : "lightgcn";
        var config = new JsonObject { ["model"] = name, ["protocol"] = "p3", ["seed"] = 1 };
        string folder = Path.Combine(temp.Path, "model");
        GraphModelFolder.Save(folder, model, config, IdVocabulary.Identity(3, 4));

        using var loaded = ModelFolder.Load(folder);
        Assert.Equal(name, loaded.Name);
        Assert.Equal(ModelFolder.Graph, loaded.Family);
        Assert.Equal("graph", loaded.Config["family"]!.GetValue<string>());
        Assert.True(loaded.NeedsKnownUser);
        Assert.Equal(4, loaded.NumItems);
        for (int user = 0; user < 3; user++)
        {
            var expected = new float[5];
            var actual = new float[5];
            var request = new EvaluationCase(user, [], []);
            scorer.ScoreAll(request, expected);
            loaded.ScoreAll(request, actual);
            Assert.Equal(expected, actual);
        }
        var e = Assert.Throws<ArgumentException>(() => loaded.ScoreAll(new EvaluationCase(-1, [1], []), new float[5]));
        Assert.Equal($"{name} scores only users it was trained with (one learned vector per user); this request has no known user", e.Message);
    }

    [Fact]
    public void SimilarItemsRankByCosineOfTheItemRepresentations()
    {
        using var temp = new TempFolder();
        // Items 1..3 in 2-d: item 2 points like item 1 (cosine 1) though it is longer; item 3 is orthogonal.
        using var users = torch.Tensor(new float[] { 1, 0 }, 1, 2);
        using var items = torch.Tensor(new float[] { 0, 0, 1, 0, 5, 0, 0, 1 }, 4, 2);
        var model = new GraphRecallModel("lightgcn", new JsonObject(), IdVocabulary.Identity(1, 3), users, items);
        var similar = model.SimilarItems(1, 2);
        Assert.Equal([2, 3], similar.Ids(0).ToArray());
        Assert.Equal([1f, 0f], similar.Scores(0).ToArray());
        var wide = model.SimilarItems(3, 5);
        Assert.Equal(2, wide.Length(0)); // only the two other items exist
    }
}
