"""The plain PyTorch training step of the steps and heavy modes: the same MLP, rows, batch and optimizer
as the TorchSharp plain loop (random rows with replacement, cross-entropy, SGD). Prints the median step."""
import argparse
import json
import statistics
import time

import torch

from bench_common import hidden_sizes, load_split, mlp, use_threads

parser = argparse.ArgumentParser()
parser.add_argument("--train", required=True)
parser.add_argument("--hidden", type=hidden_sizes, required=True)
parser.add_argument("--batch", type=int, required=True)
parser.add_argument("--steps", type=int, required=True)
parser.add_argument("--threads", type=int, required=True)
parser.add_argument("--lr", type=float, default=0.01)
parser.add_argument("--momentum", type=float, default=0.9)
parser.add_argument("--weight-decay", type=float, default=1e-4)
args = parser.parse_args()

use_threads(args.threads)
torch.manual_seed(1)
features, labels, _ = load_split(args.train)
model = mlp(features.shape[1], args.hidden)
optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=args.momentum, weight_decay=args.weight_decay)
generator = torch.Generator().manual_seed(5)
times = []
for _ in range(args.steps):
    start = time.perf_counter()
    rows = torch.randint(0, features.shape[0], (args.batch,), generator=generator)
    optimizer.zero_grad()
    loss = torch.nn.functional.cross_entropy(model(features.index_select(0, rows)), labels.index_select(0, rows))
    loss.backward()
    optimizer.step()
    times.append(time.perf_counter() - start)
print(json.dumps({"median_step_seconds": statistics.median(times), "threads": torch.get_num_threads(), "torch": torch.__version__}))
