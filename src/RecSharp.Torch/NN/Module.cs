namespace RecSharp.Torch.NN;

/// <summary>
/// Base of every neural-network module, like torch.nn.Module: owns named parameters, buffers and submodules,
/// switches between training and evaluation mode, and exports or imports its state as a dictionary whose keys
/// are dotted paths ("layers.0.weight"). Disposing a module frees its parameters and buffers.
/// </summary>
public abstract partial class Module : IDisposable
{
    private readonly OrderedDictionary<string, Parameter?> parameters = new();
    private readonly OrderedDictionary<string, Tensor?> buffers = new();
    private readonly OrderedDictionary<string, Module> modules = new();
    private bool disposed;

    /// <summary>True in training mode (the default), false after <see cref="Eval"/>.</summary>
    public bool IsTraining { get; private set; } = true;

    // ---- registration -----------------------------------------------------------------------------------

    /// <summary>Registers (or replaces) a parameter under <paramref name="name"/>; null reserves the name (e.g. no bias).</summary>
    protected Parameter? RegisterParameter(string name, Parameter? parameter)
    {
        CheckName(name, buffers.ContainsKey(name) || modules.ContainsKey(name));
        parameters[name] = parameter;
        return parameter;
    }

    /// <summary>
    /// Registers (or replaces) a buffer: state that is saved in the state dict but not trained (running statistics,
    /// fixed tables). The module takes ownership: the buffer leaves any dispose scope and is freed with the module.
    /// </summary>
    protected Tensor? RegisterBuffer(string name, Tensor? buffer)
    {
        CheckName(name, parameters.ContainsKey(name) || modules.ContainsKey(name));
        buffer?.DetachFromDisposeScope();
        buffers[name] = buffer;
        return buffer;
    }

    /// <summary>Registers (or replaces) a submodule; its state appears under "<paramref name="name"/>.".</summary>
    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        ArgumentNullException.ThrowIfNull(module);
        CheckName(name, parameters.ContainsKey(name) || buffers.ContainsKey(name));
        if (ReferenceEquals(module, this)) throw new ArgumentException("a module cannot contain itself", nameof(module));
        modules[name] = module;
        return module;
    }

    private void CheckName(string name, bool takenByOtherKind)
    {
        if (string.IsNullOrEmpty(name)) throw new ArgumentException($"{GetType().Name}: a parameter, buffer or module name must not be empty", nameof(name));
        if (name.Contains('.')) throw new ArgumentException($"{GetType().Name}: name \"{name}\" must not contain \".\"", nameof(name));
        if (takenByOtherKind) throw new ArgumentException($"{GetType().Name}: name \"{name}\" is already used by another parameter, buffer or module", nameof(name));
    }

    // ---- traversal ----------------------------------------------------------------------------------------

    /// <summary>Direct submodules with their names, in registration order.</summary>
    public IEnumerable<(string Name, Module Module)> NamedChildren()
    {
        foreach (var (name, m) in modules) yield return (name, m);
    }

    /// <summary>This module (name "") and every submodule with its dotted path, depth first, each module once.</summary>
    public IEnumerable<(string Name, Module Module)> NamedModules()
    {
        var seen = new HashSet<Module>(ReferenceEqualityComparer.Instance);
        return NamedModules("", seen);
    }

    private IEnumerable<(string, Module)> NamedModules(string prefix, HashSet<Module> seen)
    {
        if (!seen.Add(this)) yield break;
        yield return (prefix, this);
        foreach (var (name, child) in modules)
            foreach (var pair in child.NamedModules(Join(prefix, name), seen))
                yield return pair;
    }

    /// <summary>Every parameter with its dotted path ("encoder.0.weight"), each parameter once (shared ones under their first name).</summary>
    public IEnumerable<(string Name, Parameter Parameter)> NamedParameters(bool recurse = true)
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (prefix, module) in recurse ? NamedModules() : [("", this)])
            foreach (var (name, p) in module.parameters)
                if (p is not null && seen.Add(p))
                    yield return (Join(prefix, name), p);
    }

    public IEnumerable<Parameter> Parameters(bool recurse = true) => NamedParameters(recurse).Select(np => np.Parameter);

    /// <summary>Every buffer with its dotted path.</summary>
    public IEnumerable<(string Name, Tensor Buffer)> NamedBuffers(bool recurse = true)
    {
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        foreach (var (prefix, module) in recurse ? NamedModules() : [("", this)])
            foreach (var (name, b) in module.buffers)
                if (b is not null && seen.Add(b))
                    yield return (Join(prefix, name), b);
    }

    /// <summary>Total number of trainable scalars.</summary>
    public long ParameterCount => Parameters().Sum(p => p.NumEl);

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    // ---- modes and gradients ------------------------------------------------------------------------------

    /// <summary>Sets training mode on this module and every submodule (dropout active, etc.).</summary>
    public Module Train(bool mode = true)
    {
        foreach (var (_, m) in NamedModules()) m.IsTraining = mode;
        return this;
    }

    /// <summary>Sets evaluation mode on this module and every submodule.</summary>
    public Module Eval() => Train(false);

    /// <summary>Clears the gradients of every parameter (to none by default, like PyTorch 2).</summary>
    public void ZeroGrad(bool setToNone = true)
    {
        foreach (var p in Parameters()) p.ZeroGrad(setToNone);
    }

    // ---- disposal -----------------------------------------------------------------------------------------

    /// <summary>Frees the parameters and buffers of this module and of all submodules.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposed || !disposing) return;
        disposed = true;
        foreach (var p in parameters.Values) p?.Dispose();
        foreach (var b in buffers.Values) b?.Dispose();
        foreach (var m in modules.Values) m.Dispose();
    }

    public override string ToString() => GetType().Name;
}

/// <summary>A module with one input, like a TorchSharp Module&lt;T, TResult&gt;.</summary>
public abstract class Module<TInput, TOutput> : Module
{
    public abstract TOutput Forward(TInput input);

    /// <summary>Same as <see cref="Forward"/>, so a module reads like a function call.</summary>
    public TOutput Call(TInput input) => Forward(input);
}

/// <summary>A module with two inputs.</summary>
public abstract class Module<TInput1, TInput2, TOutput> : Module
{
    public abstract TOutput Forward(TInput1 input1, TInput2 input2);

    public TOutput Call(TInput1 input1, TInput2 input2) => Forward(input1, input2);
}
