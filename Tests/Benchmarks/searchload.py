#!/usr/bin/env python3
"""What search costs a reader: the index's size and the time to load it, in headless Chromium.

    .build/browser-venv/bin/python Tests/Benchmarks/searchload.py SITE_DIR... [--runs 5] [--cpu 4]

(`Tests/Browser/run` prepares that venv.) For each built site, medians of RUNS fresh loads from
file://, on the site's first chapter page, at full speed and with the CPU slowed CPU times (4)
by DevTools (a phone is about 4x slower than this machine's cores):

- first paint and page load: the first contentful paint and the load event of a chapter page
  (`performance` paint and navigation timing), as the site ships it: search's scripts are
  loaded with every page (an eager site) or not (a lazy one);
- scripts: adding `lunr.min.js` and `search-index.js` to the page until both have run (read,
  parsed, executed), which a lazy site does on the first focus of the search box;
- build: `lunr(...)` over the documents, with the fields and boosts `folio.js` uses;
- first search: from the focus of the box (and the term typed at once) to the first result shown,
  the whole path a reader waits for (an eager site paid the scripts' part at page load), and the
  longest task on the main thread meanwhile (while it runs, the page does not answer: typing,
  scrolling);
- and, to see whether shipping a prebuilt index would pay: the size of that index serialised
  (`JSON.stringify`), and the time to `JSON.parse` it and `lunr.Index.load` it.
"""
import argparse
import os
import pathlib
import statistics
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

# The same index folio.js builds (keep in step with buildIndex there).
MEASURE = """
const done = arguments[arguments.length - 1];
const root = document.documentElement.getAttribute('data-root') || '';
function load(src) {
  return new Promise((ok, fail) => {
    const s = document.createElement('script');
    s.src = root + src; s.onload = ok; s.onerror = fail; document.head.appendChild(s);
  });
}
(async () => {
  const t0 = performance.now();
  if (typeof lunr !== 'function') await load('assets/lunr.min.js');
  await load('assets/search-index.js');
  const t1 = performance.now();
  const documents = window.folioSearchDocuments;
  const idx = lunr(function () {
    this.ref('i');
    this.field('h', { boost: 8 });
    this.field('c', { boost: 20 });
    this.field('k', { boost: 3 });
    this.field('t');
    const seen = {};
    documents.forEach((d, i) => {
      const first = !seen[d.p];
      seen[d.p] = true;
      this.add({ i: String(i), h: d.h, c: first ? d.c : '', k: d.k, t: d.t });
    });
  });
  const t2 = performance.now();
  const serialised = JSON.stringify(idx);
  const t3 = performance.now();
  lunr.Index.load(JSON.parse(serialised));
  const t4 = performance.now();
  const display = JSON.stringify(documents.map(d => [d.p, d.a, d.h, d.c, d.t.slice(0, 400)]));
  done({ scripts: t1 - t0, build: t2 - t1, load: t4 - t3, documents: documents.length,
         serialised: new Blob([serialised]).size, display: new Blob([display]).size });
})().catch(e => done({ error: String(e) }));
"""

FIRST_SEARCH = """
const done = arguments[arguments.length - 1];
const input = document.getElementById('search-input');
const panel = document.getElementById('search-results');
let longest = 0;
new PerformanceObserver(list => list.getEntries().forEach(e => { longest = Math.max(longest, e.duration); }))
  .observe({ type: 'longtask' });
const t0 = performance.now();
input.focus();
input.value = arguments[0];
input.dispatchEvent(new Event('input'));
(function wait() {
  if (!panel.hidden && panel.querySelector('a, .search-empty')) {
    const t = performance.now() - t0;
    setTimeout(() => done([t, longest]), 100);  // long tasks are reported after they end
  } else if (performance.now() - t0 > 60000) done([null, null]);
  else setTimeout(wait, 2);
})();
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sites", nargs="+", type=pathlib.Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cpu", type=float, default=4, help="CPU slowdown for the phone-like rows (1: none)")
    parser.add_argument("--term", default="softmax")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/lib/chromium/chromium"))
    parser.add_argument("--chromedriver", default=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    args = parser.parse_args()

    options = webdriver.ChromeOptions()
    options.binary_location = args.chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--allow-file-access-from-files"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(args.chromedriver))
    driver.set_script_timeout(120)
    print("| site | slowdown | index (bytes) | documents | first paint (ms) | page load (ms) | scripts (ms) | build (ms) "
          "| first search (ms) | longest task over 50 ms (ms) | prebuilt index (bytes) | parse + Index.load (ms) | display text (bytes) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    try:
        for site in args.sites:
            site = site.resolve()
            page = sorted(p for p in site.glob("*.html") if p.name != "index.html")[0]
            eager = "search-index.js" in page.read_text(encoding="utf-8").split("</head>")[0]
            size = (site / "assets/search-index.js").stat().st_size
            for rate in sorted({1, args.cpu}):
                rows = []
                for _ in range(args.runs):
                    row = {}
                    driver.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": 1})
                    driver.get("about:blank")
                    driver.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": rate})
                    driver.get(page.as_uri())
                    WebDriverWait(driver, 60).until(lambda d: d.execute_script("return document.readyState") == "complete")
                    row["page"] = driver.execute_script(
                        "const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime")
                    row["paint"] = driver.execute_script(
                        "const p = performance.getEntriesByName('first-contentful-paint')[0]; return p ? p.startTime : null")
                    row["first"], row["longest"] = driver.execute_async_script(FIRST_SEARCH, args.term)
                    driver.get(page.as_uri())
                    WebDriverWait(driver, 60).until(lambda d: d.execute_script("return document.readyState") == "complete")
                    result = driver.execute_async_script(MEASURE)
                    if "error" in result:
                        sys.exit(f"{page}: {result['error']}")
                    row.update(result)
                    rows.append(row)
                driver.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": 1})

                def med(key, digits=0):
                    values = [r[key] for r in rows if r.get(key) is not None]
                    return f"{statistics.median(values):.{digits}f}" if values else "–"

                # An eager site ran lunr.min.js and search-index.js during the page load already.
                scripts = "(in page load)" if eager else med("scripts")
                print(f"| {site.parent.name}/{site.name} ({'eager' if eager else 'lazy'}) | {rate:g}x | {size:,} "
                      f"| {rows[0]['documents']} | {med('paint')} | {med('page')} | {scripts} | {med('build')} | {med('first')} | {med('longest')} "
                      f"| {rows[0]['serialised']:,} | {med('load')} | {rows[0]['display']:,} |", flush=True)
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
