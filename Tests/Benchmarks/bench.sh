#!/usr/bin/env bash
# Times `folio build` on the book beside the peer (Jupyter Book, ../shared/anchors), interleaved.
#
#   Tests/Benchmarks/bench.sh                 every scenario, then the scaling run
#   Tests/Benchmarks/bench.sh cold code       only these (cold coldkeep coldlib firstbuild nochange prose
#                                             code mlmath scaling; coldkeep and firstbuild run only when named)
#   RUNS=5 Tests/Benchmarks/bench.sh          median of 5 runs (default 3)
#
# Environment: RUNS (3), WORK (/tmp/folio-bench: scratch; the book and the library sources are
# copied there so edits never touch the working tree), FOLIO (.build/optimised/release/folio, as make bench builds it), BOOK_REV
# (HEAD: the committed book.yml + chapters/ are benchmarked), EDIT_FILE (02-regularisation.md),
# ANCHORS (../shared/anchors), PEER_VENV (ANCHORS/.venv, else /tmp/anchors/.venv; make bench
# passes .build/peer-venv), SCALE
# ("10 50 200"), JOBS (cores). Each timed run is the whole `folio build` command, process start
# included, timed with `date +%s.%N` like the peer's script; the peer's runs are its own
# `bench.sh once <scenario>` (edit + build + restore), timed the same way.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/Tests/Benchmarks"
RUNS=${RUNS:-3}
WORK=${WORK:-/tmp/folio-bench}
FOLIO=${FOLIO:-$ROOT/.build/optimised/release/folio}
BOOK_REV=${BOOK_REV:-HEAD}
EDIT_FILE=${EDIT_FILE:-02-regularisation.md}
ANCHORS=${ANCHORS:-$ROOT/../shared/anchors}
SCALE=${SCALE:-10 50 200}
CORES=$(nproc)
JOBS=${JOBS:-$CORES}
LOG="$WORK/bench.log"

[ -x "$FOLIO" ] || { echo "no $FOLIO: run 'swift build --scratch-path .build/optimised -c release --product folio' (or make bench)" >&2; exit 2; }

SCENARIOS=("$@")
[ ${#SCENARIOS[@]} -gt 0 ] || SCENARIOS=(cold coldlib nochange prose code mlmath scaling)

# --- a scratch copy of the book with its package (book.yml says `package: .`) ----------------
mkdir -p "$WORK"
: >"$LOG"
BOOK="$WORK/book"
rm -rf "$BOOK/chapters" "$BOOK/book.yml" "$BOOK/Sources" "$BOOK/Package.swift"
mkdir -p "$BOOK"
git -C "$ROOT" archive "$BOOK_REV" book.yml chapters | tar -x -C "$BOOK"
git -C "$ROOT" archive HEAD Package.swift Sources | tar -x -C "$BOOK"
CHAPTER="$BOOK/chapters/$EDIT_FILE"
MLMATH_FILE="$BOOK/Sources/MLMath/${MLMATH_EDIT:-Norms/Vector+Norm.swift}"

# --- the peer -----------------------------------------------------------------------------------
PEER=""
if [ -x "$ANCHORS/jupyter-book/bench.sh" ]; then
  PEER_VENV=${PEER_VENV:-$ANCHORS/.venv}
  [ -x "$PEER_VENV/bin/jupyter-book" ] || PEER_VENV=/tmp/anchors/.venv
  if [ -x "$PEER_VENV/bin/jupyter-book" ]; then
    rm -rf "$WORK/anchors"
    mkdir -p "$WORK/anchors"
    cp "$ANCHORS"/*.* "$WORK/anchors/" 2>/dev/null || true
    cp -r "$ANCHORS/jupyter-book" "$WORK/anchors/jupyter-book"
    rm -rf "$WORK/anchors/jupyter-book/_build" "$WORK/anchors/jupyter-book/bench.log"
    PEER="$WORK/anchors/jupyter-book/bench.sh"
    PEER_VENV=$(cd "$PEER_VENV" && pwd)
  else
    echo "# peer: no venv with jupyter-book (see $ANCHORS/README.md); folio only" >&2
  fi
else
  echo "# peer: $ANCHORS not found; folio only" >&2
fi

# --- edits, always undone -----------------------------------------------------------------------
BACKUP_CH=$(mktemp)
BACKUP_ML=$(mktemp)
cp "$CHAPTER" "$BACKUP_CH"
cp "$MLMATH_FILE" "$BACKUP_ML"
restore() {
  cmp -s "$BACKUP_CH" "$CHAPTER" || cp "$BACKUP_CH" "$CHAPTER"
  cmp -s "$BACKUP_ML" "$MLMATH_FILE" || cp "$BACKUP_ML" "$MLMATH_FILE"
}
trap 'restore; rm -f "$BACKUP_CH" "$BACKUP_ML"' EXIT
trap 'exit 130' INT TERM

# What a chapter's run leaves: results, chapter programs, live cells' modules.
COMPILED=("$BOOK/.build/folio/results" "$BOOK/.build/folio/work" "$BOOK/.build/folio/programs" "$BOOK/.build/folio/live/modules")

token() { date +%s%N; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", b - a }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# folio_build BOOK: the timed command; sets T and SUMMARY (its last stderr line).
folio_build() {
  local out t0 t1 rc=0
  out=$(mktemp)
  t0=$(now)
  "$FOLIO" build --book "$1" --jobs "$JOBS" "${@:2}" >"$out" 2>&1 || rc=$?
  t1=$(now)
  T=$(elapsed "$t0" "$t1")
  cat "$out" >>"$LOG"
  SUMMARY=$(grep '^built ' "$out" | tail -n 1 || true)
  rm -f "$out"
  if [ "$rc" -ne 0 ]; then echo "folio build failed ($rc); see $LOG" >&2; exit 1; fi
}

folio_run() { # scenario -> T
  case $1 in
    cold) rm -rf "${COMPILED[@]}" "$BOOK/.build/folio/render" "$BOOK/site" ;;
    coldkeep) rm -rf "${COMPILED[@]}" "$BOOK/.build/folio/last-build.json" ;;
    coldlib) rm -rf "${COMPILED[@]}" "$BOOK/.build/folio/render" "$BOOK/site" "$BOOK/.build/folio/package" "$BOOK/.build/folio/live" ;;
    firstbuild) rm -rf "$BOOK/.build" "$BOOK/site" ;;
    nochange) ;;
    prose) python3 "$HERE/edit.py" prose "$CHAPTER" "$(token)" ;;
    code) python3 "$HERE/edit.py" code "$CHAPTER" "$(token)" ;;
    mlmath) python3 "$HERE/edit.py" function "$MLMATH_FILE" "$(token)" ;;
  esac
  folio_build "$BOOK"
  local t=$T s=$SUMMARY
  case $1 in prose | code | mlmath) restore; folio_build "$BOOK" ;; esac # re-sync, untimed
  T=$t
  SUMMARY=$s
}

peer_run() { # scenario -> T (empty when there is no peer run for it)
  T=""
  [ -n "$PEER" ] || return 0
  local sc=$1 t0 t1 log="$WORK/peer-run.log"
  case $sc in coldkeep | firstbuild) sc=cold ;; cold | nochange | prose | code) ;; *) return 0 ;; esac
  : >"$log"
  t0=$(now)
  VENV="$PEER_VENV" LOG="$log" PYTHONDONTWRITEBYTECODE=1 "$PEER" once "$sc" >>"$LOG" 2>&1 ||
    { echo "peer run failed; see $LOG" >&2; exit 1; }
  t1=$(now)
  T=$(elapsed "$t0" "$t1")
  PEER_EXECUTED=$(grep -c 'Executing notebook' "$log" || true)
  cat "$log" >>"$LOG"
  case $sc in prose | code) VENV="$PEER_VENV" LOG="$log" "$PEER" once nochange >>"$LOG" 2>&1 ;; esac
}

target() {
  case $1 in
    cold | coldkeep) echo ">= 5x" ;; nochange) echo ">= 30x" ;; prose) echo ">= 20x" ;; code) echo ">= 5x" ;; *) echo "-" ;;
  esac
}
needed() { case $1 in cold | coldkeep) echo 5 ;; nochange) echo 30 ;; prose) echo 20 ;; code) echo 5 ;; *) echo 0 ;; esac; }

echo "# folio: $FOLIO ($("$FOLIO" --version 2>/dev/null || echo dev)), book $BOOK_REV ($(ls "$BOOK/chapters" | wc -l) chapters) copied to $BOOK" >&2
echo "# peer: ${PEER:-none}; runs: $RUNS; jobs: $JOBS; cores: $CORES; log: $LOG" >&2

# Start both from a fully built state (this also builds the libraries once, untimed).
folio_build "$BOOK"
if [ -n "$PEER" ]; then VENV="$PEER_VENV" LOG="$WORK/peer-run.log" "$PEER" once nochange >>"$LOG" 2>&1; fi

ROWS=()
PEER_COLD=""
for sc in "${SCENARIOS[@]}"; do
  [ "$sc" = scaling ] && continue
  ftimes=()
  ptimes=()
  for ((i = 1; i <= RUNS; i++)); do
    folio_run "$sc"
    ftimes+=("$T")
    echo "# $sc run $i: folio ${T}s  [$SUMMARY]" >&2
    peer_run "$sc"
    if [ -n "$T" ]; then
      ptimes+=("$T")
      echo "# $sc run $i: peer ${T}s (notebooks executed: $PEER_EXECUTED)" >&2
    fi
  done
  fm=$(printf '%s\n' "${ftimes[@]}" | median)
  pm=$( ((${#ptimes[@]})) && printf '%s\n' "${ptimes[@]}" | median || echo "-")
  [ "$sc" = cold ] && PEER_COLD=$pm
  case $sc in coldlib | firstbuild) [ "$pm" = "-" ] && [ -n "$PEER_COLD" ] && pm=$PEER_COLD ;; esac
  ROWS+=("$sc $fm $pm")
done

if [ ${#ROWS[@]} -gt 0 ]; then
  echo
  printf '%-10s %14s %14s %12s %8s\n' scenario "folio median s" "peer median s" "peer/folio" target
  for row in "${ROWS[@]}"; do
    read -r sc fm pm <<<"$row"
    if [ "$pm" = "-" ]; then ratio="-"; verdict=""; else
      ratio=$(awk -v p="$pm" -v f="$fm" 'BEGIN { printf "%.1fx", p / f }')
      verdict=$(awk -v p="$pm" -v f="$fm" -v n="$(needed "$sc")" 'BEGIN { if (n == 0) print ""; else if (p / f >= n) print "met"; else print "MISSED" }')
    fi
    printf '%-10s %14s %14s %12s %8s %s\n' "$sc" "$fm" "$pm" "$ratio" "$(target "$sc")" "$verdict"
  done
  echo "(cold: results, chapter programs, live modules, rendered-maths/highlight cache and site removed,"
  echo " libraries kept; coldkeep: only results, chapter programs and live modules removed; coldlib: cold"
  echo " plus the libraries (native and Embedded) compiled; firstbuild: the book's whole .build removed, as"
  echo " in a fresh clone (SwiftPM resolves and builds the package); peer column of both = its cold run;"
  echo " mlmath: one statement added to a function of MLMath)"
fi

# --- scaling: generated books, cold build (libraries kept), time and peak RSS -------------------
if printf '%s\n' "${SCENARIOS[@]}" | grep -qx scaling; then
  # One chapter's cost: cold minus no-change build of a one-chapter generated book.
  one="$WORK/scale-1"
  rm -rf "$one"
  python3 "$HERE/genbook.py" "$one" 1
  # The generated books share one build of the package (built here, untimed).
  SHARED=(--package-build "$WORK/scale-package")
  folio_build "$one" "${SHARED[@]}"
  c=()
  for ((i = 1; i <= RUNS; i++)); do
    rm -rf "$one/.build/folio/results" "$one/.build/folio/work" "$one/.build/folio/render" "$one/site"
    folio_build "$one" "${SHARED[@]}"
    cold1=$T
    folio_build "$one" "${SHARED[@]}"
    c+=("$(awk -v a="$cold1" -v b="$T" 'BEGIN { printf "%.3f\n", a - b }')")
  done
  C1=$(printf '%s\n' "${c[@]}" | median)
  echo
  echo "one 8-cell chapter (cold minus no-change, render cache removed too, median of $RUNS): ${C1}s; cores: $CORES"
  printf '%-9s %10s %14s %10s %12s\n' chapters "cold s" "predicted s" ratio "peak RSS MiB"
  for n in $SCALE; do
    dir="$WORK/scale-$n"
    rm -rf "$dir"
    python3 "$HERE/genbook.py" "$dir" "$n"
    out=$(mktemp)
    /usr/bin/time -f '%e %M' -o "$out" "$FOLIO" build --book "$dir" --jobs "$JOBS" "${SHARED[@]}" >>"$LOG" 2>&1 ||
      { echo "scaling build of $n chapters failed; see $LOG" >&2; exit 1; }
    read -r secs kib <"$out"
    rm -f "$out"
    pred=$(awk -v n="$n" -v c="$C1" -v k="$CORES" 'BEGIN { printf "%.2f", n * c / k }')
    ratio=$(awk -v s="$secs" -v p="$pred" 'BEGIN { printf "%.2f", s / p }')
    printf '%-9s %10s %14s %10s %12s\n' "$n" "$secs" "$pred" "$ratio" "$((kib / 1024))"
  done
  echo "(target: ratio <= 1.3, peak RSS < 1024 MiB; peak RSS is the largest single process, folio or a child)"
fi
