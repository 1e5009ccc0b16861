namespace RecSharp.Models.Sequential.Losses;

/// <summary>The distribution the sampled softmax draws its negatives from (over items 1..N).</summary>
public enum SamplingProposal
{
    /// <summary>Every item equally likely.</summary>
    Uniform,

    /// <summary>Proportional to (training count)^0.75, word2vec's smoothed unigram distribution.</summary>
    Popularity,

    /// <summary>
    /// Log-uniform (Zipfian) over the popularity rank r (0 = most frequent): P(r) = log((r + 2) / (r + 1)) / log(N + 1).
    /// This is TensorFlow's default sampler, which ComiRec's sampled_softmax_loss uses (there applied to raw ids).
    /// </summary>
    LogUniform,
}
