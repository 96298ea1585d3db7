"""Hostile text in every field: escaped everywhere, inert in every output, complete in every format.

tests/payloads.py writes a partnership whose every string field (found by walking the JSON
Schemas) holds a distinct payload: markup with script in an event handler, a leading "=" for
spreadsheets, template syntax and a marker PSQnnnnZ. The site is built with every download,
then every output is scanned and every page is loaded in Chromium.
"""
from __future__ import annotations

import csv
import functools
import html
import http.server
import io
import re
import socketserver
import subprocess
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

from .conftest import REPORT, build_site, pdf_reading_text, site_pages
from .payloads import CURRENT, EARLIER, INTERNAL, MARKER, SLUG, Payloads, write_payload_plans
from .searchindex import unpacked

# What a payload looks like if it escaped being escaped: a live tag or handler.
RAW = re.compile(r"<(?:img|b|script|svg)[\s/][^>]*?(?:onerror|onmouseover|onload)=__xss|<script>__xss")
FORMULA = ("=", "+", "-", "@", "\t", "\r")
MARKUP_SUFFIXES = (".html", ".xml", ".json", ".js", ".svg", ".css", ".gz")


@dataclass
class PayloadSite:
    root: Path
    site: Path
    payloads: Payloads

    @property
    def downloads(self) -> Path:
        return self.site / SLUG / "downloads"


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory) -> PayloadSite:
    root = tmp_path_factory.mktemp("payloads")
    payloads = write_payload_plans(root)
    site = root / "site"
    result = build_site(site, extra_env={"PLANSITE_PLANS": str(root / "plans"), "PLANSITE_EXPORTS": "true",
                                         "PLANSITE_CACHE": str(root / "cache")})
    assert result.returncode == 0, result.stderr
    REPORT["payloads"] = f"{len(payloads.fields)} published string fields and {len(payloads.internal)} private ones given payloads"
    return PayloadSite(root, site, payloads)


def _parts(path: Path) -> list[tuple[str, bytes]]:
    """A file's bytes, or for Word, ODT and ZIP files every part inside them."""
    if path.suffix in (".docx", ".odt", ".zip"):
        with zipfile.ZipFile(path) as archive:
            parts = []
            for name in archive.namelist():
                data = archive.read(name)
                inner = Path(name)
                if inner.suffix in (".docx", ".odt"):
                    with zipfile.ZipFile(io.BytesIO(data)) as nested:
                        parts += [(f"{path.name}/{name}/{n}", nested.read(n)) for n in nested.namelist()]
                else:
                    parts.append((f"{path.name}/{name}", data))
            return parts
    # The search index is gzipped (tests/searchindex.py): read unpacked, so it is scanned like the rest.
    return [(path.name, unpacked(path))]


def _outputs(site: Path):
    for path in sorted(site.rglob("*")):
        if path.is_file():
            yield from _parts(path)


def test_no_payload_is_live_markup_in_any_output(payload_site):
    found = []
    checked = 0
    for name, data in _outputs(payload_site.site):
        if name.endswith(MARKUP_SUFFIXES) or name.endswith(".xml") or "/word/" in name:
            checked += 1
            text = data.decode("utf-8", errors="replace")
            found += [f"{name}: {m[:60]}" for m in RAW.findall(text)]
    REPORT["payloads: live markup"] = f"{checked} markup files scanned, {len(found)} raw payloads found"
    assert found == []


def test_no_spreadsheet_cell_starts_a_formula(payload_site):
    cells, formulas = 0, []
    for name, data in _outputs(payload_site.site):
        if name.endswith(".csv"):
            for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))):
                for cell in row:
                    cells += 1
                    if cell.startswith(FORMULA) and not re.fullmatch(r"[+-]?\d+(\.\d+)?", cell):
                        formulas.append(f"{name}: {cell[:40]}")
    REPORT["payloads: CSV formula cells"] = f"{cells} cells checked, {len(formulas)} formula cells"
    assert cells > 100 and formulas == []


def test_plan_text_is_never_run_as_a_template(payload_site):
    overview = (payload_site.site / SLUG / "index.html").read_text(encoding="utf-8")
    assert "{{7*7}}" in overview and "${7*7}" in overview
    for name, data in _outputs(payload_site.site):
        assert b"'49" not in data and b"'}}49" not in data, name


def _text(path: Path) -> str:
    """What a reader of the file reads, as plain text."""
    if path.suffix == ".pdf":
        return pdf_reading_text(path)
    if path.suffix == ".docx":
        document = docx.Document(path)
        return "\n".join(p.text for p in document.paragraphs) + "\n" + "\n".join(
            c.text for t in document.tables for r in t.rows for c in r.cells)
    if path.suffix == ".odt":
        with zipfile.ZipFile(path) as odt:
            return html.unescape(re.sub(r"<[^>]+>", " ", odt.read("content.xml").decode("utf-8")))
    if path.suffix == ".html":
        page = re.sub(r"<script\b.*?</script>", " ", path.read_text(encoding="utf-8"), flags=re.S)
        return html.unescape(page)  # addresses in href attributes count: a link is how a page shows a URL
    return path.read_text(encoding="utf-8-sig")


def _markers(text: str) -> set[int]:
    # Line breaks inside a marker (a wrapped table cell, a break point in a long word) do not hide it.
    return {int(m) for m in MARKER.findall(re.sub(r"[\s\u200b]+", "", text))}


def _expected(payloads: Payloads, edition: str, language: str) -> set[int]:
    """The markers an edition's outputs in a language must carry: its own file's, the partnership's and its
    update records', in that language or in none."""
    files = {f"editions/{edition}.yaml", "partnership.yaml"} | ({"updates/records.yaml"} if edition == CURRENT else set())
    return {n for n, where in payloads.fields.items()
            if where.split(":", 1)[0] in files and payloads.language(n) in (language, None)}


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("edition", [CURRENT, EARLIER])
def test_every_published_field_reaches_the_pages_and_every_document(payload_site, edition, language):
    tree = payload_site.site / ("cy" if language == "cy" else "")
    suffix = "-cy" if language == "cy" else ""
    downloads, base = tree / SLUG / "downloads", f"{SLUG}-{edition}"
    pages_dir = tree / SLUG
    if edition == CURRENT:
        pages = [p for p in pages_dir.rglob("*.html") if "editions" not in p.relative_to(pages_dir).parts[:1]]
    else:
        pages = list((pages_dir / "editions" / edition).rglob("*.html"))
    # Partnership pages (contact, updates, downloads) belong to every edition.
    pages += [pages_dir / name / "index.html" for name in ("contact", "updates", "downloads")]
    formats = {
        "pages": "\n".join(_text(p) for p in pages),
        "pdf": _text(downloads / f"{base}{suffix}.pdf"),
        "large print": _text(downloads / f"{base}-large-print{suffix}.pdf"),
        "text": _text(downloads / f"{base}{suffix}.txt"),
        "docx": _text(downloads / f"{base}{suffix}.docx"),
        "odt": _text(downloads / f"{base}{suffix}.odt"),
        "json": _text(downloads / f"{base}{suffix}.json"),
    }
    payloads = payload_site.payloads
    expected = _expected(payloads, edition, language)
    missing = {name: sorted(expected - _markers(text)) for name, text in formats.items()}
    described = {name: [payloads.fields[n] for n in numbers] for name, numbers in missing.items() if numbers}
    # Every field is given in both languages, so the other language's text reaches none of these.
    other = {name: sorted(payloads.fields[n] for n in _markers(text) if payloads.language(n) not in (language, None))
             for name, text in formats.items()}
    other = {name: found for name, found in other.items() if found}
    REPORT[f"payloads: fields in every format ({edition}, {language})"] = (
        f"{len(expected)} fields, {sum(map(len, missing.values()))} gaps, {sum(map(len, other.values()))} in the other language")
    assert described == {}, "\n".join(f"{name}: {', '.join(fields)}" for name, fields in described.items())
    assert other == {}, "\n".join(f"{name}: {', '.join(fields)}" for name, fields in other.items())


def test_nothing_private_reaches_any_output(payload_site):
    leaks = []
    for path in sorted(payload_site.site.rglob("*")):
        if path.is_file():
            text = _text(path) if path.suffix in (".pdf", ".docx", ".odt") else "\n".join(
                d.decode("utf-8", errors="replace") for _, d in _parts(path))
            leaks += [f"{path.name}: {payload_site.payloads.internal[int(m)]}" for m in INTERNAL.findall(text)]
    assert payload_site.payloads.internal and leaks == []


# -- in a browser -----------------------------------------------------------------------------------

CATCH = "window.__xssCalls = []; window.__xss = (n) => window.__xssCalls.push(n);"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def payload_server(payload_site):
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(payload_site.site)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def test_no_script_runs_on_any_page_or_in_search(browser, payload_site, payload_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(CATCH)
    tab = context.new_page()
    calls, handlers = [], []
    paths = site_pages(payload_site.site)
    for path in paths:
        tab.goto(payload_server + path, wait_until="load")
        tab.mouse.move(400, 300)
        calls += [(path, n) for n in tab.evaluate("window.__xssCalls")]
        handlers += [(path, h) for h in tab.evaluate(
            "[...document.querySelectorAll('*')].flatMap(e => [...e.attributes].filter(a => /^on/i.test(a.name) && "
            "a.value.includes('__xss')).map(a => e.tagName + ' ' + a.name))")]
    # Search: type the payloads' own words, so the results show them, titles and excerpts included.
    tab.goto(payload_server + f"{SLUG}/", wait_until="load")
    tab.keyboard.press("/")
    tab.keyboard.type("src")  # real key presses, as a resident types
    tab.wait_for_function("/results? for/.test(document.getElementById('ps-search-status').textContent)", timeout=60000)
    tab.keyboard.type(" img")
    tab.wait_for_function("/for ‘src img’/.test(document.getElementById('ps-search-status').textContent)", timeout=60000)
    calls += [("search", n) for n in tab.evaluate("window.__xssCalls")]
    results = tab.locator("#ps-search .ps-search-result").count()
    # The payloads' words are in the results as text: what the page says, not markup.
    shown = tab.locator("#ps-search .ps-search__results").inner_text()
    live = tab.evaluate("document.querySelectorAll('#ps-search .ps-search__results img, #ps-search .ps-search__results script, "
                        "#ps-search .ps-search__results svg, #ps-search .ps-search__results b').length")
    context.close()
    REPORT["payloads: scripts run in Chromium"] = f"{len(paths)} pages and the search box, {len(calls)} scripts ran"
    assert results > 0 and "__xss" in shown and live == 0
    assert calls == [] and handlers == []


# -- the two guards, each on its own ----------------------------------------------------------------
# Publishing removes internal notes and unpublished names, and the view has no place for them:
# either guard alone keeps them out of every output, so each is tested without the other.

def _private_markers(text: str) -> list[str]:
    return INTERNAL.findall(text)


def test_publishing_removes_internal_notes_and_unpublished_names(tmp_path):
    from datetime import date

    from plansite.load import load_plans
    from plansite.publish import public_catalogue

    payloads = write_payload_plans(tmp_path)
    public = public_catalogue(load_plans(tmp_path / "plans"), date(2026, 11, 21))
    dumped = "".join(p.data.model_dump_json() + "".join(e.data.model_dump_json() for e in p.editions) for p in public.partnerships)
    leaked = sorted(payloads.internal[int(m)] for m in _private_markers(dumped) if "shared_mailbox" not in payloads.internal[int(m)])
    assert leaked == []


def test_the_view_has_no_place_for_internal_notes_or_unpublished_names(tmp_path):
    from datetime import date

    from plansite.export import EXPORTERS, ExportJob
    from plansite.load import load_plans
    from plansite.view.edition import edition_views

    payloads = write_payload_plans(tmp_path)
    # Straight from loading, without publishing: the view alone must leave them out.
    views = edition_views(load_plans(tmp_path / "plans"), today=date(2026, 11, 21))
    out = []
    for view in views.values():
        for name in ("json", "text", "actions-csv", "indicators-csv"):
            out.append(EXPORTERS[name]().render(ExportJob(view)).data.decode("utf-8-sig"))
    leaked = sorted(payloads.internal[int(m)] for m in _private_markers("".join(out)))
    assert leaked == []
