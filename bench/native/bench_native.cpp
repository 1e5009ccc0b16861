// C++ reference for bench/RecSharp.Bench (EngineBench.cs, FaissBench.cs): the same workloads driven from
// libtorch and Faiss directly, so docs/RESULTS.md can show what the C# binding costs.
//
// Build (RS_BUILD_BENCH in native/CMakeLists.txt):
//   cmake -S native -B native/build/bench -DCMAKE_BUILD_TYPE=Release -DRS_BUILD_BENCH=ON
//   cmake --build native/build/bench --target rs_bench_native
// Run:  native/build/bench/rs_bench_native engine|faiss THREADS
//
// Workloads, data and timing rules must stay identical to the C# side: same seeds (libtorch's generator),
// same shapes, same iteration counts, best (minimum) of several runs reported.
#include <dlfcn.h>
#include <malloc.h>
#include <omp.h>
#include <torch/torch.h>

#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIVFFlat.h>

#include "faiss_fast.h"  // the HNSW storage the shim uses (native/src)

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <unordered_set>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double process_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Seconds per call: the best wall-clock time and the best process CPU time of `runs` runs of `iterations`
// calls, after `warmup` calls. CPU time is reported too because the bench machine is shared: other processes
// stretch wall time, while CPU time counts only what this process did (all of its threads).
struct PerCall {
  double wall = 1e300;
  double cpu = 1e300;
};

PerCall best_per_call(int warmup, int runs, int iterations, const std::function<void()>& body) {
  for (int i = 0; i < warmup; ++i) body();
  PerCall best;
  for (int r = 0; r < runs; ++r) {
    double cpu_start = process_cpu_seconds();
    auto start = Clock::now();
    for (int i = 0; i < iterations; ++i) body();
    best.wall = std::min(best.wall, seconds_since(start) / iterations);
    best.cpu = std::min(best.cpu, (process_cpu_seconds() - cpu_start) / iterations);
  }
  return best;
}

// Same malloc settings and opt-outs as native/src/malloc_tuning.cpp, which the C# side gets from the shim.
bool tune_malloc() {
  const char* opt_out = std::getenv("RECSHARP_MALLOC_TUNING");
  if (opt_out != nullptr && std::strcmp(opt_out, "0") == 0) return false;
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (tunables != nullptr && std::strstr(tunables, "glibc.malloc.") != nullptr) return false;
  if (std::getenv("MALLOC_MMAP_THRESHOLD_") != nullptr || std::getenv("MALLOC_TRIM_THRESHOLD_") != nullptr) return false;
  return mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024) == 1 && mallopt(M_TRIM_THRESHOLD, 512 * 1024 * 1024) == 1;
}

// Same settings as rs_set_num_threads: libtorch intra-op threads, OpenMP threads, OpenBLAS pool of 1.
void set_threads(int threads) {
  at::set_num_threads(threads);
  omp_set_num_threads(threads);
  using setter_t = void (*)(int);
  auto setter = reinterpret_cast<setter_t>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
  if (setter != nullptr) setter(1);
}

void print_environment(int threads, bool malloc_tuned) {
  std::set<std::string> blas;
  std::ifstream maps("/proc/self/maps");
  for (std::string line; std::getline(maps, line);) {
    auto slash = line.find('/');
    if (slash != std::string::npos && line.find("blas") != std::string::npos) blas.insert(line.substr(slash));
  }
  std::printf("# C++ (libtorch %s direct); threads=%d (at::get_num_threads=%d, omp_get_max_threads=%d)\n", TORCH_VERSION,
              threads, at::get_num_threads(), omp_get_max_threads());
  for (const auto& path : blas) std::printf("# blas: %s\n", path.c_str());
  using getter_t = int (*)();
  auto getter = reinterpret_cast<getter_t>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
  std::printf("# openblas_get_num_threads=%d; malloc tuned=%d\n", getter != nullptr ? getter() : -1, malloc_tuned ? 1 : 0);
}

// ---- engine workloads -----------------------------------------------------------------------------

void bench_engine() {
  {
    auto a = torch::ones({1});
    auto b = torch::ones({1});
    auto t = best_per_call(10000, 5, 200000, [&] { auto c = at::add(a, b, 1.0); });
    std::printf("tiny-add             %12.1f ns/op    cpu %12.1f ns/op\n", t.wall * 1e9, t.cpu * 1e9);
  }
  {
    torch::manual_seed(0);
    auto a = torch::randn({256, 64}).requires_grad_();
    auto b = torch::randn({64, 27000}).requires_grad_();
    auto t = best_per_call(3, 5, 20, [&] {
      auto loss = a.mm(b).sum();
      loss.backward();
      a.mutable_grad() = at::Tensor();
      b.mutable_grad() = at::Tensor();
    });
    std::printf("matmul-fwd-bwd       %12.3f ms/iter  cpu %12.3f ms/iter\n", t.wall * 1e3, t.cpu * 1e3);
  }
  {
    const int64_t items = 27000, dim = 64, batch = 256;
    const double lr = 0.01;
    torch::manual_seed(0);
    auto emb = torch::randn({items, dim}).mul_(0.01).requires_grad_();
    auto w = torch::randn({items, dim}).mul_(0.01).requires_grad_();
    auto bias = torch::zeros({items}).requires_grad_();
    auto batch_items = torch::randint(0, items, {batch}, torch::kLong);
    auto batch_targets = torch::randint(0, items, {batch}, torch::kLong);
    std::vector<int64_t> inputs(batch_items.data_ptr<int64_t>(), batch_items.data_ptr<int64_t>() + batch);
    std::vector<int64_t> targets(batch_targets.data_ptr<int64_t>(), batch_targets.data_ptr<int64_t>() + batch);
    std::vector<at::Tensor> params{emb, w, bias};
    auto t = best_per_call(3, 5, 20, [&] {
      // The batch crosses from host memory every step, as it does from .NET.
      auto x = torch::from_blob(inputs.data(), {batch}, torch::kLong).clone();
      auto y = torch::from_blob(targets.data(), {batch}, torch::kLong).clone();
      auto h = at::embedding(emb, x, -1);
      auto logits = at::linear(h, w, bias);
      auto loss = at::cross_entropy_loss(logits, y, {}, at::Reduction::Mean, -100, 0.0);
      loss.backward();
      torch::NoGradGuard no_grad;
      for (auto& p : params) {
        p.add_(p.grad(), -lr);
        p.mutable_grad() = at::Tensor();
      }
    });
    std::printf("embedding-train-step %12.3f ms/step  cpu %12.3f ms/step\n", t.wall * 1e3, t.cpu * 1e3);
  }
}

// ---- Faiss workloads ------------------------------------------------------------------------------

double recall_at(const std::vector<faiss::Index::idx_t>& truth, const std::vector<faiss::Index::idx_t>& found, int64_t q, int64_t k) {
  int64_t hits = 0;
  for (int64_t i = 0; i < q; ++i) {
    std::unordered_set<int64_t> expected(truth.begin() + i * k, truth.begin() + (i + 1) * k);
    for (int64_t j = 0; j < k; ++j) hits += expected.count(found[i * k + j]);
  }
  return static_cast<double>(hits) / static_cast<double>(q * k);
}

double build_cpu = 0;  // process CPU seconds of the last build, set next to each build's wall time

void report(const char* name, double build_s, double search_s, int64_t q, double recall) {
  std::printf("%-24s build %9.3f s (cpu %8.3f s)   search %8.3f ms (%.1f us/query)   recall@10 %.3f\n", name, build_s,
              build_cpu, search_s * 1e3, search_s * 1e6 / static_cast<double>(q), recall);
}

void bench_faiss() {
  const int64_t n = 20000, d = 64, q = 1000, k = 10;
  torch::manual_seed(0);
  auto base = torch::randn({n, d}).contiguous();
  auto queries = torch::randn({q, d}).contiguous();
  const float* xb = base.data_ptr<float>();
  const float* xq = queries.data_ptr<float>();
  std::vector<float> scores(q * k);
  std::vector<faiss::Index::idx_t> truth(q * k), ids(q * k);

  faiss::IndexFlat flat(d, faiss::METRIC_L2);
  double cpu0 = process_cpu_seconds();
  auto start = Clock::now();
  flat.add(n, xb);
  double build = seconds_since(start);
  build_cpu = process_cpu_seconds() - cpu0;
  double search = best_per_call(0, 3, 1, [&] { flat.search(q, xq, k, scores.data(), truth.data()); }).wall;
  report("flat-l2", build, search, q, 1.0);

  {
    faiss::IndexFlat quantizer(d, faiss::METRIC_L2);
    faiss::IndexIVFFlat ivf(&quantizer, d, 128, faiss::METRIC_L2);
    cpu0 = process_cpu_seconds();
    start = Clock::now();
    ivf.train(n, xb);
    ivf.add(n, xb);
    build = seconds_since(start);
    build_cpu = process_cpu_seconds() - cpu0;
    ivf.nprobe = 8;
    search = best_per_call(0, 3, 1, [&] { ivf.search(q, xq, k, scores.data(), ids.data()); }).wall;
    report("ivf-flat-128-nprobe8", build, search, q, recall_at(truth, ids, q, k));
  }
  // Debian's Faiss as packaged (scalar reference distances), then the shim's HNSW (vectorised distances).
  for (bool fast : {false, true}) {
    std::unique_ptr<faiss::IndexHNSWFlat> hnsw(fast ? rs::faiss_fast::new_hnsw_flat(d, 32, faiss::METRIC_L2)
                                                    : new faiss::IndexHNSWFlat(d, 32, faiss::METRIC_L2));
    hnsw->hnsw.efConstruction = 40;
    cpu0 = process_cpu_seconds();
    start = Clock::now();
    hnsw->add(n, xb);
    build = seconds_since(start);
    build_cpu = process_cpu_seconds() - cpu0;
    hnsw->hnsw.efSearch = 64;
    search = best_per_call(0, 3, 1, [&] { hnsw->search(q, xq, k, scores.data(), ids.data()); }).wall;
    report(fast ? "hnsw-flat-32-ef64" : "hnsw-flat-32-ef64-stock", build, search, q, recall_at(truth, ids, q, k));
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string what = argc > 1 ? argv[1] : "";
  int threads = argc > 2 ? std::atoi(argv[2]) : 1;
  if ((what != "engine" && what != "faiss") || threads < 1) {
    std::fprintf(stderr, "usage: rs_bench_native engine|faiss THREADS\n");
    return 1;
  }
  bool malloc_tuned = tune_malloc();
  set_threads(threads);
  print_environment(threads, malloc_tuned);
  if (what == "engine") bench_engine();
  else bench_faiss();
  return 0;
}
