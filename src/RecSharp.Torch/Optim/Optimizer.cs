using RecSharp.Torch.Native;

namespace RecSharp.Torch.Optim;

/// <summary>
/// Base of the optimizers, wrapping one of libtorch's native optimizers (one parameter group) so a step costs a
/// single native call. The optimizer keeps its parameters alive natively, so disposing a parameter's C# handle
/// does not break it; disposing the optimizer frees its state (momentum buffers, moment estimates).
/// </summary>
public abstract class Optimizer : IDisposable
{
    // Codes understood by rs_optim_create.
    private protected const int SgdKind = 0, AdamKind = 1, AdamWKind = 2, AdagradKind = 3;

    private readonly OptimizerHandle handle;
    private readonly Tensor[] parameters;

    private protected unsafe Optimizer(int kind, IEnumerable<Tensor> parameters, double lr, double weightDecay, double a, double b, double eps, bool flag)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        this.parameters = parameters.ToArray();
        if (this.parameters.Length == 0) throw new ArgumentException($"{GetType().Name}: the optimizer got an empty parameter list", nameof(parameters));
        CheckNonNegative(lr, "learning rate");
        CheckNonNegative(weightDecay, "weight decay");

        var ptrs = new IntPtr[this.parameters.Length];
        for (int i = 0; i < ptrs.Length; i++) ptrs[i] = this.parameters[i].Handle.DangerousGetHandle();
        IntPtr h;
        fixed (IntPtr* p = ptrs)
            NativeMethods.Check(NativeMethods.rs_optim_create(kind, p, ptrs.Length, lr, weightDecay, a, b, eps, flag ? 1 : 0, out h));
        GC.KeepAlive(this.parameters);
        handle = new OptimizerHandle(h);
    }

    /// <summary>The tensors this optimizer updates, in the order given.</summary>
    public IReadOnlyList<Tensor> Parameters => parameters;

    private IntPtr Handle
    {
        get
        {
            if (handle.IsClosed) throw new ObjectDisposedException(GetType().Name, "the optimizer was used after it was disposed");
            return handle.DangerousGetHandle();
        }
    }

    /// <summary>Updates every parameter that has a gradient (without recording gradients).</summary>
    public void Step()
    {
        NativeMethods.Check(NativeMethods.rs_optim_step(Handle));
        GC.KeepAlive(this);
    }

    /// <summary>Clears the gradients of the parameters (to none by default, like PyTorch 2).</summary>
    public void ZeroGrad(bool setToNone = true)
    {
        NativeMethods.Check(NativeMethods.rs_optim_zero_grad(Handle, setToNone ? 1 : 0));
        GC.KeepAlive(this);
    }

    /// <summary>The learning rate of the next step; a scheduler changes it between steps.</summary>
    public double LearningRate
    {
        get
        {
            NativeMethods.Check(NativeMethods.rs_optim_get_lr(Handle, out double lr));
            GC.KeepAlive(this);
            return lr;
        }
        set
        {
            CheckNonNegative(value, "learning rate");
            NativeMethods.Check(NativeMethods.rs_optim_set_lr(Handle, value));
            GC.KeepAlive(this);
        }
    }

    /// <summary>
    /// Scales the gradients of <paramref name="parameters"/> in place so that their joint p-norm is at most
    /// <paramref name="maxNorm"/>, like torch.nn.utils.clip_grad_norm_; returns the norm before clipping.
    /// Parameters without a gradient are skipped.
    /// </summary>
    public static unsafe double ClipGradNorm(IEnumerable<Tensor> parameters, double maxNorm, double normType = 2)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        CheckNonNegative(maxNorm, "max norm");
        var list = parameters.ToArray();
        var ptrs = new IntPtr[list.Length];
        for (int i = 0; i < ptrs.Length; i++) ptrs[i] = list[i].Handle.DangerousGetHandle();
        double total;
        fixed (IntPtr* p = ptrs)
            NativeMethods.Check(NativeMethods.rs_clip_grad_norm(p, ptrs.Length, maxNorm, normType, out total));
        GC.KeepAlive(list);
        return total;
    }

    private protected static void CheckNonNegative(double value, string what)
    {
        if (!(value >= 0)) throw new ArgumentOutOfRangeException(what, value, $"invalid {what}: {value} (must be >= 0)");
    }

    private protected static void CheckBeta(double value, string what)
    {
        if (!(value >= 0 && value < 1)) throw new ArgumentOutOfRangeException(what, value, $"invalid {what}: {value} (must be in [0, 1))");
    }

    public void Dispose()
    {
        handle.Dispose();
        GC.SuppressFinalize(this);
    }
}
