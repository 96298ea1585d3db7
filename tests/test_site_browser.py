"""Every built page in a real browser: axe-core (WCAG 2.2 AA), requests, keyboard, reflow, no JavaScript."""
from __future__ import annotations

import json
from pathlib import Path

import axe_playwright_python
import pytest

from .conftest import REPORT, site_pages

AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def run_axe(page) -> list[dict]:
    page.evaluate(AXE_SCRIPT)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS)
    return result["violations"]


def describe(path: str, violations: list[dict]) -> list[str]:
    return [f"/{path}: {v['id']} ({v['impact']}): {v['help']} at {', '.join(n['target'][0] for n in v['nodes'][:3])}"
            for v in violations]


@pytest.fixture
def page(browser, site_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def guard(route):
        # Record and block anything that would leave the site: fonts, CDNs, analytics.
        if not route.request.url.startswith(site_server):
            outside.append(route.request.url)
            return route.abort()
        return route.continue_()

    context.route("**/*", guard)
    tab = context.new_page()
    tab.outside_requests = outside
    # Requests within the site that fail: a missing asset, or a script fetching a file that is not there.
    tab.failed_requests = failed = []
    tab.on("response", lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"))
    yield tab
    context.close()


def test_every_page_passes_axe_and_requests_nothing_outside_the_site(page, built_site, site_server):
    paths = site_pages(built_site)
    problems, outside = [], []
    for path in paths:
        page.goto(site_server + path, wait_until="load")
        problems += describe(path, run_axe(page))
    outside = sorted(set(page.outside_requests))
    failed = sorted(set(page.failed_requests))
    REPORT["axe (WCAG 2.0/2.1/2.2 A and AA)"] = f"{len(paths)} pages checked, {len(problems)} violations found"
    REPORT["requests outside the site"] = f"{len(paths)} pages loaded, {len(outside)} outside requests"
    REPORT["failed requests within the site"] = f"{len(paths)} pages loaded, {len(failed)} failed"
    assert problems == [], "\n".join(problems)
    assert outside == [], "\n".join(outside)
    assert failed == [], "\n".join(failed)


# Search open with results showing is checked with axe in tests/test_search.py.


@pytest.mark.parametrize("path", ["calderdale/", "calderdale/performance/"])
def test_keyboard_skip_link_and_visible_focus(page, site_server, path):
    page.goto(site_server + path, wait_until="load")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => ({text: document.activeElement.textContent.trim(), href: document.activeElement.getAttribute('href')})")
    assert focused == {"text": "Skip to content", "href": "#main-heading"}
    assert page.evaluate("() => getComputedStyle(document.activeElement).backgroundColor") == "rgb(255, 221, 0)"
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#main-heading"
    # Every link reached by the keyboard shows the yellow focus style.
    unseen = []
    for _ in range(25):
        page.keyboard.press("Tab")
        style = page.evaluate("""() => { const el = document.activeElement; const s = getComputedStyle(el);
            return {tag: el.tagName, text: el.textContent.trim().slice(0, 40), bg: s.backgroundColor, outline: s.outlineStyle, shadow: s.boxShadow}; }""")
        if style["bg"] != "rgb(255, 221, 0)" and style["outline"] == "none" and style["shadow"] == "none":
            unseen.append(style)
    assert unseen == []


@pytest.mark.parametrize("path", ["calderdale/", "calderdale/performance/", "calderdale/actions/", "south-derbyshire/priorities/anti-social-behaviour/",
                                  "admin/"])
def test_no_horizontal_scrolling_at_320_pixels(browser, site_server, path):
    context = browser.new_context(viewport={"width": 320, "height": 800})
    tab = context.new_page()
    tab.goto(site_server + path, wait_until="load")
    width = tab.evaluate("() => document.documentElement.scrollWidth")
    context.close()
    assert width <= 320


def test_pages_work_without_javascript(browser, site_server):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto(site_server, wait_until="load")
    partnerships = tab.locator(".ps-card-list__link").all_inner_texts()
    tab.goto(site_server + "places/", wait_until="load")
    letters = [text.split()[0] for text in tab.locator(".ps-letters a").all_inner_texts()]
    tab.goto(site_server + "places/h/", wait_until="load")
    places = tab.locator(".ps-places li").all_inner_texts()
    tab.goto(site_server + "calderdale/actions/", wait_until="load")
    rows = tab.locator(".ps-action-table tbody tr").count()
    context.close()
    assert sorted(partnerships) == ["Calderdale", "Hartlepool", "Middlesbrough", "North Hertfordshire",
                                    "Redcar and Cleveland", "South Derbyshire", "Stockton"]
    assert "H" in letters and len(letters) > 10
    assert "Halifax: Calderdale" in places and "Hartlepool (council area): Hartlepool" in places
    assert rows == 87  # every action, the two PS7.1 rows included
