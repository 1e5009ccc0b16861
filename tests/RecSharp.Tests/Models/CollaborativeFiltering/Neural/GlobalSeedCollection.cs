namespace RecSharp.Tests.Models.CollaborativeFiltering.Neural;

/// <summary>
/// Tests that seed libtorch's global generator (torch.ManualSeed) and then draw initial weights from it: they run
/// one at a time, so another class's seeding cannot slip in between and change the weights a test expects.
/// </summary>
[CollectionDefinition(Name)]
public sealed class GlobalSeedCollection
{
    public const string Name = "learned CF (global libtorch seed)";
}
