using RecSharp.Torch;
using RecSharp.Torch.NN;

namespace RecSharp.Models.CollaborativeFiltering.Neural;

/// <summary>
/// The multi-layer perceptron feature of NCF: user and item embeddings of size layers[0] / 2 are concatenated
/// (width layers[0]) and passed through Linear + ReLU layers of widths layers[1..]; the feature has width
/// layers[^1]. With the paper's tower [64, 32, 16, 8] the embeddings have 32 entries.
/// </summary>
public sealed class MlpLayer : Module
{
    public MlpLayer(int numUsers, int numItems, IReadOnlyList<int> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0) throw new ArgumentException("the MLP tower needs at least one layer width", nameof(layers));
        if (layers.Any(w => w < 1)) throw new ArgumentException($"MLP layer widths must be positive, got [{string.Join(", ", layers)}]", nameof(layers));
        if (layers[0] % 2 != 0) throw new ArgumentException($"the first MLP width ({layers[0]}) must be even: it is the user and item embeddings concatenated", nameof(layers));
        Layers = layers.ToArray();
        int embeddingDim = layers[0] / 2;
        UserEmbedding = RegisterModule("user_embedding", NcfInit.Embedding(numUsers, embeddingDim));
        ItemEmbedding = RegisterModule("item_embedding", NcfInit.Embedding(numItems + 1, embeddingDim, paddingIdx: 0));
        Tower = RegisterModule("tower", new RecSharp.Torch.NN.Sequential());
        for (int k = 1; k < layers.Count; k++)
        {
            Tower.Append(NcfInit.Hidden(layers[k - 1], layers[k]));
            Tower.Append(new ReLU());
        }
    }

    public IReadOnlyList<int> Layers { get; }
    public int OutputWidth => Layers[^1];
    public Embedding UserEmbedding { get; }
    public Embedding ItemEmbedding { get; }

    /// <summary>Linear + ReLU pairs: module 2k is the k-th Linear layer.</summary>
    public RecSharp.Torch.NN.Sequential Tower { get; }

    /// <summary>[B, layers[^1]] for users [B] and items [B].</summary>
    public Tensor Features(Tensor users, Tensor items)
    {
        using var p = UserEmbedding.Forward(users);
        using var q = ItemEmbedding.Forward(items);
        var input = torch.Cat([p, q], 1);
        if (Tower.Count == 0) return input;
        var output = Tower.Forward(input);
        input.Dispose();
        return output;
    }
}
