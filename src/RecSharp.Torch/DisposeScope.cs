namespace RecSharp.Torch;

/// <summary>
/// Collects every tensor created on this thread while the scope is the innermost one, and frees them when
/// the scope is disposed, except tensors moved out with <see cref="Tensor.MoveToOuterScope"/> or
/// <see cref="Tensor.DetachFromDisposeScope"/>. Scopes nest; they are per thread, so never await inside one.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly List<Tensor> tensors = new();
    private readonly DisposeScope? outer;
    private readonly int threadId;
    private bool disposed;

    internal DisposeScope()
    {
        outer = current;
        current = this;
        threadId = Environment.CurrentManagedThreadId;
    }

    /// <summary>The innermost open scope of the calling thread, or null.</summary>
    public static DisposeScope? Current => current;

    /// <summary>The scope this one is nested in, or null.</summary>
    public DisposeScope? Outer => outer;

    /// <summary>How many tensors this scope currently owns (tensors already disposed by hand included).</summary>
    public int Count => tensors.Count;

    internal void Register(Tensor t)
    {
        tensors.Add(t);
        t.OwningScope = this;
    }

    /// <summary>
    /// Frees the tensors this scope owns. Scopes still open inside this one (leaked by a missing using) are
    /// disposed first, so the thread's current scope always becomes a live one: the outer scope of this one.
    /// </summary>
    public void Dispose()
    {
        if (disposed) return;
        if (Environment.CurrentManagedThreadId != threadId)
            throw new InvalidOperationException("a DisposeScope must be disposed on the thread that created it");
        // Without this, disposing an outer scope before an inner one made the inner's Dispose restore the
        // disposed outer as current: later tensors were registered to a dead scope and never freed.
        while (current is not null && !ReferenceEquals(current, this) && IsNestedIn(current, this))
            current.Dispose();
        disposed = true;
        foreach (var t in tensors)
            if (ReferenceEquals(t.OwningScope, this)) t.Dispose();
        tensors.Clear();
        current = outer;
    }

    private static bool IsNestedIn(DisposeScope inner, DisposeScope outerScope)
    {
        for (var s = inner.outer; s is not null; s = s.outer)
            if (ReferenceEquals(s, outerScope)) return true;
        return false;
    }
}
