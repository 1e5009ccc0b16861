namespace RecSharp.Torch;

/// <summary>Element types; the values are libtorch's c10::ScalarType codes.</summary>
public enum ScalarType
{
    UInt8 = 0,
    Int32 = 3,
    Int64 = 4,
    Float32 = 6,
    Float64 = 7,
    Bool = 11,
}

internal static class ScalarTypeInfo
{
    public static int ElementSize(this ScalarType t) => t switch
    {
        ScalarType.UInt8 or ScalarType.Bool => 1,
        ScalarType.Int32 or ScalarType.Float32 => 4,
        ScalarType.Int64 or ScalarType.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, "unknown scalar type"),
    };

    public static ScalarType Of<T>() where T : unmanaged
    {
        if (typeof(T) == typeof(float)) return ScalarType.Float32;
        if (typeof(T) == typeof(double)) return ScalarType.Float64;
        if (typeof(T) == typeof(long)) return ScalarType.Int64;
        if (typeof(T) == typeof(int)) return ScalarType.Int32;
        if (typeof(T) == typeof(bool)) return ScalarType.Bool;
        if (typeof(T) == typeof(byte)) return ScalarType.UInt8;
        throw new NotSupportedException($"no tensor element type for {typeof(T).Name}");
    }
}
