using static RecSharp.Torch.Native.NativeMethods;

namespace RecSharp.Torch.NN;

/// <summary>How a loss reduces over the batch (values match libtorch's at::Reduction).</summary>
public enum Reduction
{
    None = 0,
    Mean = 1,
    Sum = 2,
}

/// <summary>Stateless neural-network functions, like torch.nn.functional.</summary>
public static unsafe class Functional
{
    /// <summary>
    /// Rows of <paramref name="weight"/> picked by int64 <paramref name="indices"/>. Row <paramref name="paddingIdx"/> is
    /// still read in the forward pass but gets no gradient. Any negative value means no padding row (this is the
    /// raw libtorch argument: unlike torch.nn.functional, -1 does not mean the last row; the Embedding module converts).
    /// </summary>
    public static Tensor Embedding(Tensor indices, Tensor weight, long paddingIdx = -1) =>
        Wrap(rs_embedding(weight.Handle, indices.Handle, paddingIdx, out var r), r);

    /// <summary>x W^T + b.</summary>
    public static Tensor Linear(Tensor input, Tensor weight, Tensor? bias = null)
    {
        var result = Wrap(rs_linear(input.Handle, weight.Handle, Tensor.PtrOrZero(bias), out var r), r);
        GC.KeepAlive(bias);
        return result;
    }

    public static Tensor Softmax(Tensor input, long dim) => Wrap(rs_softmax(input.Handle, dim, out var r), r);
    public static Tensor LogSoftmax(Tensor input, long dim) => Wrap(rs_log_softmax(input.Handle, dim, out var r), r);
    public static Tensor LogSumExp(Tensor input, long dim, bool keepDim = false) => Wrap(rs_logsumexp(input.Handle, dim, keepDim ? 1 : 0, out var r), r);
    public static Tensor Sigmoid(Tensor input) => input.Sigmoid();
    public static Tensor Tanh(Tensor input) => input.Tanh();
    public static Tensor Relu(Tensor input) => input.Relu();
    public static Tensor LeakyRelu(Tensor input, double negativeSlope = 0.01) => input.LeakyRelu(negativeSlope);
    public static Tensor LogSigmoid(Tensor input) => input.LogSigmoid();
    public static Tensor Gelu(Tensor input, bool tanhApproximation = false) => input.Gelu(tanhApproximation);

    /// <summary>Zeroes elements with probability <paramref name="p"/> and rescales the rest, in training only.</summary>
    public static Tensor Dropout(Tensor input, double p = 0.5, bool training = true)
    {
        if (p < 0 || p > 1) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout probability must be in [0, 1]");
        return Wrap(rs_dropout(input.Handle, p, training ? 1 : 0, out var r), r);
    }

    public static Tensor LayerNorm(Tensor input, long[] normalizedShape, Tensor? weight = null, Tensor? bias = null, double eps = 1e-5)
    {
        fixed (long* s = normalizedShape)
        {
            var result = Wrap(rs_layer_norm(input.Handle, s, normalizedShape.Length, Tensor.PtrOrZero(weight), Tensor.PtrOrZero(bias), eps, out var r), r);
            GC.KeepAlive(weight);
            GC.KeepAlive(bias);
            return result;
        }
    }

    /// <summary>Divides by the p-norm along <paramref name="dim"/> (at least <paramref name="eps"/>).</summary>
    public static Tensor Normalize(Tensor input, double p = 2, long dim = 1, double eps = 1e-12) =>
        Wrap(rs_normalize(input.Handle, p, dim, eps, out var r), r);

    public static Tensor CosineSimilarity(Tensor a, Tensor b, long dim = 1, double eps = 1e-8) =>
        Wrap(rs_cosine_similarity(a.Handle, b.Handle, dim, eps, out var r), r);

    // ---- losses ------------------------------------------------------------------------------------

    /// <summary>Softmax cross-entropy of logits (N, C) against int64 class targets (N); targets equal to <paramref name="ignoreIndex"/> count for nothing.</summary>
    public static Tensor CrossEntropy(Tensor logits, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean,
        long ignoreIndex = -100, double labelSmoothing = 0)
    {
        var result = Wrap(rs_cross_entropy(logits.Handle, target.Handle, Tensor.PtrOrZero(weight), (int)reduction, ignoreIndex, labelSmoothing, out var r), r);
        GC.KeepAlive(weight);
        return result;
    }

    public static Tensor NllLoss(Tensor logProbs, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean, long ignoreIndex = -100)
    {
        var result = Wrap(rs_nll_loss(logProbs.Handle, target.Handle, Tensor.PtrOrZero(weight), (int)reduction, ignoreIndex, out var r), r);
        GC.KeepAlive(weight);
        return result;
    }

    /// <summary>Binary cross-entropy of probabilities in [0, 1].</summary>
    public static Tensor BinaryCrossEntropy(Tensor probs, Tensor target, Tensor? weight = null, Reduction reduction = Reduction.Mean)
    {
        var result = Wrap(rs_binary_cross_entropy(probs.Handle, target.Handle, Tensor.PtrOrZero(weight), (int)reduction, out var r), r);
        GC.KeepAlive(weight);
        return result;
    }

    /// <summary>Binary cross-entropy of logits (numerically stable sigmoid + BCE).</summary>
    public static Tensor BinaryCrossEntropyWithLogits(Tensor logits, Tensor target, Tensor? weight = null, Tensor? posWeight = null,
        Reduction reduction = Reduction.Mean)
    {
        var result = Wrap(rs_binary_cross_entropy_with_logits(logits.Handle, target.Handle, Tensor.PtrOrZero(weight), Tensor.PtrOrZero(posWeight),
            (int)reduction, out var r), r);
        GC.KeepAlive(weight);
        GC.KeepAlive(posWeight);
        return result;
    }

    public static Tensor MseLoss(Tensor input, Tensor target, Reduction reduction = Reduction.Mean) =>
        Wrap(rs_mse_loss(input.Handle, target.Handle, (int)reduction, out var r), r);

    // ---- GRU ---------------------------------------------------------------------------------------

    /// <summary>
    /// Multi-layer GRU over <paramref name="input"/> with flat weights per layer [w_ih, w_hh, b_ih, b_hh]
    /// (gates r, z, n stacked). Returns the output sequence and the final hidden state of each layer.
    /// </summary>
    public static (Tensor Output, Tensor Hidden) Gru(Tensor input, Tensor h0, IReadOnlyList<Tensor> weights, bool hasBiases, long numLayers,
        double dropout, bool training, bool batchFirst)
    {
        var ptrs = new IntPtr[weights.Count];
        for (int i = 0; i < ptrs.Length; i++) ptrs[i] = weights[i].Handle.DangerousGetHandle();
        fixed (IntPtr* p = ptrs)
        {
            var result = Wrap2(rs_gru(input.Handle, h0.Handle, p, ptrs.Length, hasBiases ? 1 : 0, numLayers, dropout, training ? 1 : 0,
                batchFirst ? 1 : 0, out var o, out var h), o, h);
            GC.KeepAlive(weights);
            return result;
        }
    }
}
