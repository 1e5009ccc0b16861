#!/usr/bin/env bash
# Installs the Debian packages RecSharp's native shim builds against, when any is missing.
# libtorch-dev (libtorch 1.13), libfaiss-dev (Faiss 1.7.3, static), OpenBLAS (libtorch's matmul is 5-25x
# slower on the reference BLAS), cmake and g++ to build native/.
set -euo pipefail
packages=(libtorch-dev libfaiss-dev libopenblas0-pthread cmake g++)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
