"""The e2e mode's reference: a whole Group DRO run in plain PyTorch, the recipe of the Minimax run it is
compared with. The loss is kohpangwei/group_DRO's loss.py (per-group mean losses of the batch, the
exponentiated-gradient update q <- q * exp(step_size * L_g), normalised, robust loss q . L, and the
per-group accuracy tallies of every batch); batches are a fresh permutation of the training rows each
epoch (the last one short), as Minimax's sampler draws them; val is evaluated every epoch, the best
worst-group val accuracy is kept, and test is evaluated once with it at the end, as the run does.
Timed from reading the CSVs to the test result; prints the wall time and the examples trained on."""
import argparse
import copy
import json
import os
import time

import torch

from bench_common import hidden_sizes, load_split, mlp, use_threads

GROUPS = 4

parser = argparse.ArgumentParser()
parser.add_argument("--data", required=True, help="folder with train.csv, val.csv and test.csv")
parser.add_argument("--hidden", type=hidden_sizes, required=True)
parser.add_argument("--batch", type=int, required=True)
parser.add_argument("--epochs", type=int, required=True)
parser.add_argument("--threads", type=int, required=True)
parser.add_argument("--lr", type=float, default=1e-3)
parser.add_argument("--momentum", type=float, default=0.9)
parser.add_argument("--weight-decay", type=float, default=1.0)
parser.add_argument("--step-size", type=float, default=0.01)
parser.add_argument("--eval-batch", type=int, default=1024)
args = parser.parse_args()
use_threads(args.threads)
torch.manual_seed(1)
group_range = torch.arange(GROUPS).unsqueeze(1)


def group_means(values, groups):
    """loss.py compute_group_avg: the per-group means of the batch (0 for an absent group) and counts."""
    group_map = (groups == group_range).float()
    counts = group_map.sum(1)
    return (group_map @ values.view(-1)) / (counts + (counts == 0).float()), counts


def worst_group_accuracy(model, split):
    features, labels, groups = split
    model.eval()
    correct = torch.zeros(GROUPS)
    counts = torch.zeros(GROUPS)
    with torch.no_grad():
        for start in range(0, features.shape[0], args.eval_batch):
            end = start + args.eval_batch
            hits = (model(features[start:end]).argmax(1) == labels[start:end]).float()
            group_map = (groups[start:end] == group_range).float()
            correct += group_map @ hits
            counts += group_map.sum(1)
    model.train()
    present = counts > 0
    return (correct[present] / counts[present]).min().item()


clock = time.perf_counter()
train, val, test = (load_split(os.path.join(args.data, f"{name}.csv")) for name in ("train", "val", "test"))
features, labels, groups = train
model = mlp(features.shape[1], args.hidden)
optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=args.momentum, weight_decay=args.weight_decay)
adv_probs = torch.ones(GROUPS) / GROUPS
generator = torch.Generator().manual_seed(5)
best_accuracy, best_state, examples, steps = -1.0, None, 0, 0
for epoch in range(args.epochs):
    order = torch.randperm(features.shape[0], generator=generator)
    for start in range(0, features.shape[0], args.batch):
        rows = order[start:start + args.batch]
        x, y, g = features[rows], labels[rows], groups[rows]
        logits = model(x)
        per_example = torch.nn.functional.cross_entropy(logits, y, reduction="none")
        group_loss, group_count = group_means(per_example, g)
        adv_probs = adv_probs * torch.exp(args.step_size * group_loss.data)
        adv_probs = adv_probs / adv_probs.sum()
        robust_loss = group_loss @ adv_probs
        # loss.py update_stats: the batch's per-group accuracies, every batch.
        group_accuracy, _ = group_means((logits.argmax(1) == y).float(), g)
        optimizer.zero_grad()
        robust_loss.backward()
        optimizer.step()
        examples += rows.shape[0]
        steps += 1
    accuracy = worst_group_accuracy(model, val)
    if accuracy > best_accuracy:
        best_accuracy, best_state = accuracy, copy.deepcopy(model.state_dict())
model.load_state_dict(best_state)
test_accuracy = worst_group_accuracy(model, test)
wall = time.perf_counter() - clock
print(json.dumps({
    "wall_seconds": wall, "examples": examples, "steps": steps, "examples_per_second": examples / wall,
    "val_worst_group_accuracy": best_accuracy, "test_worst_group_accuracy": test_accuracy,
    "threads": torch.get_num_threads(), "torch": torch.__version__,
}))
