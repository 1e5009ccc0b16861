using RecSharp.Models.Sequential;
using RecSharp.Torch;
using static RecSharp.Tests.Models.Sequential.SequentialTestData;

namespace RecSharp.Tests.Models.Sequential;

[Collection(GlobalSeedCollection.Name)]
public class Gru4RecTests
{
    [Fact]
    public void PaddingNeverChangesTheUserVector()
    {
        torch.ManualSeed(5);
        using var model = new Gru4Rec(Config() with { GruLayers = 2 });
        model.Eval();
        using var scope = torch.NewDisposeScope();
        int[][] histories = [[4, 2], [9], [1, 2, 3, 4, 5]];
        var (h5, m5) = Batch(histories, 5);
        var (garbage, mGarbage) = Batch(histories, 5, padWith: 11);
        var (h7, m7) = Batch(histories, 7);
        var reference = Values(model.UserVectors(h5, m5));
        AssertClose(reference, Values(model.UserVectors(garbage, mGarbage)));
        AssertClose(reference, Values(model.UserVectors(h7, m7)));
        // Each row alone, with no padding at all, gives the same vector.
        for (int b = 0; b < histories.Length; b++)
        {
            var (alone, aloneMask) = Batch([histories[b]], histories[b].Length);
            AssertClose(reference.AsSpan(b * 6, 6).ToArray(), Values(model.UserVectors(alone, aloneMask)));
        }
    }

    [Fact]
    public void HistoryOfOneItemIsOneGruStepFromZero()
    {
        torch.ManualSeed(6);
        using var model = new Gru4Rec(Config(dim: 3));
        using var scope = torch.NewDisposeScope();
        var (history, mask) = Batch([[7]], 5);
        var user = Values(model.UserVectors(history, mask));
        Assert.Equal([1L, 1, 3], model.UserVectors(history, mask).Shape);

        // Hand computation from h0 = 0: r and z do not matter for n except through b_hn; h' = (1 - z) * n.
        var x = Values(model.ItemEmbedding.Weight.Select(0, 7));
        var p = model.NamedParameters().ToDictionary(np => np.Name, np => Values(np.Parameter));
        float[] wih = p["gru.weight_ih_l0"], bih = p["gru.bias_ih_l0"], bhh = p["gru.bias_hh_l0"];
        var expected = new float[3];
        for (int j = 0; j < 3; j++)
        {
            double Gate(int g)
            {
                double s = bih[g * 3 + j];
                for (int i = 0; i < 3; i++) s += wih[(g * 3 + j) * 3 + i] * x[i];
                return s;
            }
            double r = Sigmoid(Gate(0) + bhh[j]);
            double z = Sigmoid(Gate(1) + bhh[3 + j]);
            double n = Math.Tanh(Gate(2) + r * bhh[6 + j]);
            expected[j] = (float)((1 - z) * n);
        }
        AssertClose(expected, user);
    }

    [Fact]
    public void GradientsReachEveryParameter()
    {
        torch.ManualSeed(7);
        using var model = new Gru4Rec(Config() with { GruLayers = 2 });
        GradientCheck.AssertEveryParameterGetsGradient(model);
    }

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
}
