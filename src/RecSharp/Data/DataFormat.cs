namespace RecSharp.Data;

/// <summary>The file layouts <see cref="DataFolder"/> recognises.</summary>
public enum DataFormat
{
    /// <summary>GroupLens ratings.dat (<c>::</c>) or ml-100k u.data (tabs).</summary>
    GroupLensRatings,
    /// <summary>MovieLens ratings.csv (ml-latest, ml-20m, ml-25m), optionally .gz.</summary>
    MovieLensCsv,
    /// <summary>NCF train.rating / test.rating / test.negative.</summary>
    Ncf,
    /// <summary>S3-Rec sequences: <c>user item item ...</c>.</summary>
    S3RecSequences,
    /// <summary>SASRec pairs: <c>user item</c> per line, in time order.</summary>
    SasRecPairs,
    /// <summary>MMRec .inter with x_label.</summary>
    MmrecInter,
    /// <summary>LATTICE train/val/test.json.</summary>
    LatticeJson,
    /// <summary>LightGCN/LCFN train.txt + test.txt (+ validation_data.json).</summary>
    LightGcnLists,
    /// <summary>ComiRec <c>user,item,time</c>.</summary>
    ComiRec,
    /// <summary>Only item side information, no interactions.</summary>
    ItemMetadataOnly,
}
