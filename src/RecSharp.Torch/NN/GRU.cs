namespace RecSharp.Torch.NN;

/// <summary>
/// Multi-layer gated recurrent unit, like torch.nn.GRU (unidirectional). Per layer k it owns weight_ih_l{k}
/// (3H × in), weight_hh_l{k} (3H × H) and, with biases, bias_ih_l{k} and bias_hh_l{k} (3H), gates stacked as
/// (r, z, n):
///   r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
///   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h' = (1 - z) ⊙ n + z ⊙ h.
/// All weights start U(±1/√H), as in PyTorch.
/// </summary>
public sealed class GRU : Module<Tensor, Tensor?, (Tensor Output, Tensor Hidden)>
{
    private readonly List<Parameter> flatWeights = new();

    public GRU(long inputSize, long hiddenSize, long numLayers = 1, bool hasBiases = true, bool batchFirst = false, double dropout = 0,
        ScalarType dtype = ScalarType.Float32)
    {
        if (inputSize <= 0 || hiddenSize <= 0 || numLayers <= 0)
            throw new ArgumentOutOfRangeException(nameof(inputSize),
                $"GRU sizes must be positive (input_size {inputSize}, hidden_size {hiddenSize}, num_layers {numLayers})");
        if (dropout < 0 || dropout > 1) throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "dropout probability must be in [0, 1]");
        InputSize = inputSize;
        HiddenSize = hiddenSize;
        NumLayers = numLayers;
        HasBiases = hasBiases;
        BatchFirst = batchFirst;
        DropoutProbability = dropout;

        long gates = 3 * hiddenSize;
        for (long layer = 0; layer < numLayers; layer++)
        {
            long layerInput = layer == 0 ? inputSize : hiddenSize;
            Add($"weight_ih_l{layer}", [gates, layerInput], dtype);
            Add($"weight_hh_l{layer}", [gates, hiddenSize], dtype);
            if (hasBiases)
            {
                Add($"bias_ih_l{layer}", [gates], dtype);
                Add($"bias_hh_l{layer}", [gates], dtype);
            }
        }
        ResetParameters();
    }

    private void Add(string name, long[] shape, ScalarType dtype) => flatWeights.Add(RegisterParameter(name, ParameterFactory.Empty(shape, dtype))!);

    public long InputSize { get; }
    public long HiddenSize { get; }
    public long NumLayers { get; }
    public bool HasBiases { get; }
    public bool BatchFirst { get; }

    /// <summary>Dropout applied to the outputs of every layer but the last, in training only.</summary>
    public double DropoutProbability { get; }

    /// <summary>The parameters in at::gru's flat order: per layer [w_ih, w_hh, b_ih, b_hh].</summary>
    public IReadOnlyList<Parameter> FlatWeights => flatWeights;

    public void ResetParameters()
    {
        double bound = 1 / Math.Sqrt(HiddenSize);
        foreach (var w in flatWeights) Init.Uniform(w, -bound, bound);
    }

    /// <summary>Runs the GRU from a zero initial state.</summary>
    public (Tensor Output, Tensor Hidden) Forward(Tensor input) => Forward(input, null);

    /// <summary>
    /// <paramref name="input"/> is (T, B, in), or (B, T, in) with batch_first, or (T, in) unbatched;
    /// <paramref name="h0"/> is (layers, B, H) (or (layers, H) unbatched), zeros when null. Returns the last layer's
    /// output for every step, shaped like the input with H features, and the final state of every layer (layers, B, H).
    /// </summary>
    public override (Tensor Output, Tensor Hidden) Forward(Tensor input, Tensor? h0)
    {
        var shape = input.Shape;
        if ((shape.Length != 2 && shape.Length != 3) || shape[^1] != InputSize)
            throw new ArgumentException($"GRU expects input of shape (T, B, {InputSize}), (B, T, {InputSize}) with batch_first, or (T, {InputSize}); got {FormatShape(shape)}", nameof(input));

        bool unbatched = shape.Length == 2;
        var owned = new List<Tensor>();
        try
        {
            var x = input;
            if (unbatched) owned.Add(x = input.Unsqueeze(BatchFirst ? 0 : 1));
            long batch = x.Shape[BatchFirst ? 0 : 1];

            Tensor h;
            if (h0 is null) owned.Add(h = torch.Zeros([NumLayers, batch, HiddenSize], input.DType));
            else
            {
                h = h0;
                if (unbatched) owned.Add(h = h0.Unsqueeze(1));
                var hs = h.Shape;
                if (hs.Length != 3 || hs[0] != NumLayers || hs[1] != batch || hs[2] != HiddenSize)
                    throw new ArgumentException($"GRU expects h0 of shape [{NumLayers}, {batch}, {HiddenSize}], got {FormatShape(h0.Shape)}", nameof(h0));
            }

            var (output, hidden) = Functional.Gru(x, h, flatWeights, HasBiases, NumLayers, DropoutProbability, IsTraining, BatchFirst);
            if (!unbatched) return (output, hidden);
            owned.Add(output);
            owned.Add(hidden);
            return (output.Squeeze(BatchFirst ? 0 : 1), hidden.Squeeze(1));
        }
        finally
        {
            foreach (var t in owned) t.Dispose();
        }
    }

    public override string ToString() => $"GRU({InputSize}, {HiddenSize}, num_layers={NumLayers}, batch_first={BatchFirst})";
}
