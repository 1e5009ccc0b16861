namespace RecSharp.Data;

/// <summary>
/// Raised when an input file does not have the expected format. The message always names the file,
/// the 1-based line number (0 when the problem is not tied to one line), the offending text and
/// what was expected, so that a user can fix the file without reading the loader's code.
/// </summary>
public sealed class DataFormatException : Exception
{
    public DataFormatException(string file, long lineNumber, string lineText, string expected)
        : base(Compose(file, lineNumber, lineText, expected))
    {
        File = file;
        LineNumber = lineNumber;
        LineText = lineText;
        Expected = expected;
    }

    public string File { get; }
    public long LineNumber { get; }
    public string LineText { get; }
    public string Expected { get; }

    private static string Compose(string file, long lineNumber, string lineText, string expected)
    {
        // Very long lines (a whole S3-Rec sequence, a single-line JSON file) are shortened so the message stays readable.
        var shown = lineText.Length > 200 ? lineText[..200] + "..." : lineText;
        var where = lineNumber > 0 ? $"{file}:{lineNumber}" : file;
        return $"{where}: expected {expected}; got \"{shown}\"";
    }
}
