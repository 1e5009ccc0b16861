using RecSharp.Evaluation;
using RecSharp.Models.Sequential;
using RecSharp.Tests.Retrieval;
using RecSharp.Torch;
using static RecSharp.Tests.Models.Sequential.SequentialTestData;

namespace RecSharp.Tests.Models.Sequential;

/// <summary>
/// <see cref="DiversityReport.EvaluateTables"/> (evaluate --checkpoint --diversity) and the seeded P1 evaluation it
/// shares with <see cref="SequentialEvaluation.Evaluate"/>. Serial: MIND draws from the global generator.
/// </summary>
[Collection(SerialEngineCollection.Name)]
public class DiversityTablesTests
{
    private const int Items = 80;

    private static SequentialRecallModel Create(string name) =>
        SequentialModels.Create(name, new SequentialModelConfig { NumItems = Items, Dim = 8, MaxLength = 8, Interests = 4 });

    /// <summary>Category of item i is i % 3 (0 = padding's slot, never used).</summary>
    private static int[] Categories() => Enumerable.Range(0, Items + 1).Select(i => i % 3).ToArray();

    [Theory]
    [InlineData("mind")]
    [InlineData("comirec-dr")]
    [InlineData("comirec-sa")]
    public void LambdaZeroGivesExactlyThePlainP1Table(string name)
    {
        torch.ManualSeed(3);
        using var model = Create(name);
        var cases = PlantedRule(Items, users: 10, length: 8, seed: 4).Test;
        var plain = SequentialEvaluation.Evaluate(model, cases, EvaluationProtocols.P1(), generatorSeed: 11);
        using (torch.NoGrad()) torch.Randn([5, 5]).Dispose(); // move the generator: the seed must undo it
        var results = DiversityReport.EvaluateTables(model, cases, Categories(), [0, 1e6], EvaluationProtocols.P1(), generatorSeed: 11);
        Assert.Equal(2, results.Count);
        Assert.Equal(50, results[0].N);
        foreach (var metric in plain.Metrics)
            foreach (var k in plain.Ks)
                Assert.Equal(plain[metric, k], results[0].Table[metric, k]);
        Assert.Equal("0", results[0].Table.Options["lambda"]);
        // A huge lambda spreads the 50 slots over the 3 categories: never less diverse than lambda 0.
        Assert.True(results[1].Diversity >= results[0].Diversity, $"diversity {results[1].Diversity} at lambda 1e6 < {results[0].Diversity} at 0");
        Assert.True(results[1].Diversity > 0.6, $"diversity at lambda 1e6 is {results[1].Diversity}");
    }

    [Fact]
    public void SeededEvaluationOfMindIsReproducible()
    {
        torch.ManualSeed(3);
        using var model = Create("mind");
        var cases = PlantedRule(Items, users: 10, length: 8, seed: 4).Test;
        var first = SequentialEvaluation.Evaluate(model, cases, EvaluationProtocols.P1(), generatorSeed: 2020);
        using (torch.NoGrad()) torch.Randn([7]).Dispose();
        var second = SequentialEvaluation.Evaluate(model, cases, EvaluationProtocols.P1(), generatorSeed: 2020);
        Assert.Equal(first.ToJson(), second.ToJson());
    }

    [Fact]
    public void SingleInterestModelsAndWrongCategoryTablesAreRejected()
    {
        using var gru = SequentialModels.Create("gru4rec", new SequentialModelConfig { NumItems = Items, Dim = 8, MaxLength = 8 });
        var cases = PlantedRule(Items, users: 10, length: 8, seed: 4).Test;
        var e = Assert.Throws<ArgumentException>(() => DiversityReport.EvaluateTables(gru, cases, Categories(), [0], EvaluationProtocols.P1()));
        Assert.StartsWith("controllable aggregation needs a multi-interest model, but gru4rec has 1 interest", e.Message);
        using var sa = Create("comirec-sa");
        e = Assert.Throws<ArgumentException>(() => DiversityReport.EvaluateTables(sa, cases, [0, 1, 2], [0], EvaluationProtocols.P1()));
        Assert.StartsWith("the category table has 3 entries but the model has 80 items (+ padding)", e.Message);
    }

    [Fact]
    public void LambdaListsAreParsedAndBadValuesNamed()
    {
        Assert.Equal([0, 0.05, 0.1, 2], DiversityReport.ParseLambdas("0, 0.05,0.1,2"));
        Assert.Equal("--diversity: 'x' is not a number (expected comma-separated lambdas >= 0, e.g. 0,0.05,0.1,0.2)",
            Assert.Throws<ArgumentException>(() => DiversityReport.ParseLambdas("0,x")).Message);
        Assert.Equal("--diversity: '' is not a number (expected comma-separated lambdas >= 0, e.g. 0,0.05,0.1,0.2)",
            Assert.Throws<ArgumentException>(() => DiversityReport.ParseLambdas("0,,1")).Message);
        Assert.Equal("--diversity: lambda '-0.1' must be a finite number >= 0",
            Assert.Throws<ArgumentException>(() => DiversityReport.ParseLambdas("-0.1")).Message);
        Assert.Equal("--diversity: lambda 'NaN' must be a finite number >= 0",
            Assert.Throws<ArgumentException>(() => DiversityReport.ParseLambdas("NaN")).Message);
    }
}
