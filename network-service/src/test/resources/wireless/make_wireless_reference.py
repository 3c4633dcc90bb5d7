#!/usr/bin/python3
"""Independent reference values for the wireless cross-layer engine tests.

Run with Debian's Python (numpy, scipy):  /usr/bin/python3 make_wireless_reference.py
Writes wireless_reference.json next to this script. Nothing here shares code with the Java engine: Bessel J0,
Student t quantiles, I0e and Gauss-Legendre rules come from scipy/numpy; the TFRC equation and the RFC 5348 loss-interval
average are transcribed from the RFC text; LZG spectral efficiencies are integrated numerically (scipy.integrate.quad
over the Rayleigh pdf) instead of using the closed forms; expected PER under a Gaussian channel prediction is
integrated against scipy's noncentral chi-square density.
"""
import json
import math
import os

import numpy as np
from scipy import integrate, special, stats

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "wireless_reference.json")

LZG = [  # (bits/symbol, a_n, g_n), digest section 2.3
    (0.5, 274.7229, 7.9932),
    (1.0, 90.2514, 3.4998),
    (1.5, 67.6181, 1.6883),
    (2.25, 50.1222, 0.6644),
    (3.0, 53.3987, 0.3756),
    (4.5, 35.3508, 0.0900),
]


def tfrc_rate(s, rtt, p):
    """RFC 5348 section 3.1 with b = 1 and t_RTO = 4R."""
    b = 1.0
    t_rto = 4.0 * rtt
    return s / (rtt * math.sqrt(2 * b * p / 3) + t_rto * (3 * math.sqrt(3 * b * p / 8)) * p * (1 + 32 * p * p))


def rfc5348_mean_interval(intervals):
    """RFC 5348 section 5.4 pseudo-code; intervals[0] is I_0 (open), then I_1..I_k newest first."""
    w = [1.0, 1.0, 1.0, 1.0, 0.8, 0.6, 0.4, 0.2]
    k = len(intervals) - 1
    i_tot0 = 0.0
    i_tot1 = 0.0
    w_tot = 0.0
    for i in range(0, k):
        i_tot0 += intervals[i] * w[i]
        w_tot += w[i]
    for i in range(1, k + 1):
        i_tot1 += intervals[i] * w[i - 1]
    return max(i_tot0, i_tot1) / w_tot


def per(mode, gamma):
    _, a, g = mode
    return min(1.0, a * math.exp(-g * gamma))


def lzg_numeric(mean_snr, loss, n_max):
    """Rate-weighted average PER and spectral efficiency by numerical integration over the Rayleigh pdf."""
    p0 = loss ** (1.0 / (n_max + 1))
    thresholds = [math.log(a / p0) / g for (_, a, g) in LZG] + [math.inf]
    pdf = lambda x: math.exp(-x / mean_snr) / mean_snr
    rate_prob = 0.0
    rate_per = 0.0
    for n, mode in enumerate(LZG):
        lo, hi = thresholds[n], thresholds[n + 1]
        prob, _ = integrate.quad(pdf, lo, hi, epsabs=1e-14, epsrel=1e-12, limit=200)
        perint, _ = integrate.quad(lambda x: per(mode, x) * pdf(x), lo, hi, epsabs=1e-16, epsrel=1e-12, limit=200)
        rate_prob += mode[0] * prob
        rate_per += mode[0] * perint
    avg_per = rate_per / rate_prob
    mean_tx = sum(avg_per ** k for k in range(n_max + 1))
    return p0, avg_per, rate_prob / mean_tx


def expected_per(mode_index, mean_snr_db, mean_abs, variance):
    """E[min(1, a exp(-g gamma_bar |h|^2))] with h ~ CN(mu, P): 2|h|^2/P is noncentral chi-square(2, 2|mu|^2/P)."""
    gbar = 10 ** (mean_snr_db / 10)
    mode = LZG[mode_index]
    nc = 2 * mean_abs ** 2 / variance
    dist = stats.ncx2(df=2, nc=nc) if nc > 0 else stats.chi2(df=2)
    f = lambda y: per(mode, gbar * y * variance / 2) * dist.pdf(y)
    kink = 2 * math.log(mode[1]) / mode[2] / (gbar * variance)
    hi = dist.ppf(1 - 1e-15)
    parts = sorted({0.0, min(kink, hi), hi})
    total = 0.0
    for lo, up in zip(parts, parts[1:]):
        v, _ = integrate.quad(f, lo, up, epsabs=1e-13, epsrel=1e-10, limit=400)
        total += v
    return total


def main():
    rng = np.random.default_rng(20261127)
    ref = {}

    xs = [0.0, 1e-3, 0.1, 0.5, 1.0, 2.404825557695773, 3.0, 5.0, 7.9, 10.0, 11.9, 12.0, 12.1, 15.0, 20.0, 25.0,
          37.3, 50.0, 100.0, 2 * math.pi * 23.1 * 0.002, 2 * math.pi * 23.1 * 0.010]
    ref["besselJ0"] = [{"x": x, "j0": float(special.j0(x))} for x in xs]

    ref["tfrc"] = [{"s": s, "rtt": r, "p": p, "rate": tfrc_rate(s, r, p)}
                   for s in (135, 1350, 1460) for r in (0.01, 0.05, 0.1, 0.3)
                   for p in (1e-5, 1e-4, 1e-3, 0.01, 0.05, 0.1, 0.3, 1.0)]
    ref["tfrcDigestExamplesMbps"] = [{"p": p, "mbps": tfrc_rate(1460, 0.1, p) * 8 / 1e6} for p in (0.001, 0.01, 0.05)]

    cases = []
    for k in range(1, 9):
        for _ in range(4):
            closed = [float(v) for v in rng.integers(1, 400, size=k)]
            open_interval = float(rng.integers(1, 800))
            intervals = [open_interval] + closed
            cases.append({"intervals": intervals, "mean": rfc5348_mean_interval(intervals)})
    ref["lossIntervals"] = cases

    ref["lzgThresholdsDb"] = [{"p0": p0, "db": [10 * math.log10(math.log(a / p0) / g) for (_, a, g) in LZG]}
                              for p0 in (0.01, 0.01 ** (1 / 3))]
    ref["lzgFloorDb"] = [10 * math.log10(math.log(a) / g) for (_, a, g) in LZG]
    lzg = []
    for snr_db in (5, 10, 15, 20, 25):
        for n_max in range(4):
            p0, avg_per, se = lzg_numeric(10 ** (snr_db / 10), 0.01, n_max)
            lzg.append({"meanSnrDb": snr_db, "retryLimit": n_max, "p0": p0, "averagePer": avg_per,
                        "spectralEfficiency": se})
    ref["lzgRayleigh"] = lzg

    ref["studentT975"] = [{"dof": d, "t": float(stats.t.ppf(0.975, d))} for d in list(range(1, 31)) + [40, 60, 120]]

    nodes, weights = np.polynomial.legendre.leggauss(48)
    ref["gaussLegendre48"] = {"nodes": nodes.tolist(), "weights": weights.tolist()}
    ref["besselI0e"] = [{"x": x, "i0e": float(special.i0e(x))} for x in (0.0, 0.5, 1.0, 3.0, 3.74, 3.76, 5.0, 10.0,
                                                                          50.0, 300.0, 5000.0)]

    ep = []
    for mode_index, snr_db, mean_abs, variance in [(0, 10, 0.5, 0.05), (1, 15, 0.8, 0.1), (2, 15, 1.0, 0.02),
                                                   (3, 20, 1.2, 0.09), (5, 25, 1.0, 0.2), (2, 10, 0.0, 1.0),
                                                   (4, 20, 0.9, 0.3), (1, 5, 1.5, 0.01)]:
        ep.append({"mode": mode_index, "meanSnrDb": snr_db, "meanAbs": mean_abs, "variance": variance,
                   "expectedPer": expected_per(mode_index, snr_db, mean_abs, variance)})
    ref["expectedPer"] = ep

    data = rng.exponential(0.05, size=257)
    ref["percentiles"] = {"data": data.tolist(),
                          "q": [0.0, 0.1, 0.5, 0.95, 0.99, 1.0],
                          "values": [float(np.percentile(data, 100 * q)) for q in (0.0, 0.1, 0.5, 0.95, 0.99, 1.0)]}

    with open(OUT, "w") as f:
        json.dump(ref, f, indent=1)
        f.write("\n")
    print("wrote", OUT, os.path.getsize(OUT), "bytes")


if __name__ == "__main__":
    main()
