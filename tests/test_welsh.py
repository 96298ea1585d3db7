"""The Welsh site beside the English one, built from a fictional bilingual partnership.

tests/fixtures/welsh/plans/llanenghraifft publishes in English and Welsh, with one field left
in English on purpose; northtown beside it publishes in English only. The site is built as
`make site` builds it (downloads included), and read back: every page in both languages, the
same page in the other language (hreflang, the switcher), no English interface words on a
Welsh page, the untranslated field marked lang="en" and listed by the build, Welsh feeds,
sitemaps and downloads, the checklist's duties in Wales, and axe and the Nu checker at 0.
"""
from __future__ import annotations

import csv
import html
import io
import json
import re
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import docx
import feedparser
import jsonschema
import pdfua
import pytest
from pypdf import PdfReader

from plansite.i18n import CY, EN, placeholders
from plansite.model import ActionStatus, Direction, Unit
from plansite.model.schema import SCHEMA_DIR

from .conftest import REPORT, ROOT, pdf_reading_text, serve, site_pages
from .test_site_browser import describe, run_axe
from .test_site_output import VNU
from .searchindex import fragments
from .test_search import open_search_and_type

SLUG = "llanenghraifft"
UNTRANSLATED = "Fit door chains for older residents who ask."
SITE_URL = "https://plansite.example/"


class _Page(HTMLParser):
    """What a test reads from a page: its language, hreflang links, switcher, words and attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.hreflang: dict[str, str] = {}
        self.switcher: dict[str, str] = {}
        self.words: list[str] = []
        self.attributes: list[str] = []
        self._skip = 0
        self._in_switcher = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "link" and a.get("hreflang") and (a.get("rel") or "").split() == ["alternate"]:
            self.hreflang[a["hreflang"]] = a["href"]
        if tag == "nav" and "ps-language" in (a.get("class") or "").split():
            self._in_switcher = 1
        elif self._in_switcher and tag == "nav":
            self._in_switcher += 1
        if self._in_switcher and tag == "a":
            self.switcher[a["hreflang"]] = a["href"]
        if tag in ("script", "style"):
            self._skip += 1
        for name in ("aria-label", "title", "placeholder", "alt"):
            if a.get(name):
                self.attributes.append(a[name])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if tag == "nav" and self._in_switcher:
            self._in_switcher -= 1

    def handle_data(self, data):
        if not self._skip:
            self.words.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.words + self.attributes).split())


def read(site: Path, path: str) -> _Page:
    page = _Page()
    page.feed((site / path / "index.html" if not path.endswith(".html") else site / path).read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def site(welsh_site) -> Path:
    return welsh_site.site


@pytest.fixture(scope="module")
def pages(site) -> dict[str, _Page]:
    # Not the form editor's list (admin/): it is for the team, in English.
    return {path: read(site, path) for path in site_pages(site) if not path.startswith("admin/") and path != "404.html"}


def _welsh(pages) -> dict[str, _Page]:
    return {path: page for path, page in pages.items() if path.startswith("cy/")}


def test_every_english_page_of_the_bilingual_partnership_has_a_welsh_page_and_the_reverse(pages):
    english = {p for p in pages if p.startswith(f"{SLUG}/")}
    welsh = {p.removeprefix("cy/") for p in pages if p.startswith(f"cy/{SLUG}/")}
    assert len(english) >= 15 and english == welsh
    # Every Welsh page is the Welsh of an English one, but for the places A to Z by letter: a letter
    # only Welsh names begin with has a page in Welsh alone. The English-only partnership has no Welsh pages.
    assert sorted(p for p in _welsh(pages) if p.removeprefix("cy/") not in pages and not re.fullmatch(r"cy/places/[^/]+/", p)) == []
    assert not any(p.startswith("cy/northtown/") for p in pages)
    # The national pages are in Welsh too.
    for national in ("", "checklist/", "compare/", "open-data/", "places/", "how-progress-is-reported/",
                     "alternative-formats/", "accessibility/", "regions/example-valleys/", "regions/westshire/"):
        assert f"cy/{national}" in pages, national
    REPORT["Welsh pages"] = f"{len(_welsh(pages))} Welsh pages beside {len(pages) - len(_welsh(pages))} English ones"


def test_every_page_says_its_language(pages):
    wrong = [f"{path}: {page.lang}" for path, page in pages.items() if page.lang != ("cy" if path.startswith("cy/") else "en")]
    assert wrong == []


def test_hreflang_pairs_match_both_ways(pages):
    problems, paired = [], 0
    for path, page in pages.items():
        neutral = path.removeprefix("cy/")
        has_both = neutral in pages and f"cy/{neutral}" in pages
        expected = {"en": SITE_URL + neutral, "cy": SITE_URL + "cy/" + neutral} if has_both else {}
        if page.hreflang != expected:
            problems.append(f"/{path}: {page.hreflang} (expected {expected})")
        paired += bool(expected)
    assert problems == []
    assert paired >= 60


def test_the_language_switcher_on_every_page_leads_to_the_same_page_in_the_other_language(pages):
    """Where the page has no other language (an English-only partnership's), to the nearest page above it that has."""
    problems, same = [], 0
    for path, page in pages.items():
        prefix, other_prefix = ("cy/", "") if path.startswith("cy/") else ("", "cy/")
        neutral = path.removeprefix(prefix)
        other = other_prefix + neutral
        while other not in pages:  # the nearest page above, in the other language
            other = other_prefix + "".join(f"{p}/" for p in neutral.rstrip("/").split("/")[:-1]) if neutral else other_prefix
            neutral = other.removeprefix(other_prefix)
        same += other == other_prefix + path.removeprefix(prefix)
        href = page.switcher.get("en" if prefix else "cy")
        target = urlsplit(urljoin("http://site/" + path, href)).path.lstrip("/") if href else None
        if target != other:
            problems.append(f"/{path}: switcher leads to {target}, not {other}")
    assert problems == []
    assert same >= 60


def _english_interface_words() -> set[str]:
    """Each English interface string's words between its placeholders, where they run to three words or more
    and the Welsh table does not say the same."""
    found = set()
    for key, english in EN.items():
        if CY[key] == english:
            continue
        for part in re.split(r"\{[a-z_]+\}", english):
            part = part.strip(" .,:;()'\"")
            if len(part.split()) >= 3:
                found.add(part)
    return found


def _material_english_words() -> set[str]:
    languages = ROOT / ".venv/lib/python3.11/site-packages/material/templates/partials/languages"
    read_table = lambda name: dict(re.findall(r'"([a-z.]+)": "([^"]*)"', (languages / name).read_text(encoding="utf-8")))  # noqa: E731
    en, cy = read_table("en.html"), read_table("cy.html")
    return {v for k, v in en.items() if len(v.split()) >= 2 and cy.get(k) != v and "#" not in v}


def test_welsh_pages_contain_no_english_interface_string(pages):
    strings = _english_interface_words() | _material_english_words()
    found = []
    for path, page in _welsh(pages).items():
        text = page.text
        found += [f"/{path}: {s!r}" for s in strings if s in text]
    REPORT["Welsh pages: English interface strings"] = (f"{len(_welsh(pages))} Welsh pages checked against {len(strings)} "
                                                       f"English strings, {len(found)} found")
    assert len(strings) > 300
    assert found == []


def test_materials_own_words_are_welsh_on_welsh_pages(site):
    welsh = (site / "cy" / SLUG / "index.html").read_text(encoding="utf-8")
    english = (site / SLUG / "index.html").read_text(encoding="utf-8")
    assert "Neidio i'r cynnwys" in html.unescape(welsh) and "Skip to content" in english
    # The header (partials/header.html) and its search box are in the page's language.
    assert "</span>Dewislen" in welsh and "</span>Menu" in english
    assert "</span>Chwilio" in welsh and "</span>Search" in english
    assert ">Chwilio'r cynlluniau</label>" in html.unescape(welsh) and ">Search the plans</label>" in english
    assert html.unescape(welsh).count("Lleoedd A i Y") >= 1 and 'href="../places/"' in welsh
    assert "<title>Llanenghraifft: " not in welsh  # the title is the Welsh page's own
    assert "<title>Cynllun diogelwch cymunedol Llanenghraifft - Cynlluniau diogelwch cymunedol</title>" in welsh
    assert "<title>Cynlluniau diogelwch cymunedol</title>" in (site / "cy" / "index.html").read_text(encoding="utf-8")


def test_the_untranslated_field_is_marked_english_on_welsh_pages_and_listed_by_the_build(site, welsh_site):
    marked = f'<span lang="en">{UNTRANSLATED}</span>'
    for path in (f"cy/{SLUG}/priorities/safer-homes/", f"cy/{SLUG}/actions/"):
        assert marked in (site / path / "index.html").read_text(encoding="utf-8"), path
    for path in (f"{SLUG}/priorities/safer-homes/", f"{SLUG}/actions/"):
        page = (site / path / "index.html").read_text(encoding="utf-8")
        assert UNTRANSLATED in page and marked not in page, path
    log = welsh_site.log
    assert ("INFO    -  Not translated yet: tests/fixtures/welsh/plans/llanenghraifft/editions/2024-2027.yaml:146:19: "
            "priority 1 (Safer homes) > action 1.2 > text (priorities[1].issues[1].actions[2].text): no Welsh text "
            "(shown in English)") in log
    assert ("INFO    -  Not translated yet: llanenghraifft has 1 field with no Welsh text; its Welsh pages show them in the "
            "other language, marked as such.") in log
    assert log.count("Not translated yet:") == 2  # the English-only partnership is not asked for Welsh


# A Welsh text for each kind of field, and the English it stands beside.
FIELDS = {
    "plain text": (f"{SLUG}/priorities/safer-homes/", "Cartrefi mwy diogel", "Safer homes"),
    "Markdown": (f"{SLUG}/priorities/safer-homes/", "Lleihau <strong>byrgleriaeth</strong>", "Cutting <strong>burglary</strong>"),
    "list item": (f"{SLUG}/", "Llai o fyrgleriaethau bob blwyddyn.", "Fewer burglaries each year."),
    "date as written": (f"{SLUG}/priorities/safer-homes/", "Parhaus", "Ongoing"),
    "English month, in Welsh": (f"{SLUG}/priorities/safer-homes/", "Hydref 2025", "Oct 2025"),
    "figure in words": (f"{SLUG}/performance/", "I&#39;w gadarnhau", "TBA"),
    "note on a figure": (f"{SLUG}/performance/", "dros dro", "provisional"),
    "organisation": (f"{SLUG}/", "Cyngor Sir Llanenghraifft", "Llanenghraifft County Council"),
    "status word": (f"{SLUG}/priorities/safer-homes/", "Mewn perygl neu wedi&#39;i oedi (ambr)", "At risk or delayed (amber)"),
    "progress record (updates/)": (f"{SLUG}/priorities/safer-homes/", "Cynhaliwyd dau o dri digwyddiad", "Two of three events held"),
    "you said, we did record": (f"{SLUG}/you-said-we-did/", "Mae&#39;r stryd fawr yn rhy dywyll", "The high street is too dark"),
    "link title": (f"{SLUG}/contact/", "Taflen strydoedd mwy diogel", "Safer streets leaflet"),
    "ways of working": (f"{SLUG}/", "Rydym yn atal byrgleriaeth cyn iddi ddigwydd", "We stop burglary before it happens"),
    "regional assessment": (f"{SLUG}/assessment/", "Asesiad Strategol y Rhanbarth Enghreifftiol", "Example Region Strategic Assessment"),
    "regional board": (f"{SLUG}/", "Bwrdd Cymunedau Mwy Diogel y Rhanbarth Enghreifftiol", "Example Region Safer Communities Board"),
    "interface, Welsh date": (f"{SLUG}/updates/", "20 Mai 2026", "20 May 2026"),
}


@pytest.mark.parametrize("kind", FIELDS)
def test_each_kind_of_field_is_in_welsh_on_the_welsh_page(site, kind):
    path, welsh, english = FIELDS[kind]
    welsh_page = (site / "cy" / path / "index.html").read_text(encoding="utf-8")
    english_page = (site / path / "index.html").read_text(encoding="utf-8")
    assert welsh in welsh_page and english not in welsh_page
    assert english in english_page and welsh not in english_page


def test_welsh_national_pages_lead_to_english_only_partnerships_in_english(site):
    home = (site / "cy" / "index.html").read_text(encoding="utf-8")
    assert '<a class="ps-card-list__link" href="../northtown/"><span lang="en">Northtown</span></a>' in home
    assert '<a class="ps-card-list__link" href="llanenghraifft/">Llanenghraifft</a>' in home
    region = (site / "cy" / "regions" / "westshire" / "index.html").read_text(encoding="utf-8")
    assert '<span lang="en">A safer Northtown for everyone.</span>' in region


def test_no_language_mark_is_written_inside_an_attribute(site):
    inside = re.compile(r'="[^"<>]*&lt;span lang=|="[^"<>]*<span lang=')
    offenders = [p.relative_to(site).as_posix() for p in site.rglob("*.html") if inside.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def _checklist_rows(site: Path, path: str) -> dict[str, tuple[str, str]]:
    page = (site / path / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</th>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", page, re.S)
    clean = lambda s: " ".join(html.unescape(re.sub(r"<[^>]+>", " ", s)).split())  # noqa: E731
    return {clean(a): (clean(b), clean(c)) for a, b, c in rows}


def test_the_checklist_shows_the_duties_in_wales_for_a_partnership_in_wales(site):
    wales = (site / "checklist" / "example-valleys" / "index.html").read_text(encoding="utf-8")
    england = (site / "checklist" / "westshire" / "index.html").read_text(encoding="utf-8")
    for item in ("The plan published in Welsh, no less favourably than in English", "How the plan applies the five ways of working",
                 "Welsh Language Standards (No. 1) Regulations 2015 (SI 2015/996)", "Well-being of Future Generations (Wales) Act 2015 s.5",
                 "The plan is published in Welsh, but 1 field is in English only.", "All five ways of working are recorded."):
        assert html.escape(item, quote=True) in wales or item in html.unescape(wales), item
        assert item not in html.unescape(england), item
    for page in (wales, england):
        text = html.unescape(page)
        assert "Link to the police and crime plan" in text and "(England)" not in text
    welsh = html.unescape((site / "cy" / "checklist" / "example-valleys" / "index.html").read_text(encoding="utf-8"))
    assert "Y cynllun wedi'i gyhoeddi yn Gymraeg, heb fod yn llai ffafriol na'r Saesneg" in welsh
    assert "Mae'r cynllun wedi'i gyhoeddi yn Gymraeg, ond mae 1 maes yn Saesneg yn unig." in welsh
    assert "Dolen i'r cynllun heddlu a throseddu" in welsh


def test_welsh_feeds_and_sitemaps(site):
    feed = feedparser.parse((site / "cy" / SLUG / "feed.xml").read_text(encoding="utf-8"))
    assert not feed.bozo and feed.feed.language == "cy"
    assert feed.feed.title == "Llanenghraifft: diweddariadau'r cynllun diogelwch cymunedol"
    assert feed.entries and all(e.link.startswith(f"{SITE_URL}cy/{SLUG}/") for e in feed.entries)
    assert any(e.title == "Cynnydd ar gam gweithredu 1.1 (Mewn perygl neu wedi'i oedi (ambr))" for e in feed.entries)
    english = feedparser.parse((site / SLUG / "feed.xml").read_text(encoding="utf-8"))
    assert english.feed.language == "en-GB" and all(not e.link.startswith(f"{SITE_URL}cy/") for e in english.entries)
    site_feed = feedparser.parse((site / "cy" / "feed.xml").read_text(encoding="utf-8"))
    assert site_feed.feed.language == "cy" and site_feed.entries
    for path, prefix in ((f"cy/{SLUG}/sitemap.xml", f"{SITE_URL}cy/{SLUG}/"), ("cy/sitemap.xml", f"{SITE_URL}cy/")):
        urls = re.findall(r"<loc>([^<]+)</loc>", (site / path).read_text(encoding="utf-8"))
        assert urls and all(u.startswith(prefix) for u in urls), path
    assert f"{SITE_URL}cy/{SLUG}/priorities/safer-homes/" in (site / "sitemap.xml").read_text(encoding="utf-8")


# -- Welsh downloads ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def welsh_downloads(site) -> dict[str, Path]:
    return {p.name: p for p in (site / "cy" / SLUG / "downloads").iterdir() if p.name != "index.html"}


def test_every_welsh_edition_has_every_format_in_welsh(welsh_downloads, site):
    expected = []
    for edition, priorities in (("2024-2027", ["safer-homes", "safer-streets"]), ("2021-2024", ["safer-homes"])):
        base = f"{SLUG}-{edition}"
        expected += [f"{base}{s}-cy.{ext}" for s, ext in (("", "pdf"), ("-large-print", "pdf"), ("", "txt"), ("", "docx"),
                     ("", "odt"), ("-actions", "csv"), ("-indicators", "csv"), ("", "json"), ("-datapackage", "json"),
                     ("-all-formats", "zip"))]
        expected += [f"{base}-{p}-cy.pdf" for p in priorities]
    assert sorted(welsh_downloads) == sorted(expected)
    page = (site / "cy" / SLUG / "downloads" / "index.html").read_text(encoding="utf-8")
    assert f'href="{SLUG}-2024-2027-cy.pdf"' in page and "Y cynllun cyfan fel PDF hygyrch wedi&#39;i dagio" in page
    assert f"{SLUG}-2024-2027.pdf" not in page  # the English files are on the English page


def test_welsh_pdfs_are_tagged_in_welsh_and_pass_the_pdfua_checks(welsh_downloads):
    problems, findings = [], []
    pdfs = {name: path for name, path in welsh_downloads.items() if name.endswith(".pdf")}
    for name, path in pdfs.items():
        reader = PdfReader(path)
        root = reader.trailer["/Root"]
        if root.get("/Lang") != "cy":
            problems.append(f"{name}: /Lang {root.get('/Lang')}")
        if "/StructTreeRoot" not in root or "/Outlines" not in root:
            problems.append(f"{name}: not tagged, or no bookmarks")
        if b"<pdfuaid:part>1</pdfuaid:part>" not in root["/Metadata"].get_data():
            problems.append(f"{name}: no PDF/UA identification")
        findings += [f"{name}: {f.rule_id} {f.message}" for f in pdfua.validate(str(path)).findings]
    REPORT["Welsh PDFs"] = f"{len(pdfs)} PDFs with /Lang cy checked, {len(problems)} problems, {len(findings)} pdfua findings"
    assert len(pdfs) == 7 and problems == [] and findings == []
    text = " ".join(pdf_reading_text(pdfs[f"{SLUG}-2024-2027-cy.pdf"]).split())
    assert "Cartrefi mwy diogel" in text and "Ffeithiau allweddol" in text and UNTRANSLATED in text


def test_welsh_word_odt_and_text_are_in_welsh(welsh_downloads):
    base = f"{SLUG}-2024-2027"
    document = docx.Document(welsh_downloads[f"{base}-cy.docx"])
    assert document.core_properties.language == "cy"
    assert 'w:val="cy"' in document.styles.element.xml
    headings = {p.text for p in document.paragraphs if p.style.name.startswith("Heading")}
    assert {"Cartrefi mwy diogel", "Sut mae'r cynllun yn defnyddio'r pum ffordd o weithio"} <= headings
    with zipfile.ZipFile(welsh_downloads[f"{base}-cy.odt"]) as odt:
        assert "<dc:language>cy</dc:language>" in odt.read("meta.xml").decode()
        assert 'fo:language="cy"' in odt.read("styles.xml").decode()
        assert "Cartrefi mwy diogel" in odt.read("content.xml").decode()
    text = welsh_downloads[f"{base}-cy.txt"].read_text(encoding="utf-8")
    assert text.startswith("Cynllun Diogelwch Cymunedol Llanenghraifft 2024-2027\n=") and "Cyfnod y cynllun: 2024-2027" in text


def test_welsh_open_data_keeps_its_keys_the_same_in_every_language(welsh_downloads):
    base = f"{SLUG}-2024-2027"
    plan = json.loads(welsh_downloads[f"{base}-cy.json"].read_text(encoding="utf-8"))
    jsonschema.validate(plan, json.loads((SCHEMA_DIR / "plan.schema.json").read_text()))
    assert plan["edition"]["language"] == "cy" and plan["edition"]["url"] == f"cy/{SLUG}/"
    actions = list(csv.DictReader(io.StringIO(welsh_downloads[f"{base}-actions-cy.csv"].read_text(encoding="utf-8-sig"))))
    assert {a["status"] for a in actions} <= {s.value for s in ActionStatus}
    assert actions[0]["action"] == "Marcio eiddo mewn tri digwyddiad cymunedol." and actions[0]["status_word"] == "ambr"
    indicators = list(csv.DictReader(io.StringIO(welsh_downloads[f"{base}-indicators-cy.csv"].read_text(encoding="utf-8-sig"))))
    assert {(r["unit"], r["direction"]) for r in indicators} == {(Unit.COUNT.value, Direction.LOWER.value)}
    assert {r["indicator"] for r in indicators} == {"Byrgleriaethau a gofnodwyd"}


def test_welsh_data_packages_validate(welsh_downloads, site):
    from frictionless import Package

    package = welsh_downloads[f"{SLUG}-2024-2027-datapackage-cy.json"]
    report = Package(str(package)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


# -- axe and the Nu checker -----------------------------------------------------------------------------

def test_welsh_pages_are_valid_html(site, pages):
    assert VNU.is_file(), "run 'bash tools/install-test-deps.sh' (make test does) to fetch the Nu HTML Checker"
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", str(site)],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{m['url'].split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"]
    REPORT["Welsh site: HTML validation (Nu)"] = f"{len(pages)} pages ({len(_welsh(pages))} Welsh) checked, {len(errors)} errors"
    assert errors == []


def test_welsh_pages_pass_axe_and_load_nothing_that_fails(browser, site, pages):
    base, httpd = serve(site)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside, failed = [], []

    def guard(route):
        if not route.request.url.startswith(base):
            outside.append(route.request.url)
            return route.abort()
        return route.continue_()

    context.route("**/*", guard)
    tab = context.new_page()
    tab.on("response", lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"))
    problems = []
    try:
        for path in sorted(_welsh(pages)) + [f"{SLUG}/", "northtown/", ""]:
            tab.goto(base + path, wait_until="load")
            problems += describe(path, run_axe(tab))
    finally:
        context.close()
        httpd.shutdown()
    REPORT["Welsh site: axe"] = f"{len(_welsh(pages)) + 3} pages checked, {len(problems)} violations, {len(set(failed))} failed requests"
    assert problems == []
    assert sorted(set(outside)) == [] and sorted(set(failed)) == []


# -- Search in each language ----------------------------------------------------------------------------

def test_search_indexes_each_language_separately(site, pages):
    """Pagefind keeps one index per language, by each page's <html lang>, and a page's search
    loads the index of its own language."""
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    welsh = [p for p in _welsh(pages)]
    english = [p for p in pages if p not in welsh]
    counts = {lang: info["page_count"] for lang, info in entry["languages"].items()}
    assert counts == {"en": len(english), "cy": len(welsh)}
    records = {r["url"].lstrip("/"): r for r in fragments(site)}
    assert sorted(records) == sorted(pages)
    titles = {path: r["meta"]["title"] for path, r in records.items()}
    assert titles[f"cy/{SLUG}/priorities/safer-homes/"] == "Llanenghraifft: Cartrefi mwy diogel"
    assert titles[f"{SLUG}/priorities/safer-homes/"].endswith(": Safer homes")
    assert not any("Cartrefi mwy diogel" in t for p, t in titles.items() if not p.startswith("cy/"))
    assert not any("Safer homes" in t for p, t in titles.items() if p.startswith("cy/"))
    # A result's type of page is in the page's language.
    assert records[f"cy/{SLUG}/"]["meta"]["type"] == "Trosolwg o'r cynllun"
    assert records[f"{SLUG}/"]["meta"]["type"] == "Plan overview"


# The partnership's name is on its pages in both languages: each search finds only its own language's.
@pytest.mark.parametrize("prefix, word", [("cy/", "Llanenghraifft"), ("", "Llanenghraifft")])
def test_a_search_from_a_page_finds_pages_in_its_language_only(browser, site, prefix, word):
    base, httpd = serve(site)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    try:
        tab.goto(base + prefix + SLUG + "/", wait_until="load")
        status = open_search_and_type(tab, word, done="\u2018")
        links = tab.eval_on_selector_all("#ps-search .ps-search-result__link", "links => links.map(a => a.href)")
    finally:
        context.close()
        httpd.shutdown()
    assert links, status
    assert [link for link in links if link.startswith(base + "cy/") != bool(prefix)] == []
    if prefix:
        assert "ar gyfer" in status and "for \u2018" not in status, status


def test_welsh_pages_reflow_at_320_pixels(browser, site, pages):
    """Welsh words run longer than English ones (and a partnership's own status words can be long):
    no Welsh page scrolls sideways on a 320 px screen (WCAG 1.4.10)."""
    base, httpd = serve(site)
    context = browser.new_context(viewport={"width": 320, "height": 800})
    tab = context.new_page()
    wide = []
    try:
        for path in sorted(_welsh(pages)):
            tab.goto(base + path, wait_until="load")
            width = tab.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                wide.append(f"/{path}: {width} px")
    finally:
        context.close()
        httpd.shutdown()
    assert wide == []
