#!/usr/bin/env python3
"""Runs keras_bench and its PyTorch peer (bench/torch_bench.py) in one run,
prints the ratios and one line per target of issue 8,

    target <name>: <measured> (goal <goal>) MET|MISSED

and regenerates bench/RESULTS.md. `make bench` calls it:

    compare.py --bench build/bench/keras_bench [--threads N] [--quick]
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
WORKLOADS = ("mlp", "cnn", "lstm", "transformer")
BIG_BATCH = {"mlp": 256, "cnn": 64, "lstm": 32, "transformer": 32}
PROFILE = os.path.join(HERE, "PROFILE.md")


def run(cmd, **kw):
    print("$ " + " ".join(cmd), file=sys.stderr, flush=True)
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True,
                          **kw).stdout


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return float(f.read().split()[0])
    except OSError:
        return None


def cpu_model():
    name, flags = platform.processor() or "unknown", ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key.strip() == "model name" and name == "unknown":
                    name = value.strip()
                if key.strip() == "flags" and not flags:
                    wanted = ("avx2", "fma", "avx512f")
                    flags = " ".join(x for x in value.split() if x in wanted)
    except OSError:
        pass
    return f"{name} ({os.cpu_count()} logical CPUs; {flags})"


def cpp_medians(path):
    """{benchmark name: {seconds, counters...}}: the medians (or the single
    run of a benchmark with one repetition), by registered name."""
    with open(path) as f:
        data = json.load(f)
    out = {}
    runs = {}
    for b in data["benchmarks"]:
        name = "/".join(p for p in b["run_name"].split("/")
                        if ":" not in p and p not in ("real_time", "process_time"))
        runs.setdefault(name, []).append(b)
    for name, bs in runs.items():
        medians = [b for b in bs if b.get("aggregate_name") == "median"]
        b = medians[0] if medians else bs[0]
        scale = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b["time_unit"]]
        entry = dict(b)
        entry["seconds"] = b["real_time"] * scale
        out[name] = entry
    return out, data.get("context", {})


class Report:
    def __init__(self):
        self.rows = []     # (section, name, keras, peer, ratio, note)
        self.targets = []  # (name, measured, goal, met)

    def target(self, name, value, goal, met, fmt):
        self.targets.append((name, fmt.format(value), goal, met))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bench", required=True, help="keras_bench binary")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--quick", action="store_true",
                        help="fewer repetitions (for trying things out)")
    parser.add_argument("--results", default=os.path.join(HERE, "RESULTS.md"))
    parser.add_argument("--keep", help="work in this directory and keep it")
    parser.add_argument("--reuse", action="store_true",
                        help="report from the results kept in --keep")
    args = parser.parse_args()
    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
        report(args, args.keep)
        return
    tmp = tempfile.mkdtemp(prefix="keras_bench_")
    try:
        report(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def report(args, tmp):
    bench = os.path.abspath(args.bench)
    threads = str(args.threads)
    # Same thread count on both sides: OpenBLAS here, torch.set_num_threads.
    env = dict(os.environ, OPENBLAS_NUM_THREADS=threads,
               OMP_NUM_THREADS=threads)
    export = os.path.join(tmp, "export")
    cpp_json = os.path.join(tmp, "cpp.json")
    rss_json = os.path.join(tmp, "rss.json")
    torch_json = os.path.join(tmp, "torch.json")
    work = os.path.join(tmp, "work")
    load_json = os.path.join(tmp, "load.json")
    if not args.reuse:
        load_before = loadavg()
        run([bench, f"--export={export}", f"--threads={threads}"], env=env)
        flags = [f"--work_dir={work}", f"--threads={threads}",
                 f"--benchmark_out={cpp_json}", "--benchmark_out_format=json"]
        # Console output goes to stderr; stdout is for the report.
        subprocess.run([bench] + flags, check=True, env=env,
                       stdout=sys.stderr)
        with open(rss_json, "w") as f:
            f.write(run([bench, f"--peak_rss={work}/big.keras",
                         f"--threads={threads}"], env=env))
        torch_cmd = ["/usr/bin/python3", os.path.join(HERE, "torch_bench.py"),
                     f"--export={export}", f"--threads={threads}"]
        if args.quick:
            torch_cmd.append("--quick")
        with open(torch_json, "w") as f:
            f.write(run(torch_cmd, env=env))
        with open(load_json, "w") as f:
            json.dump({"before": load_before, "after": loadavg()}, f)
    machine_load = {}
    if os.path.exists(load_json):
        with open(load_json) as f:
            machine_load = json.load(f)
    cpp, context = cpp_medians(cpp_json)
    if "before" not in machine_load and context.get("load_avg"):
        machine_load["before"] = round(context["load_avg"][0], 2)
    with open(rss_json) as f:
        rss = json.load(f)
    with open(torch_json) as f:
        peer = json.load(f)

    r = Report()
    sec = lambda name: cpp[name]["seconds"]
    # ---- load and save ----
    load, read = sec("io/load"), sec("io/read_bytes")
    save, write = sec("io/save"), sec("io/write_bytes")
    # save() replaces a file safely (temp file, fsync, rename); its floor
    # writes the bytes the same way. The plain write is shown beside it.
    durable = sec("io/write_bytes_durable")
    mb = rss["file_bytes"] / 1e6
    r.rows.append(("io", f"load {mb:.0f} MB .keras", f"{load*1e3:.1f} ms",
                   f"read bytes {read*1e3:.1f} ms", load / read, "floor"))
    r.rows.append(("io", f"save {mb:.0f} MB .keras", f"{save*1e3:.1f} ms",
                   f"write bytes + fsync + rename {durable*1e3:.1f} ms",
                   save / durable, "floor (as save writes)"))
    r.rows.append(("io", f"save {mb:.0f} MB .keras", f"{save*1e3:.1f} ms",
                   f"write bytes {write*1e3:.1f} ms", save / write,
                   "page cache only, no fsync"))
    r.target("load_vs_read_bytes", load / read, "<= 1.5x", load / read <= 1.5,
             "{:.2f}x")
    r.target("save_vs_write_bytes", save / durable, "<= 1.5x",
             save / durable <= 1.5, "{:.2f}x")
    weights_mb = rss["weights_bytes"] / 2**20
    peak_mb = rss["peak_kb"] / 1024
    rss_goal = 1.25 * weights_mb + 64
    r.rows.append(("io", "peak RSS during load", f"{peak_mb:.0f} MiB",
                   f"weights {weights_mb:.0f} MiB", peak_mb / weights_mb,
                   f"process before load: {rss['baseline_kb']/1024:.0f} MiB"))
    r.target("load_peak_rss", peak_mb, f"<= {rss_goal:.0f} MiB",
             peak_mb <= rss_goal, "{:.0f} MiB")
    guide = sec("io/load_guide")
    r.rows.append(("io", "load guide model", f"{guide*1e3:.3f} ms", "", None,
                   "Python Keras 3.15: about 9 ms (issue 8)"))
    r.target("guide_load_ms", guide * 1e3, "< 1 ms", guide < 1e-3,
             "{:.3f} ms")
    # ---- sgemm ----
    sgemm = cpp["sgemm/1024"]["flops"]
    sgemm_mlp = cpp["sgemm/mlp_b256"]["flops"]
    r.rows.append(("sgemm", "sgemm 1024^3", f"{sgemm/1e9:.1f} GFLOP/s", "",
                   None, "the machine's rate (the BLAS keras.cpp links)"))
    r.rows.append(("sgemm", "sgemm, MLP shapes at batch 256",
                   f"{sgemm_mlp/1e9:.1f} GFLOP/s", "", None, ""))
    # ---- inference ----
    for name in WORKLOADS:
        b = BIG_BATCH[name]
        k1, p1 = sec(f"predict/{name}/b1"), peer["predict"][f"{name}/b1"]
        kb, pb = sec(f"predict/{name}/b{b}"), peer["predict"][f"{name}/b{b}"]
        flops = cpp[f"predict/{name}/b{b}"]["flops"]
        r.rows.append(("predict", f"{name} batch 1 latency",
                       f"{k1*1e3:.3f} ms", f"{p1*1e3:.3f} ms", p1 / k1,
                       "peer / keras.cpp"))
        r.rows.append(("predict", f"{name} batch {b} throughput",
                       f"{b/kb:.0f} /s ({flops/1e9:.1f} GFLOP/s)",
                       f"{b/pb:.0f} /s", pb / kb,
                       f"check max abs diff {peer['check'][name]:.2g}"))
        r.target(f"predict_{name}_b1_latency_vs_torch", p1 / k1, ">= 3x",
                 p1 / k1 >= 3, "{:.2f}x")
        r.target(f"predict_{name}_b{b}_throughput_vs_torch", pb / kb,
                 ">= 1.5x", pb / kb >= 1.5, "{:.2f}x")
    mlp_flops = cpp["predict/mlp/b256"]["flops"]
    r.target("predict_mlp_b256_vs_sgemm", mlp_flops / sgemm, ">= 70%",
             mlp_flops / sgemm >= 0.7, "{:.0%}")
    # ---- training ----
    for name in ("mlp", "cnn"):
        k = cpp[f"fit/{name}"]
        ks = k["items_per_second"]
        pf = peer["fit"][name]
        ps = pf["samples_per_s"]
        note = (f"one epoch of {pf['epoch_samples']} samples; PyTorch timed "
                f"over its first {pf['samples_timed']} samples")
        r.rows.append(("fit", f"{name} epoch", f"{ks:.0f} samples/s "
                       f"({k['flops']/1e9:.1f} GFLOP/s)", f"{ps:.0f} samples/s",
                       ks / ps, note))
        r.target(f"fit_{name}_vs_torch", ks / ps, ">= 1.2x", ks / ps >= 1.2,
                 "{:.2f}x")
    fit_flops = cpp["fit/mlp"]["flops"]
    r.target("fit_mlp_vs_sgemm", fit_flops / sgemm, ">= 50%",
             fit_flops / sgemm >= 0.5, "{:.0%}")
    kg = sec("fit/guide")
    pg = peer["fit"]["guide"]["seconds_per_epoch"]
    r.rows.append(("fit", "guide model epoch (128 samples, batch 32)",
                   f"{kg*1e3:.3f} ms", f"{pg*1e3:.3f} ms", pg / kg,
                   "issue 4"))

    print()
    for section, name, keras, peer_v, ratio, note in r.rows:
        rt = f"{ratio:.2f}x" if ratio is not None else ""
        print(f"{section:8} {name:42} {keras:>28} {peer_v:>24} {rt:>8}")
    print()
    for name, measured, goal, met in r.targets:
        print(f"target {name}: {measured} (goal {goal}) "
              f"{'MET' if met else 'MISSED'}")
    write_results(args, r, context, peer, threads, machine_load)


def write_results(args, r, context, peer, threads, machine_load):
    # The date of the measurements (Google Benchmark's context), not of
    # this report.
    try:
        now = datetime.datetime.fromisoformat(context["date"]).astimezone(
            datetime.timezone.utc)
    except (KeyError, ValueError):
        now = datetime.datetime.now(datetime.timezone.utc)
    lines = [
        "# Benchmark results (`make bench`)",
        "",
        "Regenerated by `bench/compare.py`; do not edit by hand (the profile "
        "notes live in `bench/PROFILE.md` and are appended below).",
        "",
        f"- Machine: {cpu_model()}",
        f"- Date: {now:%Y-%m-%d %H:%M} UTC",
        f"- Threads: {threads} on both sides (OpenBLAS threads for keras.cpp: "
        f"{context.get('blas_threads', '?')}; torch.set_num_threads: "
        f"{peer['threads']})",
        f"- Peer: PyTorch {peer['torch_version']} (Debian python3-torch), "
        "eager mode, same architecture and weights",
        "- Figures are medians of repeated runs (Google Benchmark "
        "repetitions for keras.cpp; repeated timed runs for PyTorch).",
        f"- Load average (1 min) before / after the run: "
        f"{machine_load.get('before', '?')} / {machine_load.get('after', '?')}. Above the "
        "thread count, both sides wait for cores and the wall times (and "
        "ratios) are noise.",
        "",
        "| section | workload | keras.cpp | PyTorch / floor | ratio | note |",
        "|---|---|---|---|---|---|",
    ]
    for section, name, keras, peer_v, ratio, note in r.rows:
        rt = f"{ratio:.2f}x" if ratio is not None else ""
        lines.append(f"| {section} | {name} | {keras} | {peer_v} | {rt} | "
                     f"{note} |")
    lines += ["", "Ratios: load/save = keras.cpp time / floor time (lower is "
              "better); predict and fit = keras.cpp speed / PyTorch speed "
              "(higher is better).", "", "## Targets (issue 8)", "", "```"]
    for name, measured, goal, met in r.targets:
        lines.append(f"target {name}: {measured} (goal {goal}) "
                     f"{'MET' if met else 'MISSED'}")
    lines += ["```", ""]
    if os.path.exists(PROFILE):
        with open(PROFILE) as f:
            lines.append(f.read().rstrip() + "\n")
    with open(args.results, "w") as f:
        f.write("\n".join(lines))
    print(f"wrote {args.results}", file=sys.stderr)


if __name__ == "__main__":
    main()
