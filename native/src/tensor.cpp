// Tensor lifetime, creation from and copy to host memory, metadata, random creation and autograd.
#include <torch/torch.h>

#include <cstring>

#include "common.h"

namespace {
at::ScalarType to_dtype(int32_t code) {
  switch (code) {
    case 0: return at::kByte;
    case 3: return at::kInt;
    case 4: return at::kLong;
    case 6: return at::kFloat;
    case 7: return at::kDouble;
    case 11: return at::kBool;
    default: throw std::invalid_argument("unsupported dtype code " + std::to_string(code));
  }
}
at::IntArrayRef dims(const int64_t* shape, int32_t ndim) {
  if (ndim < 0) throw std::invalid_argument("negative number of dimensions");
  return at::IntArrayRef(shape, static_cast<size_t>(ndim));
}
at::TensorOptions opts(int32_t dtype, int32_t requires_grad) {
  return at::TensorOptions().dtype(to_dtype(dtype)).requires_grad(requires_grad != 0);
}
}  // namespace

RS_API int rs_tensor_free(tensor_t t) {
  RS_TRY
  if (t != nullptr) {
    delete t;
    rs::live_tensors.fetch_sub(1, std::memory_order_relaxed);
  }
  RS_END
}

// ---- creation from host memory (one copy) and copy back -------------------------------------------
RS_API int rs_tensor_from_data(const void* data, const int64_t* shape, int32_t ndim, int32_t dtype,
                               int32_t requires_grad, tensor_t* out) {
  RS_TRY
  auto o = at::TensorOptions().dtype(to_dtype(dtype));
  at::Tensor t = at::empty(dims(shape, ndim), o);
  if (t.numel() > 0) std::memcpy(t.data_ptr(), data, t.numel() * t.element_size());
  if (requires_grad) t.requires_grad_(true);
  *out = rs::new_handle(std::move(t));
  RS_END
}

RS_API int rs_tensor_copy_to(tensor_t t, void* dst, int64_t nbytes) {
  RS_TRY
  at::Tensor src = RT(t).detach();
  if (!src.is_contiguous()) src = src.contiguous();
  int64_t need = src.numel() * static_cast<int64_t>(src.element_size());
  if (need != nbytes)
    throw std::invalid_argument("destination holds " + std::to_string(nbytes) + " bytes but the tensor has " +
                                std::to_string(need));
  if (need > 0) std::memcpy(dst, src.data_ptr(), need);
  RS_END
}

// ---- metadata ---------------------------------------------------------------------------------------
RS_API int rs_tensor_ndim(tensor_t t, int32_t* out) {
  RS_TRY *out = static_cast<int32_t>(RT(t).dim());
  RS_END
}
RS_API int rs_tensor_shape(tensor_t t, int64_t* out, int32_t capacity) {
  RS_TRY
  auto s = RT(t).sizes();
  if (static_cast<int32_t>(s.size()) > capacity) throw std::invalid_argument("shape buffer too small");
  for (size_t i = 0; i < s.size(); ++i) out[i] = s[i];
  RS_END
}
RS_API int rs_tensor_dtype(tensor_t t, int32_t* out) {
  RS_TRY *out = static_cast<int32_t>(RT(t).scalar_type());
  RS_END
}
RS_API int rs_tensor_numel(tensor_t t, int64_t* out) {
  RS_TRY *out = RT(t).numel();
  RS_END
}
RS_API int rs_tensor_item_double(tensor_t t, double* out) {
  RS_TRY *out = RT(t).item<double>();
  RS_END
}
RS_API int rs_tensor_item_long(tensor_t t, int64_t* out) {
  RS_TRY *out = RT(t).item<int64_t>();
  RS_END
}
RS_API int rs_tensor_to_string(tensor_t t, char* buf, int32_t capacity) {
  RS_TRY
  std::ostringstream ss;
  ss << RT(t);
  std::string s = ss.str();
  std::snprintf(buf, static_cast<size_t>(capacity), "%s", s.c_str());
  RS_END
}

// ---- creation ---------------------------------------------------------------------------------------
RS_API int rs_tensor_zeros(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t rg, tensor_t* out) {
  RS_OUT(torch::zeros(dims(shape, ndim), opts(dtype, rg)))
}
RS_API int rs_tensor_ones(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t rg, tensor_t* out) {
  RS_OUT(torch::ones(dims(shape, ndim), opts(dtype, rg)))
}
RS_API int rs_tensor_full(const int64_t* shape, int32_t ndim, double value, int32_t dtype, int32_t rg, tensor_t* out) {
  RS_OUT(torch::full(dims(shape, ndim), value, opts(dtype, rg)))
}
RS_API int rs_tensor_empty(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t rg, tensor_t* out) {
  RS_OUT(torch::empty(dims(shape, ndim), opts(dtype, rg)))
}
RS_API int rs_tensor_arange(double start, double end, double step, int32_t dtype, tensor_t* out) {
  RS_OUT(torch::arange(start, end, step, opts(dtype, 0)))
}
// A tensor shaped like t filled with value; dtype -1 keeps t's dtype.
RS_API int rs_tensor_full_like(tensor_t t, double value, int32_t dtype, int32_t rg, tensor_t* out) {
  RS_OUT(torch::full_like(RT(t), value,
                          at::TensorOptions()
                              .dtype(dtype < 0 ? RT(t).scalar_type() : to_dtype(dtype))
                              .requires_grad(rg != 0)))
}
RS_API int rs_tensor_eye(int64_t n, int32_t dtype, tensor_t* out) { RS_OUT(torch::eye(n, opts(dtype, 0))) }
RS_API int rs_tensor_randn(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t rg, tensor_t* out) {
  RS_OUT(torch::randn(dims(shape, ndim), opts(dtype, rg)))
}
RS_API int rs_tensor_rand(const int64_t* shape, int32_t ndim, int32_t dtype, int32_t rg, tensor_t* out) {
  RS_OUT(torch::rand(dims(shape, ndim), opts(dtype, rg)))
}
RS_API int rs_tensor_randint(int64_t low, int64_t high, const int64_t* shape, int32_t ndim, tensor_t* out) {
  RS_OUT(torch::randint(low, high, dims(shape, ndim), at::TensorOptions().dtype(at::kLong)))
}
RS_API int rs_tensor_randperm(int64_t n, tensor_t* out) {
  RS_OUT(torch::randperm(n, at::TensorOptions().dtype(at::kLong)))
}
RS_API int rs_tensor_multinomial(tensor_t probs, int64_t num_samples, int32_t replacement, tensor_t* out) {
  RS_OUT(at::multinomial(RT(probs), num_samples, replacement != 0))
}

// ---- conversion and copies --------------------------------------------------------------------------
RS_API int rs_tensor_to_dtype(tensor_t t, int32_t dtype, tensor_t* out) { RS_OUT(RT(t).to(to_dtype(dtype))) }
RS_API int rs_tensor_clone(tensor_t t, tensor_t* out) { RS_OUT(RT(t).clone()) }
RS_API int rs_tensor_contiguous(tensor_t t, tensor_t* out) { RS_OUT(RT(t).contiguous()) }
RS_API int rs_tensor_copy_(tensor_t dst, tensor_t src) {
  RS_TRY RT(dst).copy_(RT(src));
  RS_END
}
RS_API int rs_tensor_fill_(tensor_t t, double value) {
  RS_TRY RT(t).fill_(value);
  RS_END
}
RS_API int rs_tensor_zero_(tensor_t t) {
  RS_TRY RT(t).zero_();
  RS_END
}
RS_API int rs_tensor_normal_(tensor_t t, double mean, double std) {
  RS_TRY RT(t).normal_(mean, std);
  RS_END
}
RS_API int rs_tensor_uniform_(tensor_t t, double from, double to) {
  RS_TRY RT(t).uniform_(from, to);
  RS_END
}

// ---- autograd ---------------------------------------------------------------------------------------
RS_API int rs_tensor_requires_grad(tensor_t t, int32_t* out) {
  RS_TRY *out = RT(t).requires_grad() ? 1 : 0;
  RS_END
}
RS_API int rs_tensor_set_requires_grad(tensor_t t, int32_t value) {
  RS_TRY RT(t).requires_grad_(value != 0);
  RS_END
}
RS_API int rs_tensor_is_leaf(tensor_t t, int32_t* out) {
  RS_TRY *out = RT(t).is_leaf() ? 1 : 0;
  RS_END
}
// Writes a new handle to the gradient, or null when the tensor has none yet.
RS_API int rs_tensor_grad(tensor_t t, tensor_t* out) {
  RS_TRY
  const at::Tensor& g = RT(t).grad();
  *out = g.defined() ? rs::new_handle(g) : nullptr;
  RS_END
}
// Sets the gradient to undefined (set_to_none semantics) or zeros it in place.
RS_API int rs_tensor_zero_grad(tensor_t t, int32_t set_to_none) {
  RS_TRY
  at::Tensor& g = RT(t).mutable_grad();
  if (g.defined()) {
    if (set_to_none) {
      g = at::Tensor();
    } else {
      g.detach_();
      g.zero_();
    }
  }
  RS_END
}
RS_API int rs_tensor_backward(tensor_t t, tensor_t grad, int32_t retain_graph) {
  RS_TRY
  if (grad != nullptr)
    RT(t).backward(*grad, retain_graph != 0);
  else
    RT(t).backward({}, retain_graph != 0);
  RS_END
}
RS_API int rs_tensor_detach(tensor_t t, tensor_t* out) { RS_OUT(RT(t).detach()) }
RS_API int rs_tensor_retain_grad(tensor_t t) {
  RS_TRY RT(t).retain_grad();
  RS_END
}
