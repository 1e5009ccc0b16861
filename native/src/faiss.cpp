// Faiss indexes behind opaque handles (rs_faiss_*). Three kinds: exact flat, IVF-flat and HNSW-flat; ids are
// the insertion order (0, 1, ...), which is what the C# side maps back to items. Every export runs inside the
// RS_TRY/RS_END fence, so faiss::FaissException (a std::exception) never crosses the ABI; RS_TRY also applies
// the process thread setting to the calling thread, and Faiss sizes its OpenMP regions from that thread's
// omp_get_max_threads().
#include <faiss/IndexFlat.h>
#include <faiss/IndexHNSW.h>
#include <faiss/IndexIVFFlat.h>
#include <faiss/IndexPreTransform.h>
#include <faiss/impl/FaissException.h>
#include <faiss/index_io.h>
#include <omp.h>

#include <cctype>
#include <memory>

#include "common.h"
#include "faiss_fast.h"

namespace {

// Values shared with RecSharp.Torch.Faiss.IndexKind.
enum Kind : int32_t { kFlat = 0, kIvfFlat = 1, kHnswFlat = 2 };

faiss::Index& I(void* h) {
  if (h == nullptr) throw std::invalid_argument("null Faiss index handle");
  return *static_cast<faiss::Index*>(h);
}

faiss::IndexIVFFlat& Ivf(void* h) {
  auto* ivf = dynamic_cast<faiss::IndexIVFFlat*>(&I(h));
  if (ivf == nullptr) throw std::invalid_argument("the Faiss index is not an IVF-flat index");
  return *ivf;
}

faiss::IndexHNSWFlat& Hnsw(void* h) {
  auto* hnsw = dynamic_cast<faiss::IndexHNSWFlat*>(&I(h));
  if (hnsw == nullptr) throw std::invalid_argument("the Faiss index is not an HNSW-flat index");
  return *hnsw;
}

faiss::MetricType metric_of(int32_t metric) {
  if (metric == 0) return faiss::METRIC_INNER_PRODUCT;
  if (metric == 1) return faiss::METRIC_L2;
  throw std::invalid_argument("unknown metric " + std::to_string(metric) + " (0 = inner product, 1 = L2)");
}

// The kind of a (possibly read-from-disk) index, or -1 for a type RecSharp does not wrap.
int32_t kind_of(const faiss::Index& index) {
  if (dynamic_cast<const faiss::IndexFlat*>(&index) != nullptr) return kFlat;
  if (dynamic_cast<const faiss::IndexIVFFlat*>(&index) != nullptr) return kIvfFlat;
  if (dynamic_cast<const faiss::IndexHNSWFlat*>(&index) != nullptr) return kHnswFlat;
  return -1;
}

// FaissException::what() reads "Error in <function> at <file>:<line>: <message>", and a failed check's message
// starts with "Error: '<condition>' failed: ". The caller needs only the message; the rest names Faiss's
// source tree and internal variable names.
std::string without_check_prefix(const std::string& message) {
  const std::string head = "Error: '", tail = "' failed: ";
  if (message.rfind(head, 0) != 0) return message;
  size_t end = message.find(tail, head.size());
  return end == std::string::npos ? message : message.substr(end + tail.size());
}

std::string without_location(const std::string& what) {
  if (what.rfind("Error in ", 0) != 0) return what;
  size_t at = what.find(" at ");
  if (at == std::string::npos) return what;
  for (size_t colon = what.find(':', at); colon != std::string::npos; colon = what.find(':', colon + 1)) {
    size_t p = colon + 1;
    while (p < what.size() && std::isdigit(static_cast<unsigned char>(what[p]))) ++p;
    if (p > colon + 1 && what.compare(p, 2, ": ") == 0) return without_check_prefix(what.substr(p + 2));
  }
  return what;
}

// Runs a Faiss call and rethrows its exception without the source location.
template <typename F>
void faiss_call(F&& f) {
  try {
    f();
  } catch (const faiss::FaissException& e) {
    throw std::runtime_error(without_location(e.what()));
  }
}

// A 2-d float32 CPU tensor with `d` columns, made contiguous (a no-op when it already is).
at::Tensor rows_of(const at::Tensor& x, int64_t d, const char* what) {
  TORCH_CHECK(x.dim() == 2, what, " must be a 2-d tensor [n, ", d, "], got ", x.dim(), " dimensions");
  TORCH_CHECK(x.size(1) == d, what, " must have ", d, " columns (the index dimension), got ", x.size(1));
  TORCH_CHECK(x.scalar_type() == at::kFloat, what, " must be float32, got ", x.scalar_type());
  return x.contiguous();
}

}  // namespace

// ---- creation and release ---------------------------------------------------------------------------

RS_API int rs_faiss_flat_create(int32_t d, int32_t metric, void** out) {
  RS_TRY
  if (d < 1) throw std::invalid_argument("dimension must be at least 1, got " + std::to_string(d));
  *out = new faiss::IndexFlat(d, metric_of(metric));
  RS_END
}

RS_API int rs_faiss_ivfflat_create(int32_t d, int64_t nlist, int32_t metric, void** out) {
  RS_TRY
  if (d < 1) throw std::invalid_argument("dimension must be at least 1, got " + std::to_string(d));
  if (nlist < 1) throw std::invalid_argument("nlist must be at least 1, got " + std::to_string(nlist));
  auto m = metric_of(metric);
  auto quantizer = std::make_unique<faiss::IndexFlat>(d, m);
  auto* index = new faiss::IndexIVFFlat(quantizer.get(), d, static_cast<size_t>(nlist), m);
  quantizer.release();
  index->own_fields = true;  // the index frees its quantizer (DESIGN.md, Faiss lessons)
  *out = index;
  RS_END
}

RS_API int rs_faiss_hnswflat_create(int32_t d, int32_t m_links, int32_t metric, void** out) {
  RS_TRY
  if (d < 1) throw std::invalid_argument("dimension must be at least 1, got " + std::to_string(d));
  if (m_links < 2) throw std::invalid_argument("HNSW M must be at least 2, got " + std::to_string(m_links));
  *out = rs::faiss_fast::new_hnsw_flat(d, m_links, metric_of(metric));
  RS_END
}

RS_API int rs_faiss_free(void* h) {
  RS_TRY delete static_cast<faiss::Index*>(h);
  RS_END
}

// ---- properties ---------------------------------------------------------------------------------------

RS_API int rs_faiss_kind(void* h, int32_t* out) {
  RS_TRY *out = kind_of(I(h));
  RS_END
}
RS_API int rs_faiss_dimension(void* h, int32_t* out) {
  RS_TRY *out = static_cast<int32_t>(I(h).d);
  RS_END
}
RS_API int rs_faiss_count(void* h, int64_t* out) {
  RS_TRY *out = I(h).ntotal;
  RS_END
}
RS_API int rs_faiss_metric(void* h, int32_t* out) {
  RS_TRY *out = static_cast<int32_t>(I(h).metric_type);
  RS_END
}
RS_API int rs_faiss_is_trained(void* h, int32_t* out) {
  RS_TRY *out = I(h).is_trained ? 1 : 0;
  RS_END
}

RS_API int rs_faiss_ivf_nlist(void* h, int64_t* out) {
  RS_TRY *out = static_cast<int64_t>(Ivf(h).nlist);
  RS_END
}
RS_API int rs_faiss_ivf_get_nprobe(void* h, int64_t* out) {
  RS_TRY *out = static_cast<int64_t>(Ivf(h).nprobe);
  RS_END
}
RS_API int rs_faiss_ivf_set_nprobe(void* h, int64_t nprobe) {
  RS_TRY
  auto& ivf = Ivf(h);
  if (nprobe < 1 || static_cast<size_t>(nprobe) > ivf.nlist)
    throw std::invalid_argument("nprobe must be between 1 and nlist (" + std::to_string(ivf.nlist) + "), got " + std::to_string(nprobe));
  ivf.nprobe = static_cast<size_t>(nprobe);
  RS_END
}

// which: 0 = M, 1 = efConstruction, 2 = efSearch.
RS_API int rs_faiss_hnsw_get(void* h, int32_t which, int32_t* out) {
  RS_TRY
  auto& hnsw = Hnsw(h).hnsw;
  switch (which) {
    case 0: *out = static_cast<int32_t>(hnsw.nb_neighbors(1)); break;
    case 1: *out = hnsw.efConstruction; break;
    case 2: *out = hnsw.efSearch; break;
    default: throw std::invalid_argument("unknown HNSW parameter " + std::to_string(which));
  }
  RS_END
}
RS_API int rs_faiss_hnsw_set(void* h, int32_t which, int32_t value) {
  RS_TRY
  auto& hnsw = Hnsw(h).hnsw;
  if (value < 1) throw std::invalid_argument("HNSW ef values must be at least 1, got " + std::to_string(value));
  switch (which) {
    case 1: hnsw.efConstruction = value; break;
    case 2: hnsw.efSearch = value; break;
    default: throw std::invalid_argument("HNSW parameter " + std::to_string(which) + " cannot be set");
  }
  RS_END
}

// ---- train, add, search (raw rows: n x d floats, row-major) --------------------------------------------

RS_API int rs_faiss_train(void* h, int64_t n, const float* x) {
  RS_TRY
  auto& index = I(h);
  faiss_call([&] { index.train(n, x); });
  RS_END
}

RS_API int rs_faiss_add(void* h, int64_t n, const float* x) {
  RS_TRY
  auto& index = I(h);
  faiss_call([&] { index.add(n, x); });
  RS_END
}

RS_API int rs_faiss_search(void* h, int64_t n, const float* x, int64_t k, float* scores, int64_t* ids) {
  RS_TRY
  auto& index = I(h);
  faiss_call([&] { index.search(n, x, k, scores, ids); });
  RS_END
}

// ---- the same on tensors (no copy when the tensor is already contiguous float32) -----------------------

RS_API int rs_faiss_train_tensor(void* h, tensor_t x) {
  RS_TRY
  auto& index = I(h);
  auto rows = rows_of(RT(x), index.d, "training vectors");
  faiss_call([&] { index.train(rows.size(0), rows.data_ptr<float>()); });
  RS_END
}

RS_API int rs_faiss_add_tensor(void* h, tensor_t x) {
  RS_TRY
  auto& index = I(h);
  auto rows = rows_of(RT(x), index.d, "vectors");
  faiss_call([&] { index.add(rows.size(0), rows.data_ptr<float>()); });
  RS_END
}

RS_API int rs_faiss_search_tensor(void* h, tensor_t queries, int64_t k, tensor_t* scores_out, tensor_t* ids_out) {
  RS_TRY
  auto& index = I(h);
  auto rows = rows_of(RT(queries), index.d, "queries");
  int64_t n = rows.size(0);
  auto scores = at::empty({n, k}, at::kFloat);
  auto ids = at::empty({n, k}, at::kLong);
  faiss_call([&] { index.search(n, rows.data_ptr<float>(), k, scores.data_ptr<float>(), ids.data_ptr<int64_t>()); });
  *scores_out = rs::new_handle(std::move(scores));
  *ids_out = rs::new_handle(std::move(ids));
  RS_END
}

// ---- files (Faiss's own format, readable by Python's faiss.read_index) --------------------------------

RS_API int rs_faiss_write(void* h, const char* path) {
  RS_TRY
  auto& index = I(h);
  faiss_call([&] { faiss::write_index(&index, path); });
  RS_END
}

RS_API int rs_faiss_read(const char* path, void** out, int32_t* kind) {
  RS_TRY
  std::unique_ptr<faiss::Index> index;
  faiss_call([&] { index.reset(faiss::read_index(path)); });
  int32_t k = kind_of(*index);
  if (k < 0) throw std::invalid_argument("holds a Faiss index type RecSharp does not wrap (flat, IVF-flat and HNSW-flat are supported)");
  if (k == kHnswFlat) rs::faiss_fast::use_fast_storage(static_cast<faiss::IndexHNSWFlat&>(*index));
  *kind = k;
  *out = index.release();
  RS_END
}

// The OpenMP thread count Faiss will use when called from this thread (tests check it follows SetNumThreads).
RS_API int rs_faiss_omp_max_threads(int32_t* out) {
  RS_TRY *out = omp_get_max_threads();
  RS_END
}

// ---- any stored index (read-only use: search and reconstruct) -------------------------------------------
// Indexes written by other tools (e.g. index_factory's "OPQ32,IVF1,PQ32x8": an IndexPreTransform over an
// IndexIVFPQ) are read as they are; search and the generic queries above work on any faiss::Index.

// The IVF index inside `index` (directly, or under pre-transforms), or null when there is none.
static faiss::IndexIVF* inner_ivf(faiss::Index* index) {
  while (auto* pre = dynamic_cast<faiss::IndexPreTransform*>(index)) index = pre->index;
  return dynamic_cast<faiss::IndexIVF*>(index);
}

RS_API int rs_faiss_read_any(const char* path, void** out, int32_t* kind) {
  RS_TRY
  std::unique_ptr<faiss::Index> index;
  faiss_call([&] { index.reset(faiss::read_index(path)); });
  *kind = kind_of(*index);
  *out = index.release();
  RS_END
}

// Writes vectors start..start+n-1 (n * d floats) to `out`. An IVF index (also under an OPQ/PCA pre-transform)
// first gets a direct map (id -> list position), which reconstruction needs; pre-transforms are inverted, so
// the result is in the input space. Mutates the index the first time: not concurrently with other calls.
RS_API int rs_faiss_reconstruct(void* h, int64_t start, int64_t n, float* out) {
  RS_TRY
  auto& index = I(h);
  if (start < 0 || n < 0 || start + n > index.ntotal)
    throw std::invalid_argument("cannot reconstruct vectors " + std::to_string(start) + ".." + std::to_string(start + n - 1) +
                                ": the index holds " + std::to_string(index.ntotal));
  faiss_call([&] {
    if (auto* ivf = inner_ivf(&index); ivf != nullptr && ivf->direct_map.type == faiss::DirectMap::NoMap) ivf->make_direct_map(true);
    if (n > 0) index.reconstruct_n(start, n, out);
  });
  RS_END
}
