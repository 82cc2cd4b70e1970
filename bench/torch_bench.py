#!/usr/bin/env python3
"""The PyTorch peer of keras_bench (issue 8): the same architectures with the
same weights (exported by `keras_bench --export=DIR`), eager mode, the same
thread count. Prints one JSON object: the cross-check errors, seconds per
predict call and training samples per second.

    torch_bench.py --export DIR --threads N [--quick]
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import torch
from torch import nn

BATCHES = {"mlp": 256, "cnn": 64, "lstm": 32, "transformer": 32}


def load_export(directory):
    """{variable path: array} from DIR/manifest.txt and DIR/<i>.npy."""
    weights = {}
    with open(os.path.join(directory, "manifest.txt")) as f:
        for line in f:
            index, path = line.split()
            weights[path] = np.load(os.path.join(directory, f"{index}.npy"))
    return weights


def param(array):
    return nn.Parameter(torch.from_numpy(np.ascontiguousarray(array)))


def set_linear(linear, w, name):
    linear.weight = param(w[f"{name}/kernel"].T)
    linear.bias = param(w[f"{name}/bias"])


def mlp(w):
    m = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512),
                      nn.ReLU(), nn.Linear(512, 10))
    for i, name in ((0, "d1"), (2, "d2"), (4, "d3")):
        set_linear(m[i], w, name)
    return m


class CNN(nn.Module):
    """Conv 32/64/128 (3x3 same) + BatchNorm + ReLU, max-pool after the first
    two, global average pool, Dense 10. Channels first (PyTorch's layout)."""

    def __init__(self, w):
        super().__init__()
        layers = []
        for k, (cin, cout) in enumerate(((3, 32), (32, 64), (64, 128)), 1):
            conv = nn.Conv2d(cin, cout, 3, padding=1)
            conv.weight = param(w[f"c{k}/kernel"].transpose(3, 2, 0, 1))
            conv.bias = param(w[f"c{k}/bias"])
            # Keras momentum 0.99 is PyTorch momentum 0.01.
            bn = nn.BatchNorm2d(cout, eps=1e-3, momentum=0.01)
            bn.weight = param(w[f"bn{k}/gamma"])
            bn.bias = param(w[f"bn{k}/beta"])
            bn.running_mean.copy_(torch.from_numpy(w[f"bn{k}/moving_mean"]))
            bn.running_var.copy_(torch.from_numpy(w[f"bn{k}/moving_variance"]))
            layers += [conv, bn, nn.ReLU()]
            if k < 3:
                layers.append(nn.MaxPool2d(2))
        self.features = nn.Sequential(*layers)
        self.dense = nn.Linear(128, 10)
        set_linear(self.dense, w, "d")

    def forward(self, x):
        return self.dense(self.features(x).mean((2, 3)))


class LSTMModel(nn.Module):
    """LSTM(128), last output. Keras' gate order i, f, c, o is PyTorch's."""

    def __init__(self, w):
        super().__init__()
        self.lstm = nn.LSTM(32, 128, batch_first=True)
        self.lstm.weight_ih_l0 = param(w["lstm/lstm_cell/kernel"].T)
        self.lstm.weight_hh_l0 = param(w["lstm/lstm_cell/recurrent_kernel"].T)
        self.lstm.bias_ih_l0 = param(w["lstm/lstm_cell/bias"])
        self.lstm.bias_hh_l0 = param(np.zeros(512, np.float32))

    def forward(self, x):
        return self.lstm(x)[1][0][-1]


def transformer(w):
    """torch.nn.TransformerEncoderLayer: post-norm, relu FFN 512, eps 1e-3
    (Keras' LayerNormalization default); eval + no_grad takes its fast path."""
    m = nn.TransformerEncoderLayer(128, 4, dim_feedforward=512, dropout=0.0,
                                   layer_norm_eps=1e-3, batch_first=True)
    a = m.self_attn
    mats = [w[f"mha/{p}/kernel"].reshape(128, 128).T for p in
            ("query", "key", "value")]
    biases = [w[f"mha/{p}/bias"].reshape(128) for p in
              ("query", "key", "value")]
    a.in_proj_weight = param(np.concatenate(mats, 0))
    a.in_proj_bias = param(np.concatenate(biases, 0))
    a.out_proj.weight = param(w["mha/attention_output/kernel"]
                              .reshape(128, 128).T)
    a.out_proj.bias = param(w["mha/attention_output/bias"])
    set_linear(m.linear1, w, "ff1")
    set_linear(m.linear2, w, "ff2")
    for norm, name in ((m.norm1, "ln1"), (m.norm2, "ln2")):
        norm.weight = param(w[f"{name}/gamma"])
        norm.bias = param(w[f"{name}/beta"])
    return m


def build(name, w):
    return {"mlp": mlp, "cnn": CNN, "lstm": LSTMModel,
            "transformer": transformer}[name](w)


def sample_shape(name):
    return {"mlp": (784,), "cnn": (3, 32, 32), "lstm": (50, 32),
            "transformer": (64, 128)}[name]


def to_torch_layout(name, x):
    return x.transpose(0, 3, 1, 2) if name == "cnn" else x


def median_time(fn, min_time, reps):
    """Median over `reps` repetitions of the mean seconds per call, each
    repetition running for at least `min_time` seconds."""
    fn()
    times = []
    for _ in range(reps):
        n, start = 0, time.perf_counter()
        while True:
            fn()
            n += 1
            elapsed = time.perf_counter() - start
            if elapsed >= min_time:
                break
        times.append(elapsed / n)
    return statistics.median(times)


def train_rate(model, x, y, batch, budget, reps):
    """Samples per second of the eager training loop (shuffle, gather the
    batch, forward, cross-entropy, backward, Adam), the median of `reps`
    runs; each run times whole steps until `budget` seconds or one epoch."""
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    loss_fn = nn.CrossEntropyLoss()
    n = x.shape[0]

    def step(idx):
        opt.zero_grad()
        loss = loss_fn(model(x[idx]), y[idx])
        loss.backward()
        opt.step()

    step(torch.arange(batch))  # warm-up
    rates, steps_done = [], []
    for _ in range(reps):
        order = torch.randperm(n)
        done, start = 0, time.perf_counter()
        for lo in range(0, n, batch):
            step(order[lo:lo + batch])
            done += min(batch, n - lo)
            if time.perf_counter() - start >= budget:
                break
        rates.append(done / (time.perf_counter() - start))
        steps_done.append(done)
    return statistics.median(rates), min(steps_done)


def guide_epoch(reps):
    """Seconds per epoch of the guide's model: Dense(1) on 128x32, Adam,
    MSE, batch 32, shuffled."""
    torch.manual_seed(0)
    model = nn.Linear(32, 1)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, eps=1e-7)
    x, y = torch.rand(128, 32), torch.rand(128, 1)

    def epoch():
        order = torch.randperm(128)
        for lo in range(0, 128, 32):
            idx = order[lo:lo + 32]
            opt.zero_grad()
            loss = nn.functional.mse_loss(model(x[idx]), y[idx])
            loss.backward()
            opt.step()

    return median_time(epoch, 0.2, reps)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--export", required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    reps = 3 if args.quick else 5
    out = {"torch_version": torch.__version__,
           "threads": torch.get_num_threads(), "check": {}, "predict": {},
           "fit": {}}
    models = {}
    for name in BATCHES:
        d = os.path.join(args.export, name)
        model = build(name, load_export(d)).eval()
        models[name] = model
        x = to_torch_layout(name, np.load(os.path.join(d, "x.npy")))
        with torch.no_grad():
            got = model(torch.from_numpy(np.ascontiguousarray(x))).numpy()
        out["check"][name] = float(np.max(np.abs(got - np.load(
            os.path.join(d, "y.npy")))))
        for batch in (1, BATCHES[name]):
            xb = torch.rand(batch, *sample_shape(name)) * 2 - 1
            with torch.no_grad():
                out["predict"][f"{name}/b{batch}"] = median_time(
                    lambda: model(xb), 0.2, reps)
        print(f"torch: {name} done", file=sys.stderr)
    budget = 2.0 if args.quick else 6.0
    for name, n, batch in (("mlp", 60000, 128), ("cnn", 10000, 64)):
        model = models[name]
        x = torch.rand(n, *sample_shape(name)) * 2 - 1
        y = torch.randint(0, 10, (n,))
        rate, samples = train_rate(model, x, y, batch, budget, 3)
        out["fit"][name] = {"samples_per_s": rate, "samples_timed": samples,
                            "epoch_samples": n}
        print(f"torch: fit {name} done", file=sys.stderr)
    out["fit"]["guide"] = {"seconds_per_epoch": guide_epoch(reps)}
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
