"""What a browser fetches from a built site: for a page load, and for one search query.

Measured in Chromium (Playwright, /usr/bin/chromium), with the site served over HTTP on a free port
by Python's static server, which does not compress, so every body is counted as it is stored:

- a page load is every response from opening the page until the network is idle, with nothing
  cached: the HTML, stylesheets, scripts, fonts and images it uses. No search runs, and
  Pagefind's files are not fetched until someone searches (plansite.js);
- one search query is every response from opening search ("/") and typing the query until the
  result count is shown and the network is idle again: Pagefind's script and WebAssembly, its entry
  file, the index and filter chunks the words need, and the fragments of the results shown (ten).

`*_kb` is the bytes fetched without HTTP compression (Pagefind's own files are gzipped as stored,
and are counted as they are); `*_gz_kb` is what a host that gzips text (HTML, CSS, JavaScript, JSON,
SVG, WebAssembly) at level 6 would send: each such body gzipped here, every other body as it is.

Used by benchmarks/run.py; tests/test_benchmarks.py runs it on a tiny generated site.
"""
from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import socketserver
import threading
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-default-apps", "--disable-extensions"]
COMPRESSED_BY_HOSTS = ("text/", "javascript", "json", "svg", "xml", "wasm")


@dataclass(frozen=True)
class Fetch:
    url: str
    content_type: str
    size: int  # bytes as served (no HTTP compression)
    gz_size: int  # what a host that gzips text would send


@dataclass
class Fetched:
    fetches: list[Fetch] = field(default_factory=list)

    @property
    def kb(self) -> float:
        return round(sum(f.size for f in self.fetches) / 1024, 1)

    @property
    def gz_kb(self) -> float:
        return round(sum(f.gz_size for f in self.fetches) / 1024, 1)


@dataclass(frozen=True)
class Weights:
    page: str
    load: Fetched
    search: Fetched | None
    query: str | None
    results: int | None


def _gz_size(body: bytes, content_type: str) -> int:
    if any(kind in content_type for kind in COMPRESSED_BY_HOSTS):
        return len(gzip.compress(body, compresslevel=6, mtime=0))
    return len(body)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".js": "text/javascript", ".mjs": "text/javascript"}

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def served(site: Path):
    """The site on http://127.0.0.1:<free port>/ for the length of the block."""
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _recorder(phases: dict[str, list[Fetch]], phase: list[str]):
    """Records each response into the list for the phase under way (phase[0])."""
    def record(response):
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body to count
            return
        kind = (response.headers.get("content-type") or "").split(";")[0].strip().lower()
        phases[phase[0]].append(Fetch(response.url, kind, len(body), _gz_size(body, kind)))
    return record


def measure(site: Path, pages: list[str], query: str, browser=None) -> list[Weights]:
    """Page load and one search query for each page path ("" is the home page), each in a fresh
    browser context (nothing cached). Opens Chromium itself unless a Playwright browser is given."""
    with contextlib.ExitStack() as stack:
        if browser is None:
            from playwright.sync_api import sync_playwright
            playwright = stack.enter_context(sync_playwright())
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            stack.callback(browser.close)
        base = stack.enter_context(served(site))
        return [_measure_page(browser, base, path, query) for path in pages]


def _measure_page(browser, base: str, path: str, query: str) -> Weights:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    phases: dict[str, list[Fetch]] = {"load": [], "search": []}
    phase = ["load"]
    try:
        tab = context.new_page()
        tab.on("response", _recorder(phases, phase))
        tab.goto(base + path, wait_until="load")
        tab.wait_for_load_state("networkidle")
        phase[0] = "search"
        tab.keyboard.press("/")
        tab.keyboard.type(query)
        tab.wait_for_function("/ for \u2018/.test(document.getElementById('ps-search-status').textContent)", timeout=120000)
        tab.wait_for_load_state("networkidle")
        results = tab.locator("#ps-search .ps-search-result").count()
        return Weights(path, Fetched(list(phases["load"])), Fetched(list(phases["search"])), query, results)
    finally:
        context.close()
