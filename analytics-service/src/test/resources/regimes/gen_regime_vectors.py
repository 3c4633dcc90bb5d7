#!/usr/bin/python3
"""Reference vectors for io.mlsyslab.analytics.regimes, computed independently with SciPy.

Run with Debian's python (numpy/scipy): /usr/bin/python3 gen_regime_vectors.py > regime-vectors.json
Thresholds use brentq on the digest's equations; ncx2 CDFs come from scipy.stats.ncx2; nearest-neighbour means
integrate (1 - F)^n with scipy.integrate.quad.
"""
import json
import numpy as np
from scipy.optimize import brentq
from scipy.integrate import quad
from scipy.stats import ncx2, chi2


def psi(l, s=1.0):
    return -0.5 * (np.log1p(l) + l * s / (1 + l))


def lam_g(a):
    return brentq(lambda l: np.log1p(l) - l / (1 + l) ** 2 - 2 * a, 1e-14, 1e12, xtol=1e-300, rtol=1e-15, maxiter=500)


def thresholds(a):
    lg = lam_g(a)
    hg = 1 / np.sqrt(lg)
    lv = brentq(lambda l: psi(2 * l) - 2 * psi(l) - a, 1e-14, 1e12, xtol=1e-300, rtol=1e-15, maxiter=500)
    rmin = 1 / (1 + lg) + 1 / (1 + lg) ** 2
    t = hg ** 2
    return dict(alpha=a, lambdaG=lg, hG=hg, hClt=np.sqrt(2) * hg, hVar=1 / np.sqrt(lv), hKl=np.sqrt(rmin), rMin=rmin,
                klAtHKl=a + 0.5 * np.log(rmin), klAtHG=0.5 * (np.log1p(t) - t / (1 + t)),
                scott=np.exp(-a), diffusion=1 / np.sqrt(np.expm1(2 * a)))


def curves(a, ratios):
    lg = lam_g(a)
    hg = 1 / np.sqrt(lg)
    emin = 0.5 * (1 / (1 + lg) + 1 / (1 + lg) ** 2)
    out = []
    for r in ratios:
        h = r * hg
        l = 1 / h ** 2
        f1 = 0.0 if l <= lg else -l * emin - a - psi(l)
        f2 = 0.0 if 2 * l <= lg else -2 * l * emin - a - psi(2 * l)
        kl = 0.5 * (np.log1p(h * h) - h * h / (1 + h * h)) if l <= lg else -0.5 + a + np.log(h) + l * emin
        out.append(dict(ratio=r, h=h, f1=f1, f2=f2, kl=kl, y2=max(0.0, 1 - r * r)))
    return out


def nn_mean_per_dim(n, d, nc):
    def surv(t):
        f = ncx2.cdf(t, d, nc) if nc > 0 else chi2.cdf(t, d)
        return np.exp(n * np.log1p(-f)) if f < 1 else 0.0
    # integrate where the survival falls from 1 to 0
    mean = d + nc
    hi = mean + 60 * np.sqrt(2 * (d + 2 * nc))
    val, _ = quad(surv, 0, hi, limit=500, epsabs=1e-13, epsrel=1e-12, points=[mean * 0.2, mean * 0.4, mean * 0.6])
    return val / d


def nn_over_queries(n, d, k=64):
    qs = [chi2.ppf((i + 0.5) / k, d) for i in range(k)]
    return float(np.mean([nn_mean_per_dim(n, d, q) for q in qs]))


table_alphas = [0.1, 0.25, 0.35, 0.5, 0.7, 1.0, 1.5, 2.0]
ncx2_cases = [(20, 20.0, 4.0), (20, 20.0, 9.5), (20, 20.0, 40.0), (40, 40.0, 30.0), (40, 33.0, 45.0), (5, 0.0, 2.0),
              (5, 3.0, 0.05), (1, 2.0, 1.0), (100, 100.0, 60.0), (28, 28.0, 11.0)]
nn_cases = [(22026, 20, 20.0), (22026, 40, 40.0), (403, 12, 12.0), (1000, 5, 3.0), (22026, 20, 26.0)]
out = dict(
    thresholds=[thresholds(a) for a in table_alphas],
    curvesAlpha05=curves(0.5, [0.5, 0.7, 0.8, 0.9, 1.0, 1.2, 1.414, 2.0]),
    ncx2=[dict(k=k, nc=nc, x=x, cdf=float(ncx2.cdf(x, k, nc) if nc > 0 else chi2.cdf(x, k))) for k, nc, x in ncx2_cases],
    nearestNeighbour=[dict(n=n, d=d, nc=nc, meanPerDim=nn_mean_per_dim(n, d, nc)) for n, d, nc in nn_cases],
    nearestNeighbourOverQueries=[dict(n=n, d=d, meanPerDim=nn_over_queries(n, d)) for n, d in [(22026, 20), (22026, 40)]],
)


def clean(o):
    if isinstance(o, dict):
        return {k: clean(v) for k, v in o.items()}
    if isinstance(o, list):
        return [clean(v) for v in o]
    if isinstance(o, (np.floating, float)):
        return float(repr(float(o)))
    return o


print(json.dumps(clean(out), indent=1))
