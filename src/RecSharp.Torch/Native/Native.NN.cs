using System.Runtime.InteropServices;

namespace RecSharp.Torch.Native;

// Declarations for native/src/nn.cpp (one per export, same order). Optional tensors are IntPtr (zero = none).
internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial int rs_embedding(TensorHandle weight, TensorHandle indices, long paddingIdx, out IntPtr @out);
    [LibraryImport(Lib)] internal static partial int rs_linear(TensorHandle x, TensorHandle w, IntPtr b, out IntPtr @out);
    [LibraryImport(Lib)] internal static partial int rs_softmax(TensorHandle x, long dim, out IntPtr @out);
    [LibraryImport(Lib)] internal static partial int rs_log_softmax(TensorHandle x, long dim, out IntPtr @out);
    [LibraryImport(Lib)] internal static partial int rs_logsumexp(TensorHandle x, long dim, int keepdim, out IntPtr @out);
    [LibraryImport(Lib)] internal static partial int rs_dropout(TensorHandle x, double p, int train, out IntPtr @out);
    [LibraryImport(Lib)] internal static partial int rs_layer_norm(TensorHandle x, long* shape, int n, IntPtr w, IntPtr b, double eps, out IntPtr @out);
    [LibraryImport(Lib)] internal static partial int rs_normalize(TensorHandle x, double p, long dim, double eps, out IntPtr @out);
    [LibraryImport(Lib)] internal static partial int rs_cosine_similarity(TensorHandle a, TensorHandle b, long dim, double eps, out IntPtr @out);
    [LibraryImport(Lib)] internal static partial int rs_cross_entropy(TensorHandle logits, TensorHandle target, IntPtr weight, int red, long ignoreIndex, double labelSmoothing, out IntPtr @out);
    [LibraryImport(Lib)] internal static partial int rs_nll_loss(TensorHandle logp, TensorHandle target, IntPtr weight, int red, long ignoreIndex, out IntPtr @out);
    [LibraryImport(Lib)] internal static partial int rs_binary_cross_entropy(TensorHandle probs, TensorHandle target, IntPtr weight, int red, out IntPtr @out);
    [LibraryImport(Lib)] internal static partial int rs_binary_cross_entropy_with_logits(TensorHandle logits, TensorHandle target, IntPtr weight, IntPtr posWeight, int red, out IntPtr @out);
    [LibraryImport(Lib)] internal static partial int rs_mse_loss(TensorHandle a, TensorHandle b, int red, out IntPtr @out);
    [LibraryImport(Lib)] internal static partial int rs_gru(TensorHandle input, TensorHandle h0, IntPtr* weights, int nweights, int hasBiases, long numLayers, double dropout, int train, int batchFirst, out IntPtr output, out IntPtr hN);
    [LibraryImport(Lib)] internal static partial int rs_sparse_coo(TensorHandle indices, TensorHandle values, long* shape, int n, out IntPtr @out);
    [LibraryImport(Lib)] internal static partial int rs_sparse_mm(TensorHandle sparse, TensorHandle dense, out IntPtr @out);
    [LibraryImport(Lib)] internal static partial int rs_to_dense(TensorHandle t, out IntPtr @out);
    [LibraryImport(Lib)] internal static partial int rs_is_sparse(TensorHandle t, out int @out);
    [LibraryImport(Lib)] internal static partial int rs_sparse_indices(TensorHandle t, out IntPtr @out);
    [LibraryImport(Lib)] internal static partial int rs_sparse_values(TensorHandle t, out IntPtr @out);
}
