#!/usr/bin/env bash
# The main job on the bundled data: builds RecSharp and runs it end to end on ../shared/data.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-deps.sh
data="${RECSHARP_DATA:-../shared/data}"
dotnet build src/RecSharp.Cli -c Release -nologo -clp:ErrorsOnly
recsharp() { dotnet src/RecSharp.Cli/bin/Release/net10.0/RecSharp.Cli.dll "$@"; }
recsharp info
