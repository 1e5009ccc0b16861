namespace RecSharp.Data;

/// <summary>Which part of a pre-made split a row belongs to (MMRec x_label values 0/1/2; NCF train/test files; LATTICE json files).</summary>
public enum SplitLabel : sbyte
{
    None = -1,
    Train = 0,
    Validation = 1,
    Test = 2,
}
