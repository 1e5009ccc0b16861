// glibc malloc settings for tensor-sized blocks, applied once when the shim is loaded.
//
// Why: libtorch allocates every tensor with posix_memalign. With glibc's defaults a block above the dynamic
// mmap threshold (128 KiB at start) is mmap'ed and unmapped on free, and a large free chunk at the top of the
// heap is returned to the kernel; so a training step that allocates and frees the same few MB-sized tensors
// touches fresh pages every time. Measured here (bench/, docs/RESULTS.md "Engine: binding overhead"): a
// 256x64 @ 64x27000 forward+backward spent ~3x more CPU time (page faults and zeroing fresh pages) than with
// blocks up to 32 MiB kept in the heap. PyTorch users get the same effect from jemalloc/tcmalloc via LD_PRELOAD.
//
// Skipped when the user chose malloc settings (GLIBC_TUNABLES with glibc.malloc.*, MALLOC_MMAP_THRESHOLD_,
// MALLOC_TRIM_THRESHOLD_) or sets RECSHARP_MALLOC_TUNING=0. mallopt is glibc's; under a preloaded allocator it
// only adjusts the unused glibc heap.
#include <malloc.h>

#include <cstdlib>
#include <cstring>

namespace {

bool user_chose_malloc_settings() {
  const char* opt_out = std::getenv("RECSHARP_MALLOC_TUNING");
  if (opt_out != nullptr && std::strcmp(opt_out, "0") == 0) return true;
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (tunables != nullptr && std::strstr(tunables, "glibc.malloc.") != nullptr) return true;
  return std::getenv("MALLOC_MMAP_THRESHOLD_") != nullptr || std::getenv("MALLOC_TRIM_THRESHOLD_") != nullptr;
}

// Blocks up to 32 MiB (glibc's ceiling for this setting) come from the heap and are reused; up to 512 MiB of
// free memory at the top of the heap is kept rather than returned after every step.
const bool malloc_tuned = [] {
  if (user_chose_malloc_settings()) return false;
  return mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024) == 1 && mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024) == 1;
}();

}  // namespace

// 1 when the settings above were applied (the benchmarks print it).
extern "C" __attribute__((visibility("default"))) int rs_malloc_tuned() { return malloc_tuned ? 1 : 0; }
