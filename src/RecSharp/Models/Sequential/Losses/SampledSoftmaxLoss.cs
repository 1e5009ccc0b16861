using RecSharp.Torch;
using F = RecSharp.Torch.NN.Functional;

namespace RecSharp.Models.Sequential.Losses;

/// <summary>
/// Sampled softmax for large catalogues, as ComiRec trains: one set of S negatives per batch, shared by all rows
/// (S = <see cref="NegativesPerSample"/> x batch size, ComiRec's 10 x batch by default), drawn with replacement by
/// torch.Multinomial from the proposal q (so libtorch's global seed fixes them). Every logit is corrected by
/// log-Q: logit - log(S * q(item)), the expected number of times the item is drawn, for the target as well as
/// the negatives (TensorFlow's subtract_log_q). A negative equal to the row's target (an accidental hit) is
/// removed by setting its logit to -inf. Loss = cross-entropy with the target in column 0.
/// </summary>
public sealed class SampledSoftmaxLoss : ISequentialLoss
{
    private readonly double[] probabilities; // q over items 1..N (index 0 = item 1)
    private readonly float[] logProbabilities; // log q indexed by item id (index 0, padding, unused)

    /// <param name="numItems">N (real items 1..N).</param>
    /// <param name="itemCounts">Training counts of items 0..N (index 0 ignored); needed for the popularity proposals.</param>
    /// <param name="negativesPerSample">S / batch size (ComiRec: 10).</param>
    /// <param name="numNegatives">A fixed S, overriding <paramref name="negativesPerSample"/>.</param>
    public SampledSoftmaxLoss(int numItems, SamplingProposal proposal = SamplingProposal.Uniform, IReadOnlyList<long>? itemCounts = null,
        int negativesPerSample = 10, int? numNegatives = null)
    {
        if (numItems < 1) throw new ArgumentOutOfRangeException(nameof(numItems), numItems, "at least one item is needed");
        if (negativesPerSample < 1) throw new ArgumentOutOfRangeException(nameof(negativesPerSample), negativesPerSample, "must be at least 1");
        if (numNegatives is < 1) throw new ArgumentOutOfRangeException(nameof(numNegatives), numNegatives, "must be at least 1");
        if (proposal != SamplingProposal.Uniform && (itemCounts is null || itemCounts.Count != numItems + 1))
            throw new ArgumentException($"the {proposal} proposal needs the training count of items 0..{numItems} ({numItems + 1} values), got {itemCounts?.Count.ToString() ?? "none"}", nameof(itemCounts));
        NumItems = numItems;
        Proposal = proposal;
        NegativesPerSample = negativesPerSample;
        NumNegatives = numNegatives;
        probabilities = ProposalProbabilities(numItems, proposal, itemCounts);
        logProbabilities = [0f, .. probabilities.Select(p => (float)Math.Log(p))];
    }

    public string Name => "sampled";
    public int NumItems { get; }
    public SamplingProposal Proposal { get; }
    public int NegativesPerSample { get; }
    public int? NumNegatives { get; }

    /// <summary>q(item) for item 1..N.</summary>
    public double Probability(int item) => probabilities[item - 1];

    /// <summary>Negatives drawn for a batch of <paramref name="batchSize"/> rows.</summary>
    public int SampleCount(int batchSize) => NumNegatives ?? NegativesPerSample * batchSize;

    public Tensor Compute(Tensor userVectors, Tensor targets, Tensor itemTable)
    {
        int batch = checked((int)userVectors.Shape[0]);
        using var q = torch.Tensor([0.0, .. probabilities]);                         // by item id; padding never drawn
        using var negatives = torch.Multinomial(q, SampleCount(batch), replacement: true); // items 1..N, [S]
        return Compute(userVectors, targets, itemTable, negatives);
    }

    /// <summary>The loss for given negatives [S] (int64 items 1..N); public so that tests can fix them.</summary>
    public Tensor Compute(Tensor userVectors, Tensor targets, Tensor itemTable, Tensor negatives)
    {
        double logSampled = Math.Log(negatives.Shape[0]);
        using var logProposal = torch.Tensor(logProbabilities);
        using var logQ = logProposal.Add(logSampled);                                // log expected count S * q, by item id [N + 1]

        var targetVectors = itemTable.IndexSelect(0, targets);                       // [B, d]
        var trueLogits = userVectors.Mul(targetVectors).Sum(1)
            .Sub(logQ.IndexSelect(0, targets));                               // [B]
        var negativeVectors = itemTable.IndexSelect(0, negatives);                   // [S, d]
        var negativeLogits = userVectors.Mm(negativeVectors.T)
            .Sub(logQ.IndexSelect(0, negatives).Unsqueeze(0));                // [B, S]
        var accidental = negatives.Unsqueeze(0).Eq(targets.Unsqueeze(1));            // [B, S] bool
        negativeLogits = negativeLogits.MaskedFill(accidental, double.NegativeInfinity);
        var logits = torch.Cat([trueLogits.Unsqueeze(1), negativeLogits], 1);        // [B, 1 + S]
        var column0 = torch.Zeros([userVectors.Shape[0]], ScalarType.Int64);
        return F.CrossEntropy(logits, column0);
    }

    private static double[] ProposalProbabilities(int numItems, SamplingProposal proposal, IReadOnlyList<long>? counts)
    {
        var q = new double[numItems];
        switch (proposal)
        {
            case SamplingProposal.Uniform:
                Array.Fill(q, 1.0 / numItems);
                return q;
            case SamplingProposal.Popularity:
                for (int i = 0; i < numItems; i++) q[i] = Math.Pow(Math.Max(counts![i + 1], 0), 0.75);
                break;
            case SamplingProposal.LogUniform:
                // Rank items by descending count (ties by id) and give rank r the Zipfian mass.
                var order = Enumerable.Range(1, numItems).OrderByDescending(i => counts![i]).ThenBy(i => i).ToArray();
                double norm = Math.Log(numItems + 1.0);
                for (int r = 0; r < numItems; r++) q[order[r] - 1] = Math.Log((r + 2.0) / (r + 1.0)) / norm;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(proposal), proposal, "unknown proposal");
        }
        double total = q.Sum();
        if (total <= 0) throw new ArgumentException("the popularity proposal needs at least one item with a positive training count", nameof(counts));
        // Items never seen in training still get a small share, so that log-Q stays finite and every item can be a negative.
        double floor = total * 1e-6 / numItems;
        for (int i = 0; i < numItems; i++) q[i] = (q[i] + floor);
        total = q.Sum();
        for (int i = 0; i < numItems; i++) q[i] /= total;
        return q;
    }
}
