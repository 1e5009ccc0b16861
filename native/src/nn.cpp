// Neural-network functional ops, losses, the GRU and sparse COO support. Modules themselves live in C#.
#include <torch/torch.h>

#include "common.h"

namespace {
at::IntArrayRef dims(const int64_t* d, int32_t n) { return at::IntArrayRef(d, static_cast<size_t>(n)); }
c10::optional<at::Tensor> opt(tensor_t t) {
  return t == nullptr ? c10::optional<at::Tensor>() : c10::optional<at::Tensor>(*t);
}
// Reduction codes shared with C#: 0 none, 1 mean, 2 sum (matches at::Reduction).
int64_t reduction(int32_t r) {
  if (r < 0 || r > 2) throw std::invalid_argument("unknown reduction code " + std::to_string(r));
  return r;
}
}  // namespace

RS_API int rs_embedding(tensor_t weight, tensor_t indices, int64_t padding_idx, tensor_t* out) {
  RS_OUT(at::embedding(RT(weight), RT(indices), padding_idx))
}
RS_API int rs_linear(tensor_t x, tensor_t w, tensor_t b, tensor_t* out) {
  RS_OUT(at::linear(RT(x), RT(w), opt(b)))
}
RS_API int rs_softmax(tensor_t x, int64_t dim, tensor_t* out) { RS_OUT(at::softmax(RT(x), dim)) }
RS_API int rs_log_softmax(tensor_t x, int64_t dim, tensor_t* out) { RS_OUT(at::log_softmax(RT(x), dim)) }
RS_API int rs_logsumexp(tensor_t x, int64_t dim, int32_t keepdim, tensor_t* out) {
  RS_OUT(at::logsumexp(RT(x), {dim}, keepdim != 0))
}
RS_API int rs_dropout(tensor_t x, double p, int32_t train, tensor_t* out) { RS_OUT(at::dropout(RT(x), p, train != 0)) }
RS_API int rs_layer_norm(tensor_t x, const int64_t* shape, int32_t n, tensor_t w, tensor_t b, double eps,
                         tensor_t* out) {
  RS_OUT(at::layer_norm(RT(x), dims(shape, n), opt(w), opt(b), eps))
}
RS_API int rs_normalize(tensor_t x, double p, int64_t dim, double eps, tensor_t* out) {
  RS_OUT(torch::nn::functional::normalize(RT(x), torch::nn::functional::NormalizeFuncOptions().p(p).dim(dim).eps(eps)))
}
RS_API int rs_cosine_similarity(tensor_t a, tensor_t b, int64_t dim, double eps, tensor_t* out) {
  RS_OUT(at::cosine_similarity(RT(a), RT(b), dim, eps))
}

// ---- losses -----------------------------------------------------------------------------------------
RS_API int rs_cross_entropy(tensor_t logits, tensor_t target, tensor_t weight, int32_t red, int64_t ignore_index,
                            double label_smoothing, tensor_t* out) {
  RS_OUT(at::cross_entropy_loss(RT(logits), RT(target), opt(weight), reduction(red), ignore_index, label_smoothing))
}
RS_API int rs_nll_loss(tensor_t logp, tensor_t target, tensor_t weight, int32_t red, int64_t ignore_index,
                       tensor_t* out) {
  RS_OUT(at::nll_loss(RT(logp), RT(target), opt(weight), reduction(red), ignore_index))
}
RS_API int rs_binary_cross_entropy(tensor_t probs, tensor_t target, tensor_t weight, int32_t red, tensor_t* out) {
  RS_OUT(at::binary_cross_entropy(RT(probs), RT(target), opt(weight), reduction(red)))
}
RS_API int rs_binary_cross_entropy_with_logits(tensor_t logits, tensor_t target, tensor_t weight, tensor_t pos_weight,
                                               int32_t red, tensor_t* out) {
  RS_OUT(at::binary_cross_entropy_with_logits(RT(logits), RT(target), opt(weight), opt(pos_weight), reduction(red)))
}
RS_API int rs_mse_loss(tensor_t a, tensor_t b, int32_t red, tensor_t* out) { RS_OUT(at::mse_loss(RT(a), RT(b), reduction(red))) }

// ---- GRU --------------------------------------------------------------------------------------------
// Flat weights as at::gru expects them: per layer [w_ih, w_hh, b_ih, b_hh] (gates r, z, n stacked).
// Writes the output sequence and the final hidden state of every layer.
RS_API int rs_gru(tensor_t input, tensor_t h0, const tensor_t* weights, int32_t nweights, int32_t has_biases,
                  int64_t num_layers, double dropout, int32_t train, int32_t batch_first, tensor_t* output,
                  tensor_t* h_n) {
  RS_TRY
  std::vector<at::Tensor> params;
  params.reserve(static_cast<size_t>(nweights));
  for (int32_t i = 0; i < nweights; ++i) params.push_back(RT(weights[i]));
  auto r = at::gru(RT(input), RT(h0), params, has_biases != 0, num_layers, dropout, train != 0, false,
                   batch_first != 0);
  *output = rs::new_handle(std::get<0>(r));
  *h_n = rs::new_handle(std::get<1>(r));
  RS_END
}

// ---- sparse COO -------------------------------------------------------------------------------------
RS_API int rs_sparse_coo(tensor_t indices, tensor_t values, const int64_t* shape, int32_t n, tensor_t* out) {
  RS_OUT(at::sparse_coo_tensor(RT(indices), RT(values), dims(shape, n)).coalesce())
}
// sparse x dense with autograd to the dense side (and to the sparse values when they require grad).
RS_API int rs_sparse_mm(tensor_t sparse, tensor_t dense, tensor_t* out) { RS_OUT(at::_sparse_mm(RT(sparse), RT(dense))) }
RS_API int rs_to_dense(tensor_t t, tensor_t* out) { RS_OUT(RT(t).to_dense()) }
RS_API int rs_is_sparse(tensor_t t, int32_t* out) {
  RS_TRY *out = RT(t).is_sparse() ? 1 : 0;
  RS_END
}
RS_API int rs_sparse_indices(tensor_t t, tensor_t* out) { RS_OUT(RT(t)._indices()) }
RS_API int rs_sparse_values(tensor_t t, tensor_t* out) { RS_OUT(RT(t)._values()) }
