#!/usr/bin/env python3
"""Writes a generated Folio book for the scaling benchmark.

    genbook.py OUT_DIR CHAPTERS [CELLS]

Each chapter has CELLS (default 8, like the peer's chapters) Swift cells that use MLMath
(norms, softmax, log-sum-exp, dot products), with prose and one display-math line between
them. Chapter i's numbers differ from chapter j's, so no two chapter programs are alike.
"""
import os
import sys


def cell(ch: int, k: int) -> str:
    a, b, c = ch % 7 + 1, k + 2, (ch * 3 + k) % 5 + 1
    kinds = [
        f'let v{k}: Vector = [{a}, -{b}, {c}]\nprint("L1:", v{k}.norm(.l1), "L2:", v{k}.norm(.l2))',
        f'let z{k}: Vector = [{a}.0, {b}.5, -{c}.25]\nlet p{k} = softmax(z{k})\nprint("softmax sum:", p{k}.sum())',
        f'let w{k}: Vector = [{c}, {a}, {b}]\nprint("dot:", w{k}.dot([1, 2, 3]), "Linf:", w{k}.norm(.infinity))',
        f'let s{k}: Vector = [{a * 100}.0, {b * 100}.0, {c}.0]\nprint("lse:", logSumExp(s{k}))',
    ]
    body = kinds[k % len(kinds)]
    loop = f'var acc{k} = 0.0\nfor i in 1...{10 + k} {{ acc{k} += Double(i) / {a}.0 }}\nprint("acc:", acc{k})'
    imports = "import Foundation\nimport MLMath\n" if k == 0 else ""
    return f"```swift\n{imports}{body}\n{loop}\n```\n"


def chapter(ch: int, cells: int) -> str:
    out = [f"# Generated chapter {ch}\n\n",
           f"A generated chapter for the scaling benchmark, number {ch}. It has {cells} cells.\n\n"]
    for k in range(cells):
        out.append(f"## Step {k + 1}\n\nProse before cell {k + 1}, with a formula: $\\|x\\|_2 = {k + ch}$.\n\n")
        out.append(cell(ch, k))
        out.append("\n")
    return "".join(out)


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out, chapters = sys.argv[1], int(sys.argv[2])
    cells = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    os.makedirs(os.path.join(out, "chapters"), exist_ok=True)
    with open(os.path.join(out, "book.yml"), "w") as f:
        f.write(f"title: Generated book, {chapters} chapters\nlanguage: en\ntimeout: 300\n")
        # The cells import MLMath from this repository's package.
        repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
        f.write(f"package: {repo}\nproducts: [MLMath]\n")
    for ch in range(1, chapters + 1):
        with open(os.path.join(out, "chapters", f"{ch:03d}-generated.md"), "w") as f:
            f.write(chapter(ch, cells))


if __name__ == "__main__":
    main()
