namespace RecSharp.Models.Sequential;

/// <summary>
/// Hyper-parameters shared by the sequential recall models (protocol P1). Each model reads the fields it needs;
/// the whole record is saved in the model folder's config.json.
/// </summary>
public sealed record SequentialModelConfig
{
    /// <summary>Real items are 1..NumItems; the item table has NumItems + 1 rows (row 0 = padding).</summary>
    public required int NumItems { get; init; }
    public int Dim { get; init; } = 64;
    /// <summary>History length L.</summary>
    public int MaxLength { get; init; } = 20;
    /// <summary>Interests K of the multi-interest models (MIND, ComiRec-DR, ComiRec-SA).</summary>
    public int Interests { get; init; } = 4;
    /// <summary>Dynamic-routing iterations (MIND, ComiRec-DR).</summary>
    public int RoutingIterations { get; init; } = 3;
    /// <summary>
    /// ComiRec-DR: standard deviation of the per-position bilinear maps at initialisation; null = 1/sqrt(Dim) (see
    /// <see cref="CapsuleRouting"/>'s constructor for why not the authors' 1.0).
    /// </summary>
    public double? PerPositionInitStd { get; init; }
    /// <summary>
    /// ComiRec-DR: multiply the squashed interest capsules by a learned positive scalar s = exp(t), t initialised to
    /// ln sqrt(Dim), before scoring (training loss and retrieval alike). NOT in the authors' model: squash bounds every
    /// capsule's norm below 1, so its logits against items of norm ~1 (the N(0, 1/sqrt d) table) stay below 1 in
    /// absolute value, the softmax over thousands of items is nearly flat and the gradient is weak; the scale lets the
    /// model sharpen it (a temperature). A uniform positive scale changes neither the interest picked in training nor any
    /// ranking. null or false = the authors' model (the default: the scale helps on one data set and
    /// hurts badly on another, see below); true = the scale (opt in with <c>train --capsule-scale true</c>). Ignored by the other models. Measured (docs/RESULTS.md):
    /// on ml-1m-head it lifts test Recall@50 from 0.107 to 0.169 (40 epochs); on seq-beauty it overfits (the scale grows
    /// to ~29, training loss 9.2 -> 3.4, Recall@50 0.018 vs 0.045 without), which is why it is off unless asked for.
    /// </summary>
    public bool? LearnedCapsuleScale { get; init; }
    /// <summary>Label-aware attention exponent p for picking the training interest; null = hard argmax (ComiRec's choice).</summary>
    public double? LabelAttentionPower { get; init; }
    /// <summary>MIND: ReLU projection of the interest capsules.</summary>
    public bool ReluProjection { get; init; } = true;
    /// <summary>ComiRec-SA: learned position embeddings added before attention.</summary>
    public bool PositionEmbedding { get; init; } = true;
    /// <summary>ComiRec-SA: attention hidden size (ComiRec uses 4 x Dim).</summary>
    public int? AttentionHidden { get; init; }
    /// <summary>GRU4Rec: stacked GRU layers.</summary>
    public int GruLayers { get; init; } = 1;
    /// <summary>Pooling: optional MLP hidden sizes after the mean (empty = none).</summary>
    public int[] PoolingMlp { get; init; } = [];
}
