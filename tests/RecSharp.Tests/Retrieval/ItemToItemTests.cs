using RecSharp.Retrieval;
using RecSharp.Torch;

namespace RecSharp.Tests.Retrieval;

public class ItemToItemTests
{
    [Fact]
    public void FindsCosineNeighboursExcludingSelfAndPadding()
    {
        // 0 padding (0, 0); 1 = (1, 0); 2 = (2, 0) (same direction as 1); 3 = (0, 1); 4 = (1, 1).
        using var scope = torch.NewDisposeScope();
        var items = torch.Tensor(new float[] { 0, 0, 1, 0, 2, 0, 0, 1, 1, 1 }, 5, 2);
        var result = ItemToItem.Neighbours(items, [1, 3, 2], 2);
        Assert.Equal([2, 4], result.Ids(0).ToArray());
        Assert.Equal(1.0f, result.Scores(0)[0], 1e-6f);
        Assert.Equal(MathF.Sqrt(0.5f), result.Scores(0)[1], 1e-6f);
        Assert.Equal(4, result.Ids(1)[0]);
        Assert.Equal([1, 4], result.Ids(2).ToArray());
    }

    [Fact]
    public void UnknownQueryItemIsNamed()
    {
        using var scope = torch.NewDisposeScope();
        var e = Assert.Throws<ArgumentException>(() => ItemToItem.Neighbours(torch.Zeros(3, 2), [1, 5], 1));
        Assert.StartsWith("query item 5 (position 1) is not a row of the item table (0..2)", e.Message);
    }
}
