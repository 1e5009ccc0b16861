using RecSharp.Visualization;

namespace RecSharp.Tests.Visualization;

public class RepresentativeCategoryTests
{
    [Fact]
    public void AnItemIsColouredByItsRarestCategoryAmongTheDrawnItems()
    {
        string[][] items = [["Action", "Sci-Fi"], ["Action", "Drama"], ["Action"], ["Drama", "Romance"], ["Drama"]];
        var pick = new RepresentativeCategory(items);
        // Counts: Action 3, Drama 3, Sci-Fi 1, Romance 1.
        Assert.Equal("Sci-Fi", pick.Of(items[0]));
        Assert.Equal("Action", pick.Of(items[1]));     // a tie (3 and 3) goes to the category listed first
        Assert.Equal("Romance", pick.Of(items[3]));
        Assert.Null(pick.Of([]));
    }
}
