#!/usr/bin/env python3
"""Makes one benchmark edit to a Folio chapter, with a fresh token so no cache can hold it.

    edit.py prose FILE TOKEN   append a sentence to the first prose paragraph line
    edit.py code  FILE TOKEN   append `; _ = TOKEN` to the first `let` line of the first Swift cell
    edit.py function FILE TOKEN
                               in a Swift source file, add `_ = "TOKEN"` as the first statement of
                               the first function whose body starts with a declaration or guard

Exits 1 when the file has no such line (the chapter changed shape).
"""
import re
import sys


def main() -> None:
    kind, path, token = sys.argv[1], sys.argv[2], sys.argv[3]
    lines = open(path, encoding="utf-8").read().split("\n")
    if kind == "function":
        for i, line in enumerate(lines[:-1]):
            if re.match(r"^\s*(\w+ )*func \w+.*\{\s*$", line) and re.match(r"^\s*(let|var|guard) ", lines[i + 1]):
                indent = re.match(r"^\s*", lines[i + 1]).group(0)
                lines.insert(i + 1, f"{indent}_ = \"{token}\"")
                open(path, "w", encoding="utf-8").write("\n".join(lines))
                return
        sys.exit(f"edit.py: no function to edit in {path}")
    fence = None
    for i, line in enumerate(lines):
        opener = re.match(r"^(`{3,}|~{3,})\s*(\S*)", line)
        if fence is None and opener:
            fence = (opener.group(1), opener.group(2))
            continue
        if fence is not None:
            if line.strip() == fence[0]:
                fence = None
                continue
            if kind == "code" and fence[1] == "swift" and re.match(r"^let \w+", line) and not line.rstrip().endswith(("{", ",", "(", "[")):
                lines[i] = f"{line}; _ = {token}"
                break
            continue
        if kind == "prose" and line and line[0].isalpha() and line.rstrip().endswith("."):
            lines[i] = f"{line} (Edit {token}.)"
            break
    else:
        sys.exit(f"edit.py: no {kind} line to edit in {path}")
    open(path, "w", encoding="utf-8").write("\n".join(lines))


if __name__ == "__main__":
    main()
