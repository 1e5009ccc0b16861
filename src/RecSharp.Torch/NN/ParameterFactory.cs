namespace RecSharp.Torch.NN;

/// <summary>Creates uninitialised parameters for modules to fill with an <see cref="Init"/> scheme.</summary>
internal static class ParameterFactory
{
    public static Parameter Empty(long[] shape, ScalarType dtype)
    {
        using var data = torch.Empty(shape, dtype);
        return new Parameter(data);
    }
}
