// libtorch's native optimizers behind opaque handles (a managed optimizer would cost several native calls
// per parameter per step). One parameter group; the learning rate can be changed between steps.
#include <torch/torch.h>

#include "common.h"

namespace {
std::vector<at::Tensor> params_of(const tensor_t* ps, int32_t n) {
  std::vector<at::Tensor> v;
  for (int32_t i = 0; i < n; ++i) v.push_back(RT(ps[i]));
  return v;
}
torch::optim::Optimizer& O(void* h) {
  if (h == nullptr) throw std::invalid_argument("null optimizer handle");
  return *static_cast<torch::optim::Optimizer*>(h);
}
}  // namespace

// kind: 0 SGD, 1 Adam, 2 AdamW, 3 Adagrad.
// SGD uses a = momentum, b = dampening, flag = nesterov; Adam/AdamW use a, b = betas, eps, flag = amsgrad;
// Adagrad uses a = lr_decay, eps.
RS_API int rs_optim_create(int32_t kind, const tensor_t* ps, int32_t n, double lr, double weight_decay, double a,
                           double b, double eps, int32_t flag, void** out) {
  RS_TRY
  auto params = params_of(ps, n);
  torch::optim::Optimizer* o = nullptr;
  switch (kind) {
    case 0:
      o = new torch::optim::SGD(params, torch::optim::SGDOptions(lr).momentum(a).dampening(b).weight_decay(weight_decay).nesterov(flag != 0));
      break;
    case 1:
      o = new torch::optim::Adam(params, torch::optim::AdamOptions(lr).betas({a, b}).eps(eps).weight_decay(weight_decay).amsgrad(flag != 0));
      break;
    case 2:
      o = new torch::optim::AdamW(params, torch::optim::AdamWOptions(lr).betas({a, b}).eps(eps).weight_decay(weight_decay).amsgrad(flag != 0));
      break;
    case 3:
      o = new torch::optim::Adagrad(params, torch::optim::AdagradOptions(lr).lr_decay(a).eps(eps).weight_decay(weight_decay));
      break;
    default: throw std::invalid_argument("unknown optimizer kind " + std::to_string(kind));
  }
  *out = o;
  RS_END
}
RS_API int rs_optim_free(void* h) {
  RS_TRY delete static_cast<torch::optim::Optimizer*>(h);
  RS_END
}
RS_API int rs_optim_step(void* h) {
  RS_TRY
  torch::NoGradGuard guard;
  O(h).step();
  RS_END
}
RS_API int rs_optim_zero_grad(void* h, int32_t set_to_none) {
  RS_TRY
  for (auto& group : O(h).param_groups())
    for (auto& p : group.params()) {
      auto& g = p.mutable_grad();
      if (!g.defined()) continue;
      if (set_to_none) {
        g = at::Tensor();
      } else {
        g.detach_();
        g.zero_();
      }
    }
  RS_END
}
RS_API int rs_optim_set_lr(void* h, double lr) {
  RS_TRY
  for (auto& group : O(h).param_groups()) group.options().set_lr(lr);
  RS_END
}
RS_API int rs_optim_get_lr(void* h, double* out) {
  RS_TRY *out = O(h).param_groups().at(0).options().get_lr();
  RS_END
}

// Scales gradients so their global L2 norm is at most max_norm; writes the norm before clipping.
RS_API int rs_clip_grad_norm(const tensor_t* ps, int32_t n, double max_norm, double norm_type, double* total) {
  RS_TRY *total = torch::nn::utils::clip_grad_norm_(params_of(ps, n), max_norm, norm_type);
  RS_END
}
