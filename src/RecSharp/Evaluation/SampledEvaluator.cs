using RecSharp.Evaluation.Metrics;
using RecSharp.Torch;

namespace RecSharp.Evaluation;

/// <summary>
/// Protocol P2 (leave-one-out, the held-out item against sampled negatives, ties against the held-out item; see
/// <see cref="SampledRanking"/>). Inputs are the model's scores: per user the held-out item's score and the scores
/// of its negatives (99 under P2, but any fixed count works).
/// </summary>
public sealed class SampledEvaluator
{
    private readonly IReadOnlyDictionary<string, string> options;

    public SampledEvaluator(MetricSet? metrics = null, string protocol = "P2", IReadOnlyDictionary<string, string>? options = null)
    {
        Metrics = metrics ?? EvaluationProtocols.P2();
        ArgumentException.ThrowIfNullOrWhiteSpace(protocol);
        Protocol = protocol;
        this.options = options ?? new Dictionary<string, string>();
    }

    public MetricSet Metrics { get; }
    public string Protocol { get; }

    /// <summary>
    /// <paramref name="targetScores"/>[u] is user u's held-out item score; <paramref name="negativeScores"/> holds
    /// <paramref name="negativesPerUser"/> scores per user, user after user.
    /// </summary>
    public ResultsTable Evaluate(ReadOnlySpan<float> targetScores, ReadOnlySpan<float> negativeScores, int negativesPerUser)
    {
        if (negativesPerUser < 1) throw new ArgumentOutOfRangeException(nameof(negativesPerUser), negativesPerUser, "at least one negative per user is needed");
        if ((long)targetScores.Length * negativesPerUser != negativeScores.Length)
            throw new ArgumentException(
                $"{targetScores.Length} users x {negativesPerUser} negatives need {(long)targetScores.Length * negativesPerUser} negative scores but {negativeScores.Length} were given",
                nameof(negativeScores));
        var accumulator = new MetricAccumulator(Metrics);
        for (int u = 0; u < targetScores.Length; u++)
        {
            int rank;
            try
            {
                rank = SampledRanking.RankOfTarget(targetScores[u], negativeScores.Slice(u * negativesPerUser, negativesPerUser));
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"user row {u}: {e.Message}", e);
            }
            accumulator.AddSingleLabelRank(rank);
        }
        var facts = new Dictionary<string, string>(options)
        {
            ["negatives"] = negativesPerUser.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ties"] = "against the held-out item",
        };
        return accumulator.ToTable(Protocol, facts);
    }

    /// <summary>From a [U, 1 + negatives] score matrix whose column 0 is the held-out item (float32 or float64).</summary>
    public ResultsTable Evaluate(Tensor scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var shape = scores.Shape;
        if (shape.Length != 2 || shape[1] < 2)
            throw new ArgumentException($"the score matrix must be [users, 1 + negatives] with column 0 the held-out item, but has shape [{string.Join(", ", shape)}]", nameof(scores));
        float[] all;
        using (torch.NoGrad())
        using (torch.NewDisposeScope())
            all = scores.Detach().To(ScalarType.Float32).Contiguous().ToArray<float>();
        int users = checked((int)shape[0]), width = checked((int)shape[1]);
        var targets = new float[users];
        var negatives = new float[users * (width - 1)];
        for (int u = 0; u < users; u++)
        {
            targets[u] = all[u * width];
            Array.Copy(all, u * width + 1, negatives, u * (width - 1), width - 1);
        }
        return Evaluate(targets, negatives, width - 1);
    }
}
