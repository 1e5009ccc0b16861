using RecSharp.Models.CollaborativeFiltering;

namespace RecSharp.Tests.Models.CollaborativeFiltering;

/// <summary>
/// The 4-user x 5-item example every hand computation in these tests uses:
///   u0: {1, 2, 3}   u1: {1, 3}   u2: {2, 3, 4}   u3: {4, 5}
/// Item degrees |N(i)|: 1:2, 2:2, 3:3, 4:2, 5:1.  User degrees |N(u)|: u0:3, u1:2, u2:3, u3:2.
/// Item co-occurrences: C(1,2)=1 {u0}, C(1,3)=2 {u0,u1}, C(2,3)=2 {u0,u2}, C(2,4)=1 {u2}, C(3,4)=1 {u2},
///   C(4,5)=1 {u3}; all other pairs 0.
/// User co-occurrences: C(u0,u1)=2 {1,3}, C(u0,u2)=2 {2,3}, C(u1,u2)=1 {3}, C(u2,u3)=1 {4}; others 0.
/// IUF weights 1/ln(1+|N(u)|): u0, u2: 1/ln 4 = 0.7213475204; u1, u3: 1/ln 3 = 0.9102392266.
/// IIF weights 1/ln(1+|N(i)|): items 1, 2, 4: 1/ln 3; item 3: 1/ln 4; item 5: 1/ln 2 = 1.4426950409.
/// </summary>
internal static class CfToyData
{
    public static readonly double InvLn2 = 1.0 / Math.Log(2.0);
    public static readonly double InvLn3 = 1.0 / Math.Log(3.0);
    public static readonly double InvLn4 = 1.0 / Math.Log(4.0);

    public static CfInteractions Build() =>
        CfInteractions.FromPairs(
            new[] { 0, 0, 0, 1, 1, 2, 2, 2, 3, 3 },
            new[] { 1, 2, 3, 1, 3, 2, 3, 4, 4, 5 });

    public static CfOptions Plain(CfSimilarity similarity) => new()
    {
        Similarity = similarity,
        InverseUserFrequency = false,
        InverseItemFrequency = false,
    };

    /// <summary>Asserts ids exactly and similarities to 12 decimals, best first.</summary>
    public static void AssertList<TId>((TId, double)[] actual, params (TId Id, double Value)[] expected)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k].Id, actual[k].Item1);
            Assert.Equal(expected[k].Value, actual[k].Item2, 12);
        }
    }
}
