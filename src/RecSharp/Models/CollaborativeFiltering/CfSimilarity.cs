namespace RecSharp.Models.CollaborativeFiltering;

/// <summary>
/// How the (optionally weighted) co-occurrence count C(a, b) of two rows a and b (items for
/// ItemCF, users for UserCF) is normalised by their degrees |N(a)| and |N(b)|.
/// </summary>
public enum CfSimilarity
{
    /// <summary>C(a, b) / sqrt(|N(a)| |N(b)|).</summary>
    Cosine = 0,

    /// <summary>No normalisation: the co-occurrence count C(a, b) itself.</summary>
    None = 1,

    /// <summary>
    /// Asymmetric cosine (Aiolli 2013): C(a, b) / (|N(a)|^alpha |N(b)|^(1 - alpha)), a being the row whose
    /// neighbours are listed. alpha = 0.5 is the cosine; alpha = 1 is the conditional probability P(b | a).
    /// </summary>
    Asymmetric = 2,
}
