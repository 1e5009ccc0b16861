#!/usr/bin/env bash
# Builds everything (the native shim included) and runs every test; ends with one line "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-deps.sh || exit 1
dotnet build RecSharp.sln -c Release -nologo -clp:ErrorsOnly || exit 1
log=$(mktemp)
dotnet test RecSharp.sln -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# Sum the per-assembly summaries ("Passed!  - Failed: 0, Passed: 8, Skipped: 0, Total: 8, ...").
summary=$(grep -E '^(Passed|Failed)! +- Failed: ' "$log" | awk -F'[:,]' '
  { failed += $2; passed += $4; skipped += $6; n++ }
  END { printf "%d passed, %d failed, %d skipped", passed, failed, skipped; if (n == 0) exit 1 }') || {
  echo "no test summary found"; echo "0 passed, 1 failed"; exit 1; }
rm -f "$log"
echo "$summary"
exit "$status"
