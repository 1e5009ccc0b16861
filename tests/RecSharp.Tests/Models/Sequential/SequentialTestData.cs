using RecSharp.Data.Splits;
using RecSharp.Models.Sequential;
using RecSharp.Torch;

namespace RecSharp.Tests.Models.Sequential;

/// <summary>Small fixtures shared by the sequential model tests.</summary>
internal static class SequentialTestData
{
    /// <summary>History [B, L] and mask [B, L] tensors from unpadded histories, left-aligned with <paramref name="padWith"/> after the real items.</summary>
    public static (Tensor History, Tensor Mask) Batch(int[][] histories, int length, int padWith = 0)
    {
        var ids = new long[histories.Length * length];
        var mask = new float[ids.Length];
        for (int b = 0; b < histories.Length; b++)
            for (int p = 0; p < length; p++)
            {
                bool real = p < histories[b].Length;
                ids[b * length + p] = real ? histories[b][p] : padWith;
                mask[b * length + p] = real ? 1f : 0f;
            }
        return (torch.Tensor(ids, histories.Length, length), torch.Tensor(mask, histories.Length, length));
    }

    /// <summary>
    /// The planted rule "item i is followed by item i + 1" (wrapping from N to 1): each user's sequence is a run of
    /// consecutive items from a random start. Test cases ask for the item after a run.
    /// </summary>
    public static DataSplit PlantedRule(int numItems, int users, int length, int seed)
    {
        var random = new Random(seed);
        int Next(int item) => item % numItems + 1;
        var lists = new int[]?[users];
        for (int u = 0; u < users; u++)
        {
            var sequence = new int[length];
            sequence[0] = random.Next(1, numItems + 1);
            for (int k = 1; k < length; k++) sequence[k] = Next(sequence[k - 1]);
            lists[u] = sequence;
        }
        var test = new List<EvaluationCase>();
        for (int start = 1; start <= numItems; start++)
        {
            int runLength = 4 + start % 5; // training cuts are at positions >= 4, so histories of 4..8 items
            var history = new int[runLength];
            history[0] = start;
            for (int k = 1; k < runLength; k++) history[k] = Next(history[k - 1]);
            test.Add(new EvaluationCase(start - 1, history, [Next(history[^1])]));
        }
        return new DataSplit
        {
            Protocol = SplitProtocol.P1SequentialUserSplit,
            NumUsers = users,
            NumItems = numItems,
            Train = UserItemLists.FromLists(lists),
            TrainUsers = Enumerable.Range(0, users).ToArray(),
            Validation = test,
            Test = test,
            Settings = new Dictionary<string, string>(),
        };
    }

    public static float[] Values(Tensor t) => t.Contiguous().ToArray<float>();

    public static void AssertClose(float[] expected, float[] actual, float tolerance = 1e-5f)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"element {i}: expected {expected[i]}, got {actual[i]}");
    }

    public static SequentialModelConfig Config(int numItems = 12, int dim = 6, int maxLength = 5) =>
        new() { NumItems = numItems, Dim = dim, MaxLength = maxLength };
}
