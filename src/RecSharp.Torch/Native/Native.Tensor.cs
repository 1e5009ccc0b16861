using System.Runtime.InteropServices;

namespace RecSharp.Torch.Native;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Lib)] internal static partial int rs_tensor_free(IntPtr t);
    [LibraryImport(Lib)] internal static partial int rs_tensor_from_data(void* data, long* shape, int ndim, int dtype, int requiresGrad, out IntPtr result);
    [LibraryImport(Lib)] internal static partial int rs_tensor_copy_to(TensorHandle t, void* dst, long nbytes);
    [LibraryImport(Lib)] internal static partial int rs_tensor_ndim(TensorHandle t, out int ndim);
    [LibraryImport(Lib)] internal static partial int rs_tensor_shape(TensorHandle t, long* shape, int capacity);
    [LibraryImport(Lib)] internal static partial int rs_tensor_dtype(TensorHandle t, out int dtype);
    [LibraryImport(Lib)] internal static partial int rs_tensor_numel(TensorHandle t, out long numel);
    [LibraryImport(Lib)] internal static partial int rs_tensor_item_double(TensorHandle t, out double value);
    [LibraryImport(Lib)] internal static partial int rs_tensor_item_long(TensorHandle t, out long value);
    [LibraryImport(Lib)] internal static partial int rs_tensor_to_string(TensorHandle t, byte* buffer, int capacity);

    [LibraryImport(Lib)] internal static partial int rs_tensor_zeros(long* shape, int ndim, int dtype, int requiresGrad, out IntPtr result);
    [LibraryImport(Lib)] internal static partial int rs_tensor_ones(long* shape, int ndim, int dtype, int requiresGrad, out IntPtr result);
    [LibraryImport(Lib)] internal static partial int rs_tensor_full(long* shape, int ndim, double value, int dtype, int requiresGrad, out IntPtr result);
    [LibraryImport(Lib)] internal static partial int rs_tensor_empty(long* shape, int ndim, int dtype, int requiresGrad, out IntPtr result);
    [LibraryImport(Lib)] internal static partial int rs_tensor_arange(double start, double end, double step, int dtype, out IntPtr result);
    [LibraryImport(Lib)] internal static partial int rs_tensor_full_like(TensorHandle t, double value, int dtype, int requiresGrad, out IntPtr result);
    [LibraryImport(Lib)] internal static partial int rs_tensor_eye(long n, int dtype, out IntPtr result);
    [LibraryImport(Lib)] internal static partial int rs_tensor_randn(long* shape, int ndim, int dtype, int requiresGrad, out IntPtr result);
    [LibraryImport(Lib)] internal static partial int rs_tensor_rand(long* shape, int ndim, int dtype, int requiresGrad, out IntPtr result);
    [LibraryImport(Lib)] internal static partial int rs_tensor_randint(long low, long high, long* shape, int ndim, out IntPtr result);
    [LibraryImport(Lib)] internal static partial int rs_tensor_randperm(long n, out IntPtr result);
    [LibraryImport(Lib)] internal static partial int rs_tensor_multinomial(TensorHandle probs, long numSamples, int replacement, out IntPtr result);

    [LibraryImport(Lib)] internal static partial int rs_tensor_to_dtype(TensorHandle t, int dtype, out IntPtr result);
    [LibraryImport(Lib)] internal static partial int rs_tensor_clone(TensorHandle t, out IntPtr result);
    [LibraryImport(Lib)] internal static partial int rs_tensor_contiguous(TensorHandle t, out IntPtr result);
    [LibraryImport(Lib)] internal static partial int rs_tensor_copy_(TensorHandle dst, TensorHandle src);
    [LibraryImport(Lib)] internal static partial int rs_tensor_fill_(TensorHandle t, double value);
    [LibraryImport(Lib)] internal static partial int rs_tensor_zero_(TensorHandle t);
    [LibraryImport(Lib)] internal static partial int rs_tensor_normal_(TensorHandle t, double mean, double std);
    [LibraryImport(Lib)] internal static partial int rs_tensor_uniform_(TensorHandle t, double from, double to);

    [LibraryImport(Lib)] internal static partial int rs_tensor_requires_grad(TensorHandle t, out int value);
    [LibraryImport(Lib)] internal static partial int rs_tensor_set_requires_grad(TensorHandle t, int value);
    [LibraryImport(Lib)] internal static partial int rs_tensor_is_leaf(TensorHandle t, out int value);
    [LibraryImport(Lib)] internal static partial int rs_tensor_grad(TensorHandle t, out IntPtr result);
    [LibraryImport(Lib)] internal static partial int rs_tensor_zero_grad(TensorHandle t, int setToNone);
    [LibraryImport(Lib)] internal static partial int rs_tensor_backward(TensorHandle t, IntPtr grad, int retainGraph);
    [LibraryImport(Lib)] internal static partial int rs_tensor_detach(TensorHandle t, out IntPtr result);
    [LibraryImport(Lib)] internal static partial int rs_tensor_retain_grad(TensorHandle t);
}
