using RecSharp.Models.Sequential;
using RecSharp.Torch;
using static RecSharp.Tests.Models.Sequential.ComiRecTestHelpers;

namespace RecSharp.Tests.Models.Sequential;

[Collection(GlobalSeedCollection.Name)]
public class ComiRecTests
{
    private static readonly int[][] Histories = [[3, 5, 7, 2], [4, 1], [9]];

    private static SequentialRecallModel Create(string name, SequentialModelConfig config) => name switch
    {
        "comirec-dr" => new ComiRecDr(config),
        "comirec-sa" => new ComiRecSa(config),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [InlineData("comirec-dr")]
    [InlineData("comirec-sa")]
    public void NameAndInterestCountComeFromTheConfig(string name)
    {
        using var model = Create(name, SmallConfig(interests: 2));
        Assert.Equal(name, model.Name);
        Assert.Equal(2, model.InterestCount);
    }

    [Theory]
    [InlineData("comirec-dr")]
    [InlineData("comirec-sa")]
    public void PaddedIdsNeverChangeTheUserVectors(string name)
    {
        using var scope = torch.NewDisposeScope();
        using var model = Create(name, SmallConfig());
        var (h0, m0) = Batch(Histories, 4);
        var (h1, m1) = Batch(Histories, 4, padId: 12);
        var a = model.UserVectors(h0, m0).ToArray<float>();
        Assert.Equal(a, model.UserVectors(h1, m1).ToArray<float>());
        // Each user alone, without padding, gives the same vectors as in the padded batch.
        for (int b = 0; b < Histories.Length; b++)
        {
            var (alone, aloneMask) = Batch([Histories[b]], Histories[b].Length);
            AssertClose(a.Skip(b * 3 * 6).Take(3 * 6).ToArray(), model.UserVectors(alone, aloneMask).ToArray<float>(), 1e-5f);
        }
    }

    [Theory]
    [InlineData("comirec-dr")]
    [InlineData("comirec-sa")]
    public void HistoryOfLengthOneWorks(string name)
    {
        using var scope = torch.NewDisposeScope();
        using var model = Create(name, SmallConfig());
        var (h, m) = Batch([[6]], 4);
        var users = model.UserVectors(h, m);
        Assert.Equal([1, 3, 6], users.Shape);
        Assert.All(users.ToArray<float>(), v => Assert.True(float.IsFinite(v)));
    }

    [Theory]
    [InlineData("comirec-dr")]
    [InlineData("comirec-sa")]
    public void GradientsReachEveryParameter(string name)
    {
        using var scope = torch.NewDisposeScope();
        using var model = Create(name, SmallConfig());
        var (h, m) = Batch(Histories, 4);
        AssertEveryParameterGetsGradient(model, h, m, torch.Tensor(new long[] { 8, 10, 12 }));
    }

    [Fact]
    public void DynamicRoutingWithZeroLogitsIsDeterministic()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new ComiRecDr(SmallConfig());
        var (h, m) = Batch(Histories, 4);
        Assert.Equal(model.UserVectors(h, m).ToArray<float>(), model.UserVectors(h, m).ToArray<float>());
    }

    [Fact]
    public void SelfAttentionGivesPaddingExactlyZeroWeight()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new ComiRecSa(SmallConfig());
        var (h, m) = Batch(Histories, 4);
        var items = model.ItemEmbedding.Forward(h).Mul(m.Unsqueeze(2));
        var attention = model.Attention.Attention(items, m).ToArray<float>(); // [3, K=3, L=4]
        for (int b = 0; b < 3; b++)
            for (int k = 0; k < 3; k++)
            {
                var row = attention.Skip((b * 3 + k) * 4).Take(4).ToArray();
                for (int l = Histories[b].Length; l < 4; l++) Assert.Equal(0f, row[l]);
                Assert.Equal(1.0, row.Sum(), 5);
            }
        // A single real item takes all the weight of every head, so every interest is that item's vector.
        var single = model.UserVectors(Batch([[9]], 4).History, Batch([[9]], 4).Mask).ToArray<float>();
        var item9 = model.ItemEmbedding.Forward(torch.Tensor(new long[] { 9 })).ToArray<float>();
        for (int k = 0; k < 3; k++) AssertClose(item9, single.Skip(k * 6).Take(6).ToArray(), 1e-6f);
    }

    [Fact]
    public void SelfAttentionMatchesFiniteDifferences()
    {
        using var scope = torch.NewDisposeScope();
        torch.ManualSeed(21); // this test only needs some fixed draw, not a particular one
        using var attention = new SelfAttentiveInterests(dim: 3, maxLength: 4, interests: 2, hiddenSize: 5, positionEmbedding: true,
            dtype: ScalarType.Float64);
        var items = torch.Randn([2, 4, 3], ScalarType.Float64).RequiresGrad_();
        var mask = torch.Tensor(new float[] { 1, 1, 1, 1, 1, 1, 0, 0 }, 2, 4);
        var probe = torch.Randn([2, 2, 3], ScalarType.Float64);
        Func<Tensor> loss = () => attention.Forward(items, mask).Mul(probe).Sum();
        var inputs = new List<(string, Tensor)> { ("items", items) };
        inputs.AddRange(attention.NamedParameters().Select(p => (p.Name, (Tensor)p.Parameter)));
        Assert.Equal(["position_embedding", "w1.weight", "w1.bias", "w2.weight", "w2.bias"], inputs.Skip(1).Select(i => i.Item1));
        CapsuleRoutingGradCheck.AssertMatches(loss, inputs);
    }

    [Fact]
    public void AttentionHiddenSizeDefaultsToFourTimesDim()
    {
        using var model = new ComiRecSa(SmallConfig());
        Assert.Equal([24, 6], model.NamedParameters().Single(p => p.Name == "attention.w1.weight").Parameter.Shape);
        using var custom = new ComiRecSa(SmallConfig() with { AttentionHidden = 7, PositionEmbedding = false });
        Assert.Equal([7, 6], custom.NamedParameters().Single(p => p.Name == "attention.w1.weight").Parameter.Shape);
        Assert.DoesNotContain(custom.NamedParameters(), p => p.Name.Contains("position"));
    }

    [Fact]
    public void CapsuleScaleIsOptInStartsAtSqrtDimAndOnlyScalesTheCapsules()
    {
        using var scope = torch.NewDisposeScope();
        using var on = new ComiRecDr(SmallConfig() with { LearnedCapsuleScale = true });
        using var off = new ComiRecDr(SmallConfig());
        Assert.Equal(Math.Sqrt(6), on.CapsuleScale!.Value, 5);
        Assert.Null(off.CapsuleScale);
        var offNames = off.NamedParameters().Select(p => p.Name).ToList();
        Assert.DoesNotContain(ComiRecDr.CapsuleScaleParameter, offNames);
        Assert.Equal(offNames.Append("capsule_log_scale").Order(), on.NamedParameters().Select(p => p.Name).Order());
        var (h, m) = Batch(Histories, 4);
        // Off = the authors' model: the user vectors are the routing's squashed capsules, untouched.
        Assert.Equal(Capsules(off, h, m), off.UserVectors(h, m).ToArray<float>());
        // On: the same capsules times sqrt(6) = 2.449490.
        AssertClose(Capsules(on, h, m).Select(v => v * 2.449490f).ToArray(), on.UserVectors(h, m).ToArray<float>(), 1e-5f);
    }

    private static float[] Capsules(ComiRecDr model, Tensor h, Tensor m) =>
        model.Routing.Forward(HistoryInput.MaskedEmbeddings("comirec-dr", model.ItemEmbedding, h, m), m).ToArray<float>();

    [Fact]
    public void GradientReachesTheCapsuleScaleAndMatchesFiniteDifferences()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new ComiRecDr(SmallConfig() with { LearnedCapsuleScale = true });
        var (h, m) = Batch(Histories, 4);
        var targets = torch.Tensor(new long[] { 8, 10, 12 });
        var t = model.NamedParameters().Single(p => p.Name == ComiRecDr.CapsuleScaleParameter).Parameter;
        model.ZeroGrad();
        FullSoftmaxLoss(model, h, m, targets).Backward();
        double analytic = t.Grad!.ToDouble();
        Assert.NotEqual(0.0, analytic);
        double t0 = t.ToDouble(), step = 1e-2;
        double Loss(double value)
        {
            using (torch.NoGrad()) t.Fill_(value);
            using (torch.NoGrad()) return FullSoftmaxLoss(model, h, m, targets).ToDouble();
        }
        double numeric = (Loss(t0 + step) - Loss(t0 - step)) / (2 * step);
        Assert.True(Math.Abs(numeric - analytic) <= 2e-3 + 2e-2 * Math.Abs(analytic), $"d loss / d log-scale: autograd {analytic}, finite differences {numeric}");
    }

    [Fact]
    public void CapsuleScaleIsSavedAndOldFoldersLoadWithoutIt()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new ComiRecDr(SmallConfig() with { LearnedCapsuleScale = true });
        var t = model.NamedParameters().Single(p => p.Name == ComiRecDr.CapsuleScaleParameter).Parameter;
        using (torch.NoGrad()) t.Fill_(1.0);
        int[][] histories = [[1, 2, 3], [9]];
        var before = SequentialEvaluation.UserVectors(model, histories).ToArray<float>();
        string folder = Path.Combine(Path.GetTempPath(), "recsharp-dr-" + Guid.NewGuid().ToString("N"));
        string oldFolder = folder + "-old";
        try
        {
            SequentialCheckpoint.Save(folder, model);
            var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "config.json")))!;
            Assert.True(config["hyperparameters"]!["learned_capsule_scale"]!.GetValue<bool>());
            var (loaded, _) = SequentialCheckpoint.Load(folder);
            using (loaded)
            {
                Assert.Equal(Math.E, ((ComiRecDr)loaded).CapsuleScale!.Value, 5);
                Assert.Equal(before, SequentialEvaluation.UserVectors(loaded, histories).ToArray<float>());
            }

            // A folder written before the option existed: no key, no scale parameter -> the authors' model.
            using var authors = new ComiRecDr(SmallConfig() with { LearnedCapsuleScale = false });
            SequentialCheckpoint.Save(oldFolder, authors);
            string configPath = Path.Combine(oldFolder, "config.json");
            var old = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(configPath))!;
            Assert.False(old["hyperparameters"]!["learned_capsule_scale"]!.GetValue<bool>());
            old["hyperparameters"]!.AsObject().Remove("learned_capsule_scale");
            File.WriteAllText(configPath, old.ToJsonString());
            var (reloaded, _) = SequentialCheckpoint.Load(oldFolder);
            using (reloaded)
            {
                Assert.Null(((ComiRecDr)reloaded).CapsuleScale);
                Assert.Equal(SequentialEvaluation.UserVectors(authors, histories).ToArray<float>(),
                    SequentialEvaluation.UserVectors(reloaded, histories).ToArray<float>());
            }
        }
        finally
        {
            foreach (var f in new[] { folder, oldFolder })
                if (Directory.Exists(f)) Directory.Delete(f, recursive: true);
        }
    }
}
