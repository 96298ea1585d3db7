"""Search: Pagefind's index of the built site, and the search box in Chromium, by keyboard.

The index (plansite/search.py, run from the hook after the build) holds each page's body only,
with its full title and its partnership, region and type of page, so every result says whose it
is. The box (overrides/partials/search-form.html, run by plansite.js) is a labelled form with a
live status line and results as a list of links.
"""
from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from plansite.i18n import Translator
from plansite.load import load_plans
from plansite.search import HAND_WRITTEN_TYPE, OTHER_TYPE, PAGE_TYPES, SHARDS_FILE, Shard, index_site, plan_shards

from .conftest import PLANS, REPORT, serve, site_pages
from .searchindex import fragments, unpacked
from .test_site_browser import describe, run_axe

t = Translator()
SITE = "Community safety plans"


def _title(path: Path) -> str:
    return re.search(r"<title>(.*?)</title>", path.read_text(encoding="utf-8"), re.S).group(1).strip()


def _indexed_pages(site: Path) -> list[str]:
    # Every page but the 404 page and the form editor, which are not about any plan.
    return [p for p in site_pages(site) if p != "404.html" and not p.startswith("admin/")]


def test_the_index_has_every_page_and_replaces_materials(built_site):
    records = fragments(built_site)
    assert sorted(r["url"] for r in records) == sorted("/" + p for p in _indexed_pages(built_site))
    assert not (built_site / "search").exists()  # Material's search_index.json is gone
    REPORT["search index"] = f"{len(records)} pages indexed by Pagefind"


def test_each_result_has_its_pages_title_partnership_region_and_type(built_site):
    import html

    partnerships = {p.slug: p.data for p in load_plans(PLANS).partnerships}
    types = {t(key) for key in PAGE_TYPES.values()} | {t(HAND_WRITTEN_TYPE)}
    wrong = []
    for record in fragments(built_site):
        url, meta, filters = record["url"], record["meta"], record["filters"]
        page = built_site / url.strip("/") / "index.html"
        # The result's title is the page's own, as in its <title> less the site's name.
        full = html.unescape(_title(page)).removesuffix(f" - {SITE}")
        if meta.get("title") != full:
            wrong.append(f"{url}: title {meta.get('title')!r}, not {full!r}")
        if meta.get("type") not in types or meta.get("type") == t(OTHER_TYPE):
            wrong.append(f"{url}: type {meta.get('type')!r}")
        slug = url.strip("/").split("/")[0]
        if slug in partnerships:
            data = partnerships[slug]
            expected = {"partnership": [data.short_name], "region": [data.region], "type": [meta.get("type")]}
            if filters != expected or meta.get("partnership") != data.short_name or meta.get("region") != data.region:
                wrong.append(f"{url}: filters {filters}, not {expected}")
    assert wrong == []


def test_only_the_page_body_is_indexed(built_site):
    # What every page repeats is not what it is about: the request-a-format box, page information,
    # the plan's contents list, breadcrumbs, the header, menu and contents, and the charts, which
    # repeat their tables' figures.
    furniture = [t("format.heading"), t("updated.heading"), t("nav.contents"), t("chrome.toc"), t("chrome.find_partnership"),
                 t("search.label"), "Skip to content"]
    found = []
    for record in fragments(built_site):
        found += [f"{record['url']}: {text}" for text in furniture if text in record["content"]]
    assert found == []
    priority = next(r for r in fragments(built_site) if r["url"] == "/calderdale/priorities/tackling-crime/")
    assert "Levels of burglary and theft (NI16)" in priority["content"]


# -- In Chromium ---------------------------------------------------------------------------------

@pytest.fixture
def tab(browser, site_server):
    context = browser.new_context(viewport={"width": 1024, "height": 900})
    outside: list[str] = []

    def guard(route):
        # Search must fetch nothing from anywhere but the site.
        if not route.request.url.startswith(site_server):
            outside.append(route.request.url)
            return route.abort()
        return route.continue_()

    context.route("**/*", guard)
    page = context.new_page()
    page.outside_requests = outside
    yield page
    context.close()


def tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching selector has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def open_search_and_type(page, words: str, done: str = "for ") -> str:
    """Open search from the header with the keyboard, type (real key presses) and wait for the count
    (a status line with done in it)."""
    tab_to(page, "[data-ps-search-button]")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "ps-search-input"
    page.keyboard.type(words)
    page.wait_for_function("done => document.getElementById('ps-search-status').textContent.includes(done)", arg=done, timeout=60000)
    return page.locator("#ps-search-status").inner_text()


def test_search_by_keyboard_reaches_a_result_that_names_its_partnership(tab, site_server):
    tab.goto(site_server + "calderdale/", wait_until="load")
    status = open_search_and_type(tab, "burglary")
    count = tab.locator("#ps-search .ps-search-result").count()
    assert re.fullmatch(r"\d+ results for ‘burglary’", status), status
    assert count == min(10, int(status.split()[0]))
    assert tab.get_attribute("#ps-search-status", "role") == "status"
    # Each result is a link with the page's title, and says which partnership and kind of page it is.
    first = tab.locator("#ps-search .ps-search-result").first
    assert first.locator("a").count() == 1
    meta = tab.locator("#ps-search .ps-search-result__meta").all_inner_texts()
    assert all(" · " in m for m in meta) and any("Calderdale" in m for m in meta)
    assert tab.locator("#ps-search .ps-search-result__excerpt mark").count() > 0
    # From the box: past the Search button to the first result, then Enter follows it.
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.className") == "ps-search__submit"
    tab.keyboard.press("Tab")
    target = tab.evaluate("document.activeElement.getAttribute('href')")
    assert tab.evaluate("document.activeElement.className") == "ps-search-result__link"
    tab.keyboard.press("Enter")
    tab.wait_for_url(re.compile(re.escape(target.rstrip("/")) + "/?$"))
    assert tab.locator("h1").count() == 1
    assert tab.outside_requests == []


def test_escape_and_close_put_focus_back_on_the_search_button(tab, site_server):
    tab.goto(site_server + "calderdale/performance/", wait_until="load")
    open_search_and_type(tab, "hate crime")
    tab.keyboard.press("Tab")
    tab.keyboard.press("Tab")  # on a result
    tab.keyboard.press("Escape")
    assert tab.locator("#ps-search").is_hidden()
    assert tab.evaluate("document.activeElement.matches('[data-ps-search-button]')")
    assert tab.get_attribute("[data-ps-search-button]", "aria-expanded") == "false"
    # Open again: the question is still there; "Close search" closes it the same way.
    tab.keyboard.press("Space")
    assert tab.locator("#ps-search").is_visible() and tab.input_value("#ps-search-input") == "hate crime"
    tab_to(tab, "[data-ps-search-close]")
    tab.keyboard.press("Enter")
    assert tab.locator("#ps-search").is_hidden()
    assert tab.evaluate("document.activeElement.matches('[data-ps-search-button]')")
    # "/" opens it from the page, as Material's did.
    tab.keyboard.press("/")
    assert tab.evaluate("document.activeElement.id") == "ps-search-input"


def test_no_results_and_more_results_are_said_plainly(tab, site_server):
    tab.goto(site_server, wait_until="load")
    assert open_search_and_type(tab, "xqzvw") == "No results for ‘xqzvw’. Check the spelling, or try fewer or different words."
    tab.fill("#ps-search-input", "")
    tab.keyboard.type("the")
    tab.wait_for_function("/^\\d+ results for ‘the’/.test(document.getElementById('ps-search-status').textContent)", timeout=60000)
    total = int(tab.locator("#ps-search-status").inner_text().split()[0])
    assert total > 10 and tab.locator("#ps-search .ps-search-result").count() == 10
    tab.keyboard.press("Tab")
    tab_to(tab, ".ps-search__more")
    tab.keyboard.press("Enter")
    tab.wait_for_function("document.querySelectorAll('#ps-search .ps-search-result').length > 10")
    # Focus moves to the first of the new results, and the status says how many are shown.
    assert tab.evaluate("[...document.querySelectorAll('#ps-search .ps-search-result__link')].indexOf(document.activeElement)") == 10
    assert tab.locator("#ps-search-status").inner_text() == f"Showing {min(20, total)} of {total}."


def test_filters_narrow_results_to_one_partnership(tab, site_server):
    # The index's filters, as another search page or a later filter control would use them.
    tab.goto(site_server, wait_until="load")
    found = tab.evaluate("""async () => {
        const pf = await import('/pagefind/pagefind.js');
        await pf.init();
        const filters = await pf.filters();
        const search = await pf.search('burglary', {filters: {partnership: 'Calderdale'}});
        const data = await Promise.all(search.results.map(r => r.data()));
        return {filters, partnerships: [...new Set(data.map(d => d.meta.partnership))]};
    }""")
    assert sorted(found["filters"]["partnership"]) == ["Calderdale", "Hartlepool", "Middlesbrough", "North Hertfordshire",
                                                        "Redcar and Cleveland", "South Derbyshire", "Stockton"]
    assert {"Cleveland", "West Yorkshire"} <= set(found["filters"]["region"])
    assert {t("search.type.priority"), t("search.type.actions"), t("search.type.about")} <= set(found["filters"]["type"])
    assert found["partnerships"] == ["Calderdale"]


def test_search_with_results_showing_passes_axe(tab, site_server):
    tab.goto(site_server + "calderdale/", wait_until="load")
    open_search_and_type(tab, "burglary")
    problems = describe("calderdale/ (search results showing)", run_axe(tab))
    REPORT["axe with search results showing"] = f"1 page checked, {len(problems)} violations found"
    assert problems == []


def test_when_the_index_cannot_load_search_says_so_and_offers_the_finder(browser, site_server):
    context = browser.new_context()
    context.route("**/pagefind/**", lambda route: route.abort())
    page = context.new_page()
    page.goto(site_server + "calderdale/", wait_until="load")
    page.keyboard.press("/")
    page.keyboard.type("burglary")
    page.wait_for_function("document.getElementById('ps-search-status').textContent !== ''", timeout=60000)
    status = page.locator("#ps-search-status").inner_text()
    links = page.locator("#ps-search .ps-search__instead a").evaluate_all("l => l.map(a => [a.textContent, a.getAttribute('href')])")
    context.close()
    assert status == "Search is not working on this copy of the site."
    assert links == [["Find a partnership", "../#find"], ["Places A to Z", "../places/"]]


# -- An index in parts (a site too big for one Pagefind run) --------------------------------------

def test_pages_are_split_by_whole_partnership_and_each_languages_first_part_is_in_the_main_index():
    pages = {
        "en": ["index.html", "compare/index.html", "ashby/index.html", "ashby/actions/index.html",
               "bolton/index.html", "bolton/x/index.html", "bolton/y/index.html", "cardiff/index.html"],
        "cy": ["cy/index.html", "cy/llan/index.html", "cy/llan/a/index.html", "cy/zed/index.html"],
    }
    assert plan_shards(pages, limit=3) == [
        Shard("", ("cy/index.html", "cy/llan/a/index.html", "cy/llan/index.html",
                   "index.html", "ashby/actions/index.html", "ashby/index.html")),
        Shard("shards/cy-2/", ("cy/zed/index.html",)),
        Shard("shards/en-2/", ("bolton/index.html", "bolton/x/index.html", "bolton/y/index.html")),
        Shard("shards/en-3/", ("cardiff/index.html", "compare/index.html")),
    ]
    # A partnership bigger than a part is not cut; a site within the limit is one index.
    assert [s.pages for s in plan_shards({"en": pages["en"]}, limit=2)][2] == ("bolton/index.html", "bolton/x/index.html", "bolton/y/index.html")
    assert plan_shards(pages, limit=100) == [Shard("", tuple(sorted(pages["cy"])) + ("index.html", *sorted(p for p in pages["en"] if p != "index.html")))]


@pytest.fixture(scope="module")
def sharded_site(built_site, tmp_path_factory):
    """The example site indexed in parts of at most 40 pages (hard links to its pages: nothing copied)."""
    site = tmp_path_factory.mktemp("sharded") / "site"
    shutil.copytree(built_site, site, copy_function=os.link, ignore=shutil.ignore_patterns("pagefind"))
    return site, index_site(site, shard_pages=40)


def test_an_index_in_parts_holds_every_page_once(built_site, sharded_site):
    site, index = sharded_site
    parts = json.loads((site / "pagefind" / SHARDS_FILE).read_text(encoding="utf-8"))
    assert index.parts == 1 + len(parts["en"]) and index.parts >= 4, parts
    urls = [r["url"] for r in fragments(site)]
    assert len(urls) == len(set(urls)) == index.pages
    assert sorted(urls) == sorted(r["url"] for r in fragments(built_site))
    for folder in parts["en"]:
        entry = json.loads((site / "pagefind" / folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == ["en"]
    assert not any(p.name.startswith(".pagefind-parts-") for p in site.iterdir())  # its working copies are gone
    # The unsplit site lists no parts.
    assert json.loads((built_site / "pagefind" / SHARDS_FILE).read_text(encoding="utf-8")) == {}
    REPORT["search index in parts"] = f"{index.pages} pages in {index.parts} parts of at most 40, each page once"


def test_a_search_of_an_index_in_parts_finds_what_the_whole_index_finds(browser, built_site, sharded_site, site_server):
    site, _ = sharded_site
    address, httpd = serve(site)
    found = {}
    try:
        for name, base in (("whole", site_server), ("parts", address)):
            context = browser.new_context(viewport={"width": 1024, "height": 900})
            outside: list[str] = []

            def guard(route, base=base, outside=outside):
                if not route.request.url.startswith(base):
                    outside.append(route.request.url)
                    return route.abort()
                return route.continue_()

            context.route("**/*", lambda route: guard(route))
            page = context.new_page()
            page.goto(base + "calderdale/", wait_until="load")
            found[name] = (open_search_and_type(page, "burglary"), outside)
            context.close()
    finally:
        httpd.shutdown()
    assert found["parts"] == found["whole"] and found["whole"][1] == []
    # Which holds only if the parts were merged: pages beyond the main index have the word too.
    parts = json.loads((site / "pagefind" / SHARDS_FILE).read_text(encoding="utf-8"))["en"]
    records = [json.loads(unpacked(f)) for folder in parts for f in (site / "pagefind" / folder / "fragment").glob("*.pf_fragment")]
    beyond = [r["url"] for r in records if "burglary" in r["content"].lower()]
    assert beyond, "no page beyond the main index has the word searched for"


def test_a_welsh_page_merges_only_welsh_parts(welsh_site, tmp_path):
    # Pagefind picks the index of the page's language; a part without it would answer in English.
    site = tmp_path / "site"
    shutil.copytree(welsh_site.site, site, copy_function=os.link, ignore=shutil.ignore_patterns("pagefind"))
    index = index_site(site, shard_pages=15)
    parts = json.loads((site / "pagefind" / SHARDS_FILE).read_text(encoding="utf-8"))
    assert parts["cy"] and parts["en"] and index.parts == 1 + len(parts["cy"]) + len(parts["en"])
    for language, folders in parts.items():
        for folder in folders:
            entry = json.loads((site / "pagefind" / folder / "pagefind-entry.json").read_text(encoding="utf-8"))
            assert list(entry["languages"]) == [language], folder
    main = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sorted(main["languages"]) == ["cy", "en"]


def test_only_pages_marked_for_the_index_are_split_not_pages_that_mention_the_marker(tmp_path):
    from plansite.search import pages_to_index

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<html lang="en"><body><article class="x" data-pagefind-body>Hi</article></body></html>')
    (tmp_path / "admin").mkdir()  # a name in a plan can be any words, the marker's too; it is text here
    (tmp_path / "admin" / "index.html").write_text('<html lang="en"><body><p>data-pagefind-body</p><p x="data-pagefind-body"></p></body></html>')
    (tmp_path / "cy").mkdir()
    (tmp_path / "cy" / "index.html").write_text('<!doctype html>\n<html class="no-js" lang="cy"><body><main data-pagefind-body>Helo</main></body></html>')
    assert pages_to_index(tmp_path) == {"en": ["a/index.html"], "cy": ["cy/index.html"]}
