using System.Text.Json.Nodes;
using RecSharp.Data.Dataset;
using RecSharp.Data.Splits;
using RecSharp.Models;
using RecSharp.Retrieval;

namespace RecSharp.Tests.Serving;

/// <summary>An <see cref="IRecallModel"/> with given scores, recording the last case it scored.</summary>
internal sealed class FixedScoreModel(float[] scores, IdVocabulary vocabulary, bool needsKnownUser = false) : IRecallModel
{
    public EvaluationCase? LastCase { get; private set; }
    public string Name => "fixed";
    public string Family => ModelFolder.CollaborativeFiltering;
    public JsonObject Config { get; } = new();
    public IdVocabulary Vocabulary => vocabulary;
    public bool NeedsKnownUser => needsKnownUser;
    public int NumItems => scores.Length - 1;

    public void ScoreAll(EvaluationCase user, Span<float> output)
    {
        LastCase = user;
        scores.CopyTo(output);
    }

    public TopKResult SimilarItems(int item, int k) => TopKResult.FromRows(k, [([item % NumItems + 1], [0.5f])]);

    public void Dispose() { }
}
