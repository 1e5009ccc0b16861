using RecSharp.Torch;
using RecSharp.Torch.NN;

namespace RecSharp.Models.Sequential;

/// <summary>
/// YouTube-DNN style recall: the user vector is the masked mean of the history's item embeddings, optionally
/// passed through an MLP (hidden sizes <see cref="SequentialModelConfig.PoolingMlp"/>, ReLU after each, then a
/// linear layer back to Dim so that the user vector lives in the item table's space).
/// </summary>
public sealed class Pooling : SequentialRecallModel
{
    private readonly global::RecSharp.Torch.NN.Sequential? mlp;

    public Pooling(SequentialModelConfig config) : base(config)
    {
        ItemTableInit.Apply(ItemEmbedding);
        if (config.PoolingMlp.Length == 0) return;
        mlp = new global::RecSharp.Torch.NN.Sequential();
        long input = config.Dim;
        foreach (var hidden in config.PoolingMlp)
        {
            if (hidden < 1) throw new ArgumentOutOfRangeException(nameof(config), hidden, "PoolingMlp sizes must be at least 1");
            mlp.Append(new Linear(input, hidden)).Append(new ReLU());
            input = hidden;
        }
        mlp.Append(new Linear(input, config.Dim));
        RegisterModule("mlp", mlp);
    }

    public override string Name => "pooling";
    public override int InterestCount => 1;

    public override Tensor UserVectors(Tensor history, Tensor mask)
    {
        var embedded = ItemEmbedding.Forward(history);                 // [B, L, d]
        var weights = mask.Unsqueeze(2);                                // [B, L, 1]
        var sum = embedded.Mul(weights).Sum(1);                         // [B, d]
        var count = mask.Sum(1, keepDim: true).ClampMin(1);             // [B, 1]; an empty history gives the zero vector
        var mean = sum.Div(count);
        var user = mlp is null ? mean : mlp.Forward(mean);
        return user.Unsqueeze(1);                                       // [B, 1, d]
    }
}
