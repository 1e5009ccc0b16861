using System.Text.Json;
using RecSharp.Models.Sequential;
using RecSharp.Models;
using RecSharp.Training;

namespace RecSharp.Cli.Commands;

/// <summary>
/// <c>recsharp train --resume DIR</c>: a saved sequential run continues where it stopped. The run's own settings are the
/// base; flags may change how it trains (epochs, lr, batch, patience, threads, out) but not what it is (model, data,
/// shape, seed, loss), because the saved weights and the re-created split depend on those.
/// </summary>
public static class ResumedRun
{
    /// <summary>The saved run's settings overridden by <paramref name="flags"/>; a flag that changes what the run is, is an error.</summary>
    public static TrainSettings Settings(string folder, TrainSettings flags)
    {
        if (!Directory.Exists(folder)) throw new DirectoryNotFoundException($"--resume {folder}: no such model folder");
        var config = ModelArtifact.ReadConfig(folder);
        string configPath = Path.Combine(folder, ModelArtifact.ConfigFile);
        string family = config[ModelFolder.FamilyKey]?.GetValue<string>() ?? "";
        if (family != ModelFolder.Sequential)
            throw new ArgumentException($"--resume {folder}: only sequential runs can be resumed (this folder's family is \"{family}\")");
        TrainSettings saved;
        try
        {
            saved = config["settings"]?.Deserialize<TrainSettings>()
                ?? throw new InvalidDataException($"{configPath}: field \"settings\" is missing (the run was not saved by recsharp train)");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{configPath}: field \"settings\" is not a train configuration ({e.Message})", e);
        }
        Same("--model", saved.Model, flags.Model, folder);
        Same("--data", saved.Data, flags.Data, folder);
        Same("--dim", saved.Dim, flags.Dim, folder);
        Same("--max-length", saved.MaxLength, flags.MaxLength, folder);
        Same("--interests", saved.Interests, flags.Interests, folder);
        Same("--seed", saved.Seed, flags.Seed, folder);
        Same("--loss", saved.Loss, flags.Loss, folder);
        Same("--negatives", saved.Negatives, flags.Negatives, folder);
        Same("--proposal", saved.Proposal, flags.Proposal, folder);
        return saved.With(flags with { Model = null, Data = null });   // the saved spelling and path are kept
    }

    /// <summary>Loads the saved model (its architecture must be <paramref name="expected"/>'s) and its epoch history.</summary>
    public static SequentialRecallModel Load(string folder, SequentialModelConfig expected, out TrainingHistory history)
    {
        history = TrainingHistory.Load(Path.Combine(folder, ModelArtifact.HistoryFile));
        var (model, _) = SequentialCheckpoint.Load(folder);
        var saved = model.Config;
        if (saved.NumItems != expected.NumItems || saved.Dim != expected.Dim || saved.MaxLength != expected.MaxLength || saved.Interests != expected.Interests)
        {
            model.Dispose();
            throw new InvalidDataException(
                $"--resume {folder}: the saved model has {saved.NumItems} items, dim {saved.Dim}, max length {saved.MaxLength}, {saved.Interests} interests, " +
                $"but the data and settings give {expected.NumItems}, {expected.Dim}, {expected.MaxLength}, {expected.Interests}");
        }
        return model;
    }

    private static void Same<T>(string flag, T? saved, T? given, string folder)
    {
        if (given is null || saved is null || EqualityComparer<T>.Default.Equals(saved, given)) return;
        if (saved is string a && given is string b && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase)) return;
        throw new ArgumentException($"--resume {folder}: {flag} {given} differs from the saved run's {saved}; a resumed run keeps its model, data, shape, seed and loss");
    }
}
