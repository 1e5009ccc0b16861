using System.Text.Json.Nodes;
using RecSharp.Data.Dataset;
using RecSharp.Retrieval;

namespace RecSharp.Models;

/// <summary>
/// A trained recall model loaded from its model folder (docs DESIGN.md), whatever its family: sequential models
/// (score from the history), collaborative filtering (ItemCF/UserCF, BPR-MF, GMF/MLP/NeuMF) and graph models
/// (LightGCN, BM3). The CLI's recommend, similar, evaluate --checkpoint and report commands work through this
/// one contract, so they never switch on the model family themselves.
/// </summary>
/// <remarks>
/// <see cref="IItemScorer.ScoreAll"/> receives an <see cref="Data.Splits.EvaluationCase"/> in internal ids: User is
/// the internal user index (or -1 when the request has only a history), History the internal item ids, oldest
/// first. A model that needs a known user (an ID-embedding model) throws <see cref="ArgumentException"/> naming the
/// model when User is -1.
/// </remarks>
public interface IRecallModel : IItemScorer, IDisposable
{
    /// <summary>The model's factory name as written in config.json ("gru4rec", "itemcf", "bm3", ...).</summary>
    string Name { get; }

    /// <summary>The family that loaded it: <see cref="ModelFolder.Sequential"/>, <see cref="ModelFolder.CollaborativeFiltering"/> or <see cref="ModelFolder.Graph"/>.</summary>
    string Family { get; }

    /// <summary>The folder's whole config.json (hyper-parameters, data path, seed, protocol, metrics).</summary>
    JsonObject Config { get; }

    /// <summary>External user and item ids of the training data.</summary>
    IdVocabulary Vocabulary { get; }

    /// <summary>True when scoring needs a known user (the model learned one embedding per training user).</summary>
    bool NeedsKnownUser { get; }

    /// <summary>The <paramref name="k"/> items most similar to internal item <paramref name="item"/>, best first (never the item itself or padding).</summary>
    TopKResult SimilarItems(int item, int k);
}
