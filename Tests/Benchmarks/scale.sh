#!/usr/bin/env bash
# Folio at scale: a generated book (genbook.py, 8 cells a chapter) of CHAPTERS chapters.
#
#   Tests/Benchmarks/scale.sh                  cold, shards, merge, remote
#   Tests/Benchmarks/scale.sh cold shards      a subset (merge needs the shards' reports)
#   CHAPTERS=100 SHARDS=2 Tests/Benchmarks/scale.sh
#
# cold    `folio build` with no results, chapter programs, render cache or site (the libraries
#         are built once beforehand, untimed, as in bench.sh's scaling)
# shards  results and chapter programs removed; `folio check --shard I/N --report` for I = 1…N,
#         one after another, as N CI runners would run them side by side
# merge   `folio check --merge` of the shards' reports, render cache removed (links, symbol
#         links, the site built by `cold` compared): no cell runs
# remote  a local nginx with WebDAV (`dav_methods PUT`, a temporary root, 127.0.0.1) as the
#         remote results cache: a first clone builds cold with `--cache-url` (filling it), then a
#         second clone with an empty local cache builds from it, and a third checks a shard from
#         it, as a CI runner would (needs a folio with --cache-url)
#
# Every run is timed whole with /usr/bin/time -v: wall seconds, and peak RSS (the largest single
# process, folio or a child; a budget of 1 GiB). Environment: CHAPTERS (500), SHARDS (4), WORK
# (/tmp/folio-scale), FOLIO (.build/optimised/release/folio, as make bench builds it), JOBS (cores), PORT (18080, remote).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/Tests/Benchmarks"
CHAPTERS=${CHAPTERS:-500}
SHARDS=${SHARDS:-4}
WORK=${WORK:-/tmp/folio-scale}
FOLIO=${FOLIO:-$ROOT/.build/optimised/release/folio}
JOBS=${JOBS:-$(nproc)}
PORT=${PORT:-18080}
LOG="$WORK/scale.log"

[ -x "$FOLIO" ] || { echo "no $FOLIO: run 'swift build --scratch-path .build/optimised -c release --product folio'" >&2; exit 2; }
SCENARIOS=("$@")
[ ${#SCENARIOS[@]} -gt 0 ] || SCENARIOS=(cold shards merge remote)
wants() { printf '%s\n' "${SCENARIOS[@]}" | grep -qx "$1"; }

mkdir -p "$WORK"
: >"$LOG"
BOOK="$WORK/book-$CHAPTERS"
PACKAGE=(--package-build "$WORK/package")
REPORTS="$WORK/reports-$CHAPTERS-$SHARDS"

# timed LABEL COMMAND…: runs it under /usr/bin/time -v, output to the log; sets SECS, RSS_MIB,
# STATUS and OUT (its standard output and error).
timed() {
  local label=$1 stats out
  shift
  stats=$(mktemp)
  out=$(mktemp)
  STATUS=0
  /usr/bin/time -v -o "$stats" "$@" >"$out" 2>&1 || STATUS=$?
  SECS=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.1f", s }' "$stats")
  RSS_MIB=$(awk -F': ' '/Maximum resident set size/ { printf "%d", $2 / 1024 }' "$stats")
  OUT=$(cat "$out")
  { echo "### $label: $* (exit $STATUS, ${SECS} s, ${RSS_MIB} MiB)"; cat "$out"; } >>"$LOG"
  rm -f "$stats" "$out"
}

row() { printf '%-34s %8s %10s  %s\n' "$@"; }

echo "# folio $FOLIO; $CHAPTERS chapters x 8 cells; $SHARDS shards; jobs $JOBS; cores $(nproc); load $(cut -d' ' -f1-3 /proc/loadavg); log $LOG" >&2

if [ ! -d "$BOOK/chapters" ] || [ "$(ls "$BOOK/chapters" | wc -l)" -ne "$CHAPTERS" ]; then
  rm -rf "$BOOK"
  python3 "$HERE/genbook.py" "$BOOK" "$CHAPTERS"
fi
# The libraries, built once and shared by every book here (untimed).
one="$WORK/book-1"
rm -rf "$one"
python3 "$HERE/genbook.py" "$one" 1
"$FOLIO" build --book "$one" "${PACKAGE[@]}" >>"$LOG" 2>&1

echo
row "run" "wall s" "peak MiB" "what"

if wants cold; then
  rm -rf "$BOOK/.build/folio/results" "$BOOK/.build/folio/work" "$BOOK/.build/folio/render" "$BOOK/site" \
    "$BOOK/.build/folio/last-build.json"
  timed cold "$FOLIO" build --book "$BOOK" --jobs "$JOBS" "${PACKAGE[@]}"
  [ "$STATUS" -eq 0 ] || { echo "cold build failed; see $LOG" >&2; exit 1; }
  row "cold build" "$SECS" "$RSS_MIB" "$(grep '^built ' <<<"$OUT" | tail -n 1)"
fi

if wants shards; then
  rm -rf "$BOOK/.build/folio/results" "$BOOK/.build/folio/work" "$REPORTS"
  mkdir -p "$REPORTS"
  total=0
  for ((i = 1; i <= SHARDS; i++)); do
    timed "shard $i/$SHARDS" "$FOLIO" check --book "$BOOK" --jobs "$JOBS" "${PACKAGE[@]}" \
      --shard "$i/$SHARDS" --report "$REPORTS/shard-$i.json"
    [ "$STATUS" -eq 0 ] || { echo "shard $i/$SHARDS failed ($STATUS); see $LOG" >&2; exit 1; }
    total=$(awk -v a="$total" -v b="$SECS" 'BEGIN { printf "%.1f", a + b }')
    row "check --shard $i/$SHARDS" "$SECS" "$RSS_MIB" "$(tail -n 1 <<<"$OUT")"
  done
  row "shards, one after another" "$total" "" "(side by side on $SHARDS runners: the slowest shard)"
fi

if wants merge; then
  # As on a fresh CI runner: no rendered-maths or highlighting cache either.
  rm -rf "$BOOK/.build/folio/render"
  timed merge "$FOLIO" check --book "$BOOK" --jobs "$JOBS" "${PACKAGE[@]}" --merge "$REPORTS"/shard-*.json \
    --report "$REPORTS/merged.json"
  [ "$STATUS" -eq 0 ] || { echo "merge failed ($STATUS); see $LOG" >&2; exit 1; }
  row "check --merge" "$SECS" "$RSS_MIB" "$(tail -n 1 <<<"$OUT"); reports $(du -ch "$REPORTS"/shard-*.json | tail -n 1 | cut -f1)"
fi

if wants remote; then
  if ! "$FOLIO" build --help 2>&1 | grep -q -- '--cache-url'; then
    row "remote" "-" "-" "skipped: this folio has no --cache-url"
  else
    DAV="$WORK/dav"
    rm -rf "$DAV"
    mkdir -p "$DAV/root" "$DAV/body" "$DAV/logs"
    chmod -R a+rwX "$DAV"
    cat >"$DAV/nginx.conf" <<EOF
worker_processes 1;
pid $DAV/nginx.pid;
error_log $DAV/logs/error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $DAV/body;
  client_max_body_size 256m;
  server {
    listen 127.0.0.1:$PORT;
    root $DAV/root;
    location / {
      dav_methods PUT;
      create_full_put_path on;
      dav_access user:rw group:rw all:r;
    }
  }
}
EOF
    nginx -p "$DAV" -c "$DAV/nginx.conf"
    trap 'kill "$(cat "$DAV/nginx.pid" 2>/dev/null)" 2>/dev/null || true' EXIT
    URL="http://127.0.0.1:$PORT"
    # First clone: cold, fills the remote cache.
    first="$WORK/remote-first"
    second="$WORK/remote-second"
    third="$WORK/remote-third"
    for clone in "$first" "$second" "$third"; do
      rm -rf "$clone"
      mkdir -p "$clone"
      cp -r "$BOOK/book.yml" "$BOOK/chapters" "$clone/"
    done
    timed "remote, first clone" "$FOLIO" build --book "$first" --jobs "$JOBS" "${PACKAGE[@]}" --cache-url "$URL"
    [ "$STATUS" -eq 0 ] || { echo "remote first build failed; see $LOG" >&2; exit 1; }
    row "remote: first clone, cold" "$SECS" "$RSS_MIB" "$(grep '^built ' <<<"$OUT" | tail -n 1)"
    row "remote: cache filled" "" "" "$(find "$DAV/root" -type f | wc -l) files, $(du -sh "$DAV/root" | cut -f1)"
    timed "remote, second clone" "$FOLIO" build --book "$second" --jobs "$JOBS" "${PACKAGE[@]}" --cache-url "$URL"
    [ "$STATUS" -eq 0 ] || { echo "remote second build failed; see $LOG" >&2; exit 1; }
    row "remote: second clone, empty local" "$SECS" "$RSS_MIB" "$(grep '^built ' <<<"$OUT" | tail -n 1)"
    # A CI shard on a fresh runner: its chapters' results come from the remote cache.
    timed "remote, third clone, shard" "$FOLIO" check --book "$third" --jobs "$JOBS" "${PACKAGE[@]}" \
      --cache-url "$URL" --shard "1/$SHARDS" --report "$WORK/remote-shard.json"
    row "remote: third clone, shard 1/$SHARDS" "$SECS" "$RSS_MIB" \
      "$(tail -n 1 <<<"$OUT"); $(python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["counts"]; print(c["cached"], "from cache")' "$WORK/remote-shard.json")"
  fi
fi
echo "(peak MiB: the largest single process, folio or a child; budget 1024)"
