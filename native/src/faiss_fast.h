// Vectorised distances for Faiss's HNSW (see faiss_fast.cpp for why the packaged ones are not used).
#pragma once

#include <faiss/IndexHNSW.h>

#include <cstddef>

namespace rs::faiss_fast {

float l2sqr(const float* x, const float* y, size_t d);
float inner_product(const float* x, const float* y, size_t d);

// A new HNSW-flat index whose graph is built and searched with the distances above.
faiss::IndexHNSWFlat* new_hnsw_flat(int d, int m, faiss::MetricType metric);

// Moves the vectors of an HNSW-flat index (e.g. one read from a file) into the fast storage; a no-op if already done.
void use_fast_storage(faiss::IndexHNSWFlat& index);

}  // namespace rs::faiss_fast
