#!/usr/bin/python3
"""Reference log-densities for the KDE engine tests, from SciPy and scikit-learn (Debian's /usr/bin/python3).

Writes one JSON file per case to analytics-service/src/test/resources/kde/. Every case carries its data, query
points, kernel, bandwidth and the reference values, so the Java test needs nothing else. -inf is written as null.

    /usr/bin/python3 analytics-service/scripts/kde_reference_vectors.py
"""
import json
import os

import numpy as np
import scipy
import sklearn
from scipy import optimize, stats
from scipy.special import logsumexp
from sklearn.neighbors import KernelDensity

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "kde")
VERSIONS = f"scipy {scipy.__version__}, scikit-learn {sklearn.__version__}, numpy {np.__version__}"


def finite_or_none(values):
    return [None if not np.isfinite(v) else float(v) for v in values]


def write(name, **case):
    case["generator"] = "analytics-service/scripts/kde_reference_vectors.py (" + VERSIONS + ")"
    for key in ("data", "queries"):
        if key in case:
            case[key] = [float(v) for v in np.asarray(case[key]).ravel()]
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(case, f, separators=(",", ":"))


def scipy_case(name, rng, n, d, m, method, offset=0.0, corr=True):
    a = rng.normal(size=(d, d)) * 0.5 + np.eye(d) if corr else np.eye(d)
    data = rng.normal(size=(n, d)) @ a.T + offset
    queries = rng.normal(size=(m, d)) @ a.T * 1.3 + offset
    kde = stats.gaussian_kde(data.T, bw_method=method)
    write(name, source="scipy.stats.gaussian_kde(bw_method=%r).logpdf" % method, n=n, d=d, m=m,
          kernel="gaussian", rule=method, data=data, queries=queries,
          bandwidth={"full": [float(v) for v in kde.covariance.ravel()]},
          logDensity=finite_or_none(kde.logpdf(queries.T)))


def sklearn_case(name, rng, n, d, m, kernel, h, data=None, queries=None):
    if data is None:
        data = rng.normal(size=(n, d))
    if queries is None:
        queries = rng.normal(size=(m, d)) * 1.2
    # leaf_size >= n puts every point in one leaf, so the tree never prunes. With the default leaf_size=40,
    # scikit-learn 1.2.1 prunes nodes whose kernel values underflow and is off by 17-100 % at small h or large d
    # (checked against explicit numpy log-sum-exp when these vectors were made); rtol=atol=0 does not prevent it.
    kde = KernelDensity(kernel=kernel, bandwidth=h, leaf_size=len(data)).fit(data)
    write(name, source="sklearn.neighbors.KernelDensity(kernel=%r, bandwidth=%r, leaf_size=n).score_samples"
          % (kernel, h),
          n=len(data), d=d, m=len(queries), kernel=kernel, bandwidth={"isotropic": h}, data=data, queries=queries,
          logDensity=finite_or_none(kde.score_samples(queries)))


def student_t_case(name, rng, n, d, m, nu, shape):
    data = rng.normal(size=(n, d))
    queries = rng.normal(size=(m, d)) * 2.0
    # independent route: SciPy's multivariate t density centred on every data point, then log-mean-exp
    per_point = np.stack([stats.multivariate_t(loc=y, shape=shape, df=nu).logpdf(queries) for y in data])
    write(name, source="scipy.stats.multivariate_t(df=%r).logpdf, log-mean-exp over points" % nu,
          n=n, d=d, m=m, kernel="student-t", degreesOfFreedom=nu, data=data, queries=queries,
          bandwidth={"full": [float(v) for v in np.asarray(shape).ravel()]},
          logDensity=finite_or_none(logsumexp(per_point, axis=0) - np.log(n)))


def loo_gaussian_diag(data, h):
    """Σ_i ln( (1/(n-1)) Σ_{j≠i} N(y_i; y_j, diag(h²)) ) by explicit differences (no expansion)."""
    n, d = data.shape
    diff = (data[:, None, :] - data[None, :, :]) / h
    logk = -0.5 * np.sum(diff * diff, axis=2) - 0.5 * d * np.log(2 * np.pi) - np.sum(np.log(h))
    np.fill_diagonal(logk, -np.inf)
    per = logsumexp(logk, axis=1) - np.log(n - 1)
    return per


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20240811)

    scipy_case("scipy_scott_d2", rng, 500, 2, 40, "scott")
    scipy_case("scipy_silverman_d5", rng, 400, 5, 40, "silverman")
    scipy_case("scipy_scott_d10_offset", rng, 300, 10, 30, "scott", offset=250.0)

    sklearn_case("sklearn_gaussian_d3", rng, 400, 3, 40, "gaussian", 0.35)
    sklearn_case("sklearn_gaussian_tiny_h_d4", rng, 300, 4, 30, "gaussian", 1e-3)
    sklearn_case("sklearn_gaussian_d200", rng, 100, 200, 10, "gaussian", 1.5)
    eq = rng.normal(size=(30, 3)) * 1.2
    eq[-5:] += 20.0  # far queries: outside the support, log-density -inf
    sklearn_case("sklearn_epanechnikov_d3", rng, 400, 3, 30, "epanechnikov", 0.8, queries=eq)
    base = rng.normal(size=(60, 6))
    dup = np.concatenate([base, base, base[:20]])  # every point at least twice
    sklearn_case("sklearn_gaussian_duplicates_d6", rng, len(dup), 6, 25, "gaussian", 0.05, data=dup,
                 queries=np.concatenate([base[:15], rng.normal(size=(10, 6))]))

    shape = np.array([[0.30, 0.05, 0.0], [0.05, 0.20, 0.02], [0.0, 0.02, 0.25]])
    student_t_case("student_t_full_d3", rng, 200, 3, 25, 5.0, shape)

    # leave-one-out log-likelihood with a diagonal bandwidth
    loo_data = rng.normal(size=(150, 4)) * np.array([1.0, 0.5, 2.0, 1.5])
    loo_h = np.array([0.4, 0.25, 0.9, 0.6])
    write("loo_gaussian_diagonal_d4", source="explicit numpy leave-one-out sums", n=150, d=4, kernel="gaussian",
          data=loo_data, bandwidth={"diagonal": [float(v) for v in loo_h]},
          looLogDensity=finite_or_none(loo_gaussian_diag(loo_data, loo_h)))

    # likelihood cross-validation (what statsmodels' KDEMultivariate(bw='cv_ml') maximises), isotropic and
    # diagonal, optimised tightly with SciPy so the Java optimiser can be checked against the optimum
    cv_data = rng.normal(size=(120, 3)) * np.array([1.0, 0.6, 1.4])
    iso = optimize.minimize_scalar(lambda t: -np.sum(loo_gaussian_diag(cv_data, np.full(3, np.exp(t)))),
                                   bounds=(np.log(0.01), np.log(5.0)), method="bounded",
                                   options={"xatol": 1e-10})
    std = cv_data.std(axis=0, ddof=1)
    start = np.log(1.06 * std * len(cv_data) ** (-1.0 / (4 + 3)))
    diag = optimize.minimize(lambda t: -np.sum(loo_gaussian_diag(cv_data, np.exp(t))), start,
                             method="Nelder-Mead", options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 20000})
    write("cv_ml_gaussian_d3", source="scipy.optimize on explicit numpy leave-one-out log-likelihood", n=120, d=3,
          kernel="gaussian", data=cv_data,
          isotropicH=float(np.exp(iso.x)), isotropicLoo=float(-iso.fun),
          diagonalH=[float(v) for v in np.exp(diag.x)], diagonalLoo=float(-diag.fun))


if __name__ == "__main__":
    main()
