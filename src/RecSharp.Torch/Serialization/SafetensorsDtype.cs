namespace RecSharp.Torch.Serialization;

/// <summary>The safetensors dtype names RecSharp reads and writes, and their order in the format's writer.</summary>
internal static class SafetensorsDtype
{
    // The reference writer sorts tensors by dtype in descending order of this enumeration (then by name), so
    // files are byte-identical to Python's only if we rank dtypes the same way.
    private static readonly string[] ReferenceOrder =
        ["BOOL", "U8", "I8", "F8_E5M2", "F8_E4M3", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "F64", "I64", "U64"];

    public const string Supported = "F32, F64, I64, I32, U8, BOOL";

    public static string NameOf(ScalarType dtype) => dtype switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.Float64 => "F64",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.UInt8 => "U8",
        ScalarType.Bool => "BOOL",
        _ => throw new NotSupportedException($"safetensors: no dtype for {dtype}"),
    };

    public static ScalarType? TryParse(string name) => name switch
    {
        "F32" => ScalarType.Float32,
        "F64" => ScalarType.Float64,
        "I64" => ScalarType.Int64,
        "I32" => ScalarType.Int32,
        "U8" => ScalarType.UInt8,
        "BOOL" => ScalarType.Bool,
        _ => null,
    };

    public static bool IsKnown(string name) => Array.IndexOf(ReferenceOrder, name) >= 0;

    public static int Rank(ScalarType dtype) => Array.IndexOf(ReferenceOrder, NameOf(dtype));
}
