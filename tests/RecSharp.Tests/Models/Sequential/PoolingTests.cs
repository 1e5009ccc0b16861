using RecSharp.Models.Sequential;
using RecSharp.Torch;
using static RecSharp.Tests.Models.Sequential.SequentialTestData;

namespace RecSharp.Tests.Models.Sequential;

[Collection(GlobalSeedCollection.Name)]
public class PoolingTests
{
    [Fact]
    public void UserVectorIsTheMeanOfTheRealItemEmbeddings()
    {
        torch.ManualSeed(1);
        using var model = new Pooling(Config());
        using var scope = torch.NewDisposeScope();
        var (history, mask) = Batch([[3, 5, 7]], 5);
        var user = Values(model.UserVectors(history, mask));
        var table = Values(model.ItemEmbedding.Weight);
        var expected = new float[6];
        for (int j = 0; j < 6; j++) expected[j] = (table[3 * 6 + j] + table[5 * 6 + j] + table[7 * 6 + j]) / 3;
        AssertClose(expected, user);
    }

    [Fact]
    public void PaddingNeverChangesTheUserVector()
    {
        torch.ManualSeed(2);
        using var model = new Pooling(Config() with { PoolingMlp = [8] });
        using var scope = torch.NewDisposeScope();
        int[][] histories = [[4, 2], [9], [1, 2, 3, 4, 5]];
        var (h5, m5) = Batch(histories, 5);
        var (garbage, mGarbage) = Batch(histories, 5, padWith: 11); // masked positions hold a real item id
        var (h7, m7) = Batch(histories, 7);
        var reference = Values(model.UserVectors(h5, m5));
        AssertClose(reference, Values(model.UserVectors(garbage, mGarbage)));
        AssertClose(reference, Values(model.UserVectors(h7, m7)));
        Assert.Equal([3L, 1, 6], model.UserVectors(h5, m5).Shape);
    }

    [Fact]
    public void HistoryOfOneItemGivesThatItemsEmbedding()
    {
        torch.ManualSeed(3);
        using var model = new Pooling(Config());
        using var scope = torch.NewDisposeScope();
        var (history, mask) = Batch([[8]], 5);
        AssertClose(Values(model.ItemEmbedding.Weight.Select(0, 8)), Values(model.UserVectors(history, mask)));
    }

    [Fact]
    public void GradientsReachEveryParameter()
    {
        torch.ManualSeed(4);
        using var model = new Pooling(Config() with { PoolingMlp = [8, 7] });
        GradientCheck.AssertEveryParameterGetsGradient(model);
    }
}
