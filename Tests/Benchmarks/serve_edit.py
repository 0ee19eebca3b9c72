#!/usr/bin/env python3
"""An author's library loop, timed as the author sees it: `folio serve` running, one function of
the library edited, until the served page carries the rebuilt chapters, then until the live
figures' WebAssembly is rebuilt too.

    serve_edit.py FOLIO BOOK SOURCE [RUNS]

FOLIO is the folio binary, BOOK a built book folder whose package holds SOURCE (a Swift file);
each run adds `_ = TOKEN` to the first function of SOURCE (`edit.py function`) and restores it
afterwards (and waits for that rebuild, untimed). Times run from the file's write to the
server's log line of each build ("built ..."), so they include the watcher's polling (100 ms)
and its wait for the files to hold still (50 ms). Prints one line per run and the medians.
"""
import os
import queue
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    folio, book, source = sys.argv[1], sys.argv[2], sys.argv[3]
    runs = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    backup = source + ".serve-edit"
    shutil.copyfile(source, backup)
    lines: "queue.Queue[tuple[float, str]]" = queue.Queue()
    server = subprocess.Popen(
        [folio, "serve", "--book", book, "--port", str(free_port())],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)

    def read() -> None:
        for line in server.stdout:
            lines.put((time.monotonic(), line.rstrip("\n")))

    threading.Thread(target=read, daemon=True).start()

    def until_built(deadline: float = 900) -> tuple[float, str]:
        end = time.monotonic() + deadline
        while True:
            at, line = lines.get(timeout=max(0.1, end - time.monotonic()))
            if "built " in line or "up to date" in line or "build failed" in line:
                return at, line

    def settle() -> None:
        # Every build the last change set off, until the server has been quiet for 2 s and is
        # not compiling live cells' WebAssembly (which prints nothing for many seconds).
        compiling = False
        while True:
            try:
                at, line = lines.get(timeout=2)
            except queue.Empty:
                if not compiling:
                    return
                at, line = lines.get(timeout=900)
            if "compiling the live cells' WebAssembly" in line:
                compiling = True
            elif "built " in line or "build failed" in line:
                compiling = False

    try:
        until_built()
        settle()
        pages, complete = [], []
        for run in range(runs):
            token = str(time.time_ns())
            subprocess.run([sys.executable, os.path.join(HERE, "edit.py"), "function", source, token], check=True)
            edited = time.monotonic()
            first_at, first = until_built()
            page = first_at - edited
            if "WebAssembly yet" in first:
                last_at, _ = until_built()
                whole = last_at - edited
            else:
                whole = page
            pages.append(page)
            complete.append(whole)
            print(f"run {run + 1}: page {page:.2f} s, live figures too {whole:.2f} s  [{first}]", flush=True)
            shutil.copyfile(backup, source)
            # The restore's builds too, the WebAssembly one included, before the next edit.
            if "WebAssembly yet" in until_built()[1]:
                until_built()
            settle()
        print(f"median of {runs}: page {statistics.median(pages):.2f} s, live figures too {statistics.median(complete):.2f} s")
    finally:
        shutil.copyfile(backup, source)
        os.remove(backup)
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


if __name__ == "__main__":
    main()
