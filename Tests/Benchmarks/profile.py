#!/usr/bin/env python3
"""Where a `folio build` spends its time, from an strace of its processes.

    strace -f -q -s 512 -ttt -e trace=execve -e signal=none -o TRACE folio build ...
    profile.py TRACE

Prints the folio process's wall time split into: before the first child process (start-up,
load, parse, cache look-up, library key), chapter compiles (`swift-frontend` and `ld.lld` run
directly, or `swiftc` when folio falls back to the driver), chapter program runs, library
compiles (swiftc with -emit-module or -emit-library), and the time after the last child exits
(render and write). Per-chapter lines show compile (frontend + link) and run seconds.

For a lighter trace, add `--seccomp-bpf` to strace (only the traced calls stop the process).
"""
import re
import sys

EXEC = re.compile(r'^(\d+)\s+([\d.]+)\s+execve\("([^"]+)", \[(.*?)\]')
EXIT = re.compile(r'^(\d+)\s+([\d.]+)\s+\+\+\+ exited with (\d+) \+\+\+')


def main() -> None:
    starts, ends, kinds, labels = {}, {}, {}, {}
    for line in open(sys.argv[1]):
        m = EXEC.match(line)
        if m and "ENOENT" not in line:
            pid, t, exe, args = int(m[1]), float(m[2]), m[3], m[4]
            if pid in starts and kinds.get(pid) != "other":
                continue  # a driver re-exec; keep the first
            starts[pid] = t
            name = exe.rsplit("/", 1)[-1]
            if name == "folio":
                kinds[pid] = "folio"
            elif name in ("swiftc", "swift-frontend", "ld.lld"):
                w = re.search(r'folio/work/([^/"]+)/', args)
                if w:
                    kinds[pid], labels[pid] = "compile", w[1]
                elif name == "swiftc" and ("-emit-library" in args or "-emit-module" in args):
                    kinds[pid], labels[pid] = "library", "library"
                else:
                    kinds[pid] = "other"  # a job the driver started for a compile counted above
            elif exe.endswith("/chapter"):
                kinds[pid] = "run"
                labels[pid] = exe.split("/")[-2]
            else:
                kinds[pid] = "other"
            continue
        m = EXIT.match(line)
        if m:
            ends[int(m[1])] = float(m[2])
    folio = [p for p, k in kinds.items() if k == "folio"]
    if not folio:
        sys.exit("no folio process in the trace")
    f = folio[0]
    t0, t1 = starts[f], ends.get(f, max(ends.values()))
    children = [p for p, k in kinds.items() if k in ("compile", "run", "library") and p in ends]
    first = min((starts[p] for p in children), default=t1)
    last = max((ends[p] for p in children), default=t0)
    total = {k: sum(ends[p] - starts[p] for p in children if kinds[p] == k) for k in ("library", "compile", "run")}
    print(f"folio wall                         {t1 - t0:7.3f} s")
    print(f"  before first child (start-up, load, parse, cache, library key) {first - t0:7.3f} s")
    if children:
        print(f"  children busy span               {last - first:7.3f} s")
        print(f"    library compiles (sum)         {total['library']:7.3f} s")
        print(f"    chapter compiles+links (sum)   {total['compile']:7.3f} s  ({len({labels[p] for p in children if kinds[p] == 'compile'})} chapters)")
        print(f"    chapter runs (sum)             {total['run']:7.3f} s")
        print(f"  after last child (render, write) {t1 - last:7.3f} s")
    per = {}
    for p in children:
        if kinds[p] in ("compile", "run"):
            d = per.setdefault(labels[p], {})
            d[kinds[p]] = d.get(kinds[p], 0) + ends[p] - starts[p]
    for label in sorted(per):
        d = per[label]
        print(f"    {label:28s} compile {d.get('compile', 0):6.3f} s   run {d.get('run', 0):6.3f} s")


if __name__ == "__main__":
    main()
