#!/usr/bin/env python3
"""Computes, outside the project, the reference values that Tests/MLMathTests compare against.

Run with a Python that has numpy, scipy and scikit-learn (for example a venv):
    python3 Tests/Benchmarks/mlmath/reference_values.py
The data sets are built from exact formulas that the Swift tests repeat (see TestData.swift),
so both sides see bit-identical inputs.
"""
import math

import numpy as np
import scipy
import scipy.optimize as so
import scipy.special as sp
import sklearn
from sklearn.linear_model import Lasso, LogisticRegression, Ridge
from sklearn.metrics import log_loss

np.set_printoptions(precision=17)
print("# numpy", np.__version__, "scipy", scipy.__version__, "scikit-learn", sklearn.__version__)


def r(x):
    return repr(float(x))


def vec(v):
    return "[" + ", ".join(r(x) for x in v) + "]"


# --- data sets (TestData.swift repeats these formulas) ---
def regression_data():
    n, d = 40, 6
    X = np.zeros((n, d))
    for i in range(n):
        for j in range(d):
            X[i, j] = (((i * 37 + j * 11 + 5) % 17) - 8) / 4 + (((i * i * 7 + j * j * 3 + i * j) % 13) - 6) / 6
    y = np.zeros(n)
    for i in range(n):
        y[i] = 1.5 * X[i, 0] - 2 * X[i, 1] + 0.5 * X[i, 2] + 0.3 + ((i * 13) % 7 - 3) / 10
    return X, y


def classification_data(classes):
    n, d = 60, 3
    X = np.zeros((n, d))
    for i in range(n):
        for j in range(d):
            X[i, j] = (((i * 29 + j * 17 + 3) % 23) - 11) / 5 + (((i * j * 5 + i + 2 * j) % 11) - 5) / 7
    y = []
    for i in range(n):
        if classes == 2:
            s = X[i, 0] - 0.5 * X[i, 1] + 0.25 * X[i, 2]
            label = 1 if s > 0 else 0
            if i % 7 == 0:
                label = 1 - label
        else:
            scores = [X[i, 0], X[i, 1] - 0.5, -X[i, 0] - X[i, 1] + X[i, 2] * 0.5]
            label = int(np.argmax(scores))
            if i % 9 == 0:
                label = (label + 1) % 3
        y.append(label)
    return X, np.array(y)


X, y = regression_data()
print("# regression data rank", np.linalg.matrix_rank(X))

print("\n## seed figures (scikit-learn log_loss)")
print("binary", r(log_loss([1, 0, 1, 1, 0], [0.9, 0.1, 0.8, 0.7, 0.3])))
P = np.array([[0.9, 0.05, 0.05], [0.1, 0.1, 0.8], [0.2, 0.7, 0.1], [0.05, 0.1, 0.85]])
print("multi ", r(-np.mean(np.log(P[np.arange(4), [0, 2, 1, 2]]))))

print("\n## norms (numpy.linalg.norm)")
print("l2 [1e200,1e200]", r(np.linalg.norm([1e200, 1e200])), "hypot", r(math.hypot(1e200, 1e200)))
print("l2 [1e-200,1e-200]", r(math.hypot(1e-200, 1e-200)))
print("p3 [1,2,3]", r(np.linalg.norm([1.0, 2.0, 3.0], 3)))
print("p0.5 [1,4]", r(np.sum(np.sqrt([1.0, 4.0])) ** 2))
print("l2 [1,2,3,4,5,6,7,8,9]", r(np.linalg.norm(np.arange(1.0, 10.0))))
print("fro [[1e200,-1e200],[1e200,1e200]]", r(math.hypot(math.hypot(1e200, 1e200), math.hypot(1e200, 1e200))))

print("\n## softmax / logsumexp (scipy.special)")
print("softmax [1000,1001,1002]", vec(sp.softmax([1000.0, 1001.0, 1002.0])))
print("lse [1000,1001,1002]", r(sp.logsumexp([1000.0, 1001.0, 1002.0])))
print("lse [-1000,-1000]", r(sp.logsumexp([-1000.0, -1000.0])))
print("softmax [1,2,3]", vec(sp.softmax([1.0, 2.0, 3.0])))
print("expit(-700)", r(sp.expit(-700.0)), "expit(30)", r(sp.expit(30.0)))
print("log_expit(-1000)", r(sp.log_expit(-1000.0)), "log_expit(50)", r(sp.log_expit(50.0)),
      "log_expit(-20)", r(sp.log_expit(-20.0)))
z = np.array([2.0, -1.0, 0.5])
print("softmaxCE z=[2,-1,0.5] y=2 loss", r(sp.logsumexp(z) - z[2]), "grad", vec(sp.softmax(z) - np.eye(3)[2]))
zb = np.array([1000.0, -3.0, 0.25, 0.0])
yb = np.array([0.0, 1.0, 0.3, 1.0])
print("bce logits", r(np.mean(np.logaddexp(0, zb) - zb * yb)))

print("\n## ridge (scikit-learn Ridge, solver='cholesky')")
for alpha, fi in [(1.0, True), (0.0, True), (10.0, False)]:
    m = Ridge(alpha=alpha, fit_intercept=fi, solver="cholesky").fit(X, y)
    print(f"alpha={alpha} fit_intercept={fi} w={vec(m.coef_)} b={r(m.intercept_)}")

print("\n## lasso (scikit-learn Lasso, tol=1e-15, max_iter=10**7)")


def lasso_objective(w, b, alpha):
    res = y - X @ w - b
    return res @ res / (2 * len(y)) + alpha * np.abs(w).sum()


for alpha, fi in [(0.1, True), (0.5, True), (0.05, False)]:
    m = Lasso(alpha=alpha, fit_intercept=fi, tol=1e-15, max_iter=10**7).fit(X, y)
    print(f"alpha={alpha} fit_intercept={fi} w={vec(m.coef_)} b={r(m.intercept_)} "
          f"objective={r(lasso_objective(m.coef_, m.intercept_, alpha))}")


print("\n## logistic regression (scipy L-BFGS-B on the same objective; scikit-learn with C = 1/(n*lambda))")
Xc, yc = classification_data(2)
n = len(yc)


def logistic(theta, lam):
    w, b = theta[:-1], theta[-1]
    z = Xc @ w + b
    loss = np.mean(np.logaddexp(0, z) - yc * z) + lam / 2 * w @ w
    g = sp.expit(z) - yc
    grad = np.append(Xc.T @ g / n + lam * w, g.mean())
    return loss, grad


for lam in [0.1, 0.0]:
    res = so.minimize(logistic, np.zeros(4), args=(lam,), jac=True, method="L-BFGS-B",
                      options={"ftol": 0, "gtol": 1e-13, "maxiter": 100000})
    print(f"lambda={lam} w={vec(res.x[:-1])} b={r(res.x[-1])} loss={r(res.fun)} "
          f"gradnorm={np.linalg.norm(res.jac):.2e}")
    if lam > 0:
        m = LogisticRegression(C=1 / (n * lam), tol=1e-12, max_iter=100000).fit(Xc, yc)
        print(f"  sklearn w={vec(m.coef_[0])} b={r(m.intercept_[0])}")
w0 = np.array([0.5, -0.25, 1.0])
print("loss+grad at w=[0.5,-0.25,1] b=0.1 lambda=0.2", logistic(np.append(w0, 0.1), 0.2)[0].__repr__(),
      vec(logistic(np.append(w0, 0.1), 0.2)[1]))

print("\n## softmax regression (scipy L-BFGS-B on the same objective; intercepts centred to sum 0)")
Xs, ys = classification_data(3)
K = 3
Y = np.eye(K)[ys]


def softmax_obj(theta, lam):
    T = theta.reshape(K, 4)
    W, b = T[:, :3], T[:, 3]
    Z = Xs @ W.T + b
    loss = np.mean(sp.logsumexp(Z, axis=1) - Z[np.arange(n), ys]) + lam / 2 * np.sum(W * W)
    G = (sp.softmax(Z, axis=1) - Y) / n
    gW = G.T @ Xs + lam * W
    gb = G.sum(axis=0)
    return loss, np.hstack([gW, gb[:, None]]).ravel()


print("labels", list(ys))
for lam in [0.1, 0.0]:
    res = so.minimize(softmax_obj, np.zeros(K * 4), args=(lam,), jac=True, method="L-BFGS-B",
                      options={"ftol": 0, "gtol": 1e-13, "maxiter": 100000})
    T = res.x.reshape(K, 4)
    T = T - T.mean(axis=0)  # the loss cannot see equal shifts of every class
    W, b = T[:, :3], T[:, 3]
    print(f"lambda={lam} W={vec(W.ravel())} b={vec(b)} loss={r(res.fun)} gradnorm={np.linalg.norm(res.jac):.2e}")
W0 = np.array([[0.5, -0.25, 1.0], [0.0, 0.75, -0.5], [-1.0, 0.25, 0.125]])
b0 = np.array([0.1, -0.2, 0.3])
l0, g0 = softmax_obj(np.hstack([W0, b0[:, None]]).ravel(), 0.2)
print("loss+grad at W0,b0 lambda=0.2", r(l0), vec(g0))

print("\n## xoshiro256** seeded by SplitMix64 (pure Python integers)")
M = (1 << 64) - 1


def splitmix(state):
    state = (state + 0x9E3779B97F4A7C15) & M
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return state, z ^ (z >> 31)


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M


def xoshiro(seed, count):
    st, s = seed, []
    for _ in range(4):
        st, v = splitmix(st)
        s.append(v)
    out = []
    for _ in range(count):
        out.append(rotl((s[1] * 5) & M, 7) * 9 & M)
        t = (s[1] << 17) & M
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
    return out


outs = xoshiro(42, 6)
print("seed 42 first 4:", [hex(v) for v in outs[:4]])
print("seed 0 first 2:", [hex(v) for v in xoshiro(0, 2)])
print("uniform seed 42 first:", r((outs[0] >> 11) * 2.0**-53))
# Marsaglia polar method, as nextNormal does it.
i = 0
while True:
    u = 2 * ((outs[i] >> 11) * 2.0**-53) - 1
    v = 2 * ((outs[i + 1] >> 11) * 2.0**-53) - 1
    i += 2
    s = u * u + v * v
    if 0 < s < 1:
        print("normal seed 42 first:", r(u * math.sqrt(-2 * math.log(s) / s)))
        break
