using RecSharp.Data.Dataset;
using RecSharp.Data.Loaders;
using RecSharp.Data.Splits;
using RecSharp.Evaluation.Metrics;
using RecSharp.Models.Sequential;
using RecSharp.Retrieval;
using RecSharp.Tests.Data;
using RecSharp.Torch;

namespace RecSharp.Tests.Models.Sequential;

public class DiversityReportTests
{
    // Categories by item id: 0 is padding, items 1-3 are category 0, item 4 category 1, item 5 category 2.
    private static readonly int[] Category = [0, 0, 0, 0, 1, 2];

    [Fact]
    public void IntraListDiversityIsTheFractionOfPairsWithDifferentCategories()
    {
        Assert.Equal(2.0 / 3, DiversityReport.IntraListDiversity([1, 2, 4], Category), 12); // (1,2) same; (1,4), (2,4) differ
        Assert.Equal(1.0, DiversityReport.IntraListDiversity([1, 4, 5], Category), 12);
        Assert.Equal(0.0, DiversityReport.IntraListDiversity([1, 2, 3], Category), 12);
        Assert.Equal(0.0, DiversityReport.IntraListDiversity([4], Category), 12);
        Assert.Equal(5.0 / 6, DiversityReport.IntraListDiversity([1, 2, 4, 5], Category), 12); // only (1,2) of 6 pairs is same
    }

    [Fact]
    public void TableMatchesHandComputedLists()
    {
        // User 0: lambda 0 keeps [1, 2, 3] (no label hit, one category); lambda 1 picks [1, 4, 5] (both labels, 3 categories).
        // User 1: only two candidates, [1, 2], for every lambda: its label 1 is hit, diversity 0.
        (int[], float[])[] pooled = [([1, 2, 3, 4, 5], [1.0f, 0.95f, 0.9f, 0.6f, 0.5f]), ([2, 1, 2], [0.3f, 0.7f, 0.1f])];
        int[][] labels = [[4, 5], [1]];
        var rows = DiversityReport.Evaluate(pooled, labels, Category, 3, [0.0, 1.0]);
        Assert.Equal(new DiversityRow(0, 3, 0.5, 0, 2), rows[0]);
        Assert.Equal(1.0, rows[1].Recall, 12);
        Assert.Equal(0.5, rows[1].Diversity, 12);
        Assert.Equal(
            "| lambda | Recall@3 | Diversity@3 | users |\n|---:|---:|---:|---:|\n| 0 | 0.5000 | 0.0000 | 2 |\n| 1 | 1.0000 | 0.5000 | 2 |\n",
            DiversityReport.Format(rows).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void LambdaZeroEqualsThePlainMerge()
    {
        var rng = new Random(17);
        var category = Enumerable.Range(0, 41).Select(_ => rng.Next(4)).ToArray();
        var pooled = new List<(int[], float[])>();
        var labels = new List<int[]>();
        double mergedRecall = 0, mergedDiversity = 0;
        for (int u = 0; u < 50; u++)
        {
            var ids = Enumerable.Range(0, 12).Select(_ => rng.Next(0, 41)).ToArray(); // duplicates and padding included
            var scores = ids.Select(_ => (float)rng.NextDouble()).ToArray();
            var label = Enumerable.Range(0, 3).Select(_ => rng.Next(1, 41)).Distinct().ToArray();
            pooled.Add((ids, scores));
            labels.Add(label);
            var (merged, mergedScores) = MultiInterestMerge.Merge(ids, scores, 5);
            var (aggregated, aggregatedScores) = DiversityAggregation.Select(ids, scores, 5, 0, category);
            Assert.Equal(merged, aggregated);
            Assert.Equal(mergedScores, aggregatedScores);
            mergedRecall += merged.Count(label.Contains) / (double)label.Length;
            mergedDiversity += DiversityReport.IntraListDiversity(merged, category);
        }
        var row = DiversityReport.Evaluate(pooled, labels, category, 5, [0.0])[0];
        Assert.Equal(mergedRecall / 50, row.Recall, 12);
        Assert.Equal(mergedDiversity / 50, row.Diversity, 12);
    }

    [Fact]
    public void ModelTableAtLambdaZeroMatchesP1Recall()
    {
        using var scope = torch.NewDisposeScope();
        using var model = new ComiRecSa(new SequentialModelConfig { NumItems = 20, Dim = 8, MaxLength = 4, Interests = 3 });
        var rng = new Random(3);
        var cases = Enumerable.Range(0, 12).Select(u => new EvaluationCase(u,
            Enumerable.Range(0, 1 + u % 4).Select(_ => rng.Next(1, 21)).ToArray(),
            Enumerable.Range(0, 3).Select(_ => rng.Next(1, 21)).Distinct().ToArray())).ToList();
        var category = Enumerable.Range(0, 21).Select(i => i % 3).ToArray();
        var rows = DiversityReport.Evaluate(model, cases, category, 5, [0.0, 0.5]);
        var p1 = SequentialEvaluation.Evaluate(model, cases, new MetricSet([MetricKind.Recall], [5]));
        Assert.Equal(p1["Recall", 5], rows[0].Recall, 6);
        Assert.True(rows[1].Diversity >= rows[0].Diversity - 1e-12);
    }

    [Fact]
    public void CategoryTableReadsMoviesDatGenres()
    {
        using var folder = new TempFolder();
        var path = folder.Write("movies.dat", "0::A (2000)::Action|Comedy\n1::B (2001)::Comedy\n2::C (2002)::Comedy|Action\n");
        var metadata = ItemMetadataLoader.LoadMoviesDat(path);
        var vocabulary = IdVocabulary.Identity(1, 4); // internal item i <-> external id i - 1; external 3 has no line
        Assert.Equal([DiversityReport.UnknownCategory, 0, 1, 1, DiversityReport.UnknownCategory],
            DiversityReport.CategoryTable(metadata, vocabulary));
        // As whole sets, "Action|Comedy" and "Comedy|Action" are the same category and "Comedy" another.
        Assert.Equal([DiversityReport.UnknownCategory, 0, 1, 0, DiversityReport.UnknownCategory],
            DiversityReport.CategoryTable(metadata, vocabulary, firstCategoryOnly: false));
    }

    [Fact]
    public void RejectsUsersWithoutLabels()
    {
        var ex = Assert.Throws<ArgumentException>(() => DiversityReport.Evaluate([([1], [1f])], [[]], Category, 3, [0.0]));
        Assert.StartsWith("user 0 has no labels: Recall is undefined", ex.Message);
    }
}
