"""The built site as files: valid HTML, links that resolve, every page present, nothing private."""
from __future__ import annotations

import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from plansite.load.loader import load_plans

from .conftest import PLANS, REPORT, ROOT, site_pages
from .searchindex import unpacked

VNU = ROOT / ".cache" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("id", "name"):
            if attrs.get(name):
                self.ids.add(attrs[name])
        for name in ("href", "src"):
            if attrs.get(name) is not None and tag in ("a", "link", "script", "img", "iframe", "source"):
                self.links.append(attrs[name])


def parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_html_is_valid(built_site):
    assert VNU.is_file(), "run 'bash tools/install-test-deps.sh' (make test does) to fetch the Nu HTML Checker"
    pages = site_pages(built_site)
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", str(built_site)],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{m['url'].split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"]
    REPORT["HTML validation (Nu HTML Checker)"] = f"{len(pages)} pages checked, {len(errors)} errors found"
    assert errors == []


def test_every_internal_link_and_anchor_resolves(built_site):
    parsed = {path: parse(path) for path in built_site.rglob("*.html")}
    broken, checked, external = [], 0, set()
    for path, page in parsed.items():
        base = "http://site/" + path.relative_to(built_site).as_posix()
        for link in page.links:
            target = urlsplit(urljoin(base, link))
            if target.scheme in ("mailto", "tel", "javascript") or link.startswith("data:"):
                continue
            if target.netloc != "site":
                external.add(link)
                continue
            checked += 1
            file = built_site / unquote(target.path.lstrip("/"))
            if file.is_dir() or target.path.endswith("/"):
                file = file / "index.html"
            if not file.is_file():
                broken.append(f"{path.relative_to(built_site)}: {link} (no such file)")
            elif target.fragment and file.suffix == ".html":
                ids = parsed[file].ids if file in parsed else parse(file).ids
                if unquote(target.fragment) not in ids:
                    broken.append(f"{path.relative_to(built_site)}: {link} (no such anchor)")
    REPORT["internal links"] = f"{checked} links checked, {len(broken)} broken; {len(external)} distinct external links"
    assert broken == []


def test_pages_load_nothing_from_other_sites(built_site):
    # A canonical or alternate link names an address but loads nothing; everything else would.
    # (hreflang links are written rel=" alternate": see partials/ps/language_switcher.html.)
    loaders = re.compile(r'<(?:script|img|iframe|source|link(?![^>]*rel="\s*(?:canonical|alternate)"))\b[^>]*\b(?:src|href)="(https?:)?//', re.I)
    offenders = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html") if loaders.search(p.read_text(encoding="utf-8"))]
    css = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*.css") if re.search(r"url\((['\"]?)https?://", p.read_text(encoding="utf-8"))]
    assert offenders == [] and css == []


EDITION_PAGES = ["", "assessment/", "actions/", "performance/", "you-said-we-did/", "get-involved/"]


def test_every_partnership_has_every_page(built_site):
    catalogue = load_plans(PLANS)
    missing = []
    for plans in catalogue.partnerships:
        expected = [f"{plans.slug}/{p}" for p in EDITION_PAGES] + [f"{plans.slug}/contact/"]
        expected += [f"{plans.slug}/priorities/{p.id}/" for p in plans.current.data.priorities]
        for earlier in plans.earlier:
            base = f"{plans.slug}/editions/{earlier.id}/"
            expected += [base + p for p in EDITION_PAGES] + [f"{base}priorities/{p.id}/" for p in earlier.data.priorities]
            expected.append(f"{plans.slug}/editions/")
        missing += [url for url in expected if not (built_site / url / "index.html").is_file()]
    site_wide = ["", "places/", "compare/", "checklist/", "how-progress-is-reported/", "accessibility/",
                 "alternative-formats/", "open-data/", "regions/cleveland/", "regions/west-yorkshire/"]
    missing += [url for url in site_wide if not (built_site / url / "index.html").is_file()]
    assert missing == []


def _all_text(site: Path) -> str:
    # The search index is read unpacked (it is gzipped), so it is searched like every other output.
    return "\n".join(unpacked(p).decode("utf-8", errors="replace") for p in site.rglob("*")
                     if p.is_file() and (p.suffix in (".html", ".json", ".xml", ".txt", ".csv", ".yml") or p.suffix.startswith(".pf_")))


def test_internal_notes_and_unpublished_names_reach_no_file(built_site):
    catalogue = load_plans(PLANS)
    notes, names = set(), set()
    for plans in catalogue.partnerships:
        for group in plans.data.governance:
            names.update(m.name for m in group.members if m.name and not m.publish_name)
        for edition in plans.editions:
            for action in edition.data.actions():
                notes.update(action.internal_notes)
                names.update(l.name for l in (*action.lead, *action.executive) if l.name and not l.publish_name)
    # Officers named only in the seeds' free text, published by role instead.
    names.update({"Dawn Reeves", "Alan Ford"})
    text = _all_text(built_site)
    # Short notes such as "?" occur in ordinary text; look for the distinctive ones.
    distinctive = sorted(n for n in notes if len(n) > 12)
    leaked_notes = [n for n in distinctive if n in text]
    leaked_names = sorted(n for n in names if re.search(rf"\b{re.escape(n)}\b", text))
    REPORT["privacy"] = f"{len(distinctive)} internal notes and {len(names)} unpublished names searched for, {len(leaked_notes) + len(leaked_names)} found"
    assert "Update requested" in notes and len(names) > 50
    assert leaked_notes == [] and leaked_names == []


def test_every_page_shows_its_plan_period_and_last_updated(built_site):
    catalogue = load_plans(PLANS)
    lacking = []
    for plans in catalogue.partnerships:
        for page in (built_site / plans.slug).rglob("index.html"):
            html = page.read_text(encoding="utf-8")
            if "Plan period" not in html or "Last updated" not in html:
                lacking.append(page.relative_to(built_site).as_posix())
    assert lacking == []


def test_every_page_has_its_own_descriptive_title(built_site):
    """Every page's <title> is its own: no two pages share one (an earlier edition's pages say so),
    the home page's is the site's name once, and every other ends with it, as GOV.UK's do."""
    import html
    from collections import defaultdict

    site = "Community safety plans"
    titles: dict[str, list[str]] = defaultdict(list)
    for path in site_pages(built_site):
        if path.startswith("admin/"):
            continue  # the form editor is Decap's page, not the site's
        file = built_site / (path + "index.html" if path == "" or path.endswith("/") else path)
        found = re.findall(r"<title>(.*?)</title>", file.read_text(encoding="utf-8"), re.S)
        assert len(found) == 1, path
        titles[html.unescape(found[0].strip())].append(path)
    shared = {title: paths for title, paths in titles.items() if len(paths) > 1}
    # "Community safety plans - Community safety plans" was the home page's; other titles may name
    # the site in their own words ("Community safety plans in Cleveland").
    repeated = [title for title in titles if title != site and title.removesuffix(f" - {site}") in (title, site, "")]
    by_page = {paths[0]: title for title, paths in titles.items()}
    REPORT["page titles"] = f"{len(by_page)} pages, {len(shared)} titles shared"
    assert shared == {} and repeated == []
    assert by_page[""] == site
    assert by_page["404.html"] == f"Page not found - {site}"
    assert by_page["calderdale/priorities/tackling-crime/"] == f"Calderdale: Tackling crime - {site}"
    earlier = [title for path, title in by_page.items() if path.startswith("calderdale/editions/2008-2011-draft/")]
    assert len(earlier) >= 6 and all("(earlier edition, 2008-2011)" in title for title in earlier), earlier


def test_the_page_not_found_says_what_to_check_and_gives_ways_on_from_any_depth(built_site):
    # After GOV.UK's: what to check, then links on. Hosts serve 404.html for a missing address at
    # any depth, so its links start from the site's root, and each leads to a page that exists.
    page = (built_site / "404.html").read_text(encoding="utf-8")
    body = page[page.index('<h1 id="main-heading">'):page.index("</article>")]
    text = " ".join(re.sub(r"<[^>]+>", " ", body).split())
    assert text.startswith("Page not found If you typed the web address, check it is correct. If you pasted the web "
                           "address, check you copied the entire address. You can: find your partnership on the home "
                           "page look up a town, village or ward in the places A to Z"), text
    ways = re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', body)
    assert [words for _, words in ways] == ["find your partnership on the home page",
                                            "look up a town, village or ward in the places A to Z"]
    for href, _ in ways:
        assert href.startswith("/"), href
        target = built_site / unquote(urlsplit(href).path).lstrip("/")
        assert (target / "index.html").is_file() if not target.suffix else target.is_file(), href
    # Search is offered too where the script runs (shown by plansite.js), and is not indexed itself.
    assert 'class="ps-not-found__search" data-ps-scripted hidden' in body and "data-pagefind-body" not in page
