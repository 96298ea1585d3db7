"""Each component partial rendered from example data, including the awkward cases."""
from __future__ import annotations

import re

import pytest

from plansite.load.loader import load_plans
from plansite.model import Action, ActionStatus, Indicator
from plansite.publish import public_catalogue
from plansite.pages.render import Renderer
from plansite.textformat import render_markdown

from .conftest import EDITION, PLANS, write_plans

WELSH = "Cynllun Diogelwch Cymunedol Ŵyl a Ŷd: tŷ, dŵr"
LONG = "A very long action title " * 20


@pytest.fixture(scope="module")
def renderer():
    return Renderer()


def call(renderer: Renderer, partial: str, macro: str, args: str, page_url: str = "x/", **context) -> str:
    source = f'{{% from "partials/ps/{partial}.html" import {macro} %}}{{{{ {macro}({args}) }}}}'
    return renderer.render_string(source, page_url, **context)


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# -- status tag --------------------------------------------------------------------------------

@pytest.mark.parametrize("status, words", [
    (ActionStatus.COMPLETED, "Completed"), (ActionStatus.AT_RISK, "At risk or delayed"),
    (ActionStatus.REMOVED, "Removed from plan"), (None, "Not reported"),
])
def test_status_tag_is_words_with_a_decorative_icon(renderer, status, words):
    html = call(renderer, "status_tag", "status_tag", "status", status=status)
    assert text_of(html) == words
    assert 'aria-hidden="true"' in html and "<svg" in html


@pytest.mark.parametrize("status, kind, words", [("on track", "indicator", "On track"), ("target not set", "indicator", "Target not set"),
                                                 ("partly met", "checklist", "Partly met")])
def test_status_tag_for_indicators_and_checklist(renderer, status, kind, words):
    assert text_of(call(renderer, "status_tag", "status_tag", "status, kind", status=status, kind=kind)) == words


# -- summary list -------------------------------------------------------------------------------

def test_summary_list_skips_empty_rows_and_escapes(renderer):
    html = call(renderer, "summary_list", "summary_list", "rows", rows=[("Name", WELSH), ("Empty", ""), ("Risky", "<b>x</b>")])
    assert html.count("<dt") == 2
    assert WELSH in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_summary_list_with_no_rows_renders_nothing(renderer):
    assert call(renderer, "summary_list", "summary_list", "rows", rows=[]).strip() == ""


# -- actions ----------------------------------------------------------------------------------

def action(**fields) -> Action:
    return Action.model_validate({"text": "Do something.", **fields})


@pytest.fixture(scope="module")
def priority():
    from plansite.model import Priority

    return Priority.model_validate({"id": "p", "title": "P", "issues": [{"actions": [
        {"ref": "1.10", "text": LONG, "lead": [{"role": "Crime Manager", "name": "Paul Fountain"}],
         "due": "October 2009", "updates": [{"date": "30.07.09", "text": "Agreed.", "due": "March 2010", "status": "at risk"}]},
        {"text": "No ref, no lead, no date."},
    ]}]})


def test_action_table_has_caption_scoped_headers_and_all_fallbacks(renderer, priority):
    rows = [(priority, a) for a in priority.actions()]
    html = call(renderer, "action_table", "action_table", "rows, caption, base", rows=rows, caption="Actions for P", base="x/")
    assert '<caption id="table-actions-for-p"' in html
    assert html.count('scope="col"') == 6 and html.count('scope="row"') == 2
    assert 'href="priorities/p/#action-1-10"' in html and 'href="priorities/p/#action-n2"' in html
    assert "March 2010 (originally October 2009)" in html  # drift
    assert "Crime Manager" in html and "Paul Fountain" not in html  # name not opted in
    assert text_of(html).count("Not stated") == 2  # no lead, no due date
    assert "None yet" in html and "At risk or delayed" in html
    assert 'role="region"' in html and 'tabindex="0"' in html


def test_action_card_shows_name_only_when_opted_in(renderer, priority):
    opted = action(ref="2.1", lead=[{"role": "Chair", "name": "Ann Example", "publish_name": "true"}],
                   flags=["reassurance"], milestones=[{"target": "System in place", "due": "August 2005"}])
    from plansite.model import FlagDefinition, Priority

    p = Priority.model_validate({"id": "q", "title": "Q", "issues": [{"actions": [opted.model_dump(exclude_none=True)]}]})
    flags = {"reassurance": FlagDefinition(key="reassurance", label="Community reassurance action", symbol="*")}
    html = call(renderer, "action_card", "action_card", "priority, action, flags", priority=p, action=p.actions()[0], flags=flags)
    assert "Ann Example, Chair" in text_of(html)
    assert '<span aria-hidden="true">* </span>Community reassurance action' in html
    assert "System in place: August 2005" in text_of(html)
    assert '<h4 class="ps-action__title">Action 2.1</h4>' in html


def test_action_card_heading_level_and_unnumbered_action(renderer, priority):
    second = priority.actions()[1]
    html = call(renderer, "action_card", "action_card", "priority, action, flags, 3", priority=priority, action=second, flags={})
    assert '<h3 class="ps-action__title">Action 2 (no reference in the plan)</h3>' in html


# -- indicators ----------------------------------------------------------------------------------

def indicator(**fields) -> Indicator:
    return Indicator.model_validate({"code": "NI16", "name": "Serious acquisitive crime rate", **fields})


def test_indicator_table_shows_words_as_written(renderer):
    i = indicator(unit="count", direction="lower is better", baseline=[{"period": "2008/09", "value": "167", "text": "2008/09 Baseline 167"}],
                  targets=[{"period": "2008/09", "value": "142", "text": "No more than 142"}, {"period": "2010/11", "text": "TBA"}])
    html = call(renderer, "indicator_table", "indicator_table", "i", i=i)
    assert "No more than 142" in html and "TBA" in html
    assert html.count('<th scope="row">') == 2  # 2008/09 and 2010/11


def test_indicator_table_is_empty_without_figures(renderer):
    assert call(renderer, "indicator_table", "indicator_table", "i", i=indicator()).strip() == ""


def test_small_numbers_are_suppressed_for_sensitive_indicators(renderer):
    i = indicator(unit="count", sensitive="true", actuals=[{"period": "2009/10", "value": "3"}, {"period": "2010/11", "value": "12"}])
    html = call(renderer, "indicator_table", "indicator_table", "i, 8", i=i)
    assert "fewer than 8" in html and ">3<" not in html and "12" in html


def test_indicator_chart_is_an_image_with_title_and_description(renderer):
    i = indicator(unit="rate per 1,000 population", direction="lower is better", baseline=[{"period": "2007/08", "value": "19.47"}],
                  targets=[{"period": "2008/09", "value": "19.28"}, {"period": "2009/10", "value": "19.08"}],
                  actuals=[{"period": "2008/09", "value": "19.1"}])
    html = call(renderer, "indicator_chart", "indicator_chart", "i", i=i)
    assert '<svg class="ps-chart__svg" role="img" aria-labelledby="chart-ni16-t chart-ni16-d"' in html
    assert "<title id=\"chart-ni16-t\">Chart of Serious acquisitive crime rate</title>" in html
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", html).group(1)
    assert desc == ("Serious acquisitive crime rate. Baseline: 2007/08 19.47. Target: 2008/09 19.28, 2009/10 19.08. "
                    "Result: 2008/09 19.1. The same figures are in the table.")


def test_indicator_chart_needs_two_figures(renderer):
    assert "<svg" not in call(renderer, "indicator_chart", "indicator_chart", "i", i=indicator(targets=[{"period": "2010/11", "text": "TBA"}]))


# -- updates, request a format, page information, banners ------------------------------------------

def test_update_list_handles_undated_updates_and_nothing(renderer):
    from plansite.model import ProgressUpdate

    updates = [ProgressUpdate(text="Undated."), ProgressUpdate(date="2009-07-30", text=WELSH, status="completed")]
    html = call(renderer, "update_list", "update_list", "u", u=updates)
    assert "Date not stated" in html and '<time datetime="2009-07-30">2009-07-30</time>' in html and WELSH in html
    assert call(renderer, "update_list", "update_list", "[]").strip() == ""


@pytest.fixture
def northtown(in_tmp):
    partnership = """\
name: Safer Northtown Partnership
short_name: Northtown
region: Westshire
area: {local_authority: Northtown, country: england}
contact:
  alternative_formats: {email: formats@northtown.example, phone: 01234 567890, response_days: 10}
"""
    old = EDITION.replace("status: published", "status: superseded\nsuperseded_by: 2011-2014")
    new = EDITION.replace("status: published", "status: published\nchanges:\n  - {date: 2012-01-05, note: Targets added.}\n"
                          "  - {date: 2012-02-01, note: Typo fixed., significant: false}")
    catalogue = load_plans(write_plans(in_tmp, partnership=partnership, editions={"2008-2011": old, "2011-2014": new}))
    from datetime import date

    return public_catalogue(catalogue, date(2026, 11, 21)).partnerships[0]


def test_request_format_block(renderer, northtown):
    html = call(renderer, "request_format", "request_format", "plans, title", plans=northtown, title="Northtown plan: 2008–2011")
    assert 'href="mailto:formats@northtown.example?subject=Accessible%20format%20request%3A%20Northtown%20plan%3A%202008%E2%80%932011"' in html
    assert "This is free of charge." in html and "We will reply within 10 working days." in html
    assert "Phone 01234 567890" in html


def test_request_format_without_a_route_says_where_to_ask(renderer):
    plans = load_plans(PLANS).get("stockton")
    html = call(renderer, "request_format", "request_format", "plans, 'Stockton plan'", plans=plans)
    assert "This partnership has not published a route for requests. Contact Stockton on Tees Council" in text_of(html)


def test_last_updated_lists_only_significant_changes(renderer, northtown):
    from plansite.view import rules as views

    edition = northtown.current
    from plansite.view.history import page_history

    html = call(renderer, "last_updated", "last_updated", "e, u, h", e=edition, u=views.edition_last_updated(edition.data),
                h=page_history(northtown, edition))
    assert "Targets added." in html and "Typo fixed." not in html
    assert '<time datetime="2012-02-01">1 February 2012</time>' in html  # a minor change still moves the date


def test_edition_banner(renderer, northtown):
    current, earlier = northtown.current, northtown.earlier[0]
    assert call(renderer, "edition_banner", "edition_banner", "p, e", p=northtown, e=current).strip() == ""
    html = call(renderer, "edition_banner", "edition_banner", "p, e", page_url="northtown/editions/2008-2011/", p=northtown, e=earlier)
    assert "This is an earlier edition of the plan. It has been replaced." in html
    assert '<a href="../../">Read the current plan: Northtown Community Safety Plan 2008-2011</a>' in html


def test_breadcrumbs_and_contents(renderer):
    html = call(renderer, "breadcrumbs", "breadcrumbs", "[('Home', ''), ('Westshire', 'regions/westshire/')]", page_url="northtown/actions/")
    assert '<nav class="ps-breadcrumbs" aria-label="You are here">' in html and 'href="../../regions/westshire/"' in html
    links = [{"url": "northtown/", "title": "Overview", "priority": False}, {"url": "northtown/actions/", "title": "Action plan", "priority": False}]
    html = call(renderer, "plan_contents", "plan_contents", "links, 'northtown/actions/'", page_url="northtown/actions/", links=links)
    assert '<a href="./" aria-current="page">Action plan</a>' in html and '<a href="../">Overview</a>' in html


# -- escaping ------------------------------------------------------------------------------------

def test_plain_text_is_escaped_and_markdown_drops_html_and_unsafe_links():
    html = render_markdown("Hello <script>alert(1)</script> [x](javascript:alert(1)) [ok](https://example.org) **bold**")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html and '<a href="https://example.org">ok</a>' in html and "<strong>bold</strong>" in html


def test_markdown_headings_fit_under_the_page_headings():
    assert str(render_markdown("# Title\n\n## Sub", heading_base=4)) == "<h4>Title</h4>\n<h5>Sub</h5>"
