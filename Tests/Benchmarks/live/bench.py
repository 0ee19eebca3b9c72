"""Live figures' budgets, measured (never asserted): each live module's size, raw and gzipped;
the first render of a page with live cells beside the same page without its live scripts; and
the time of a re-run after a slider move, by the browser's own clock (performance.measure
around the module's run and the output's replacement, in folio-live.js).

Usage: Tests/Benchmarks/live/run [SITE_DIR] [--moves N] [--loads N]
Opens the site from file:// in Debian's headless Chromium; prints one table per budget.
"""

import argparse
import base64
import gzip
import pathlib
import re
import shutil
import statistics
import sys
import tempfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

MODULE = re.compile(r'"(cell-\d+)":"([A-Za-z0-9+/=]+)"')


def modules(site):
    """(page, cell id, module bytes) of every live cell, in page order."""
    found = []
    for script in sorted((site / "live").glob("*.js")):
        for cell, data in MODULE.findall(script.read_text()):
            found.append((script.stem + ".html", cell, base64.b64decode(data)))
    return found


def driver(args):
    options = webdriver.ChromeOptions()
    options.binary_location = args.chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--force-device-scale-factor=1"):
        options.add_argument(flag)
    made = webdriver.Chrome(options=options, service=Service(args.chromedriver))
    made.set_window_size(1280, 900)
    made.set_script_timeout(10)
    return made


def first_render(browser, url):
    """Milliseconds to first contentful paint, DOMContentLoaded's end and the load event's end,
    for one fresh load."""
    browser.get("about:blank")
    browser.get(url)
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    return browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const nav = performance.getEntriesByType('navigation')[0];
        const finish = (paint) => done([paint, nav.domContentLoadedEventEnd, nav.loadEventEnd]);
        new PerformanceObserver((list) => {
          const fcp = list.getEntriesByName('first-contentful-paint')[0];
          if (fcp) finish(fcp.startTime);
        }).observe({type: 'paint', buffered: true});
        setTimeout(() => finish(-1), 3000);
    """)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", nargs="?", default="site")
    parser.add_argument("--moves", type=int, default=30, help="slider moves per figure")
    parser.add_argument("--loads", type=int, default=9, help="page loads per variant")
    parser.add_argument("--chromium", default="/usr/lib/chromium/chromium")
    parser.add_argument("--chromedriver", default="/usr/bin/chromedriver")
    args = parser.parse_args()
    site = pathlib.Path(args.site).resolve()
    found = modules(site)
    if not found:
        print(f"no live cells in {site}", file=sys.stderr)
        return 2

    print("## Module sizes (budget: 150 KB each)\n")
    print("| page | cell | raw (bytes) | gzip -9 (bytes) |")
    print("|---|---|---:|---:|")
    for page, cell, data in found:
        print(f"| {page} | {cell} | {len(data)} | {len(gzip.compress(data, 9))} |")

    browser = driver(args)
    try:
        print(f"\n## First render, median of {args.loads} loads (budget: unchanged)\n")
        print("| page | FCP with live (ms) | FCP without | DOMContentLoaded with | without | load with | without |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        # The same site with each page's two live scripts removed: the page as it was before.
        with tempfile.TemporaryDirectory() as scratch:
            plain = pathlib.Path(scratch) / "site"
            shutil.copytree(site, plain)
            for page in sorted({page for page, _, _ in found}):
                html = (plain / page).read_text()
                html = re.sub(r'<script src="(assets/folio-live\.js|live/[^"]+)" defer></script>\n', "", html)
                (plain / page).write_text(html)
                with_live, without = [], []
                for _ in range(args.loads):  # interleaved, so load on the machine hits both alike
                    with_live.append(first_render(browser, (site / page).as_uri()))
                    without.append(first_render(browser, (plain / page).as_uri()))
                med = lambda rows, i: statistics.median(r[i] for r in rows)
                print(f"| {page} | {med(with_live, 0):.1f} | {med(without, 0):.1f} "
                      f"| {med(with_live, 1):.1f} | {med(without, 1):.1f} "
                      f"| {med(with_live, 2):.1f} | {med(without, 2):.1f} |")

        print(f"\n## Re-run after a slider move, {args.moves} moves per figure (budget: 16 ms)\n")
        print("| page | cell | slider | median (ms) | 90th percentile (ms) | max (ms) | first move (ms) |")
        print("|---|---|---|---:|---:|---:|---:|")
        for page, cell, _ in found:
            browser.get((site / page).as_uri())
            WebDriverWait(browser, 10).until(
                lambda d: d.execute_script("return document.readyState") == "complete")
            slider = browser.find_element(By.CSS_SELECTOR, f"#{cell} .live-inputs input[type=range]")
            label = browser.execute_script(
                "return document.querySelector(`label[for=\"${arguments[0]}\"]`).textContent",
                slider.get_attribute("id"))
            browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", slider)
            times = []
            for move in range(args.moves):
                key = Keys.ARROW_RIGHT if (move // 10) % 2 == 0 else Keys.ARROW_LEFT
                slider.send_keys(key)
                WebDriverWait(browser, 10).until(
                    lambda d: int(d.find_element(By.ID, cell).get_attribute("data-live-runs") or 0) > move)
                times.append(float(browser.find_element(By.ID, cell).get_attribute("data-live-ms")))
            ordered = sorted(times)
            p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
            print(f"| {page} | {cell} | {label} | {statistics.median(times):.2f} | {p90:.2f} "
                  f"| {max(times):.2f} | {times[0]:.2f} |")
    finally:
        browser.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
