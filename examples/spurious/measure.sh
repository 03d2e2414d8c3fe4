#!/usr/bin/env bash
# Measures the README table: test average and worst-group accuracy of erm, reweighted and
# group_dro over seeds 0, 1, 2 (mean and standard deviation), each on an embedded cluster.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
results="$(mktemp -d)"
for objective in erm reweighted groupdro; do
  for seed in 0 1 2; do
    "$here/run.sh" "$objective" --set "seed=$seed" --json > "$results/$objective-$seed.json" 2>/dev/null
  done
done
python3 - "$results" <<'PY'
import json, statistics, sys, pathlib
results = pathlib.Path(sys.argv[1])
print("| objective | test average accuracy | train-weighted average | test worst-group accuracy | worst group (per seed) |")
print("| --- | --- | --- | --- | --- |")
for objective in ["erm", "reweighted", "groupdro"]:
    reports = [json.loads((results / f"{objective}-{seed}.json").read_text()) for seed in range(3)]
    average = [r["test"]["average_accuracy"] for r in reports]
    weighted = [r["test"]["train_weighted_accuracy"] for r in reports]
    worst = [r["test"]["worst_group_accuracy"] for r in reports]
    groups = ", ".join(str(r["test"]["worst_group"]) for r in reports)
    print(f"| {reports[0]['objective']} | {statistics.mean(average):.3f} ± {statistics.stdev(average):.3f} "
          f"| {statistics.mean(weighted):.3f} ± {statistics.stdev(weighted):.3f} | {statistics.mean(worst):.3f} ± {statistics.stdev(worst):.3f} | {groups} |")
PY
