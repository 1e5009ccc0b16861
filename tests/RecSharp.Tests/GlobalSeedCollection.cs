namespace RecSharp.Tests;

/// <summary>
/// Tests that seed libtorch's global generator (torch.ManualSeed) and then draw from it (initial weights, sampled
/// negatives, routing logits): they run one at a time and apart from every other test, so no other test's seeding or
/// drawing can slip in between and change the values a test expects.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalSeedCollection
{
    public const string Name = "global libtorch seed";
}
