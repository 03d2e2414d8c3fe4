#!/usr/bin/env bash
# Runs one example on an embedded one-silo cluster, generating the synthetic data first if needed.
# Usage: examples/spurious/run.sh [groupdro|erm|reweighted] [minimax run options, e.g. --json or --set seed=1]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dotnet build "$root/client/Minimax.Cli" --nologo -v quiet >&2
minimax=(dotnet "$root/client/Minimax.Cli/bin/Debug/net10.0/minimax.dll")
if [ ! -f "$here/data/train.csv" ]; then
  "${minimax[@]}" data synth-spurious --out "$here/data" --seed 0 >&2
fi
exec "${minimax[@]}" run "$here/${1:-groupdro}.yaml" "${@:2}"
