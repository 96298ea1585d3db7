"""Keyboard and zoom in Chromium: one page of every type, at 320, 640, 1024 and 1280 px.

320 px is a phone, or a laptop at 400% zoom; 640 and 1024 px are a laptop at 200% and 125%; at
1280 px the menu and the page's contents are sidebars. Below 1220 px the menu is closed behind the
header's Menu button, and below 960 px the contents are in the menu.

Each page is tabbed through from the top until focus comes round (tests/focuswalk.py), and the test
fails on:
- a stop that is not visible: zero size, off screen, clipped, hidden by itself or an ancestor, or
  covered by another element (focuswalk's docstring says how each is told);
- a focus order that goes back on the screen: a next stop higher up the page, unless it starts at or
  to the right of where the stop before ends (the top of the next column: menu sidebar to page to
  contents sidebar, as they read left to right), or one on the same line wholly to its left
  (focuswalk.backward_jumps);
- a control that cannot be reached: the skip link (the first stop), the Search button, the Menu
  button below 1220 px and the menu's links from 1220 px, the contents' links from 960 px; and a
  closed menu or contents that can be: below 1220 px no stop is in the menu until it is opened.
Then, on its own: the menu opens with Enter and with Space and moves focus into it, every stop in the
open menu is visible, and Escape closes it with focus back on the button; without JavaScript the
menu is on the page and the header links to the partnership finder and the places A to Z.
"""
from __future__ import annotations

import pytest

from .conftest import REPORT
from .focuswalk import backward_jumps, walk

WIDTHS = (320, 640, 1024, 1280)
MENU_SIDEBAR, TOC_SIDEBAR = 1220, 960  # Material's breakpoints, which plansite-chrome.css keeps

# One page of each type (template), and the pages that are not generated from plans.
PAGES = {
    "home": "",
    "area summary": "regions/west-yorkshire/",
    "plan overview": "calderdale/",
    "strategic assessment": "calderdale/assessment/",
    "priority": "calderdale/priorities/tackling-crime/",
    "action plan": "calderdale/actions/",
    "how it is going": "calderdale/performance/",
    "you said, we did": "calderdale/you-said-we-did/",
    "get involved": "calderdale/get-involved/",
    "updates": "calderdale/updates/",
    "downloads": "calderdale/downloads/",
    "contact": "calderdale/contact/",
    "earlier editions": "calderdale/editions/",
    "earlier edition's priority": "calderdale/editions/2008-2011-draft/priorities/reducing-crime-and-reoffending/",
    "priorities compared": "compare/",
    "priorities compared in an area": "compare/west-yorkshire/",
    "checklist": "checklist/",
    "checklist in an area": "checklist/cleveland/",
    "open data": "open-data/",
    "open data in an area": "open-data/west-yorkshire/",
    "places A to Z": "places/",
    "places by letter": "places/h/",
    "how progress is reported": "how-progress-is-reported/",
    "alternative formats": "alternative-formats/",
    "hand-written (accessibility statement)": "accessibility/",
    "page not found": "404.html",
}

@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_type_tabs_through_with_every_stop_visible_and_in_order(browser, site_server, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    failures, stops_seen, invisible = [], 0, 0
    for kind, path in PAGES.items():
        tab.goto(site_server + path, wait_until="load")
        result = walk(tab)
        where = f"/{path} at {width} px ({kind})"
        stops_seen += len(result.stops)
        invisible += len(result.invisible)
        if not result.came_round:
            failures.append(f"{where}: focus did not come round in {len(result.stops)} stops")
        failures += [f"{where}: {s.describe()} is not visible: {', '.join(s.problems)}" for s in result.invisible]
        failures += [f"{where}: backwards: {jump}" for jump in backward_jumps(result.stops)]
        # What must be reached, and what must not be while it is closed.
        first = result.stops[0] if result.stops else None
        if not first or "md-skip" not in first.cls:
            failures.append(f"{where}: the first stop is {first.describe() if first else 'nothing'}, not the skip link")
        marks = {s.mark for s in result.stops}
        reached = tab.evaluate("""marks => {
            const has = sel => [...document.querySelectorAll(sel)].some(el => marks.includes(el.dataset.psWalk));
            return {search: has('[data-ps-search-button]'), menuButton: has('[data-ps-menu-button]'),
                    menu: has('#ps-nav a'), toc: has('.ps-toc a'), hasToc: !!document.querySelector('.ps-toc a')};
        }""", sorted(marks))
        if not reached["search"]:
            failures.append(f"{where}: the Search button was not reached")
        if width < MENU_SIDEBAR and not reached["menuButton"]:
            failures.append(f"{where}: the Menu button was not reached")
        if width < MENU_SIDEBAR and reached["menu"]:
            failures.append(f"{where}: the closed menu's links are in the tab order")
        if width >= MENU_SIDEBAR and not reached["menu"]:
            failures.append(f"{where}: the menu's links were not reached")
        if width >= TOC_SIDEBAR and reached["hasToc"] and not reached["toc"]:
            failures.append(f"{where}: the contents' links were not reached")
    context.close()
    REPORT[f"keyboard at {width} px"] = (f"{len(PAGES)} page types, {stops_seen} focus stops, {invisible} invisible, "
                                         f"{len(failures)} problems")
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("width,key", [(320, "Enter"), (640, "Space"), (1024, "Enter")])
def test_the_menu_opens_from_its_button_and_escape_returns_focus(browser, site_server, width, key):
    context = browser.new_context(viewport={"width": width, "height": 800})
    tab = context.new_page()
    tab.goto(site_server + "calderdale/priorities/tackling-crime/", wait_until="load")
    button = "[data-ps-menu-button]"
    assert tab.locator("#ps-nav").is_hidden() and tab.get_attribute(button, "aria-expanded") == "false"
    # The button is a real button, reached by Tab.
    for _ in range(10):
        tab.keyboard.press("Tab")
        if tab.evaluate(f"document.activeElement.matches('{button}')"):
            break
    assert tab.evaluate("document.activeElement.tagName") == "BUTTON"
    tab.keyboard.press(key)
    assert tab.get_attribute(button, "aria-expanded") == "true"
    assert tab.locator("#ps-nav").is_visible() and tab.get_attribute("#ps-nav", "hidden") is None
    assert tab.evaluate("!!document.activeElement.closest('#ps-nav')")
    assert tab.evaluate("document.activeElement.textContent.trim()") == "Home"
    # With the menu open, every stop on the page is visible and in order, the menu's included.
    result = walk(tab)
    in_menu = sum(1 for s in result.stops if s.cls.startswith("ps-nav__link"))
    assert in_menu > 20 and result.invisible == [] and backward_jumps(result.stops) == []
    # Escape, from inside the menu, closes it and puts focus back on the button.
    tab.locator("#ps-nav a").nth(3).focus()
    tab.keyboard.press("Escape")
    assert tab.locator("#ps-nav").is_hidden() and tab.get_attribute(button, "aria-expanded") == "false"
    assert tab.evaluate(f"document.activeElement.matches('{button}')")
    # The button again closes it too.
    tab.keyboard.press(key)
    assert tab.locator("#ps-nav").is_visible()
    tab.locator(button).focus()
    tab.keyboard.press(key)
    assert tab.locator("#ps-nav").is_hidden()
    context.close()


def test_a_menu_left_open_becomes_the_sidebar_when_the_window_widens(browser, site_server):
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    tab = context.new_page()
    tab.goto(site_server + "calderdale/", wait_until="load")
    tab.click("[data-ps-menu-button]")
    tab.set_viewport_size({"width": 1280, "height": 800})
    assert tab.locator("#ps-nav").is_visible() and tab.locator("[data-ps-menu-button]").is_hidden()
    tab.set_viewport_size({"width": 1024, "height": 800})
    assert tab.locator("#ps-nav").is_hidden() and tab.get_attribute("[data-ps-menu-button]", "aria-expanded") == "false"
    context.close()


@pytest.mark.parametrize("width", [320, 1024])
def test_without_javascript_the_menu_is_on_the_page_and_the_header_links_to_the_finder(browser, site_server, width):
    context = browser.new_context(java_script_enabled=False, viewport={"width": width, "height": 800})
    tab = context.new_page()
    tab.goto(site_server + "calderdale/priorities/tackling-crime/", wait_until="load")
    links = tab.locator(".ps-header__links a").evaluate_all("l => l.map(a => [a.textContent, a.getAttribute('href')])")
    buttons_shown = tab.locator(".ps-header__button:visible").count()
    menu_shown = tab.locator("#ps-nav").is_visible()
    result = walk(tab)
    context.close()
    assert links == [["Find a partnership", "../../../#find"], ["Places A to Z", "../../../places/"]]
    assert buttons_shown == 0 and menu_shown  # no buttons that would do nothing; the menu is there
    assert result.invisible == [] and backward_jumps(result.stops) == []
    assert sum(1 for s in result.stops if s.cls.startswith("ps-nav__link")) > 20
