namespace RecSharp.Tests.Retrieval;

/// <summary>
/// Tests that read the process-wide live tensor count must not run beside other tests that create tensors;
/// xunit runs a collection with parallelisation disabled on its own.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialEngineCollection
{
    public const string Name = "serial engine (live tensor counts)";
}
