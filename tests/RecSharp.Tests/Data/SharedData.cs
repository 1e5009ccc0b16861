namespace RecSharp.Tests.Data;

/// <summary>
/// Finds ../shared/data: the repository lives at /work/main (or a CI clone) with the shared folder beside it, and
/// worktrees live deeper, so the helper walks up from the test binary until some ancestor holds shared/data.
/// RECSHARP_SHARED_DATA overrides the search. Tests that need it use [SharedDataFact]/[SharedDataTheory]: without the
/// folder they are reported as skipped with <see cref="MissingReason"/>; a missing sub-folder or file fails clearly.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>Why the shared data cannot be found, or null when it can.</summary>
    public static string? MissingReason
    {
        get
        {
            try
            {
                _ = Root.Value;
                return null;
            }
            catch (DirectoryNotFoundException e)
            {
                return e.Message;
            }
        }
    }

    public static string Folder(string name)
    {
        var path = Path.Combine(Root.Value, name);
        if (!Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"shared data folder '{name}' is missing: expected {path} (see ../shared/data/*/PROVENANCE.md)");
        }

        return path;
    }

    public static string File(string folder, string name)
    {
        var path = Path.Combine(Folder(folder), name);
        if (!System.IO.File.Exists(path))
        {
            throw new FileNotFoundException($"shared data file is missing: {path}", path);
        }

        return path;
    }

    private static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("RECSHARP_SHARED_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new DirectoryNotFoundException($"RECSHARP_SHARED_DATA points to {fromEnvironment}, which does not exist");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"no shared/data folder in any ancestor of {AppContext.BaseDirectory}; clone the repository next to ../shared or set RECSHARP_SHARED_DATA");
    }
}
