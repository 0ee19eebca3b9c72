#!/usr/bin/env bash
# A newcomer's first site, phase by phase: a clean clone of this repository, then `make site`
# (Debian packages, the `folio` make site builds, its first `folio build`, then `folio serve`'s
# server, which make site builds once the site is written), beside the peer's own first
# site (a venv with the pinned Jupyter Book from PyPI, then its cold build).
#
#   Tests/Benchmarks/fresh.sh            one clone of HEAD into WORK (/tmp/folio-fresh)
#   RUNS=2 Tests/Benchmarks/fresh.sh     more clones, one after another (each starts from nothing)
#
# Each phase is timed with `date +%s.%N`. The Debian packages are those the machine already has
# (`make deps` then only checks): a machine without them also pays apt's download and install.
# SwiftPM resolves the clone's dependencies from scratch (its own .build), as on a new machine;
# nothing of this checkout's .build is used.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=${WORK:-/tmp/folio-fresh}
RUNS=${RUNS:-1}
ANCHORS=${ANCHORS:-$ROOT/../shared/anchors}

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

for ((run = 1; run <= RUNS; run++)); do
  rm -rf "$WORK"
  mkdir -p "$WORK"
  git clone -q "$ROOT" "$WORK/main"
  [ -e "$WORK/shared" ] || ln -s "$(cd "$ROOT/.." && pwd)/shared" "$WORK/shared"
  cd "$WORK/main"
  t0=$(now)
  make -s deps >"$WORK/deps.log" 2>&1
  t1=$(now)
  make -s folio >"$WORK/build.log" 2>&1
  t2=$(now)
  .build/release/folio build --timings >"$WORK/first.log" 2>&1
  t3=$(now)
  # What `make site` does once the site is written: `folio serve`'s server.
  make -s build >>"$WORK/build.log" 2>&1
  t4=$(now)
  echo "folio run $run: first site $(elapsed "$t0" "$t3") s = deps $(elapsed "$t0" "$t1") + folio build $(elapsed "$t1" "$t2") + first folio build $(elapsed "$t2" "$t3"); then folio-serve $(elapsed "$t3" "$t4") (make site $(elapsed "$t0" "$t4"))"
  grep -E '^  [a-z]+ +[0-9.]+ s$' "$WORK/first.log" | tr -s ' ' | sed 's/^/  first build: /'

  if [ -f "$ANCHORS/requirements.txt" ] && [ -d "$ANCHORS/jupyter-book" ]; then
    rm -rf "$WORK/peer"
    mkdir -p "$WORK/peer"
    cp -r "$ANCHORS/jupyter-book" "$WORK/peer/book"
    rm -rf "$WORK/peer/book/_build"
    p0=$(now)
    python3 -m venv "$WORK/peer/venv"
    "$WORK/peer/venv/bin/pip" install -q --no-cache-dir -r "$ANCHORS/requirements.txt" >"$WORK/peer/pip.log" 2>&1
    p1=$(now)
    (cd "$WORK/peer/book" && "$WORK/peer/venv/bin/jupyter-book" build . >"$WORK/peer/build.log" 2>&1)
    p2=$(now)
    echo "peer run $run: first site $(elapsed "$p0" "$p2") s = pip install $(elapsed "$p0" "$p1") + cold build $(elapsed "$p1" "$p2")"
  fi
done
