namespace RecSharp.Models.CollaborativeFiltering;

/// <summary>Hyper-parameters of <see cref="ItemCf"/> and <see cref="UserCf"/>.</summary>
public sealed record CfOptions
{
    /// <summary>Normalisation of the co-occurrence counts.</summary>
    public CfSimilarity Similarity { get; init; } = CfSimilarity.Cosine;

    /// <summary>Exponent of the asymmetric cosine (used only when Similarity is Asymmetric).</summary>
    public double Alpha { get; init; } = 0.5;

    /// <summary>
    /// ItemCF-IUF: a user u contributes 1 / ln(1 + |N(u)|) instead of 1 to the co-occurrence of two of
    /// their items, so that very active users say less about item relatedness. Ignored by UserCF.
    /// </summary>
    public bool InverseUserFrequency { get; init; } = true;

    /// <summary>
    /// UserCF-IIF: an item i contributes 1 / ln(1 + |N(i)|) instead of 1 to the co-occurrence of two of
    /// its users, so that shared popular items say less about user similarity. Ignored by ItemCF.
    /// </summary>
    public bool InverseItemFrequency { get; init; } = true;

    /// <summary>Neighbours kept per row (the K most similar items or users).</summary>
    public int TopK { get; init; } = 100;

    /// <summary>ItemCF-Norm / UserCF-Norm: divide each row's kept similarities by the row's largest one.</summary>
    public bool NormalizeRowsByMax { get; init; }

    /// <summary>Throws if a value is out of range.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Similarity))
            throw new ArgumentOutOfRangeException(nameof(Similarity), Similarity, "Similarity must be Cosine, None or Asymmetric.");
        if (!(Alpha >= 0.0 && Alpha <= 1.0))
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "Alpha must be in [0, 1].");
        if (TopK < 1)
            throw new ArgumentOutOfRangeException(nameof(TopK), TopK, "TopK must be >= 1.");
    }
}
