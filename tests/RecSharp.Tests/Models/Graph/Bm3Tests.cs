using RecSharp.Data.Splits;
using RecSharp.Models.Graph;
using RecSharp.Torch;

namespace RecSharp.Tests.Models.Graph;

[Collection(GlobalSeedCollection.Name)]
public class Bm3Tests
{
    private static readonly UserItemLists TinyTrain = UserItemLists.FromLists([[1, 2], [2, 3], [3, 4]]);
    private const int Dim = 3;

    [Fact]
    public void LossTermsMatchAPlainReference()
    {
        torch.ManualSeed(17);
        using var adjacency = NormalizedAdjacency.Build(TinyTrain, 4);
        var featureValues = Enumerable.Range(0, 5 * 2).Select(k => k == 0 || k == 1 ? 0f : (float)Math.Sin(k)).ToArray();
        using var featureTable = torch.Tensor(featureValues, 5, 2);
        using var model = new Bm3(adjacency, Dim, layers: 1, dropout: 0, features: [("text", featureTable)]);
        int[] users = [0, 1, 2], items = [2, 3, 4];
        using var userIds = torch.Tensor(users.Select(u => (long)u).ToArray());
        using var itemIds = torch.Tensor(items.Select(i => (long)i).ToArray());
        using var terms = model.Loss(userIds, itemIds, clWeight: 2.0, regWeight: 0.1);

        // Plain C#: layer mean over one layer, item vectors + ID embedding, shared predictor; dropout 0 => target = online.
        var state = model.StateDict();
        double[] Flat(string name) => state[name].Contiguous().ToArray<float>().Select(v => (double)v).ToArray();
        var ego = Flat("user_embedding.weight").Concat(Flat("item_id_embedding.weight")).ToArray();
        var idItems = Flat("item_id_embedding.weight");
        var a = GraphTestData.Dense(adjacency);
        int nodes = adjacency.NumNodes, numUsers = 3;
        var mean = new double[nodes * Dim];
        for (int r = 0; r < nodes; r++)
            for (int k = 0; k < Dim; k++)
            {
                double propagated = 0;
                for (int c = 0; c < nodes; c++) propagated += a[r, c] * ego[c * Dim + k];
                mean[r * Dim + k] = (ego[r * Dim + k] + propagated) / 2;
            }
        double[] U(int u) => mean.AsSpan(u * Dim, Dim).ToArray();
        double[] I(int i) => Enumerable.Range(0, Dim).Select(k => mean[(numUsers + i) * Dim + k] + idItems[i * Dim + k]).ToArray();
        var w = Flat("predictor.weight");
        var b = Flat("predictor.bias");
        double[] P(double[] x) => Enumerable.Range(0, Dim).Select(o => b[o] + Enumerable.Range(0, Dim).Sum(k => w[o * Dim + k] * x[k])).ToArray();
        var pw = Flat("text_projection.weight");
        var pb = Flat("text_projection.bias");
        var table = Flat("text_embedding.weight");
        double[] F(int i) => Enumerable.Range(0, Dim).Select(o => pb[o] + pw[o * 2] * table[i * 2] + pw[o * 2 + 1] * table[i * 2 + 1]).ToArray();
        static double Cos(double[] x, double[] y) =>
            x.Zip(y, (p, q) => p * q).Sum() / Math.Sqrt(x.Sum(v => v * v)) / Math.Sqrt(y.Sum(v => v * v));
        double OneMinusMean(Func<int, double> cosine) => 1 - Enumerable.Range(0, 3).Average(cosine);

        double userToItem = OneMinusMean(k => Cos(P(U(users[k])), I(items[k])));
        double itemToUser = OneMinusMean(k => Cos(P(I(items[k])), U(users[k])));
        double modality = OneMinusMean(k => Cos(P(F(items[k])), I(items[k]))) + OneMinusMean(k => Cos(P(F(items[k])), F(items[k])));
        double userNorm = Math.Sqrt(Enumerable.Range(0, numUsers).Sum(u => U(u).Sum(v => v * v)));
        double itemNorm = Math.Sqrt(Enumerable.Range(0, 5).Sum(i => I(i).Sum(v => v * v)));
        double reg = (userNorm + itemNorm) / 4;
        double total = userToItem + itemToUser + 2.0 * modality + 0.1 * reg;

        Assert.Equal(userToItem, terms.UserToItem.Item<float>(), 4);
        Assert.Equal(itemToUser, terms.ItemToUser.Item<float>(), 4);
        Assert.Equal(modality, terms.Modality.Item<float>(), 4);
        Assert.Equal(reg, terms.Regularisation.Item<float>(), 4);
        Assert.Equal(total, terms.Total.Item<float>(), 4);
        foreach (var t in state.Values) t.Dispose();
    }

    [Fact]
    public void NoGradientFlowsIntoTheTargetView()
    {
        // Without layers a user's online vector depends on the user table only, so the user->item term can move
        // the item table only through its target, which must be cut off (and symmetrically for item->user).
        torch.ManualSeed(3);
        using var adjacency = NormalizedAdjacency.Build(TinyTrain, 4);
        using var model = new Bm3(adjacency, Dim, layers: 0, dropout: 0.5);
        using var users = torch.Tensor(new long[] { 0, 1, 2 });
        using var items = torch.Tensor(new long[] { 1, 3, 4 });

        using (var terms = model.Loss(users, items, clWeight: 2.0, regWeight: 0)) terms.UserToItem.Backward();
        AssertZero(model.ItemEmbedding.Weight.Grad);
        AssertNonZero(model.UserEmbedding.Weight.Grad);

        model.ZeroGrad();
        using (var terms = model.Loss(users, items, clWeight: 2.0, regWeight: 0)) terms.ItemToUser.Backward();
        AssertZero(model.UserEmbedding.Weight.Grad);
        AssertNonZero(model.ItemEmbedding.Weight.Grad);
    }

    [Fact]
    public void FeatureTableWithTheWrongRowCountIsNamed()
    {
        using var adjacency = NormalizedAdjacency.Build(TinyTrain, 4);
        using var table = torch.Zeros(4, 2);
        var error = Assert.Throws<ArgumentException>(() => new Bm3(adjacency, Dim, 1, 0.3, [("image", table)]));
        Assert.StartsWith("feature table 'image' has shape [4, 2]; expected [NumItems + 1 = 5, features]", error.Message);
    }

    private static void AssertZero(Tensor? grad)
    {
        if (grad is null) return;
        using (grad) Assert.All(grad.ToArray<float>(), v => Assert.Equal(0f, v));
    }

    private static void AssertNonZero(Tensor? grad)
    {
        Assert.NotNull(grad);
        using (grad) Assert.Contains(grad.ToArray<float>(), v => v != 0f);
    }
}
