using RecSharp.Torch;
using RecSharp.Torch.NN;

namespace RecSharp.Models.CollaborativeFiltering.Neural;

/// <summary>
/// A model that scores (user, item) pairs one at a time, as the NCF family does: users are 0..NumUsers-1, items
/// 1..NumItems (item tables have NumItems + 1 rows; row 0 is padding). Training applies binary cross-entropy to
/// <see cref="Logits"/>; ranking uses the logits directly (the sigmoid is monotone).
/// </summary>
public abstract class PointwiseRecommender : Module
{
    protected PointwiseRecommender(int numUsers, int numItems)
    {
        if (numUsers < 1) throw new ArgumentOutOfRangeException(nameof(numUsers), numUsers, "a model needs at least one user");
        if (numItems < 1) throw new ArgumentOutOfRangeException(nameof(numItems), numItems, "a model needs at least one item");
        NumUsers = numUsers;
        NumItems = numItems;
    }

    public int NumUsers { get; }
    public int NumItems { get; }

    /// <summary>Model name as used on the command line ("gmf", "mlp", "neumf").</summary>
    public abstract string Name { get; }

    /// <summary>Logits [B] for <paramref name="users"/> [B] and <paramref name="items"/> [B] (both int64).</summary>
    public abstract Tensor Logits(Tensor users, Tensor items);
}
