using System.Text.Json.Nodes;
using RecSharp.Data.Dataset;
using RecSharp.Data.Splits;
using RecSharp.Models;
using RecSharp.Models.Sequential;
using RecSharp.Torch;

namespace RecSharp.Tests.Models.Sequential;

[Collection(GlobalSeedCollection.Name)]
public class SequentialRecallTests
{
    [Theory]
    [InlineData("gru4rec")]
    [InlineData("comirec-sa")]
    [InlineData("mind")]
    public void ScoreAllIsTheBestInnerProductOfTheUserVectorsWithEveryItem(string name)
    {
        torch.ManualSeed(11);
        var config = new SequentialModelConfig { NumItems = 12, Dim = 4, MaxLength = 3, Interests = 2 };
        var model = SequentialModels.Create(name, config);
        using var recall = new SequentialRecall(model, new JsonObject(), IdVocabulary.Identity(0, 12));
        int[] history = [5, 1, 2, 3]; // longer than MaxLength: only [1, 2, 3] is read
        float[] users, items;
        torch.ManualSeed(5); // MIND draws its routing logits on every pass: both passes start from the same seed
        using (var vectors = SequentialEvaluation.UserVectors(model, [[1, 2, 3]])) users = vectors.ToArray<float>();
        using (torch.NoGrad()) items = model.ItemVectors().ToArray<float>();
        int interests = users.Length / config.Dim;
        Assert.Equal(model.InterestCount, interests);

        var scores = new float[13];
        torch.ManualSeed(5);
        recall.ScoreAll(new EvaluationCase(-1, history, []), scores);

        Assert.Equal(float.NegativeInfinity, scores[0]);
        for (int item = 1; item <= 12; item++)
        {
            double best = double.NegativeInfinity;
            for (int k = 0; k < interests; k++)
            {
                double dot = 0;
                for (int d = 0; d < config.Dim; d++) dot += users[k * config.Dim + d] * items[item * config.Dim + d];
                best = Math.Max(best, dot);
            }
            Assert.Equal(best, scores[item], 4);
        }
    }

    [Fact]
    public void ScoreAllGivesTheSameScoresFromSeveralThreads()
    {
        torch.ManualSeed(12);
        using var recall = new SequentialRecall(SequentialModels.Create("gru4rec", new SequentialModelConfig { NumItems = 30, Dim = 6, MaxLength = 5 }),
            new JsonObject(), IdVocabulary.Identity(0, 30));
        var cases = Enumerable.Range(1, 30).Select(i => new EvaluationCase(-1, [i, i % 30 + 1], [])).ToArray();
        var serial = cases.Select(c => { var s = new float[31]; recall.ScoreAll(c, s); return s; }).ToArray();
        var parallel = new float[30][];
        Parallel.For(0, 30, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => { var s = new float[31]; recall.ScoreAll(cases[i], s); parallel[i] = s; });
        for (int i = 0; i < 30; i++) Assert.Equal(serial[i], parallel[i]);
    }

    [Fact]
    public void ScoreAllRejectsAnEmptyHistoryAndAWrongBuffer()
    {
        using var recall = new SequentialRecall(SequentialModels.Create("pooling", new SequentialModelConfig { NumItems = 4, Dim = 2 }),
            new JsonObject(), IdVocabulary.Identity(0, 4));
        var empty = Assert.Throws<ArgumentException>(() => recall.ScoreAll(new EvaluationCase(7, [], []), new float[5]));
        Assert.StartsWith("pooling scores from the user's history, but the case of user 7 has no history items", empty.Message);
        var buffer = Assert.Throws<ArgumentException>(() => recall.ScoreAll(new EvaluationCase(7, [1], []), new float[4]));
        Assert.StartsWith("the score buffer has 4 entries but pooling scores 5 (items 0..4)", buffer.Message);
    }

    [Fact]
    public void SimilarItemsAreTheCosineNeighboursWithoutTheItemAndPadding()
    {
        var model = SequentialModels.Create("pooling", new SequentialModelConfig { NumItems = 4, Dim = 2 });
        // Row 0 is padding (placed right on item 1's direction, so it would win if it were not excluded).
        // cos(1,2) = 1 (same direction, other length), cos(1,3) = 0.6, cos(1,4) = -1.
        using (torch.NoGrad())
            model.ItemEmbedding.Weight.CopyFrom(torch.Tensor(new float[] { 2, 0, 1, 0, 5, 0, 3, 4, -1, 0 }, 5, 2));
        using var recall = new SequentialRecall(model, new JsonObject(), IdVocabulary.Identity(0, 4));

        var similar = recall.SimilarItems(1, 3);

        Assert.Equal([2, 3, 4], similar.IdsArray(0));
        Assert.Equal(1.0, similar.Scores(0)[0], 5);
        Assert.Equal(0.6, similar.Scores(0)[1], 5);
        Assert.Equal(-1.0, similar.Scores(0)[2], 5);
        var bad = Assert.Throws<ArgumentOutOfRangeException>(() => recall.SimilarItems(0, 3));
        Assert.StartsWith("internal item ids of pooling are 1..4", bad.Message);
    }

    [Fact]
    public void ModelFolderLoadsASavedSequentialModelWithItsVocabulary()
    {
        torch.ManualSeed(13);
        using var model = SequentialModels.Create("gru4rec", new SequentialModelConfig { NumItems = 3, Dim = 4, MaxLength = 4 });
        var vocabulary = IdVocabulary.Identity(2, 3);
        string folder = Path.Combine(Path.GetTempPath(), "recsharp-seqrecall-" + Guid.NewGuid().ToString("N"));
        try
        {
            SequentialCheckpoint.Save(folder, model, new JsonObject { ["seed"] = 13 }, vocabulary);
            var written = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "config.json")))!;
            Assert.Equal("sequential", written["family"]!.GetValue<string>());

            using var loaded = ModelFolder.Load(folder);

            Assert.Equal("gru4rec", loaded.Name);
            Assert.Equal("sequential", loaded.Family);
            Assert.False(loaded.NeedsKnownUser);
            Assert.Equal(3, loaded.NumItems);
            Assert.Equal(13, loaded.Config["seed"]!.GetValue<int>());
            Assert.Equal(2, loaded.Vocabulary.NumUsers);
            var fromFolder = new float[4];
            loaded.ScoreAll(new EvaluationCase(-1, [3, 1], []), fromFolder);
            using var direct = SequentialEvaluation.UserVectors(model, [[3, 1]]);
            using var items = model.ItemVectors().Detach();
            using var dots = direct.Mm(items.T);
            var want = dots.ToArray<float>();
            for (int i = 1; i <= 3; i++) Assert.Equal(want[i], fromFolder[i], 5);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
