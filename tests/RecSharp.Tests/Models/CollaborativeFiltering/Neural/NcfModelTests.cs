using RecSharp.Data.Splits;
using RecSharp.Models.CollaborativeFiltering.Neural;
using RecSharp.Torch;
using RecSharp.Torch.NN;
using static RecSharp.Tests.Models.CollaborativeFiltering.Neural.PlantedClusters;

namespace RecSharp.Tests.Models.CollaborativeFiltering.Neural;

[Collection(GlobalSeedCollection.Name)]
public class NcfModelTests
{
    private static float[] Logits(PointwiseRecommender model, long[] users, long[] items)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.NoGrad();
        return model.Logits(torch.Tensor(users), torch.Tensor(items)).ToArray<float>();
    }

    [Fact]
    public void GmfLogitIsTheOutputLayerOverTheElementwiseProduct()
    {
        using var gmf = new Gmf(numUsers: 2, numItems: 2, factors: 2);
        Set(gmf.Features.UserEmbedding.Weight, 1, 2, -1, 0.5f);
        Set(gmf.Features.ItemEmbedding.Weight, 0, 0, 0.5f, -1, 2, 3);
        Set(gmf.Output.Weight, 0.3f, -0.2f);
        Set(gmf.Output.Bias!, 0.1f);
        // u0,i1: [0.5, -2] -> 0.15 + 0.4 + 0.1; u1,i2: [-2, 1.5] -> -0.6 - 0.3 + 0.1; u0,i2: [2, 6] -> 0.6 - 1.2 + 0.1
        var logits = Logits(gmf, [0, 1, 0], [1, 2, 2]);
        Assert.Equal(0.65f, logits[0], 5);
        Assert.Equal(-0.8f, logits[1], 5);
        Assert.Equal(-0.5f, logits[2], 5);
    }

    [Fact]
    public void MlpLogitRunsTheConcatenatedEmbeddingsThroughTheReluTower()
    {
        using var mlp = new Mlp(numUsers: 2, numItems: 2, layers: [4, 2]);
        Assert.Equal(2, mlp.Features.UserEmbedding.EmbeddingDim);
        Set(mlp.Features.UserEmbedding.Weight, 1, 0, 0, -1);
        Set(mlp.Features.ItemEmbedding.Weight, 0, 0, 1, 2, -1, 1);
        var hidden = (Linear)mlp.Features.Tower[0];
        Set(hidden.Weight, 1, 0, 1, 0, 0, 1, 0, -1);
        Set(hidden.Bias!, 0, 0.5f);
        Set(mlp.Output.Weight, 2, -1);
        Set(mlp.Output.Bias!, 0.25f);
        // u0,i1: x = [1,0,1,2] -> relu([2, -1.5]) = [2, 0] -> 4.25
        // u1,i2: x = [0,-1,-1,1] -> relu([-1, -1.5]) = [0, 0] -> 0.25
        // u1,i1: x = [0,-1,1,2] -> relu([1, -2.5]) = [1, 0] -> 2.25
        var logits = Logits(mlp, [0, 1, 1], [1, 2, 1]);
        Assert.Equal(4.25f, logits[0], 5);
        Assert.Equal(0.25f, logits[1], 5);
        Assert.Equal(2.25f, logits[2], 5);
    }

    [Fact]
    public void NeuMfLogitReadsTheGmfAndMlpFeaturesConcatenated()
    {
        using var neumf = new NeuMf(numUsers: 2, numItems: 2, factors: 1, layers: [2]);
        Set(neumf.Gmf.UserEmbedding.Weight, 2, -1);
        Set(neumf.Gmf.ItemEmbedding.Weight, 0, 3, 0.5f);
        Set(neumf.Mlp.UserEmbedding.Weight, 1, 2);
        Set(neumf.Mlp.ItemEmbedding.Weight, 0, -1, 4);
        Set(neumf.Output.Weight, 0.5f, 1, -1);
        Set(neumf.Output.Bias!, 0.2f);
        // u0,i1: h = [6 ; 1, -1] -> 3 + 1 + 1 + 0.2; u1,i2: h = [-0.5 ; 2, 4] -> -0.25 + 2 - 4 + 0.2
        var logits = Logits(neumf, [0, 1], [1, 2]);
        Assert.Equal(5.2f, logits[0], 5);
        Assert.Equal(-2.05f, logits[1], 5);
    }

    [Fact]
    public void PretrainedNeuMfCopiesBothModelsAndScalesTheOutputLayerByAlpha()
    {
        torch.ManualSeed(5);
        using var gmf = new Gmf(3, 6, factors: 4);
        using var mlp = new Mlp(3, 6, layers: [8, 4, 2]);
        using var neumf = NeuMf.FromPretrained(gmf, mlp, alpha: 0.3);
        using var scope = torch.NewDisposeScope();

        Assert.Equal(gmf.Features.UserEmbedding.Weight.ToArray<float>(), neumf.Gmf.UserEmbedding.Weight.ToArray<float>());
        Assert.Equal(gmf.Features.ItemEmbedding.Weight.ToArray<float>(), neumf.Gmf.ItemEmbedding.Weight.ToArray<float>());
        Assert.Equal(mlp.Features.UserEmbedding.Weight.ToArray<float>(), neumf.Mlp.UserEmbedding.Weight.ToArray<float>());
        Assert.Equal(mlp.Features.ItemEmbedding.Weight.ToArray<float>(), neumf.Mlp.ItemEmbedding.Weight.ToArray<float>());
        foreach (int layer in new[] { 0, 2 })
        {
            var source = (Linear)mlp.Features.Tower[layer];
            var copy = (Linear)neumf.Mlp.Tower[layer];
            Assert.Equal(source.Weight.ToArray<float>(), copy.Weight.ToArray<float>());
            Assert.Equal(source.Bias!.ToArray<float>(), copy.Bias!.ToArray<float>());
        }

        var wg = gmf.Output.Weight.ToArray<float>();
        var wm = mlp.Output.Weight.ToArray<float>();
        var expected = wg.Select(w => 0.3f * w).Concat(wm.Select(w => 0.7f * w)).ToArray();
        var actual = neumf.Output.Weight.ToArray<float>();
        Assert.Equal(6, actual.Length);
        for (int k = 0; k < 6; k++) Assert.Equal(expected[k], actual[k], 6);
        float bias = 0.3f * gmf.Output.Bias!.ToSingle() + 0.7f * mlp.Output.Bias!.ToSingle();
        Assert.Equal(bias, neumf.Output.Bias!.ToSingle(), 6);

        // The output layer is linear, so the pretrained NeuMF starts as the alpha-mix of the two models' logits.
        long[] users = [0, 1, 2, 0, 2], items = [1, 2, 3, 6, 5];
        var g = Logits(gmf, users, items);
        var m = Logits(mlp, users, items);
        var n = Logits(neumf, users, items);
        for (int k = 0; k < users.Length; k++) Assert.Equal(0.3f * g[k] + 0.7f * m[k], n[k], 5);
    }

    [Fact]
    public void PretrainingRejectsModelsOfDifferentData()
    {
        using var gmf = new Gmf(3, 6, factors: 4);
        using var mlp = new Mlp(3, 7, layers: [8, 4]);
        var error = Assert.Throws<ArgumentException>(() => NeuMf.FromPretrained(gmf, mlp));
        Assert.Equal("GMF (3 users, 6 items) and MLP (3 users, 7 items) were trained on different data", error.Message);
    }

    public static TheoryData<string> PointwiseModels => new() { "gmf", "mlp", "neumf" };

    private static PointwiseRecommender Create(string name) => name switch
    {
        "gmf" => new Gmf(4, 5, 3),
        "mlp" => new Mlp(4, 5, [6, 4, 3]),
        _ => new NeuMf(4, 5, 3, [6, 4, 3]),
    };

    [Theory]
    [MemberData(nameof(PointwiseModels))]
    public void BinaryCrossEntropyGradientsReachEveryParameter(string name)
    {
        torch.ManualSeed(3);
        using var model = Create(name);
        using var scope = torch.NewDisposeScope();
        long[] users = [0, 1, 2, 3, 0, 1, 2, 3, 0, 1], items = [1, 2, 3, 4, 5, 5, 4, 3, 2, 1];
        float[] labels = [1, 0, 1, 0, 1, 1, 0, 0, 1, 0];
        var loss = Functional.BinaryCrossEntropyWithLogits(model.Logits(torch.Tensor(users), torch.Tensor(items)), torch.Tensor(labels));
        loss.Backward();
        foreach (var (parameterName, parameter) in model.NamedParameters())
        {
            var grad = parameter.Grad;
            Assert.True(grad is not null, $"{name}: {parameterName} got no gradient");
            Assert.True(grad!.Abs().Sum().ToDouble() > 0, $"{name}: the gradient of {parameterName} is all zero");
        }
    }

    [Theory]
    [MemberData(nameof(PointwiseModels))]
    public void ScorerScoresEqualTheForwardPassOfEachPair(string name)
    {
        torch.ManualSeed(4);
        using var model = Create(name);
        using var scorer = new PointwiseScorer(model);
        var scores = new float[6];
        scorer.ScoreAll(new EvaluationCase(2, [], [1]), scores);
        for (long item = 1; item <= 5; item++)
            Assert.Equal(Logits(model, [2], [item])[0], scores[item], 5);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => scorer.ScoreAll(new EvaluationCase(4, [], [1]), scores));
        Assert.StartsWith("user 4 is outside the model's 0..3", error.Message);
    }

    [Theory]
    [InlineData("gmf")]
    [InlineData("mlp")]
    [InlineData("neumf-pretrained")]
    public void LearnedModelsBeatPopularityOnPlantedClusters(string name)
    {
        var split = Split();
        double pop = PopularityHitRate10(split);
        using var model = LearnedCfTrainer.Fit(name, split, new LearnedCfOptions
        {
            // Few factors and epochs: the planted structure is rank 2, and more capacity lets GMF memorise the train pairs.
            Dim = 4, Epochs = 20, BatchSize = 64, LearningRate = 0.01, Verbose = false, FinetuneOptimizer = "adam", Threads = 1,
        });
        double learned = HitRate10(model, split);
        Assert.True(learned > pop + 0.2, $"{name}: HR@10 {learned:0.000} does not clearly beat Pop {pop:0.000}");
        Assert.True(learned > 0.9, $"{name}: HR@10 {learned:0.000} on planted clusters");
    }

    [Fact]
    public void EarlyStoppingWithoutValidationCasesIsRefused()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            LearnedCfTrainer.Fit("gmf", Split(), new LearnedCfOptions { EarlyStopping = true, Verbose = false }));
        Assert.Equal("early stopping needs validation cases, but the split has none (P2: hold out a validation item)", error.Message);
    }

    [Fact]
    public void UnknownModelAndBadOptionsAreNamed()
    {
        var unknown = Assert.Throws<ArgumentException>(() => LearnedCfTrainer.Fit("svd", Split()));
        Assert.StartsWith("unknown learned model 'svd': expected bpr, gmf, mlp, neumf, neumf-pretrained", unknown.Message);
        var layers = Assert.Throws<ArgumentException>(() => new Mlp(2, 2, [5, 2]));
        Assert.StartsWith("the first MLP width (5) must be even", layers.Message);
        var finetune = Assert.Throws<ArgumentException>(() => new LearnedCfOptions { FinetuneOptimizer = "rmsprop" }.Validate());
        Assert.StartsWith("unknown fine-tuning optimizer 'rmsprop': expected sgd or adam", finetune.Message);
    }
}
