// Shared plumbing of the C ABI: the export macro, the exception fence, and handle helpers.
// Rules (DESIGN.md "The native boundary"): every export returns an int status (0 = ok, -1 = error),
// writes results to out-parameters, never lets a C++ exception escape, and stores the error text in a
// thread-local slot that C# reads with rs_last_error().
#pragma once

#include <torch/torch.h>
#include <c10/util/Exception.h>

#include <atomic>
#include <cstdint>
#include <exception>
#include <string>

#define RS_API extern "C" __attribute__((visibility("default")))

namespace rs {

void set_last_error(const char* message);
void clear_last_error();

// Applies the process-wide thread setting to the calling thread if it changed since this thread last
// looked. libtorch (OpenMP) and Faiss read the calling thread's OpenMP setting, and .NET calls us from
// many threads, so the check is made on every export; it is one thread-local compare in the common case.
void ensure_thread_settings();

// Count of live tensor handles, so tests can prove a training loop leaks nothing.
extern std::atomic<int64_t> live_tensors;

inline at::Tensor* new_handle(at::Tensor&& t) {
  auto* h = new at::Tensor(std::move(t));
  live_tensors.fetch_add(1, std::memory_order_relaxed);
  return h;
}
inline at::Tensor* new_handle(const at::Tensor& t) {
  auto* h = new at::Tensor(t);
  live_tensors.fetch_add(1, std::memory_order_relaxed);
  return h;
}

}  // namespace rs

// Handles passed in are borrowed: RT(h) dereferences one, and a null handle is a clear error, not a crash.
#define RT(h) (*rs_check_handle(h, #h))
inline at::Tensor* rs_check_handle(at::Tensor* h, const char* name) {
  if (h == nullptr) throw std::invalid_argument(std::string("null tensor handle passed as '") + name + "'");
  return h;
}

#define RS_TRY                  \
  try {                         \
    rs::ensure_thread_settings();
#define RS_END                                              \
  return 0;                                                 \
  }                                                         \
  catch (const c10::Error& e) {                             \
    rs::set_last_error(e.what_without_backtrace());         \
    return -1;                                              \
  }                                                         \
  catch (const std::exception& e) {                         \
    rs::set_last_error(e.what());                           \
    return -1;                                              \
  }                                                         \
  catch (...) {                                             \
    rs::set_last_error("unknown native exception");         \
    return -1;                                              \
  }

// The common shapes of an export: one tensor result written to *out.
#define RS_OUT(expr)                 \
  RS_TRY *out = rs::new_handle(expr); \
  RS_END

typedef at::Tensor* tensor_t;
