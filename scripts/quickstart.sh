#!/usr/bin/env bash
# The main job on the bundled data: builds RecSharp and runs it end to end on ../shared/data.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-deps.sh
data="${RECSHARP_DATA:-../shared/data}"
dotnet build src/RecSharp.Cli -c Release -nologo -clp:ErrorsOnly
recsharp() { dotnet src/RecSharp.Cli/bin/Release/net10.0/RecSharp.Cli.dll "$@"; }
recsharp info
# Statistics of the bundled MovieLens slice, then recall models under the three protocols of docs/PROTOCOLS.md.
recsharp data stats "$data/ml-1m-head"
recsharp evaluate --model pop    --protocol p1 --data "$data/ml-1m-head"
recsharp evaluate --model itemcf --protocol p1 --data "$data/ml-1m-head"
recsharp evaluate --model itemcf --protocol p2 --data "$data/ncf-lastfm"
recsharp evaluate --model usercf --protocol p3 --data "$data/amazon-sports"
# The main job: train GRU4Rec under P1 on ml-1m-head (early stopping on valid Recall@50), save the model folder,
# recommend from it for a short history of (external) movie ids, and write the run report (curves, metrics,
# t-SNE map of the item embeddings coloured by genre, sample recommendations with titles).
recsharp train --model gru4rec --data "$data/ml-1m-head" --epochs 40 --lr 0.005 --threads 1 --out runs/quickstart-gru4rec
recsharp recommend --checkpoint runs/quickstart-gru4rec --history 1193,661,914 -k 10 --metadata "$data/ml-1m/movies.dat"
recsharp report --checkpoint runs/quickstart-gru4rec --metadata "$data/ml-1m/movies.dat" --out runs/quickstart-gru4rec/report.html
