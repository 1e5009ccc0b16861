#!/usr/bin/env bash
# Builds librecsharp_native.so with CMake (incremental) and copies it to a destination folder.
# Called by RecSharp.Torch.csproj before every build; usable by hand:  bash native/build.sh BUILD_DIR DEST_DIR
# Exit code 3 means system packages are missing; the last line printed names the apt-get command.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build_dir="${1:-$here/build}"
dest_dir="${2:-}"
extra_cmake_args=("${@:3}")

missing=()
command -v cmake >/dev/null 2>&1 || missing+=(cmake)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
libdir=/usr/lib/x86_64-linux-gnu
[ -f "$libdir/cmake/Torch/TorchConfig.cmake" ] || missing+=(libtorch-dev)
[ -f "$libdir/cmake/faiss/faiss-config.cmake" ] || missing+=(libfaiss-dev)
# OpenBLAS: without it libtorch's matmul runs on the reference BLAS, 5-25x slower (DESIGN.md, machine notes).
ls "$libdir"/libopenblas.so.0 >/dev/null 2>&1 || missing+=(libopenblas0-pthread)
if [ ${#missing[@]} -gt 0 ]; then
  echo "RecSharp's native library needs system packages that are not installed (${missing[*]}). Install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}"
  exit 3
fi

mkdir -p "$build_dir"
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  cmake -S "$here" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release "${extra_cmake_args[@]}" >"$build_dir/configure.log" 2>&1 || {
    cat "$build_dir/configure.log"
    rm -f "$build_dir/CMakeCache.txt"
    echo "CMake could not configure native/ (log above)."
    exit 1
  }
fi
cmake --build "$build_dir" -j "$(nproc)"
if [ -n "$dest_dir" ]; then
  mkdir -p "$dest_dir"
  # Copy only when changed so MSBuild's incremental copy stays quiet.
  cmp -s "$build_dir/librecsharp_native.so" "$dest_dir/librecsharp_native.so" 2>/dev/null ||
    cp "$build_dir/librecsharp_native.so" "$dest_dir/librecsharp_native.so"
fi
