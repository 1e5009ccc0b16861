namespace RecSharp.Tests.Data;

/// <summary>
/// A fact that reads ../shared/data. On a machine without the shared folder (and no RECSHARP_SHARED_DATA) it is
/// reported as skipped with the reason, and counted in the "N skipped" total, instead of failing every build there.
/// </summary>
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (SharedData.MissingReason is { } reason) Skip = reason;
    }
}

/// <summary>The theory form of <see cref="SharedDataFactAttribute"/>.</summary>
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute()
    {
        if (SharedData.MissingReason is { } reason) Skip = reason;
    }
}
