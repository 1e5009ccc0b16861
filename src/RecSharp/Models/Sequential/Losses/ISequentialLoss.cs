using RecSharp.Torch;

namespace RecSharp.Models.Sequential.Losses;

/// <summary>A training loss of the sequential recall models: one user vector per sample against its target item.</summary>
public interface ISequentialLoss
{
    /// <summary>Name recorded in the model's config ("full" or "sampled").</summary>
    string Name { get; }

    /// <param name="userVectors">[B, d] training vectors (see <see cref="SequentialRecallModel.TrainingVector"/>).</param>
    /// <param name="targets">[B] int64 target items in 1..N.</param>
    /// <param name="itemTable">[N + 1, d] item vectors; row 0 is padding and is never a class.</param>
    /// <returns>The mean loss over the batch (a scalar).</returns>
    Tensor Compute(Tensor userVectors, Tensor targets, Tensor itemTable);
}
