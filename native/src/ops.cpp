// Tensor operations: one export per libtorch op. Arguments that PyTorch makes optional are passed as
// flags (has_min, has_max) or null handles; dims arrive as (pointer, count).
#include <torch/torch.h>
#include <cmath>

#include "common.h"

namespace {
at::IntArrayRef dims(const int64_t* d, int32_t n) { return at::IntArrayRef(d, static_cast<size_t>(n)); }
std::vector<at::Tensor> tensor_list(const tensor_t* ts, int32_t n) {
  std::vector<at::Tensor> v;
  v.reserve(static_cast<size_t>(n));
  for (int32_t i = 0; i < n; ++i) v.push_back(RT(ts[i]));
  return v;
}
}  // namespace

// ---- elementwise binary -----------------------------------------------------------------------------
// A whole-number alpha crosses as an integer Scalar: libtorch rejects a floating alpha for integer tensors
// ("For integral input tensors, argument alpha must not be a floating point number").
static c10::Scalar alpha_scalar(double alpha) {
    if (std::floor(alpha) == alpha && std::abs(alpha) < 9.0e18) return c10::Scalar(static_cast<int64_t>(alpha));
    return c10::Scalar(alpha);
}
RS_API int rs_add(tensor_t a, tensor_t b, double alpha, tensor_t* out) { RS_OUT(at::add(RT(a), RT(b), alpha_scalar(alpha))) }
RS_API int rs_sub(tensor_t a, tensor_t b, double alpha, tensor_t* out) { RS_OUT(at::sub(RT(a), RT(b), alpha_scalar(alpha))) }
RS_API int rs_mul(tensor_t a, tensor_t b, tensor_t* out) { RS_OUT(at::mul(RT(a), RT(b))) }
RS_API int rs_div(tensor_t a, tensor_t b, tensor_t* out) { RS_OUT(at::div(RT(a), RT(b))) }
RS_API int rs_pow(tensor_t a, tensor_t b, tensor_t* out) { RS_OUT(at::pow(RT(a), RT(b))) }
RS_API int rs_add_scalar(tensor_t a, double s, tensor_t* out) { RS_OUT(at::add(RT(a), s)) }
RS_API int rs_mul_scalar(tensor_t a, double s, tensor_t* out) { RS_OUT(at::mul(RT(a), s)) }
RS_API int rs_div_scalar(tensor_t a, double s, tensor_t* out) { RS_OUT(at::div(RT(a), s)) }
RS_API int rs_rsub_scalar(tensor_t a, double s, tensor_t* out) { RS_OUT(at::rsub(RT(a), s)) }
RS_API int rs_pow_scalar(tensor_t a, double e, tensor_t* out) { RS_OUT(at::pow(RT(a), e)) }
// Integer scalars: an int64 tensor plus an integer stays int64 (as in PyTorch with a Python int); the double
// versions above promote integer tensors to float, like PyTorch with a Python float.
RS_API int rs_add_scalar_int(tensor_t a, int64_t s, tensor_t* out) { RS_OUT(at::add(RT(a), s)) }
RS_API int rs_mul_scalar_int(tensor_t a, int64_t s, tensor_t* out) { RS_OUT(at::mul(RT(a), s)) }
RS_API int rs_rsub_scalar_int(tensor_t a, int64_t s, tensor_t* out) { RS_OUT(at::rsub(RT(a), s)) }
RS_API int rs_pow_scalar_int(tensor_t a, int64_t e, tensor_t* out) { RS_OUT(at::pow(RT(a), e)) }
RS_API int rs_remainder_scalar_int(tensor_t a, int64_t s, tensor_t* out) { RS_OUT(at::remainder(RT(a), s)) }
RS_API int rs_floor_divide_scalar_int(tensor_t a, int64_t s, tensor_t* out) { RS_OUT(at::floor_divide(RT(a), s)) }
RS_API int rs_maximum(tensor_t a, tensor_t b, tensor_t* out) { RS_OUT(at::maximum(RT(a), RT(b))) }
RS_API int rs_minimum(tensor_t a, tensor_t b, tensor_t* out) { RS_OUT(at::minimum(RT(a), RT(b))) }

// ---- elementwise unary ------------------------------------------------------------------------------
RS_API int rs_neg(tensor_t a, tensor_t* out) { RS_OUT(at::neg(RT(a))) }
RS_API int rs_exp(tensor_t a, tensor_t* out) { RS_OUT(at::exp(RT(a))) }
RS_API int rs_log(tensor_t a, tensor_t* out) { RS_OUT(at::log(RT(a))) }
RS_API int rs_sqrt(tensor_t a, tensor_t* out) { RS_OUT(at::sqrt(RT(a))) }
RS_API int rs_abs(tensor_t a, tensor_t* out) { RS_OUT(at::abs(RT(a))) }
RS_API int rs_sigmoid(tensor_t a, tensor_t* out) { RS_OUT(at::sigmoid(RT(a))) }
RS_API int rs_tanh(tensor_t a, tensor_t* out) { RS_OUT(at::tanh(RT(a))) }
RS_API int rs_relu(tensor_t a, tensor_t* out) { RS_OUT(at::relu(RT(a))) }
RS_API int rs_leaky_relu(tensor_t a, double slope, tensor_t* out) { RS_OUT(at::leaky_relu(RT(a), slope)) }
RS_API int rs_log_sigmoid(tensor_t a, tensor_t* out) { RS_OUT(at::log_sigmoid(RT(a))) }
RS_API int rs_softplus(tensor_t a, tensor_t* out) { RS_OUT(at::softplus(RT(a))) }
RS_API int rs_square(tensor_t a, tensor_t* out) { RS_OUT(at::square(RT(a))) }
RS_API int rs_log1p(tensor_t a, tensor_t* out) { RS_OUT(at::log1p(RT(a))) }
RS_API int rs_reciprocal(tensor_t a, tensor_t* out) { RS_OUT(at::reciprocal(RT(a))) }
RS_API int rs_sin(tensor_t a, tensor_t* out) { RS_OUT(at::sin(RT(a))) }
RS_API int rs_cos(tensor_t a, tensor_t* out) { RS_OUT(at::cos(RT(a))) }
// approximate: 0 exact (erf), 1 tanh approximation (BERT's original GELU).
RS_API int rs_gelu(tensor_t a, int32_t approximate, tensor_t* out) { RS_OUT(at::gelu(RT(a), approximate ? "tanh" : "none")) }
RS_API int rs_isnan(tensor_t a, tensor_t* out) { RS_OUT(at::isnan(RT(a))) }
RS_API int rs_isfinite(tensor_t a, tensor_t* out) { RS_OUT(at::isfinite(RT(a))) }
RS_API int rs_triu(tensor_t a, int64_t diagonal, tensor_t* out) { RS_OUT(at::triu(RT(a), diagonal)) }
RS_API int rs_tril(tensor_t a, int64_t diagonal, tensor_t* out) { RS_OUT(at::tril(RT(a), diagonal)) }
RS_API int rs_clamp(tensor_t a, int32_t has_min, double min, int32_t has_max, double max, tensor_t* out) {
  RS_OUT(at::clamp(RT(a), has_min ? c10::optional<at::Scalar>(min) : c10::nullopt,
                   has_max ? c10::optional<at::Scalar>(max) : c10::nullopt))
}
RS_API int rs_clamp_int(tensor_t a, int32_t has_min, int64_t min, int32_t has_max, int64_t max, tensor_t* out) {
  RS_OUT(at::clamp(RT(a), has_min ? c10::optional<at::Scalar>(min) : c10::nullopt,
                   has_max ? c10::optional<at::Scalar>(max) : c10::nullopt))
}
RS_API int rs_logical_not(tensor_t a, tensor_t* out) { RS_OUT(at::logical_not(RT(a))) }
RS_API int rs_logical_and(tensor_t a, tensor_t b, tensor_t* out) { RS_OUT(at::logical_and(RT(a), RT(b))) }
RS_API int rs_logical_or(tensor_t a, tensor_t b, tensor_t* out) { RS_OUT(at::logical_or(RT(a), RT(b))) }

// ---- comparisons (op: 0 eq, 1 ne, 2 lt, 3 le, 4 gt, 5 ge) ------------------------------------------
namespace {
template <typename B>
at::Tensor compare(const at::Tensor& a, const B& b, int32_t op) {
  switch (op) {
    case 0: return at::eq(a, b);
    case 1: return at::ne(a, b);
    case 2: return at::lt(a, b);
    case 3: return at::le(a, b);
    case 4: return at::gt(a, b);
    case 5: return at::ge(a, b);
    default: throw std::invalid_argument("unknown comparison code " + std::to_string(op));
  }
}
}  // namespace
RS_API int rs_compare(tensor_t a, tensor_t b, int32_t op, tensor_t* out) { RS_OUT(compare(RT(a), RT(b), op)) }
RS_API int rs_compare_scalar(tensor_t a, double b, int32_t op, tensor_t* out) {
  RS_OUT(compare(RT(a), at::Scalar(b), op))
}

// ---- in-place arithmetic (optimizer-free updates, masks, EMA targets) -------------------------------
RS_API int rs_add_(tensor_t a, tensor_t b, double alpha) {
  RS_TRY RT(a).add_(RT(b), alpha);
  RS_END
}
RS_API int rs_mul_scalar_(tensor_t a, double s) {
  RS_TRY RT(a).mul_(s);
  RS_END
}
RS_API int rs_clamp_(tensor_t a, int32_t has_min, double min, int32_t has_max, double max) {
  RS_TRY RT(a).clamp_(has_min ? c10::optional<at::Scalar>(min) : c10::nullopt,
                     has_max ? c10::optional<at::Scalar>(max) : c10::nullopt);
  RS_END
}

// ---- matrix products --------------------------------------------------------------------------------
RS_API int rs_mm(tensor_t a, tensor_t b, tensor_t* out) { RS_OUT(at::mm(RT(a), RT(b))) }
RS_API int rs_matmul(tensor_t a, tensor_t b, tensor_t* out) { RS_OUT(at::matmul(RT(a), RT(b))) }
RS_API int rs_bmm(tensor_t a, tensor_t b, tensor_t* out) { RS_OUT(at::bmm(RT(a), RT(b))) }
// beta * self + alpha * (b1 @ b2), batched.
RS_API int rs_baddbmm(tensor_t self, tensor_t b1, tensor_t b2, double beta, double alpha, tensor_t* out) {
  RS_OUT(at::baddbmm(RT(self), RT(b1), RT(b2), beta, alpha))
}

// ---- reductions -------------------------------------------------------------------------------------
RS_API int rs_sum_all(tensor_t a, tensor_t* out) { RS_OUT(at::sum(RT(a))) }
RS_API int rs_sum(tensor_t a, const int64_t* d, int32_t nd, int32_t keepdim, tensor_t* out) {
  RS_OUT(at::sum(RT(a), dims(d, nd), keepdim != 0))
}
RS_API int rs_mean_all(tensor_t a, tensor_t* out) { RS_OUT(at::mean(RT(a))) }
RS_API int rs_mean(tensor_t a, const int64_t* d, int32_t nd, int32_t keepdim, tensor_t* out) {
  RS_OUT(at::mean(RT(a), dims(d, nd), keepdim != 0))
}
// Variance / standard deviation over dims (all dims when nd == 0) with Bessel's correction when unbiased.
RS_API int rs_var(tensor_t a, const int64_t* d, int32_t nd, int32_t unbiased, int32_t keepdim, tensor_t* out) {
  RS_OUT(nd == 0 ? at::var(RT(a), unbiased != 0) : at::var(RT(a), dims(d, nd), unbiased != 0, keepdim != 0))
}
RS_API int rs_std(tensor_t a, const int64_t* d, int32_t nd, int32_t unbiased, int32_t keepdim, tensor_t* out) {
  RS_OUT(nd == 0 ? at::std(RT(a), unbiased != 0) : at::std(RT(a), dims(d, nd), unbiased != 0, keepdim != 0))
}
RS_API int rs_max_all(tensor_t a, tensor_t* out) { RS_OUT(at::max(RT(a))) }
RS_API int rs_min_all(tensor_t a, tensor_t* out) { RS_OUT(at::min(RT(a))) }
RS_API int rs_max_dim(tensor_t a, int64_t dim, int32_t keepdim, tensor_t* values, tensor_t* indices) {
  RS_TRY
  auto r = at::max(RT(a), dim, keepdim != 0);
  *values = rs::new_handle(std::get<0>(r));
  *indices = rs::new_handle(std::get<1>(r));
  RS_END
}
RS_API int rs_min_dim(tensor_t a, int64_t dim, int32_t keepdim, tensor_t* values, tensor_t* indices) {
  RS_TRY
  auto r = at::min(RT(a), dim, keepdim != 0);
  *values = rs::new_handle(std::get<0>(r));
  *indices = rs::new_handle(std::get<1>(r));
  RS_END
}
RS_API int rs_argmax(tensor_t a, int64_t dim, int32_t keepdim, tensor_t* out) {
  RS_OUT(at::argmax(RT(a), dim, keepdim != 0))
}
RS_API int rs_argmax_all(tensor_t a, tensor_t* out) { RS_OUT(at::argmax(RT(a))) }
RS_API int rs_argmin(tensor_t a, int64_t dim, int32_t keepdim, tensor_t* out) {
  RS_OUT(at::argmin(RT(a), dim, keepdim != 0))
}
RS_API int rs_argmin_all(tensor_t a, tensor_t* out) { RS_OUT(at::argmin(RT(a))) }
RS_API int rs_any_all(tensor_t a, tensor_t* out) { RS_OUT(at::any(RT(a))) }
RS_API int rs_all_all(tensor_t a, tensor_t* out) { RS_OUT(at::all(RT(a))) }
RS_API int rs_topk(tensor_t a, int64_t k, int64_t dim, int32_t largest, int32_t sorted, tensor_t* values,
                   tensor_t* indices) {
  RS_TRY
  auto r = at::topk(RT(a), k, dim, largest != 0, sorted != 0);
  *values = rs::new_handle(std::get<0>(r));
  *indices = rs::new_handle(std::get<1>(r));
  RS_END
}
RS_API int rs_sort(tensor_t a, int64_t dim, int32_t descending, int32_t stable, tensor_t* values, tensor_t* indices) {
  RS_TRY
  auto r = at::sort(RT(a), stable != 0, dim, descending != 0);
  *values = rs::new_handle(std::get<0>(r));
  *indices = rs::new_handle(std::get<1>(r));
  RS_END
}
RS_API int rs_norm(tensor_t a, double p, const int64_t* d, int32_t nd, int32_t keepdim, tensor_t* out) {
  RS_OUT(nd == 0 ? at::norm(RT(a), p) : at::norm(RT(a), p, dims(d, nd), keepdim != 0))
}
RS_API int rs_cumsum(tensor_t a, int64_t dim, tensor_t* out) { RS_OUT(at::cumsum(RT(a), dim)) }

// ---- shape ------------------------------------------------------------------------------------------
RS_API int rs_reshape(tensor_t a, const int64_t* s, int32_t n, tensor_t* out) { RS_OUT(at::reshape(RT(a), dims(s, n))) }
RS_API int rs_view(tensor_t a, const int64_t* s, int32_t n, tensor_t* out) { RS_OUT(RT(a).view(dims(s, n))) }
RS_API int rs_transpose(tensor_t a, int64_t d0, int64_t d1, tensor_t* out) { RS_OUT(at::transpose(RT(a), d0, d1)) }
RS_API int rs_permute(tensor_t a, const int64_t* p, int32_t n, tensor_t* out) { RS_OUT(RT(a).permute(dims(p, n))) }
RS_API int rs_unsqueeze(tensor_t a, int64_t dim, tensor_t* out) { RS_OUT(at::unsqueeze(RT(a), dim)) }
RS_API int rs_squeeze(tensor_t a, int64_t dim, tensor_t* out) { RS_OUT(at::squeeze(RT(a), dim)) }
RS_API int rs_squeeze_all(tensor_t a, tensor_t* out) { RS_OUT(at::squeeze(RT(a))) }
RS_API int rs_flatten(tensor_t a, int64_t start, int64_t end, tensor_t* out) { RS_OUT(at::flatten(RT(a), start, end)) }
RS_API int rs_expand(tensor_t a, const int64_t* s, int32_t n, tensor_t* out) { RS_OUT(RT(a).expand(dims(s, n))) }
RS_API int rs_repeat(tensor_t a, const int64_t* s, int32_t n, tensor_t* out) { RS_OUT(RT(a).repeat(dims(s, n))) }
RS_API int rs_cat(const tensor_t* ts, int32_t n, int64_t dim, tensor_t* out) { RS_OUT(at::cat(tensor_list(ts, n), dim)) }
RS_API int rs_stack(const tensor_t* ts, int32_t n, int64_t dim, tensor_t* out) {
  RS_OUT(at::stack(tensor_list(ts, n), dim))
}
RS_API int rs_repeat_interleave(tensor_t a, int64_t repeats, int64_t dim, tensor_t* out) {
  RS_OUT(at::repeat_interleave(RT(a), repeats, dim))
}
RS_API int rs_repeat_interleave_tensor(tensor_t a, tensor_t repeats, int64_t dim, tensor_t* out) {
  RS_OUT(at::repeat_interleave(RT(a), RT(repeats), dim))
}

// ---- indexing ---------------------------------------------------------------------------------------
RS_API int rs_select(tensor_t a, int64_t dim, int64_t index, tensor_t* out) { RS_OUT(RT(a).select(dim, index)) }
RS_API int rs_slice(tensor_t a, int64_t dim, int64_t start, int64_t end, int64_t step, tensor_t* out) {
  RS_OUT(RT(a).slice(dim, start, end, step))
}
RS_API int rs_narrow(tensor_t a, int64_t dim, int64_t start, int64_t length, tensor_t* out) {
  RS_OUT(RT(a).narrow(dim, start, length))
}
RS_API int rs_index_select(tensor_t a, int64_t dim, tensor_t index, tensor_t* out) {
  RS_OUT(at::index_select(RT(a), dim, RT(index)))
}
RS_API int rs_gather(tensor_t a, int64_t dim, tensor_t index, tensor_t* out) { RS_OUT(at::gather(RT(a), dim, RT(index))) }
RS_API int rs_scatter_add(tensor_t a, int64_t dim, tensor_t index, tensor_t src, tensor_t* out) {
  RS_OUT(at::scatter_add(RT(a), dim, RT(index), RT(src)))
}
RS_API int rs_index_copy(tensor_t a, int64_t dim, tensor_t index, tensor_t src, tensor_t* out) {
  RS_OUT(at::index_copy(RT(a), dim, RT(index), RT(src)))
}
RS_API int rs_index_add(tensor_t a, int64_t dim, tensor_t index, tensor_t src, double alpha, tensor_t* out) {
  RS_OUT(at::index_add(RT(a), dim, RT(index), RT(src), alpha))
}
RS_API int rs_masked_fill(tensor_t a, tensor_t mask, double value, tensor_t* out) {
  RS_OUT(at::masked_fill(RT(a), RT(mask), value))
}
RS_API int rs_masked_fill_(tensor_t a, tensor_t mask, double value) {
  RS_TRY RT(a).masked_fill_(RT(mask), value);
  RS_END
}
RS_API int rs_where(tensor_t cond, tensor_t a, tensor_t b, tensor_t* out) { RS_OUT(at::where(RT(cond), RT(a), RT(b))) }
RS_API int rs_index_put_(tensor_t a, tensor_t index, tensor_t values, int32_t accumulate) {
  RS_TRY RT(a).index_put_({RT(index)}, RT(values), accumulate != 0);
  RS_END
}
RS_API int rs_masked_select(tensor_t a, tensor_t mask, tensor_t* out) { RS_OUT(at::masked_select(RT(a), RT(mask))) }
RS_API int rs_nonzero(tensor_t a, tensor_t* out) { RS_OUT(at::nonzero(RT(a))) }
RS_API int rs_bincount(tensor_t a, int64_t minlength, tensor_t* out) { RS_OUT(at::bincount(RT(a), {}, minlength)) }
