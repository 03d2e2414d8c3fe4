#!/usr/bin/env bash
# Trains ERM and Group DRO on a standalone silo (loopback, memory state), then scores both in one
# evaluation job: per-group accuracy with Wilson intervals, McNemar per group against ERM (Holm), and
# the common-vs-counter drop (majority groups 0 and 3 vs minority groups 1 and 2).
# Usage: examples/spurious/evaluate.sh [minimax run options for the evaluation, e.g. --json or --plots DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
dotnet build "$root/client/Minimax.Cli" --nologo -v quiet >&2
dotnet build "$root/silo/Minimax.Silo" --nologo -v quiet >&2
minimax=(dotnet "$root/client/Minimax.Cli/bin/Debug/net10.0/minimax.dll")
if [ ! -f "$here/data/train.csv" ]; then
  "${minimax[@]}" data synth-spurious --out "$here/data" --seed 0 >&2
fi
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
grpc=$(free_port)
cluster="http://127.0.0.1:$grpc"
work="$(mktemp -d)"
dotnet "$root/silo/Minimax.Silo/bin/Debug/net10.0/Minimax.Silo.dll" \
  --Grpc:Port="$grpc" --Silo:Port="$(free_port)" --Silo:GatewayPort="$(free_port)" \
  --Checkpoints:Path="$work/checkpoints" >"$work/silo.log" 2>&1 &
silo=$!
trap 'kill "$silo" 2>/dev/null; wait "$silo" 2>/dev/null; rm -rf "$work"' EXIT
# The silo takes a few seconds to start: `list` answers once its gRPC endpoint does.
for _ in $(seq 60); do
  "${minimax[@]}" list --cluster "$cluster" >/dev/null 2>&1 && break
  kill -0 "$silo" 2>/dev/null || { cat "$work/silo.log" >&2; exit 1; }
  sleep 1
done
run_id() { "${minimax[@]}" run "$here/$1.yaml" --cluster "$cluster" --json | python3 -c 'import json, sys; print(json.load(sys.stdin)["run_id"])'; }
echo "training erm and group_dro ..." >&2
erm=$(run_id erm)
dro=$(run_id groupdro)
cat >"$here/evaluation.yaml" <<SPEC
# Written by evaluate.sh: the two runs it trained, scored on the test split.
kind: evaluation
name: spurious-erm-vs-groupdro
data: { format: csv, test: data/test.csv, label: y, groups_by: [a] }
models:
  - { name: erm, run: $erm }
  - { name: group_dro, run: $dro }
compare: { base: erm, test: mcnemar, correction: holm, alpha: 0.05 }
common_counter: { common: [0, 3], counter: [1, 2] }
SPEC
"${minimax[@]}" run "$here/evaluation.yaml" --cluster "$cluster" "$@"
