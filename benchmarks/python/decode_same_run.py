#!/usr/bin/python3
"""Same-run greedy-decode comparison: alternates nn-core's JMH DecodeBenchmark (Generator, KV cache, the "small"
config with 80 positions, prompt 16, 64 new tokens, batch 1/8/32) with its PyTorch peer nn_decode_torch.py (same
config, same thread count, same prompt/new-token counts), for several rounds, the order flipping every round. Each
side reports a median per batch (JMH SampleTime's p50; the PyTorch script's median of 7 after 3 warm-ups); the
table gives the median over rounds of those medians, the ratio of the two, every round's own ratio and the load
averages around each process. Alternating matters on a shared machine: load drifts over minutes, and every ratio
here compares runs made seconds apart.

    /usr/bin/python3 benchmarks/python/decode_same_run.py --java "$JAVA_HOME/bin/java" --cp "<jmh classpath>" \
        [--rounds 3] [--threads 1]

(benchmarks/decode-vs-torch.sh builds the class path and runs this.)
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BATCHES = (1, 8, 32)
NEW_TOKENS = 64


def load():
    return "/".join(f"{v:.1f}" for v in os.getloadavg())


def java_round(java, cp, threads):
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        out = f.name
    cmd = [java, "-Djmh.ignoreLock=true", "--add-modules", "jdk.incubator.vector", "-cp", cp,
           "org.openjdk.jmh.Main", "io.mlsyslab.benchmarks.nn.DecodeBenchmark", "-p", f"threads={threads}",
           "-f", "1", "-wi", "3", "-w", "1s", "-i", "5", "-r", "1s", "-rf", "json", "-rff", out]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        raise RuntimeError(proc.stdout[-3000:])
    with open(out) as f:
        results = json.load(f)
    os.unlink(out)
    return {int(r["params"]["batch"]): r["primaryMetric"]["scorePercentiles"]["50.0"] for r in results}


def torch_round(threads):
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    proc = subprocess.run(["/usr/bin/python3", os.path.join(HERE, "nn_decode_torch.py"), str(threads)],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=HERE)
    if proc.returncode != 0:
        raise RuntimeError(proc.stdout[-3000:])
    got = {int(b): float(ms) for b, ms in re.findall(r"batch=(\d+) median ([0-9.]+) ms", proc.stdout)}
    version = re.search(r"torch (\S+)", proc.stdout).group(1)
    return got, version


def blas_core():
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    env["OPENBLAS_VERBOSE"] = "2"
    proc = subprocess.run(["/usr/bin/python3", "-c", "import torch; torch.ones(64, 64) @ torch.ones(64, 64)"],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    m = re.search(r"Core: (\S+)", proc.stdout)
    return f"OpenBLAS core {m.group(1)}" if m else "no OpenBLAS core reported (reference BLAS?)"


def cpu_model():
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "?"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--java", required=True)
    ap.add_argument("--cp", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    java_ms = {b: [] for b in BATCHES}
    torch_ms = {b: [] for b in BATCHES}
    loads = []
    version = "?"
    for rnd in range(args.rounds):
        for side in (("java", "torch") if rnd % 2 == 0 else ("torch", "java")):
            before = load()
            if side == "java":
                for b, ms in java_round(args.java, args.cp, args.threads).items():
                    java_ms[b].append(ms)
            else:
                got, version = torch_round(args.threads)
                for b, ms in got.items():
                    torch_ms[b].append(ms)
            loads.append(f"{side} {before} -> {load()}")
            print(f"# round {rnd + 1} {loads[-1]}: java {[java_ms[b][-1:] for b in BATCHES]} "
                  f"torch {[torch_ms[b][-1:] for b in BATCHES]}", file=sys.stderr, flush=True)
    print(f"CPU: {cpu_model()}, {os.cpu_count()} cores; PyTorch {version} ({blas_core()}); threads {args.threads}; "
          f"{args.rounds} alternating rounds")
    print("load averages (1/5/15 min) before -> after each process: " + "; ".join(loads))
    print()
    print("| batch | nn-core median | nn-core tok/s | PyTorch median | PyTorch tok/s | ratio | per-round ratios |")
    print("|---|---|---|---|---|---|---|")
    for b in BATCHES:
        j, t = statistics.median(java_ms[b]), statistics.median(torch_ms[b])
        rounds = ", ".join(f"{tt / jj:.1f}" for jj, tt in zip(java_ms[b], torch_ms[b]))
        print(f"| {b} | {j:.1f} ms | {b * NEW_TOKENS / j * 1e3:.0f} | {t:.1f} ms | {b * NEW_TOKENS / t * 1e3:.0f} | "
              f"**{t / j:.2f}x** | {rounds} |")


if __name__ == "__main__":
    main()
