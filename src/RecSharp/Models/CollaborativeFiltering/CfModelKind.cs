namespace RecSharp.Models.CollaborativeFiltering;

/// <summary>Which model a CF model file holds (stored in its header).</summary>
internal enum CfModelKind
{
    ItemCf = 1,
    UserCf = 2,
}
