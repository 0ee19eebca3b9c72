#!/usr/bin/env bash
# Runs mlmath-bench (release build) and the equivalent numpy script side by side and prints one table:
# the fastest of several runs for each, the ratio MLMath/numpy, and bytes/s against the measured memory bandwidth.
#
#   Tests/Benchmarks/mlmath/run.sh
# Environment: PYTHON (default python3; needs numpy and scipy, scikit-learn optional),
# MLMATH_BENCH (a prebuilt mlmath-bench binary; default: swift build -c release --product mlmath-bench).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
python="${PYTHON:-python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ -z "${MLMATH_BENCH:-}" ]; then
  (cd "$root" && swift build -c release --product mlmath-bench >&2)
  MLMATH_BENCH="$root/.build/release/mlmath-bench"
fi

echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
"$MLMATH_BENCH" --data-dir "$work" > "$work/swift.tsv"
"$python" "$here/bench_numpy.py" "$work" > "$work/numpy.tsv"
grep '^#' "$work/swift.tsv" | grep -v sink | sed 's/^# /# MLMath /' || true
grep '^#' "$work/numpy.tsv" | sed 's/^# /# numpy /' || true

"$python" - "$work/swift.tsv" "$work/numpy.tsv" <<'PY'
import sys

def read(path):
    rows = {}
    for line in open(path):
        if line.startswith("#") or not line.strip():
            continue
        name, n, seconds, rate = line.rstrip("\n").split("\t")
        rows[(name, int(n))] = (float(seconds), None if rate == "-" else float(rate))
    return rows

swift, numpy = read(sys.argv[1]), read(sys.argv[2])
print(f"{'measurement':<22}{'n':>10}{'MLMath s':>12}{'numpy s':>12}{'ratio':>8}"
      f"{'MLMath GB/s':>13}{'numpy GB/s':>12}{'% of bw':>9}")
for key in list(swift) + [k for k in numpy if k not in swift]:
    name, n = key
    s = swift.get(key)
    p = numpy.get(key)
    ratio = f"{s[0] / p[0]:.2f}" if s and p else "-"
    srate = f"{s[1] / 1e9:.1f}" if s and s[1] else "-"
    prate = f"{p[1] / 1e9:.1f}" if p and p[1] else "-"
    bw = swift.get(("bandwidth-sum", n))
    share = f"{100 * s[1] / bw[1]:.0f}%" if s and s[1] and bw and not name.startswith("bandwidth") else "-"
    st = f"{s[0]:.2e}" if s else "-"
    pt = f"{p[0]:.2e}" if p else "-"
    print(f"{name:<22}{n:>10}{st:>12}{pt:>12}{ratio:>8}{srate:>13}{prate:>12}{share:>9}")
print("ratio = MLMath seconds / numpy seconds (below 1: MLMath faster). % of bw = MLMath bytes/s over "
      "MLMath's own plain-sum read bandwidth at the same n (1e6 doubles = 8 MB fit in cache; 1e7 do not).")
print("Fits: MLMath uses Newton's method to ‖∇‖ ≤ 1e-8; numpy side is scipy L-BFGS-B to gtol 1e-8 on the "
      "same objective and data, and scikit-learn's LogisticRegression when installed.")
PY
