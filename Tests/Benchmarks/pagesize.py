#!/usr/bin/env python3
"""How a built site's size grows with its chapters: the whole site, its pages, and what every page
loads.

    pagesize.py SITE_DIR...                         one row per built site
    pagesize.py --folio BIN --chapters 10 50 200 500 [--work DIR]
                                                    generate books (genbook.py, 8 cells a chapter),
                                                    build each with BIN, then one row each

Columns: chapters; the site's bytes (every file, as written) and its HTML pages' bytes; a
chapter page's median and largest bytes; its sidebar's bytes (the `<nav id="sidebar">` element
as shipped); and the shared scripts a page loads: the table of contents (`assets/contents.js`,
once per site, cached by the browser) and the search index (`assets/search-index.js`). Sizes are
bytes on disk, before any compression.
"""
import argparse
import pathlib
import re
import statistics
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
SIDEBAR = re.compile(r'<nav id="sidebar".*?</nav>', re.S)


def measure(site: pathlib.Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    chapters = [p for p in site.glob("*.html") if p.name != "index.html"]
    sizes = sorted(p.stat().st_size for p in chapters)
    sidebars = [len(m.group(0).encode()) for p in chapters if (m := SIDEBAR.search(p.read_text(encoding="utf-8")))]

    def size(path):
        f = site / path
        return f.stat().st_size if f.is_file() else 0

    return {
        "chapters": len(chapters),
        "site": sum(p.stat().st_size for p in files),
        "html": sum(p.stat().st_size for p in pages),
        "page_median": int(statistics.median(sizes)) if sizes else 0,
        "page_max": sizes[-1] if sizes else 0,
        "sidebar": int(statistics.median(sidebars)) if sidebars else 0,
        "contents": size("assets/contents.js"),
        "search": size("assets/search-index.js"),
    }


def build(folio: str, chapters: list[int], work: pathlib.Path) -> list[pathlib.Path]:
    sites = []
    for n in chapters:
        book = work / f"book-{n}"
        if not (book / "chapters").is_dir():
            subprocess.run([sys.executable, str(HERE / "genbook.py"), str(book), str(n)], check=True)
        # The generated books share one build of the package.
        subprocess.run([folio, "build", "--book", str(book), "--package-build", str(work / "package")],
                       check=True, stdout=subprocess.DEVNULL)
        sites.append(book / "site")
    return sites


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sites", nargs="*", type=pathlib.Path)
    parser.add_argument("--folio", help="build generated books with this folio binary")
    parser.add_argument("--chapters", type=int, nargs="+", default=[10, 50, 200, 500])
    parser.add_argument("--work", type=pathlib.Path, default=pathlib.Path("/tmp/folio-pagesize"))
    args = parser.parse_args()
    sites = args.sites or (build(args.folio, args.chapters, args.work) if args.folio else [])
    if not sites:
        parser.error("give built sites, or --folio to build generated books")
    print("| chapters | site (bytes) | HTML pages (bytes) | chapter page, median | largest | sidebar in a page "
          "| contents.js | search-index.js |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for site in sites:
        m = measure(site)
        print(f"| {m['chapters']} | {m['site']:,} | {m['html']:,} | {m['page_median']:,} | {m['page_max']:,} "
              f"| {m['sidebar']:,} | {m['contents']:,} | {m['search']:,} |")


if __name__ == "__main__":
    main()
