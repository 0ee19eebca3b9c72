#!/usr/bin/env python3
"""The numpy side of run.sh: the same measurements as mlmath-bench, printed in the same format.

Usage: bench_numpy.py DATA_DIR   (DATA_DIR holds the fit data sets mlmath-bench wrote)
Each line: name, n, seconds (fastest of the repeats after one warm-up), bytes/s.
"""
import sys
import time

import numpy as np
import scipy.optimize as so
import scipy.special as sp


def timed(repeats, fn):
    fn()
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return min(samples)


def report(name, n, seconds, nbytes):
    rate = f"{nbytes / seconds:.3e}" if nbytes else "-"
    print(f"{name}\t{n}\t{seconds:.6e}\t{rate}", flush=True)


def softmax(x):
    e = np.exp(x - x.max())
    return e / e.sum()


def logsumexp(x):
    m = x.max()
    return m + np.log(np.sum(np.exp(x - m)))


for n in [1_000_000, 10_000_000]:
    x = np.random.default_rng(1).standard_normal(n)
    target = np.empty_like(x)
    repeats = 11 if n >= 10_000_000 else 41
    nbytes = 8 * n
    report("bandwidth-sum", n, timed(repeats, lambda: x.sum()), nbytes)
    report("bandwidth-copy", n, timed(repeats, lambda: np.copyto(target, x)), 2 * nbytes)
    report("l1-norm", n, timed(repeats, lambda: np.linalg.norm(x, 1)), nbytes)
    report("l2-norm", n, timed(repeats, lambda: np.linalg.norm(x)), nbytes)
    report("logsumexp", n, timed(repeats, lambda: logsumexp(x)), nbytes)
    report("softmax", n, timed(repeats, lambda: softmax(x)), 2 * nbytes)

data_dir = sys.argv[1]


def load(name, classes):
    X = np.fromfile(f"{data_dir}/{name}-X.f64", dtype="<f8").reshape(-1, 20)
    y = np.fromfile(f"{data_dir}/{name}-y.f64", dtype="<f8").astype(int)
    return X, y


lam = 1e-3
X, y = load("binary", 2)
n = len(y)


def logistic(theta):
    w, b = theta[:-1], theta[-1]
    z = X @ w + b
    loss = np.mean(np.logaddexp(0, z) - y * z) + lam / 2 * w @ w
    g = sp.expit(z) - y
    return loss, np.append(X.T @ g / n + lam * w, g.mean())


def fit_logistic():
    return so.minimize(logistic, np.zeros(21), jac=True, method="L-BFGS-B",
                       options={"ftol": 0, "gtol": 1e-8, "maxiter": 10000})


res = fit_logistic()
report("logistic-fit", n, timed(5, fit_logistic), 0)
print(f"# logistic (scipy L-BFGS-B): {res.nit} iterations, gradient norm {np.linalg.norm(res.jac):.2e}")

Xs, ys = load("multi", 3)
Y = np.eye(3)[ys]


def softmax_obj(theta):
    T = theta.reshape(3, 21)
    W, b = T[:, :20], T[:, 20]
    Z = Xs @ W.T + b
    loss = np.mean(sp.logsumexp(Z, axis=1) - Z[np.arange(n), ys]) + lam / 2 * np.sum(W * W)
    G = (sp.softmax(Z, axis=1) - Y) / n
    return loss, np.hstack([G.T @ Xs + lam * W, G.sum(axis=0)[:, None]]).ravel()


def fit_softmax():
    return so.minimize(softmax_obj, np.zeros(63), jac=True, method="L-BFGS-B",
                       options={"ftol": 0, "gtol": 1e-8, "maxiter": 10000})


res = fit_softmax()
report("softmax-fit", n, timed(5, fit_softmax), 0)
print(f"# softmax (scipy L-BFGS-B): {res.nit} iterations, gradient norm {np.linalg.norm(res.jac):.2e}")
try:
    from sklearn.linear_model import LogisticRegression

    def sk():
        return LogisticRegression(C=1 / (n * lam), tol=1e-10, max_iter=10000).fit(X, y)

    report("sklearn-logistic-fit", n, timed(5, sk), 0)

    def sk3():
        return LogisticRegression(C=1 / (n * lam), tol=1e-10, max_iter=10000).fit(Xs, ys)

    report("sklearn-softmax-fit", n, timed(5, sk3), 0)
except ImportError:
    print("# scikit-learn not installed: its fits are skipped")
