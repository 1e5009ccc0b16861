using System.Collections;
using System.Globalization;

namespace RecSharp.Torch.NN;

/// <summary>
/// An indexed list of submodules registered as "0", "1", ..., like torch.nn.ModuleList: their parameters belong
/// to the enclosing model, but the caller decides how to run them (e.g. a stack of attention blocks).
/// </summary>
public sealed class ModuleList<T> : Module, IReadOnlyList<T> where T : Module
{
    private readonly List<T> items = new();

    public ModuleList(params T[] modules)
    {
        foreach (var m in modules) Add(m);
    }

    public ModuleList(IEnumerable<T> modules)
    {
        foreach (var m in modules) Add(m);
    }

    public T this[int index] => items[index];

    public int Count => items.Count;

    public void Add(T module)
    {
        RegisterModule(items.Count.ToString(CultureInfo.InvariantCulture), module);
        items.Add(module);
    }

    public IEnumerator<T> GetEnumerator() => items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
