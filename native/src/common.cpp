// Error slot, thread settings and global controls (seed, grad mode, live-handle count).
#include "common.h"

#include <dlfcn.h>
#include <omp.h>
#include <torch/torch.h>

namespace rs {

namespace {
thread_local std::string last_error;
std::atomic<int> wanted_threads{0};       // 0 = not set: keep libraries' defaults
std::atomic<int> settings_generation{0};  // bumped on every change
thread_local int seen_generation = 0;

void apply_blas_threads(int n) {
  // OpenBLAS's pthread build ignores OpenMP and multiplies with it; its own setter is optional.
  using setter_t = void (*)(int);
  static setter_t setter = reinterpret_cast<setter_t>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
  if (setter != nullptr) setter(n);
}
}  // namespace

std::atomic<int64_t> live_tensors{0};

void set_last_error(const char* message) { last_error = message == nullptr ? "" : message; }
void clear_last_error() { last_error.clear(); }

void ensure_thread_settings() {
  int gen = settings_generation.load(std::memory_order_acquire);
  if (gen == seen_generation) return;
  seen_generation = gen;
  int n = wanted_threads.load(std::memory_order_relaxed);
  if (n > 0) {
    at::set_num_threads(n);
    omp_set_num_threads(n);
  }
}

}  // namespace rs

RS_API const char* rs_last_error() { return rs::last_error.c_str(); }

RS_API int rs_set_num_threads(int32_t threads, int32_t blas_threads) {
  RS_TRY
  if (threads < 1) throw std::invalid_argument("thread count must be at least 1, got " + std::to_string(threads));
  rs::wanted_threads.store(threads);
  rs::settings_generation.fetch_add(1, std::memory_order_release);
  rs::ensure_thread_settings();
  rs::apply_blas_threads(blas_threads < 1 ? 1 : blas_threads);
  RS_END
}

RS_API int rs_get_num_threads(int32_t* out) {
  RS_TRY *out = at::get_num_threads();
  RS_END
}

RS_API int rs_has_openblas(int32_t* out) {
  RS_TRY *out = dlsym(RTLD_DEFAULT, "openblas_set_num_threads") != nullptr ? 1 : 0;
  RS_END
}

RS_API int rs_manual_seed(int64_t seed) {
  RS_TRY torch::manual_seed(static_cast<uint64_t>(seed));
  RS_END
}

RS_API int rs_set_grad_enabled(int32_t enabled) {
  RS_TRY c10::GradMode::set_enabled(enabled != 0);
  RS_END
}

RS_API int rs_is_grad_enabled(int32_t* out) {
  RS_TRY *out = c10::GradMode::is_enabled() ? 1 : 0;
  RS_END
}

RS_API int64_t rs_live_tensor_count() { return rs::live_tensors.load(); }

RS_API const char* rs_version() {
  static std::string v = std::string("recsharp_native 0.1; libtorch ") + TORCH_VERSION;
  return v.c_str();
}

// Deliberately throws a C++ exception inside the fence, so tests can prove it never escapes.
RS_API int rs_debug_throw(int32_t kind) {
  RS_TRY
  if (kind == 0) TORCH_CHECK(false, "debug c10::Error");
  if (kind == 1) throw std::runtime_error("debug std::exception");
  throw 42;
  RS_END
}
