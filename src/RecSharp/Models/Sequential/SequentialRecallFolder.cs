using System.Text.Json.Nodes;
using RecSharp.Data.Dataset;

namespace RecSharp.Models.Sequential;

/// <summary>Loads a sequential model folder (written by <see cref="SequentialCheckpoint.Save"/>) as an <see cref="IRecallModel"/>.</summary>
public static class SequentialRecallFolder
{
    /// <summary>
    /// Rebuilds the model and its weights from <paramref name="folder"/>; <paramref name="config"/> is the folder's
    /// config.json as <see cref="ModelFolder.Load"/> read it. A folder without vocab.json (written by library code that
    /// passed no vocabulary) gets the identity vocabulary: external item i is internal item i + 1, and no users.
    /// </summary>
    public static IRecallModel Load(string folder, JsonObject config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var (model, _) = SequentialCheckpoint.Load(folder);
        try
        {
            var vocabulary = SequentialCheckpoint.LoadVocabulary(folder) ?? IdVocabulary.Identity(0, model.Config.NumItems);
            if (vocabulary.NumItems != model.Config.NumItems)
                throw new InvalidDataException(
                    $"{Path.Combine(folder, Training.ModelArtifact.VocabularyFile)}: holds {vocabulary.NumItems} items but the model has {model.Config.NumItems}");
            return new SequentialRecall(model, config, vocabulary);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }
}
