using RecSharp.Torch.Serialization;

namespace RecSharp.Torch.NN;

public abstract partial class Module
{
    /// <summary>
    /// The module's state, like PyTorch's state_dict(): every parameter and buffer under its dotted path, this
    /// module's own entries first (parameters, then buffers, in registration order), then each submodule's.
    /// The tensors are new handles sharing storage with the module's tensors, cut from autograd; the caller owns
    /// them (dispose them, or call this inside a dispose scope).
    /// </summary>
    public OrderedDictionary<string, Tensor> StateDict()
    {
        var state = new OrderedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (key, tensor) in StateEntries("")) state[key] = tensor.Detach();
        return state;
    }

    /// <summary>The module's own tensors under their state keys (not shared, not copied).</summary>
    private IEnumerable<(string Key, Tensor Tensor)> StateEntries(string prefix)
    {
        foreach (var (name, p) in parameters)
            if (p is not null) yield return (Join(prefix, name), p);
        foreach (var (name, b) in buffers)
            if (b is not null) yield return (Join(prefix, name), b);
        foreach (var (name, child) in modules)
            foreach (var entry in child.StateEntries(Join(prefix, name)))
                yield return entry;
    }

    /// <summary>
    /// Copies <paramref name="state"/> into the module's parameters and buffers (converting the element type if
    /// needed). Every key is checked before anything is copied: with <paramref name="strict"/> missing and
    /// unexpected keys are errors, and a shape mismatch is always an error; the message lists every problem in
    /// PyTorch's wording.
    /// </summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        ArgumentNullException.ThrowIfNull(state);
        var entries = StateEntries("").ToList();
        var expected = new HashSet<string>(entries.Select(e => e.Key), StringComparer.Ordinal);

        var missing = entries.Where(e => !state.ContainsKey(e.Key)).Select(e => e.Key).ToList();
        var unexpected = state.Keys.Where(k => !expected.Contains(k)).ToList();
        var mismatches = new List<string>();
        foreach (var (key, target) in entries)
        {
            if (!state.TryGetValue(key, out var source)) continue;
            var have = target.Shape;
            var got = source.Shape;
            if (!have.SequenceEqual(got))
                mismatches.Add($"size mismatch for {key}: copying a param with shape {FormatShape(got)} from checkpoint, " +
                               $"the shape in current model is {FormatShape(have)}.");
        }

        var errors = new List<string>();
        if (strict && missing.Count > 0) errors.Add($"Missing key(s) in state_dict: {Quote(missing)}.");
        if (strict && unexpected.Count > 0) errors.Add($"Unexpected key(s) in state_dict: {Quote(unexpected)}.");
        errors.AddRange(mismatches);
        if (errors.Count > 0)
            throw new InvalidOperationException($"Error(s) in loading state_dict for {GetType().Name}:\n\t" + string.Join("\n\t", errors));

        using var noGrad = torch.NoGrad();
        foreach (var (key, target) in entries)
            if (state.TryGetValue(key, out var source)) target.CopyFrom(source);
    }

    /// <summary>Writes the state dict to a safetensors file (atomically), readable by Python's safetensors.</summary>
    public void Save(string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var state = StateDict();
        try
        {
            Safetensors.Save(path, state, metadata);
        }
        finally
        {
            foreach (var t in state.Values) t.Dispose();
        }
    }

    /// <summary>Loads a safetensors file written by <see cref="Save"/> (or by Python) into this module.</summary>
    public void Load(string path, bool strict = true)
    {
        var state = Safetensors.Load(path);
        try
        {
            LoadStateDict(state, strict);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"{path}: {e.Message}", e);
        }
        finally
        {
            foreach (var t in state.Values) t.Dispose();
        }
    }

    internal static string FormatShape(long[] shape) => "[" + string.Join(", ", shape) + "]";

    private static string Quote(IEnumerable<string> keys) => string.Join(", ", keys.Select(k => $"\"{k}\""));
}
