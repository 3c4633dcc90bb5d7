#!/usr/bin/python3
"""Peer throughput for the KDE log-density benchmark: SciPy gaussian_kde.logpdf and scikit-learn
KernelDensity.score_samples on the same problem as io.mlsyslab.benchmarks.analytics.KdeLogDensityBenchmark.

Data N(0, I_d), n points, m queries N(0, I_d), Gaussian kernel, Scott's factor n^(-1/(d+4)):
SciPy gets bw_method="scott" (kernel covariance = factor^2 * sample covariance, ~= h^2 I here) and scikit-learn
gets bandwidth h = factor (isotropic, data already standardised). Both are single-threaded libraries.
Prints one line per (library, d): best-of-R wall time and query*point pairs per second, plus the accuracy of
the default scikit-learn tree against an exact SciPy/numpy evaluation where that is affordable.

    /usr/bin/python3 benchmarks/python/kde_peers.py [--n 100000] [--m 1000] [--dims 2,10,50] [--repeats 2]
"""
import argparse
import json
import os
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
import scipy  # noqa: E402
import sklearn  # noqa: E402
from scipy import stats  # noqa: E402
from sklearn.neighbors import KernelDensity  # noqa: E402


def best_time(fn, repeats):
    best = float("inf")
    result = None
    for _ in range(repeats):
        t = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t)
    return best, result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--m", type=int, default=1_000)
    ap.add_argument("--dims", default="2,10,50")
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    print(f"# scipy {scipy.__version__}, scikit-learn {sklearn.__version__}, numpy {np.__version__}")
    for d in [int(v) for v in args.dims.split(",")]:
        rng = np.random.default_rng(args.seed)
        data = rng.standard_normal((args.n, d))
        queries = rng.standard_normal((args.m, d))
        h = args.n ** (-1.0 / (d + 4))
        pairs = args.n * args.m

        kde = stats.gaussian_kde(data.T, bw_method="scott")
        t_scipy, ref = best_time(lambda: kde.logpdf(queries.T), args.repeats)
        print(json.dumps({"library": "scipy.gaussian_kde.logpdf", "d": d, "n": args.n, "m": args.m,
                          "seconds": t_scipy, "pairsPerSecond": pairs / t_scipy}), flush=True)

        skl = KernelDensity(kernel="gaussian", bandwidth=h).fit(data)
        t_skl, got = best_time(lambda: skl.score_samples(queries), args.repeats)
        # exact reference for sklearn's own (isotropic) problem from a brute-force leaf (no pruning)
        exact = KernelDensity(kernel="gaussian", bandwidth=h, leaf_size=args.n).fit(data).score_samples(queries[:50])
        err = float(np.max(np.abs(got[:50] - exact) / np.abs(exact)))
        print(json.dumps({"library": "sklearn.KernelDensity.score_samples", "d": d, "n": args.n, "m": args.m,
                          "bandwidth": h, "seconds": t_skl, "pairsPerSecond": pairs / t_skl,
                          "maxRelErrorVsExact(first 50 queries)": err}), flush=True)


if __name__ == "__main__":
    main()
