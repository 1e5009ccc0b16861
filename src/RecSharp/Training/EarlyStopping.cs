namespace RecSharp.Training;

/// <summary>
/// Tracks the best validation value (higher is better) and how many validations passed without improving on it.
/// </summary>
public sealed class EarlyStopping(int patience)
{
    public double? Best { get; private set; }
    public int BestEpoch { get; private set; } = -1;
    public int StaleValidations { get; private set; }

    /// <summary>Records a validation result; returns true when it is a new best (strictly better).</summary>
    public bool Report(int epoch, double value)
    {
        if (double.IsNaN(value)) throw new ArgumentException($"validation value of epoch {epoch} is NaN", nameof(value));
        if (Best is null || value > Best.Value)
        {
            Best = value;
            BestEpoch = epoch;
            StaleValidations = 0;
            return true;
        }
        StaleValidations++;
        return false;
    }

    /// <summary>
    /// Continues from an earlier run whose best validation was <paramref name="best"/> at <paramref name="bestEpoch"/>;
    /// the stale count starts at 0 because a resumed run continues from the best epoch's weights.
    /// </summary>
    public void Resume(double best, int bestEpoch)
    {
        if (double.IsNaN(best)) throw new ArgumentException($"the best validation value of epoch {bestEpoch} is NaN", nameof(best));
        Best = best;
        BestEpoch = bestEpoch;
        StaleValidations = 0;
    }

    /// <summary>True once <c>patience</c> validations in a row did not improve (never when patience is 0).</summary>
    public bool ShouldStop => patience > 0 && StaleValidations >= patience;
}
