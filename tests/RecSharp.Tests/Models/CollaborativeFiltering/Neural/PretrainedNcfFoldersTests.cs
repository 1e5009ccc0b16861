using RecSharp.Data.Dataset;
using RecSharp.Data.Splits;
using RecSharp.Models.CollaborativeFiltering;
using RecSharp.Models.CollaborativeFiltering.Neural;
using RecSharp.Torch;

namespace RecSharp.Tests.Models.CollaborativeFiltering.Neural;

[Collection(GlobalSeedCollection.Name)]
public sealed class PretrainedNcfFoldersTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"recsharp-ncf-pretrain-{Guid.NewGuid():N}");
    private static readonly CfSplitSpec Spec = new(SplitProtocol.P2LeaveOneOut, "/data/planted", Seed: 3);
    private static readonly LearnedCfOptions Options = new() { Epochs = 1, Verbose = false, Dim = 4, MlpLayers = [8, 4] };

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private (string Gmf, string Mlp) SaveParents(DataSplit split, IdVocabulary vocabulary)
    {
        string gmf = Path.Combine(root, "gmf"), mlp = Path.Combine(root, "mlp");
        using (var trained = LearnedCfTrainer.Fit("gmf", split, Options)) CfModelFolder.Save(gmf, trained, Spec, vocabulary);
        using (var trained = LearnedCfTrainer.Fit("mlp", split, Options with { Seed = 5 })) CfModelFolder.Save(mlp, trained, Spec, vocabulary);
        return (gmf, mlp);
    }

    private static float[] Values(Tensor t)
    {
        using var scope = torch.NewDisposeScope();
        return t.Detach().Contiguous().ToArray<float>();
    }

    [Fact]
    public void NeuMfFromSavedFoldersStartsFromTheirWeightsWithHalfOfEachOutputLayer()
    {
        var split = PlantedClusters.Split();
        var vocabulary = IdVocabulary.Identity(split.NumUsers, split.NumItems);
        var (gmfFolder, mlpFolder) = SaveParents(split, vocabulary);

        var (gmf, mlp) = PretrainedNcfFolders.Load(gmfFolder, mlpFolder, Spec, vocabulary);
        using var _ = gmf;
        using var __ = mlp;
        // A learning rate far below float32 resolution: the fine-tuning epoch runs but cannot move a weight, so the
        // result is the initialisation itself.
        using var neumf = LearnedCfTrainer.FitFromPretrained(gmf, mlp, split, Options with { FinetuneLearningRate = 1e-30 });
        var model = Assert.IsType<NeuMf>(neumf.Module);
        Assert.Equal("neumf-pretrained", neumf.Name);

        Assert.Equal(Values(gmf.Features.ItemEmbedding.Weight), Values(model.Gmf.ItemEmbedding.Weight));
        Assert.Equal(Values(gmf.Features.UserEmbedding.Weight), Values(model.Gmf.UserEmbedding.Weight));
        Assert.Equal(Values(mlp.Features.ItemEmbedding.Weight), Values(model.Mlp.ItemEmbedding.Weight));
        Assert.Equal(Values(mlp.Features.UserEmbedding.Weight), Values(model.Mlp.UserEmbedding.Weight));
        var w = Values(model.Output.Weight);
        var wGmf = Values(gmf.Output.Weight);
        var wMlp = Values(mlp.Output.Weight);
        Assert.Equal(wGmf.Length + wMlp.Length, w.Length);
        for (int k = 0; k < wGmf.Length; k++) Assert.Equal(0.5f * wGmf[k], w[k], 6);
        for (int k = 0; k < wMlp.Length; k++) Assert.Equal(0.5f * wMlp[k], w[wGmf.Length + k], 6);
        Assert.Equal(0.5f * (Values(gmf.Output.Bias!)[0] + Values(mlp.Output.Bias!)[0]), Values(model.Output.Bias!)[0], 6);
    }

    [Fact]
    public void FoldersOfAnotherSplitOrInTheWrongOrderAreRefused()
    {
        var split = PlantedClusters.Split();
        var vocabulary = IdVocabulary.Identity(split.NumUsers, split.NumItems);
        var (gmfFolder, mlpFolder) = SaveParents(split, vocabulary);
        string source = Path.Combine(mlpFolder, "config.json");

        var swapped = Assert.Throws<InvalidDataException>(() => PretrainedNcfFolders.Load(mlpFolder, gmfFolder, Spec, vocabulary));
        Assert.Equal($"{source}: holds a mlp model, but --pretrain-from expects GMF_DIR,MLP_DIR and this position needs a gmf folder", swapped.Message);

        var otherSeed = Assert.Throws<InvalidDataException>(() => PretrainedNcfFolders.Load(gmfFolder, mlpFolder, Spec with { Seed = 4 }, vocabulary));
        Assert.Equal($"{Path.Combine(gmfFolder, "config.json")}: the gmf model was trained on another split (protocol p2, seed 3, hold_out_validation false, exclude_valid false) than this run (protocol p2, seed 4, hold_out_validation false, exclude_valid false)", otherSeed.Message);

        var otherData = Assert.Throws<InvalidDataException>(() => PretrainedNcfFolders.Load(gmfFolder, mlpFolder, Spec with { Data = "/data/other" }, vocabulary));
        Assert.Equal($"{Path.Combine(gmfFolder, "config.json")}: the gmf model was trained on /data/planted, not on /data/other", otherData.Message);

        var otherIds = Assert.Throws<InvalidDataException>(() => PretrainedNcfFolders.Load(gmfFolder, mlpFolder, Spec, IdVocabulary.Identity(split.NumUsers + 1, split.NumItems)));
        Assert.Equal($"{Path.Combine(gmfFolder, "vocab.json")}: the gmf model has 60 users and 40 items, this data 61 and 40", otherIds.Message);

        Assert.Equal("--pretrain-from expects two model folders, GMF_DIR,MLP_DIR, got 'a'", Assert.Throws<ArgumentException>(() => PretrainedNcfFolders.Parse("a")).Message);
    }
}
