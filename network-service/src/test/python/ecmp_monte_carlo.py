#!/usr/bin/env python3
"""Independent NumPy reference for the ECMP / spraying maximum-congestion ratio on 1:1 leaf-spine fabrics.

Uniform random hashing of each flow onto one of S spines; ratio = max flows on a leaf-spine link under ECMP divided by
spraying's max(out(a), in(b)) / S. Random permutation: uniform over all permutations (fixed points stay on the host);
ring: strided ranks (rank r on leaf r mod L), so every hop crosses leaves; all-to-all: every ordered host pair.

Run with Debian's python: /usr/bin/python3 network-service/src/test/python/ecmp_monte_carlo.py
Writes network-service/src/test/resources/fabric/ecmp-monte-carlo.json
"""
import json
import pathlib

import numpy as np


def spray_mc(src_leaf, dst_leaf, leaves, spines):
    cross = src_leaf != dst_leaf
    out = np.bincount(src_leaf[cross], minlength=leaves)
    inn = np.bincount(dst_leaf[cross], minlength=leaves)
    return max(out.max(), inn.max()) / spines


def ecmp_mc(src_leaf, dst_leaf, leaves, spines, rng):
    cross = src_leaf != dst_leaf
    spine = rng.integers(0, spines, size=cross.sum())
    up = np.bincount(src_leaf[cross] * spines + spine, minlength=leaves * spines)
    down = np.bincount(dst_leaf[cross] * spines + spine, minlength=leaves * spines)
    return max(up.max(), down.max())


def ratios(n, kind, draws, rng):
    leaves = spines = hosts_per_leaf = n
    hosts = leaves * hosts_per_leaf
    out = []
    for _ in range(draws):
        if kind == "permutation":
            src = np.arange(hosts)
            dst = rng.permutation(hosts)
        elif kind == "ring-strided":
            ranks = np.arange(hosts)
            src = (ranks % leaves) * hosts_per_leaf + ranks // leaves
            dst = np.roll(src, -1)
        else:
            src = np.repeat(np.arange(hosts), hosts)
            dst = np.tile(np.arange(hosts), hosts)
            keep = src != dst
            src, dst = src[keep], dst[keep]
        sl, dl = src // hosts_per_leaf, dst // hosts_per_leaf
        out.append(ecmp_mc(sl, dl, leaves, spines, rng) / spray_mc(sl, dl, leaves, spines))
    out = np.array(out)
    return {"mean": float(out.mean()), "std": float(out.std(ddof=1)), "max": float(out.max()), "draws": draws}


def main():
    rng = np.random.default_rng(20240630)
    result = {"fabric": "16x16x16", "hashing": "uniform random per flow",
              "permutation": ratios(16, "permutation", 2000, rng),
              "ringStrided": ratios(16, "ring-strided", 1000, rng),
              "allToAll": ratios(16, "all-to-all", 60, rng)}
    path = pathlib.Path(__file__).resolve().parents[1] / "resources" / "fabric" / "ecmp-monte-carlo.json"
    path.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
