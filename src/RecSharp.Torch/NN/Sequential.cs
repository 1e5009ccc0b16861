namespace RecSharp.Torch.NN;

/// <summary>Applies its modules in order, like torch.nn.Sequential; they are registered as "0", "1", ...</summary>
public sealed class Sequential : Module<Tensor, Tensor>
{
    private readonly List<Module<Tensor, Tensor>> layers = new();

    public Sequential(params Module<Tensor, Tensor>[] modules)
    {
        foreach (var m in modules) Append(m);
    }

    public int Count => layers.Count;

    public Module<Tensor, Tensor> this[int index] => layers[index];

    public Sequential Append(Module<Tensor, Tensor> module)
    {
        RegisterModule(layers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), module);
        layers.Add(module);
        return this;
    }

    public override Tensor Forward(Tensor input)
    {
        var current = input;
        foreach (var layer in layers)
        {
            var next = layer.Forward(current);
            // Intermediate handles are ours to free (autograd keeps its own references); the caller's input is not.
            if (!ReferenceEquals(current, input) && !ReferenceEquals(current, next)) current.Dispose();
            current = next;
        }
        return current;
    }
}
