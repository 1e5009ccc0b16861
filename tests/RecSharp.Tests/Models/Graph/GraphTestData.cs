using RecSharp.Data.Splits;

namespace RecSharp.Tests.Models.Graph;

/// <summary>Small graphs shared by the graph-model tests.</summary>
internal static class GraphTestData
{
    /// <summary>
    /// Two planted communities: users 0..perCommunity-1 like items 1..block, the others items block+1..2·block.
    /// Each user trains on <paramref name="trainPerUser"/> random items of its block and is tested on the rest.
    /// </summary>
    public static DataSplit PlantedCommunities(int perCommunity = 20, int block = 10, int trainPerUser = 6, int seed = 3)
    {
        var random = new Random(seed);
        int users = 2 * perCommunity;
        var train = new List<IReadOnlyList<int>?>();
        var test = new List<EvaluationCase>();
        for (int u = 0; u < users; u++)
        {
            int first = u < perCommunity ? 1 : block + 1;
            var items = Enumerable.Range(first, block).OrderBy(_ => random.Next()).ToArray();
            train.Add(items[..trainPerUser]);
            test.Add(new EvaluationCase(u, [], items[trainPerUser..].Order().ToArray()));
        }
        return new DataSplit
        {
            Protocol = SplitProtocol.P3Holdout,
            NumUsers = users,
            NumItems = 2 * block,
            Train = UserItemLists.FromLists(train),
            TrainUsers = Enumerable.Range(0, users).ToArray(),
            Validation = [],
            Test = test,
            Settings = new Dictionary<string, string>(),
        };
    }

    /// <summary>Dense [nodes, nodes] copy of an adjacency's entries, in plain C#.</summary>
    public static double[,] Dense(RecSharp.Models.Graph.NormalizedAdjacency adjacency)
    {
        var a = new double[adjacency.NumNodes, adjacency.NumNodes];
        for (int k = 0; k < adjacency.Values.Length; k++) a[adjacency.Rows[k], adjacency.Columns[k]] += adjacency.Values[k];
        return a;
    }
}
