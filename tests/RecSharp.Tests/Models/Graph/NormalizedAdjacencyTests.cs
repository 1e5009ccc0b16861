using RecSharp.Data.Splits;
using RecSharp.Models.Graph;

namespace RecSharp.Tests.Models.Graph;

public class NormalizedAdjacencyTests
{
    [Fact]
    public void TwoUsersThreeItemsGetOneOverSqrtOfBothDegrees()
    {
        // user 0: items 1, 2 (item 1 twice: counts once); user 1: items 2, 3.
        // Degrees: u0 = 2, u1 = 2, i1 = 1, i2 = 2, i3 = 1. Nodes: u0 = 0, u1 = 1, padding = 2, i1 = 3, i2 = 4, i3 = 5.
        var train = UserItemLists.FromLists([[1, 2, 1], [2, 3]]);
        using var adjacency = NormalizedAdjacency.Build(train, 3);
        Assert.Equal(6, adjacency.NumNodes);
        Assert.Equal([6L, 6L], adjacency.Matrix.Shape);
        Assert.True(adjacency.Matrix.IsSparse);

        float r2 = (float)(1 / Math.Sqrt(2)), half = 0.5f;
        var expected = new float[6, 6];
        expected[0, 3] = expected[3, 0] = r2;   // u0-i1: 1/sqrt(2*1)
        expected[0, 4] = expected[4, 0] = half; // u0-i2: 1/sqrt(2*2)
        expected[1, 4] = expected[4, 1] = half; // u1-i2
        expected[1, 5] = expected[5, 1] = r2;   // u1-i3: 1/sqrt(2*1)
        using var dense = adjacency.Matrix.ToDense();
        var actual = dense.ToArray<float>();
        for (int r = 0; r < 6; r++)
            for (int c = 0; c < 6; c++)
                Assert.Equal(expected[r, c], actual[r * 6 + c], 6);
        Assert.Equal(8, adjacency.Values.Length);
    }

    [Fact]
    public void ItemOutsideTheCatalogueIsNamed()
    {
        var error = Assert.Throws<ArgumentException>(() => NormalizedAdjacency.Build(UserItemLists.FromLists([[1], [4]]), 3));
        Assert.StartsWith("user 1 has train item 4, outside 1..3", error.Message);
    }
}
