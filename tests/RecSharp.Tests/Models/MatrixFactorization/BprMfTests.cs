using RecSharp.Data.Splits;
using RecSharp.Models.CollaborativeFiltering.Neural;
using RecSharp.Models.MatrixFactorization;
using RecSharp.Tests.Models.CollaborativeFiltering.Neural;
using RecSharp.Torch;
using static RecSharp.Tests.Models.CollaborativeFiltering.Neural.PlantedClusters;

namespace RecSharp.Tests.Models.MatrixFactorization;

[Collection(GlobalSeedCollection.Name)]
public class BprMfTests
{
    // σ(1) = 0.7310585786300049, so -log σ(1) = 0.31326168751822286 and -log σ(-1) = 1.3132616875182228.
    private const double OneMinusSigmoidOne = 0.2689414213699951;

    [Fact]
    public void PairwiseLossIsTheMeanNegativeLogSigmoidOfTheScoreGap()
    {
        using var scope = torch.NewDisposeScope();
        var loss = BprMf.PairwiseLoss(torch.Tensor(new float[] { 2, 0 }), torch.Tensor(new float[] { 1, 1 }));
        Assert.Equal((0.31326168751822286 + 1.3132616875182228) / 2, loss.ToDouble(), 6);
    }

    /// <summary>
    /// One triple: p = [1, -0.5], q+ = [0.5, 2], q- = [-1, 1], so x = p·q+ - p·q- = 1 and λ = 0.1.
    /// L = -log σ(1) + λ/2 (‖p‖² + ‖q+‖² + ‖q-‖²) = 0.3132617 + 0.05 · 7.5;
    /// dL/dp = -(1-σ(x))(q+ - q-) + λp, dL/dq+ = -(1-σ(x))p + λq+, dL/dq- = (1-σ(x))p + λq-.
    /// </summary>
    [Fact]
    public void LossAndGradientsMatchTheHandComputation()
    {
        using var model = new BprMf(numUsers: 1, numItems: 2, dim: 2);
        Set(model.UserEmbedding.Weight, 1, -0.5f);
        Set(model.ItemEmbedding.Weight, 0, 0, 0.5f, 2, -1, 1);
        using var scope = torch.NewDisposeScope();
        var loss = model.Loss(torch.Tensor(new long[] { 0 }), torch.Tensor(new long[] { 1 }), torch.Tensor(new long[] { 2 }), regWeight: 0.1);
        Assert.Equal(0.31326168751822286 + 0.375, loss.ToDouble(), 6);
        loss.Backward();

        const double s = OneMinusSigmoidOne;
        double[] user = [-s * 1.5 + 0.1, -s * 1.0 - 0.05];
        double[] item = [0, 0, -s * 1 + 0.05, -s * -0.5 + 0.2, s * 1 - 0.1, s * -0.5 + 0.1];
        var userGrad = model.UserEmbedding.Weight.Grad!.ToArray<float>();
        var itemGrad = model.ItemEmbedding.Weight.Grad!.ToArray<float>();
        for (int k = 0; k < user.Length; k++) Assert.Equal(user[k], userGrad[k], 5);
        for (int k = 0; k < item.Length; k++) Assert.Equal(item[k], itemGrad[k], 5);
    }

    [Fact]
    public void RegularisationIsAveragedOverTheBatch()
    {
        using var model = new BprMf(numUsers: 1, numItems: 2, dim: 2);
        Set(model.UserEmbedding.Weight, 1, -0.5f);
        Set(model.ItemEmbedding.Weight, 0, 0, 0.5f, 2, -1, 1);
        using var scope = torch.NewDisposeScope();
        // The same triple twice: the mean loss (ranking and penalty) equals the single-triple loss.
        var loss = model.Loss(torch.Tensor(new long[] { 0, 0 }), torch.Tensor(new long[] { 1, 1 }), torch.Tensor(new long[] { 2, 2 }), regWeight: 0.1);
        Assert.Equal(0.31326168751822286 + 0.375, loss.ToDouble(), 6);
    }

    [Fact]
    public void GradientsReachBothTables()
    {
        torch.ManualSeed(1);
        using var model = new BprMf(3, 4, 5);
        using var scope = torch.NewDisposeScope();
        model.Loss(torch.Tensor(new long[] { 0, 1, 2 }), torch.Tensor(new long[] { 1, 2, 3 }), torch.Tensor(new long[] { 4, 3, 1 }), 0.01).Backward();
        foreach (var (name, parameter) in model.NamedParameters())
            Assert.True(parameter.Grad!.Abs().Sum().ToDouble() > 0, $"the gradient of {name} is all zero");
    }

    [Fact]
    public void ScorerScoresEqualTheModelsInnerProducts()
    {
        torch.ManualSeed(2);
        using var model = new BprMf(3, 9, 13); // 13 factors: exercises the SIMD loop and its tail
        var scorer = EmbeddingDotScorer.From(model);
        var scores = new float[10];
        scorer.ScoreAll(new EvaluationCase(1, [], [1]), scores);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.NoGrad();
        var expected = model.Score(torch.Full([10], 1, ScalarType.Int64), torch.Arange(10)).ToArray<float>();
        for (int item = 1; item <= 9; item++) Assert.Equal(expected[item], scores[item], 5);
    }

    [Fact]
    public void BprBeatsPopularityOnPlantedClusters()
    {
        var split = Split();
        double pop = PopularityHitRate10(split);
        using var model = LearnedCfTrainer.Fit("bpr", split, new LearnedCfOptions
        {
            Dim = 4, Epochs = 20, BatchSize = 32, LearningRate = 0.01, RegWeight = 0, Verbose = false, Threads = 1,
        });
        double learned = HitRate10(model, split);
        Assert.True(learned > pop + 0.2, $"BPR: HR@10 {learned:0.000} does not clearly beat Pop {pop:0.000}");
        Assert.True(learned > 0.9, $"BPR: HR@10 {learned:0.000} on planted clusters");
    }

    [Fact]
    public void NegativeRegularisationIsRefused()
    {
        using var model = new BprMf(1, 2, 2);
        using var scope = torch.NewDisposeScope();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            model.Loss(torch.Tensor(new long[] { 0 }), torch.Tensor(new long[] { 1 }), torch.Tensor(new long[] { 2 }), -1));
        Assert.StartsWith("the regularisation weight must be >= 0", error.Message);
    }
}
