// Why this file exists: Debian builds libfaiss for baseline x86-64 (SSE2, no SSE3), where Faiss 1.7.3 falls
// back to fvec_L2sqr_ref / fvec_inner_product_ref, scalar loops with one serial accumulator. HNSW computes one
// distance at a time through them, so building an HNSW index over 20,000 64-d vectors took tens of seconds
// (perf: ~77% of the time in fvec_L2sqr_ref). Flat search is unaffected (it goes through BLAS).
//
// Fix without rebuilding Faiss: HNSW gets its distances from its storage index's get_distance_computer(), so the
// HNSW indexes we create use a storage that subclasses faiss::IndexFlat and hands out a distance computer built
// on the kernels below (several independent accumulators; an AVX2+FMA clone picked at load time where the CPU
// has it). The storage is still an IndexFlat, so write_index/read_index and Python's faiss read the files
// unchanged; after reading, use_fast_storage() moves the vectors into the fast storage.
#include "faiss_fast.h"

#include <faiss/IndexFlat.h>
#include <faiss/impl/DistanceComputer.h>

#include <cstring>

namespace rs::faiss_fast {

namespace {

typedef float v8 __attribute__((vector_size(32)));

// An unaligned 8-float load (a macro: a function returning v8 would trip GCC's AVX ABI warning in the default clone).
#define RS_LOAD8(dst, p) std::memcpy(&(dst), (p), sizeof(v8))

inline float horizontal_sum(const float* lanes) {
  float r = 0;
  for (int j = 0; j < 8; ++j) r += lanes[j];
  return r;
}

}  // namespace

__attribute__((target_clones("arch=haswell", "default")))
float l2sqr(const float* x, const float* y, size_t d) {
  v8 acc0 = {}, acc1 = {};
  size_t i = 0;
  for (; i + 16 <= d; i += 16) {
    v8 a0, b0, a1, b1;
    RS_LOAD8(a0, x + i);
    RS_LOAD8(b0, y + i);
    RS_LOAD8(a1, x + i + 8);
    RS_LOAD8(b1, y + i + 8);
    v8 t0 = a0 - b0, t1 = a1 - b1;
    acc0 += t0 * t0;
    acc1 += t1 * t1;
  }
  for (; i + 8 <= d; i += 8) {
    v8 a, b;
    RS_LOAD8(a, x + i);
    RS_LOAD8(b, y + i);
    v8 t = a - b;
    acc0 += t * t;
  }
  v8 sum = acc0 + acc1;
  float lanes[8];
  std::memcpy(lanes, &sum, sizeof lanes);
  float r = horizontal_sum(lanes);
  for (; i < d; ++i) {
    float t = x[i] - y[i];
    r += t * t;
  }
  return r;
}

__attribute__((target_clones("arch=haswell", "default")))
float inner_product(const float* x, const float* y, size_t d) {
  v8 acc0 = {}, acc1 = {};
  size_t i = 0;
  for (; i + 16 <= d; i += 16) {
    v8 a0, b0, a1, b1;
    RS_LOAD8(a0, x + i);
    RS_LOAD8(b0, y + i);
    RS_LOAD8(a1, x + i + 8);
    RS_LOAD8(b1, y + i + 8);
    acc0 += a0 * b0;
    acc1 += a1 * b1;
  }
  for (; i + 8 <= d; i += 8) {
    v8 a, b;
    RS_LOAD8(a, x + i);
    RS_LOAD8(b, y + i);
    acc0 += a * b;
  }
  v8 sum = acc0 + acc1;
  float lanes[8];
  std::memcpy(lanes, &sum, sizeof lanes);
  float r = horizontal_sum(lanes);
  for (; i < d; ++i) r += x[i] * y[i];
  return r;
}

#undef RS_LOAD8

namespace {

// Same contract as Faiss's FlatL2Dis / FlatIPDis: squared L2 distance, or the inner product (HNSW negates
// similarities itself).
struct FastFlatDistance : faiss::FlatCodesDistanceComputer {
  const float* xb;
  size_t d;
  bool inner;
  const float* query = nullptr;

  explicit FastFlatDistance(const faiss::IndexFlat& storage)
      : faiss::FlatCodesDistanceComputer(storage.codes.data(), storage.code_size),
        xb(storage.get_xb()),
        d(static_cast<size_t>(storage.d)),
        inner(storage.metric_type == faiss::METRIC_INNER_PRODUCT) {}

  void set_query(const float* x) override { query = x; }

  float distance_to_code(const uint8_t* code) override {
    auto* y = reinterpret_cast<const float*>(code);
    return inner ? inner_product(query, y, d) : l2sqr(query, y, d);
  }

  float symmetric_dis(idx_t i, idx_t j) override {
    const float* a = xb + i * d;
    const float* b = xb + j * d;
    return inner ? inner_product(a, b, d) : l2sqr(a, b, d);
  }
};

struct FastFlatStorage : faiss::IndexFlat {
  FastFlatStorage(idx_t d, faiss::MetricType metric) : faiss::IndexFlat(d, metric) {}

  faiss::FlatCodesDistanceComputer* get_FlatCodesDistanceComputer() const override {
    if (metric_type != faiss::METRIC_L2 && metric_type != faiss::METRIC_INNER_PRODUCT)
      return faiss::IndexFlat::get_FlatCodesDistanceComputer();
    return new FastFlatDistance(*this);
  }
};

}  // namespace

faiss::IndexHNSWFlat* new_hnsw_flat(int d, int m, faiss::MetricType metric) {
  auto* index = new faiss::IndexHNSWFlat(d, m, metric);
  use_fast_storage(*index);
  return index;
}

void use_fast_storage(faiss::IndexHNSWFlat& index) {
  auto* old = dynamic_cast<faiss::IndexFlat*>(index.storage);
  if (old == nullptr || dynamic_cast<FastFlatStorage*>(old) != nullptr) return;
  auto* fast = new FastFlatStorage(old->d, old->metric_type);
  fast->codes.swap(old->codes);
  fast->ntotal = old->ntotal;
  if (index.own_fields) delete old;
  index.storage = fast;
  index.own_fields = true;
}

}  // namespace rs::faiss_fast
