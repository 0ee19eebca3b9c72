#!/usr/bin/env python3
"""Two (or more) folio binaries side by side on the same edit, interleaved run by run.

    ab.py RUNS FOLIO=BOOK[=VAR:VALUE,...] FOLIO=BOOK ...

Each FOLIO builds its own copy of the book (BOOK: a built book folder; copy one per binary, as
a binary's caches are its own). Each run makes the edit (`edit.py`, KIND prose, code or
nochange; the chapter CH, 02-regularisation.md by default) in every book in turn, times the
whole `folio build` process from Python, restores the chapter and rebuilds it untimed. Prints
each binary's median and fastest run. Interleaving spreads the machine's changing load over all
binaries, so the comparison holds where single timings drift by a third from minute to minute;
optional VAR:VALUE pairs set environment variables for that binary's runs.

    cp -r /tmp/book /tmp/book-a; cp -r /tmp/book /tmp/book-b
    KIND=prose Tests/Benchmarks/ab.py 21 /tmp/a/bin/folio=/tmp/book-a /tmp/b/bin/folio=/tmp/book-b
"""
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def main() -> None:
    runs = int(sys.argv[1])
    specs = []
    for argument in sys.argv[2:]:
        parts = argument.split("=")
        environment = dict(os.environ)
        if len(parts) > 2:
            for pair in parts[2].split(","):
                key, value = pair.split(":", 1)
                environment[key] = value
        specs.append((argument, parts[0], parts[1], environment))
    kind = os.environ.get("KIND", "prose")
    chapter = os.environ.get("CH", "02-regularisation.md")
    times = {spec[0]: [] for spec in specs}

    def build(folio, book, environment):
        subprocess.run([folio, "build", "--book", book], env=environment,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)

    for _, folio, book, environment in specs:
        build(folio, book, environment)
    for run in range(runs):
        for name, folio, book, environment in specs:
            path = os.path.join(book, "chapters", chapter)
            original = open(path, encoding="utf-8").read()
            if kind != "nochange":
                token = "t%d%d" % (time.time_ns() % 100000, run)
                subprocess.run(["python3", os.path.join(HERE, "edit.py"), kind, path, token], check=True)
            start = time.perf_counter()
            build(folio, book, environment)
            times[name].append(time.perf_counter() - start)
            with open(path, "w", encoding="utf-8") as restored:
                restored.write(original)
            build(folio, book, environment)
    for name, *_ in specs:
        print("%-60s median %.3f s  fastest %.3f s" % (name, statistics.median(times[name]), min(times[name])))


if __name__ == "__main__":
    main()
