namespace RecSharp.Torch.Tests;

/// <summary>
/// Tests that read process-wide counters (torch.LiveTensorCount, RSS) run in this collection, which xunit
/// runs alone: tests in other classes create tensors in parallel and would move those counters.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "serial (process-wide counters)";
}
