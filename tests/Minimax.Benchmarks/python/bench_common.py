"""What the PyTorch rows share: the benchmark CSVs (y, a, then the features) and the MLP."""
import numpy as np
import torch


def load_split(path):
    """Features (float32), labels and groups g = 2y + a, as the Minimax runs read them (groups_by: [a])."""
    data = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float32, ndmin=2)
    labels = torch.from_numpy(data[:, 0].astype(np.int64))
    attributes = torch.from_numpy(data[:, 1].astype(np.int64))
    return torch.from_numpy(np.ascontiguousarray(data[:, 2:])), labels, 2 * labels + attributes


def mlp(features, hidden, classes=2):
    """Linear and ReLU layers, as Minimax's MLP (no dropout)."""
    layers, width = [], features
    for size in hidden:
        layers += [torch.nn.Linear(width, size), torch.nn.ReLU()]
        width = size
    layers.append(torch.nn.Linear(width, classes))
    return torch.nn.Sequential(*layers)


def use_threads(threads):
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)


def hidden_sizes(text):
    return [int(size) for size in text.split(",") if size]
