using RecSharp.Retrieval;

namespace RecSharp.Tests.Retrieval;

public class ItemSetsTests
{
    private static readonly ItemSets Sample = ItemSets.FromRows([[1, 2], [], [3]]);

    [Fact]
    public void RowsComeFromTheOffsets()
    {
        Assert.Equal(3, Sample.Count);
        Assert.Equal([0, 2, 2, 3], Sample.Offsets.ToArray());
        Assert.Equal([1, 2], Sample[0].ToArray());
        Assert.True(Sample[1].IsEmpty);
    }

    [Fact]
    public void RepeatSelectAndConcat()
    {
        var repeated = Sample.RepeatEachRow(2);
        Assert.Equal(6, repeated.Count);
        Assert.Equal([1, 2], repeated[1].ToArray());
        Assert.Equal([3], repeated[5].ToArray());
        Assert.Equal([3], Sample.SelectRows([2, 0])[0].ToArray());
        Assert.Equal([1, 2], Sample.SelectRows([2, 0])[1].ToArray());
        var joined = Sample.ConcatRows(ItemSets.FromRows([[9], [8], []]));
        Assert.Equal([1, 2, 9], joined[0].ToArray());
        Assert.Equal([8], joined[1].ToArray());
        Assert.Equal([3], joined[2].ToArray());
    }

    [Fact]
    public void BadOffsetsAreNamed()
    {
        var e = Assert.Throws<ArgumentException>(() => new ItemSets([0, 2, 1], [1, 2]));
        Assert.StartsWith("CSR offsets must not decrease, but offsets[2] = 1 < offsets[1] = 2", e.Message);
        e = Assert.Throws<ArgumentException>(() => new ItemSets([0, 1], [1, 2]));
        Assert.StartsWith("the last CSR offset must equal the number of items (2) but is 1", e.Message);
    }

    [Fact]
    public void MissingRowIsNamed()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Sample[3].Length);
        Assert.StartsWith("row 3 does not exist; there are 3 rows", e.Message);
    }
}
