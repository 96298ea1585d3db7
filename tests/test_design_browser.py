"""The design, measured in Chromium at a phone's width (375 px) and a laptop's (1280 px).

What is measured is what a resident sees: type sizes and weights after every stylesheet has had
its say (Material's rules outrank a careless one), card lists laid out as grids, wide tables as
labelled records where there is no room for their columns, chart labels at their rendered size,
and the actions of a priority as compact records with their detail one click away.
"""
from __future__ import annotations

import re

import pytest

from .conftest import PLANS, REPORT, site_pages

PHONE, LAPTOP = 375, 1280
PAGES = ["", "calderdale/", "calderdale/priorities/tackling-crime/", "calderdale/performance/", "calderdale/actions/",
         "checklist/", "checklist/west-yorkshire/", "compare/cleveland/", "south-derbyshire/performance/"]
# GOV.UK's body text is 16 px on phones and 19 px from 641 px up; nothing a resident reads is smaller.
BODY = {PHONE: 16, LAPTOP: 19}
MEASURE = """() => {
  const size = el => parseFloat(getComputedStyle(el).fontSize);
  const seen = el => el.getClientRects().length > 0;
  const sizes = sel => [...document.querySelectorAll(sel)].filter(seen).map(size);
  // Headings of the page's own content; the panels after it (contents, request a format, page
  // information) title their boxes smaller, as GOV.UK's related-content panels do.
  const heading = level => [...document.querySelectorAll('.md-content h' + level)].filter(seen)
    .filter(el => !el.closest('.ps-contents, .ps-request-format, .ps-page-info'))
    .map(el => [size(el), getComputedStyle(el).fontWeight, getComputedStyle(el).textTransform]);
  return {
    text: sizes('.md-content p, .md-content li, .md-content td, .md-content th, .md-content dd, .md-content dt, .md-content caption'),
    tags: sizes('.md-content .ps-tag'),
    nav: sizes('.ps-nav__link, .ps-toc__link'),
    h: [1, 2, 3, 4].map(heading),
  };
}"""


@pytest.fixture(params=[PHONE, LAPTOP], ids=["375px", "1280px"])
def tab(request, browser, site_server):
    context = browser.new_context(viewport={"width": request.param, "height": 900})
    page = context.new_page()
    page.width = request.param
    page.base = site_server
    yield page
    context.close()


def test_text_tables_tags_and_navigation_are_at_least_body_size(tab):
    small = []
    for path in PAGES:
        tab.goto(tab.base + path, wait_until="load")
        m = tab.evaluate(MEASURE)
        for kind in ("text", "tags", "nav"):
            # Smaller type is allowed only for secondary text: 16 px on a laptop (GOV.UK's small body text).
            floor = BODY[tab.width] if kind != "nav" else 16
            if kind == "text" and tab.width == LAPTOP:
                floor = 16
            small += [f"/{path}: {kind} at {s} px" for s in set(m[kind]) if s < floor]
        assert m["text"], path
        # The menu is a sidebar at 1280 px; on a phone it is closed (hidden) until its button opens it.
        assert bool(m["nav"]) == (tab.width == LAPTOP), path
        assert max(set(m["text"]), key=m["text"].count) == BODY[tab.width], path  # most text is body size
    assert small == []


def test_headings_are_bold_in_a_clear_hierarchy_and_never_in_capitals(tab):
    sizes = {}
    for path in PAGES:
        tab.goto(tab.base + path, wait_until="load")
        for level, found in enumerate(tab.evaluate(MEASURE)["h"], start=1):
            for size, weight, transform in found:
                assert weight == "700" and transform == "none", (path, level, size, weight, transform)
                sizes.setdefault(level, set()).add(size)
    # One size per level, each level smaller than the one above; h4 is bold body text.
    assert all(len(s) == 1 for s in sizes.values()), sizes
    h1, h2, h3, h4 = (sizes[level].pop() for level in (1, 2, 3, 4))
    assert h1 > h2 > h3 >= h4 == BODY[tab.width]
    REPORT[f"headings at {tab.width} px"] = f"h1 {h1:g}, h2 {h2:g}, h3 {h3:g}, h4 {h4:g} px, all bold"


def test_progress_updates_heading_is_in_sentence_case(tab):
    tab.goto(tab.base + "calderdale/priorities/tackling-crime/", wait_until="load")
    tab.locator("#action-tc1-2 summary").click()
    title = tab.locator("#action-tc1-2 .ps-action__updates-title")
    assert title.inner_text() == "Progress updates"  # innerText applies text-transform
    assert tab.evaluate("el => getComputedStyle(el).textTransform", title.element_handle()) == "none"


def test_card_lists_are_grids_without_bullets(tab):
    tab.goto(tab.base, wait_until="load")
    cards = tab.evaluate("""() => [...document.querySelectorAll('.ps-card-list')].map(list => ({
        display: getComputedStyle(list).display, bullets: getComputedStyle(list).listStyleType,
        indent: getComputedStyle(list).marginLeft, items: [...list.children].map(li => ({
            top: Math.round(li.getBoundingClientRect().top), left: Math.round(li.getBoundingClientRect().left),
            bullets: getComputedStyle(li).listStyleType, indent: getComputedStyle(li).marginLeft,
            width: li.getBoundingClientRect().width}))}))""")
    assert len(cards) == 4
    for card_list in cards:
        assert (card_list["display"], card_list["bullets"], card_list["indent"]) == ("grid", "none", "0px")
        assert {(i["bullets"], i["indent"]) for i in card_list["items"]} == {("none", "0px")}
    cleveland = cards[0]["items"]  # four partnerships
    rows = len({i["top"] for i in cleveland})
    if tab.width == PHONE:
        assert rows == 4 and len({i["left"] for i in cleveland}) == 1  # one column, full width
        assert min(i["width"] for i in cleveland) > 300
    else:
        assert rows == 2 and len({i["left"] for i in cleveland}) == 2  # two cards a row


def _cells(tab, selector):
    return tab.evaluate("""sel => { const t = document.querySelector(sel); const row = t.querySelector('tbody tr:not(.ps-table__group)');
        return {table: getComputedStyle(t).display, row: getComputedStyle(row).display,
                head: t.querySelector('thead').getBoundingClientRect().height,
                labels: [...row.children].map(c => getComputedStyle(c, '::before').content)}; }""", selector)


@pytest.mark.parametrize("path, selector", [("checklist/west-yorkshire/", ".ps-checklist"),
                                            ("calderdale/performance/", ".ps-indicator-summary"),
                                            ("calderdale/performance/", ".ps-indicator-table"),
                                            ("compare/cleveland/", ".ps-compare")])
def test_wide_tables_are_labelled_records_where_there_is_no_room(tab, path, selector):
    tab.goto(tab.base + path, wait_until="load")
    cells = _cells(tab, selector)
    if tab.width == PHONE:
        assert (cells["table"], cells["row"], cells["head"]) == ("block", "block", 1)  # headers for screen readers only
        assert all(re.fullmatch(r'"[^"]+: " / ""', label) for label in cells["labels"]), cells["labels"]
    else:
        assert (cells["table"], cells["row"]) == ("table", "table-row") and cells["head"] > 20
        assert set(cells["labels"]) == {"none"}
    # Nothing scrolls sideways, at either width.
    assert tab.evaluate("document.documentElement.scrollWidth") <= tab.width


def test_records_are_still_tables_to_assistive_technology(browser, site_server):
    context = browser.new_context(viewport={"width": PHONE, "height": 900})
    tab = context.new_page()
    tab.goto(site_server + "calderdale/priorities/tackling-crime/", wait_until="load")
    tree = tab.locator(".ps-indicator-table").first.aria_snapshot()
    context.close()
    assert 'table "Serious acquisitive crime rate: figures by period (lower is better)"' in tree.splitlines()[0]
    assert tree.count("- columnheader") == 4
    rows = re.findall(r"- row .*?(?=\n\s*- row |\Z)", tree, re.S)[1:]
    # Every row keeps all four cells, empty ones too, so each figure stays under its own header.
    assert rows and all(row.count("- rowheader") == 1 and row.count("- cell") == 3 for row in rows), tree
    assert "Period:" not in tree  # the visible labels are not read as well


def test_action_table_is_a_record_per_action_at_every_width(tab):
    tab.goto(tab.base + "calderdale/actions/", wait_until="load")
    rows = tab.evaluate("""() => [...document.querySelectorAll('.ps-action-table tbody tr')].map(r => getComputedStyle(r).display)""")
    assert len(rows) == 87
    assert set(rows) == ({"block"} if tab.width == PHONE else {"grid"})
    assert tab.evaluate("document.documentElement.scrollWidth") <= tab.width


def test_chart_labels_are_at_least_14_pixels_as_drawn(tab):
    sizes = []
    for path in ("calderdale/performance/", "south-derbyshire/performance/", "calderdale/priorities/tackling-crime/"):
        tab.goto(tab.base + path, wait_until="load")
        sizes += tab.evaluate("""() => [...document.querySelectorAll('.ps-chart__svg text')].map(t =>
            parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)""")
        zero = tab.evaluate("""() => [...document.querySelectorAll('.ps-chart__svg')].map(svg =>
            [...svg.querySelectorAll('g[text-anchor=end] text')].at(0).textContent)""")
        assert zero and set(zero) == {"0"}, path  # every value axis starts at zero
    REPORT[f"chart labels at {tab.width} px"] = f"{len(sizes)} labels, {min(sizes):.1f} to {max(sizes):.1f} px"
    assert min(sizes) >= 14
    assert max(sizes) <= 20  # capped, so they are not larger than the text around them on a laptop


# -- a priority's actions ------------------------------------------------------------------------

PRIORITY = "calderdale/priorities/tackling-crime/"


def test_a_priority_page_on_a_phone_is_far_shorter(browser, site_server):
    # 20,955 px before (each action a four-row summary list with every update shown); 13,600 px
    # with the compact records. The budget leaves room for other fonts, not for a return.
    context = browser.new_context(viewport={"width": PHONE, "height": 900})
    tab = context.new_page()
    tab.goto(site_server + PRIORITY, wait_until="load")
    height = tab.evaluate("document.documentElement.scrollHeight")
    context.close()
    REPORT["Calderdale tackling crime at 375 px"] = f"{height} px tall"
    assert height <= 15000


def test_each_action_shows_its_key_facts_and_keeps_the_rest_in_details(browser, site_server):
    context = browser.new_context(viewport={"width": PHONE, "height": 900}, java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_server + PRIORITY, wait_until="load")
    actions = tab.evaluate("""() => [...document.querySelectorAll('.ps-action')].map(a => ({id: a.id,
        facts: [...a.querySelectorAll('.ps-action__key')].map(k => k.textContent),
        details: !!a.querySelector('details'), open: !!a.querySelector('details[open]')}))""")
    assert len(actions) == 24
    assert all(a["id"].startswith("action-") for a in actions)
    assert {tuple(a["facts"]) for a in actions} == {("Status", "Due", "Lead")}
    assert not any(a["open"] for a in actions)
    # Three actions have nothing beyond their key facts (no update, milestone or reporting line):
    # they have no details element, rather than an empty one.
    assert [a["id"] for a in actions if not a["details"]] == ["action-tc3-5", "action-tc3-6", "action-n17"]
    # Without JavaScript the keyboard opens it: Tab to the summary, then Enter.
    summary = tab.locator("#action-tc2-1 summary")
    summary.focus()
    assert tab.evaluate("() => getComputedStyle(document.activeElement).backgroundColor") == "rgb(255, 221, 0)"
    tab.keyboard.press("Enter")
    assert tab.locator("#action-tc2-1 details").get_attribute("open") == ""
    assert tab.locator("#action-tc2-1 .ps-update-list__item").count() == 3
    assert tab.locator("#action-tc2-1 .ps-update-list").is_visible()
    context.close()


def test_find_in_page_and_links_from_elsewhere_reach_an_actions_detail(browser, site_server):
    context = browser.new_context(viewport={"width": LAPTOP, "height": 900}, java_script_enabled=False)
    tab = context.new_page()
    # A text fragment finds text in a closed <details> and opens it, by the same rule as the
    # browser's find in page (the HTML standard's "ancestor details revealing algorithm").
    tab.goto(site_server + PRIORITY + "#:~:text=Town%20Centre%20Ambassadors", wait_until="load")
    tab.wait_for_function("document.querySelector('#action-tc2-1 details').open", timeout=5000)
    # A link to an action (from the action plan, an indicator, the latest updates) lands on its record.
    tab.goto(site_server + PRIORITY + "#action-tc3-2", wait_until="load")
    box = tab.locator("#action-tc3-2 .ps-action__facts").bounding_box()
    assert 0 <= box["y"] < 900
    assert tab.evaluate("getComputedStyle(document.querySelector('#action-tc3-2')).borderLeftStyle") == "solid"  # :target
    context.close()


# -- defects the issue lists -----------------------------------------------------------------------

def test_the_overview_names_the_plan_period_once_above_the_fold(browser, site_server):
    context = browser.new_context(viewport={"width": LAPTOP, "height": 900})
    tab = context.new_page()
    tab.goto(site_server + "calderdale/", wait_until="load")
    top = tab.evaluate("""() => { const main = document.querySelector('.md-content article');
        const stop = main.querySelector('#priorities'); let text = '';
        for (const el of main.querySelectorAll('p, dt, dd')) { if (el.compareDocumentPosition(stop) & Node.DOCUMENT_POSITION_FOLLOWING) text += el.textContent + '\\n'; }
        return text; }""")
    context.close()
    assert top.count("Plan period") == 1 and top.count("Last updated") == 1


def test_an_indicator_a_plan_repeats_is_listed_under_each_of_its_priorities(browser, site_server):
    # South Derbyshire's plan sets "reduce violent crime by 10%" under Violent Crime and again under
    # Substance Misuse (seed 004, lines 138 and 158). The summary says which priority each row is.
    context = browser.new_context(viewport={"width": LAPTOP, "height": 900})
    tab = context.new_page()
    tab.goto(site_server + "south-derbyshire/performance/", wait_until="load")
    groups = tab.evaluate("""() => [...document.querySelectorAll('.ps-indicator-summary tbody')].map(g => ({
        priority: g.querySelector('th[scope=rowgroup]').textContent,
        rows: [...g.querySelectorAll('th[scope=row]')].map(th => th.textContent)}))""")
    context.close()
    target = "Strategic Target to reduce violent crime by 10% from 952 to 857 by 2007/08"
    assert [g["priority"] for g in groups if target in g["rows"]] == ["Violent Crime (Domestic Abuse)", "Substance Misuse"]
    assert all(len(g["rows"]) == len(set(g["rows"])) for g in groups)


def test_the_format_request_box_says_this_plan_only_on_a_plans_pages(built_site):
    wrong = []
    partnerships = {folder.name for folder in PLANS.iterdir() if (folder / "partnership.yaml").exists()}
    for path in site_pages(built_site):
        if not path.endswith("/") and path != "" or path.startswith("admin/"):
            continue
        html = (built_site / path / "index.html").read_text(encoding="utf-8")
        if "ps-request-format" not in html:
            continue
        ours = path.split("/")[0] in partnerships
        said = "If you need this plan in another format" in html, "If you need information on this site in another format" in html
        if said != (ours, not ours):
            wrong.append(f"/{path}")
    assert wrong == []


@pytest.mark.parametrize("path", ["calderdale/priorities/tackling-crime/", "calderdale/actions/", "checklist/west-yorkshire/",
                                  "south-derbyshire/performance/", "compare/cleveland/"])
def test_phone_layouts_pass_axe_with_every_details_open(browser, site_server, path):
    from .test_site_browser import describe, run_axe

    context = browser.new_context(viewport={"width": PHONE, "height": 900})
    tab = context.new_page()
    tab.goto(site_server + path, wait_until="load")
    tab.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    problems = describe(f"{path} at {PHONE} px, details open", run_axe(tab))
    context.close()
    assert problems == []
