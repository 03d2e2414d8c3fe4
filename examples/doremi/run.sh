#!/usr/bin/env bash
# Runs the DoReMi example on an embedded one-silo cluster, generating the corpus first if needed, and
# writes the weight and perplexity plots to examples/doremi/plots.
# Usage: examples/doremi/run.sh [minimax run options, e.g. --json or --set doremi.step_size=1]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dotnet build "$root/client/Minimax.Cli" -c Release --nologo -v quiet >&2
minimax=(dotnet "$root/client/Minimax.Cli/bin/Release/net10.0/minimax.dll")
if [ ! -d "$here/corpus/train" ]; then
  "${minimax[@]}" data synth-domains --out "$here/corpus" --seed 0 >&2
fi
exec "${minimax[@]}" run "$here/doremi.yaml" --plots "$here/plots" "$@"
