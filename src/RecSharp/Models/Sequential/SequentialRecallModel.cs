using RecSharp.Torch;
using RecSharp.Torch.NN;

namespace RecSharp.Models.Sequential;

/// <summary>
/// The contract of every sequential recall model (docs DESIGN.md, protocol P1): it owns an item table whose row
/// i is item i's vector (row 0 = padding), turns a batch of histories into K user vectors, and, in training,
/// picks the one user vector the loss scores against the target. Trainer, evaluator and retriever only use this
/// class, never a concrete model.
/// </summary>
public abstract class SequentialRecallModel : Module
{
    protected SequentialRecallModel(SequentialModelConfig config)
    {
        Config = config ?? throw new ArgumentNullException(nameof(config));
        if (config.NumItems < 1) throw new ArgumentOutOfRangeException(nameof(config), config.NumItems, "NumItems must be at least 1");
        if (config.Dim < 1) throw new ArgumentOutOfRangeException(nameof(config), config.Dim, "Dim must be at least 1");
        // Registered so that the table is trained, saved and restored with the model (state key "item_embedding.weight").
        ItemEmbedding = RegisterModule("item_embedding", new Embedding(config.NumItems + 1, config.Dim, paddingIdx: 0));
    }

    public SequentialModelConfig Config { get; }

    /// <summary>Model name as used on the command line ("pooling", "gru4rec", "mind", "comirec-dr", "comirec-sa").</summary>
    public abstract string Name { get; }

    /// <summary>Number of user vectors per history (1 for single-interest models).</summary>
    public abstract int InterestCount { get; }

    /// <summary>Item table [NumItems + 1, Dim] shared by the history encoder and the output layer (ComiRec's choice).</summary>
    public Embedding ItemEmbedding { get; }

    /// <summary>
    /// User vectors [B, K, Dim] from histories: <paramref name="history"/> [B, L] int64, left-aligned (oldest first)
    /// with 0 padding after the real items; <paramref name="mask"/> [B, L] float32, 1 on real positions. Padded
    /// positions must not change the result.
    /// </summary>
    public abstract Tensor UserVectors(Tensor history, Tensor mask);

    /// <summary>
    /// The vector [B, Dim] the training loss scores against the target: the single vector for K = 1; for
    /// multi-interest models the interest chosen by label-aware attention against the target's embedding
    /// (hard argmax by default, softmax(pow(scores, p)) with <see cref="SequentialModelConfig.LabelAttentionPower"/>).
    /// </summary>
    public virtual Tensor TrainingVector(Tensor userVectors, Tensor targetEmbeddings)
    {
        if (InterestCount == 1) return userVectors.Squeeze(1);
        return LabelAwareAttention.Select(userVectors, targetEmbeddings, Config.LabelAttentionPower);
    }

    /// <summary>The item vectors retrieval scores against ([NumItems + 1, Dim]; row 0 is padding and never returned).</summary>
    public virtual Tensor ItemVectors() => ItemEmbedding.Weight;
}
