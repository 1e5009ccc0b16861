namespace RecSharp.Torch;

/// <summary>
/// The one exception type raised for every error reported by libtorch, Faiss or the native shim.
/// The message is the native library's own text (libtorch's message without its C++ backtrace).
/// </summary>
public sealed class TorchException : Exception
{
    public TorchException(string message) : base(message) { }
}
