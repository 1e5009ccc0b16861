using RecSharp.Data;
using RecSharp.Data.Splits;
using RecSharp.Evaluation.Protocols;
using RecSharp.Models;
using RecSharp.Models.Popularity;
using RecSharp.Torch;

namespace RecSharp.Tests.Models.CollaborativeFiltering.Neural;

/// <summary>
/// A P2 split with planted structure that popularity cannot see: 20 "A" users draw only from items 1..20 and
/// 40 "B" users only from items 21..40, so the B items are about twice as popular. Each user has 8 train items
/// and 1 held-out item from its own group; the 19 negatives are drawn from the other 31 items it never touched.
/// Pop ranks B items first and fails the A users; any model that learns the groups ranks the target among the
/// ~7 same-group negatives and hits almost always.
/// </summary>
internal static class PlantedClusters
{
    public const int NumItems = 40;

    public static DataSplit Split(long seed = 11)
    {
        var random = new SeededRandom(seed);
        const int aUsers = 20, bUsers = 40;
        var train = new List<int[]>();
        var test = new List<EvaluationCase>();
        for (int u = 0; u < aUsers + bUsers; u++)
        {
            int first = u < aUsers ? 1 : 21;
            var group = Enumerable.Range(first, 20).ToArray();
            random.Shuffle(group.AsSpan());
            var items = group[..8];
            int target = group[8];
            var others = Enumerable.Range(1, NumItems).Where(i => !items.Contains(i) && i != target).ToArray();
            random.Shuffle(others.AsSpan());
            train.Add(items);
            test.Add(new EvaluationCase(u, items, [target], others[..19]));
        }
        return new DataSplit
        {
            Protocol = SplitProtocol.P2LeaveOneOut,
            NumUsers = train.Count,
            NumItems = NumItems,
            Train = UserItemLists.FromLists(train),
            TrainUsers = Enumerable.Range(0, train.Count).ToArray(),
            Validation = [],
            Test = test,
            Settings = new Dictionary<string, string>(),
        };
    }

    public static double HitRate10(IItemScorer model, DataSplit split) =>
        ProtocolEvaluator.Evaluate(model, split, split.Test, threads: 1)["HitRate", 10];

    public static double PopularityHitRate10(DataSplit split) => HitRate10(MostPopular.Fit(split.Train, split.NumItems), split);

    /// <summary>Overwrites a parameter with hand-set values (row-major).</summary>
    public static void Set(Tensor parameter, params float[] values)
    {
        using var noGrad = torch.NoGrad();
        using var source = torch.Tensor(values, parameter.Shape);
        parameter.CopyFrom(source);
    }
}
