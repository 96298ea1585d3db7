"""Each component partial rendered from example data, including the awkward cases.

The example data is a fictional partnership (tests/fixtures/components/plans/) taken through
the real pipeline (load, publish, view), so the components are tested on the same view the
site renders: long, Welsh and hostile text, every fallback, a ref used twice, small counts.
"""
from __future__ import annotations

import re
from datetime import date

import pytest

from plansite.load import load_plans
from plansite.pages.render import Renderer
from plansite.publish import public_catalogue
from plansite.textformat import render_markdown
from plansite.view.edition import edition_views
from plansite.view.history import page_history

from .conftest import FIXTURES, write_plans

EXAMPLES = FIXTURES / "components" / "plans"
WELSH = "Cynllun Diogelwch Cymunedol Ŵyl a Ŷd: tŷ, dŵr."
TODAY = date(2026, 11, 21)


@pytest.fixture(scope="module")
def renderer():
    return Renderer()


@pytest.fixture(scope="module")
def views():
    return edition_views(public_catalogue(load_plans(EXAMPLES), TODAY), today=TODAY)


@pytest.fixture(scope="module")
def current(views):
    return views[("examplebury", "2011-2014")]


@pytest.fixture(scope="module")
def earlier(views):
    return views[("examplebury", "2008-2011")]


@pytest.fixture(scope="module")
def crime(current):
    return current.priority("tackling-crime")


def call(renderer: Renderer, partial: str, macro: str, args: str, page_url: str = "x/", **context) -> str:
    source = f'{{% from "partials/ps/{partial}.html" import {macro} %}}{{{{ {macro}({args}) }}}}'
    return renderer.render_string(source, page_url, **context)


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# -- status tag --------------------------------------------------------------------------------

@pytest.mark.parametrize("anchor, words", [("action-1-10", "At risk or delayed"), ("action-n2", "Not reported"),
                                            ("action-1-2", "In progress"), ("action-1-2-2", "Not progressed")])
def test_status_tag_is_words_with_a_decorative_icon(renderer, crime, anchor, words):
    action = next(a for a in crime.actions if a.anchor == anchor)
    html = call(renderer, "status_tag", "status_tag", "s", s=action.status)
    assert text_of(html) == words
    assert 'aria-hidden="true"' in html and "<svg" in html


def test_status_tag_for_indicators_shows_the_partnerships_own_term(renderer, crime):
    from dataclasses import replace

    status = crime.indicators[0].status
    assert text_of(call(renderer, "status_tag", "status_tag", "s", s=status)) == "On track"
    assert text_of(call(renderer, "status_tag", "status_tag", "s", s=replace(status, term="amber"))) == "On track (amber)"


# -- summary list -------------------------------------------------------------------------------

def test_summary_list_skips_empty_rows_and_escapes(renderer):
    html = call(renderer, "summary_list", "summary_list", "rows", rows=[("Name", WELSH), ("Empty", ""), ("Risky", "<b>x</b>")])
    assert html.count("<dt") == 2
    assert WELSH in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html


def test_summary_list_with_no_rows_renders_nothing(renderer):
    assert call(renderer, "summary_list", "summary_list", "rows", rows=[]).strip() == ""


# -- actions ----------------------------------------------------------------------------------

def test_action_table_has_caption_scoped_headers_and_all_fallbacks(renderer, crime):
    html = call(renderer, "action_table", "action_table", "a, 'Actions for P', 'table-p'", a=crime.actions,
                page_url="examplebury/actions/")
    assert '<caption id="table-p"' in html
    assert html.count('scope="col"') == 6 and html.count('scope="row"') == 4
    assert html.count('data-label=') == 6 * 4  # every cell labelled, for the record layout
    assert 'href="../priorities/tackling-crime/#action-1-10"' in html and 'href="../priorities/tackling-crime/#action-n2"' in html
    assert 'href="../priorities/tackling-crime/#action-1-2-2"' in html  # the second "1.2" has its own anchor
    assert "March 2012 (originally October 2011)" in html  # drift
    assert "Crime Manager" in html and "Paul Fountain" not in html  # name not opted in
    assert text_of(html).count("Not stated") == 4  # two without a lead, two without a due date
    assert "See its milestones" in html and "Each milestone has its own lead" not in html
    assert "None yet" in html and "At risk or delayed" in html
    assert 'role="region"' in html and 'tabindex="0"' in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "<img" not in html


def _details(html: str) -> str:
    return re.search(r'<div class="ps-details__text">(.*?)</div>\s*</details>', html, re.S).group(1)


def test_action_card_shows_name_only_when_opted_in_with_flags_and_milestone_leads(renderer, crime):
    opted = next(a for a in crime.actions if a.ref == "1.2")
    html = call(renderer, "action_card", "action_card", "a", a=opted)
    assert "Ann Example, Chair" in text_of(html)
    assert "System in place: August 2011. Lead: Westshire Police" in text_of(_details(html))
    assert '<h4 class="ps-action__title">Action 1.2</h4>' in html
    flagged = call(renderer, "action_card", "action_card", "a", a=crime.actions[0])
    assert '<span aria-hidden="true">* </span>Community reassurance action' in _details(flagged)
    assert "Reports to" in text_of(_details(flagged)) and "Safer Communities Group" in _details(flagged)


def test_action_card_is_a_compact_record_with_the_rest_one_click_away(renderer, crime):
    action = crime.actions[0]  # 1.10: lead, reports to, a flag, one update with a new due date
    html = call(renderer, "action_card", "action_card", "a", a=action)
    assert html.lstrip().startswith('<div class="ps-action" id="action-1-10">')
    facts = re.search(r'<dl class="ps-action__facts">(.*?)</dl>', html, re.S).group(1)
    assert text_of(facts) == "Status At risk or delayed Due March 2012 (originally October 2011) Lead Crime Manager"
    assert html.index("</dl>") < html.index('<details class="ps-details">')  # the facts are not hidden
    summary = re.search(r"<summary[^>]*>(.*?)</summary>", html, re.S).group(1)
    assert text_of(summary) == "Details and 1 progress update for Action 1.10"
    assert '<span class="ps-visually-hidden"> for Action 1.10</span>' in summary
    inside = _details(html)
    assert "Agreed." in inside and '<h5 class="ps-action__updates-title">Progress updates</h5>' in inside
    several = call(renderer, "action_card", "action_card", "a", a=next(a for a in crime.actions if a.ref == "1.2"))
    assert text_of(re.search(r"<summary[^>]*>(.*?)</summary>", several, re.S).group(1)).startswith("Milestones and 2 progress updates")
    # Nothing more to say: no details element at all.
    bare = call(renderer, "action_card", "action_card", "a", a=crime.actions[1])
    assert "<details" not in bare and "Not stated" in text_of(bare)


def test_action_card_keeps_a_status_reason_beside_the_status(renderer, crime):
    html = call(renderer, "action_card", "action_card", "a", a=next(a for a in crime.actions if a.anchor == "action-1-2-2"))
    facts = re.search(r'<dl class="ps-action__facts">(.*?)</dl>', html, re.S).group(1)
    assert "Not progressed" in facts and "Reason: No funding." in text_of(facts)


def test_action_card_heading_level_and_unnumbered_action(renderer, crime):
    html = call(renderer, "action_card", "action_card", "a, 3", a=crime.actions[1])
    assert '<h3 class="ps-action__title">Action 2 (no reference in the plan)</h3>' in html
    assert '<h4 class="ps-action__updates-title">' not in html  # no updates, no heading for them


# -- indicators ----------------------------------------------------------------------------------

def test_indicator_table_shows_words_as_written(renderer, crime):
    html = call(renderer, "indicator_table", "indicator_table", "i, 'u'", i=crime.indicators[0])
    assert "TBA" in html and "19.47 per 1,000 population" in html
    assert html.count('<th scope="row" data-label="Period">') == 4  # 2010/11 to 2013/14


def test_indicator_table_is_empty_without_figures(renderer, crime):
    from dataclasses import replace

    assert call(renderer, "indicator_table", "indicator_table", "i, 'u'", i=replace(crime.indicators[0], rows=())).strip() == ""


def test_small_numbers_are_hidden_but_progress_is_judged_on_the_true_figure(renderer, crime):
    repeat = crime.indicators[1]
    html = call(renderer, "indicator_table", "indicator_table", "i, 'u'", i=repeat)
    assert "fewer than 8 (provisional)" in html and ">3<" not in html and "12" in html
    # 3 against a target of 6, lower is better: met, although the page shows "fewer than 8".
    assert repeat.status.key == "target met"
    assert repeat.sentence == "fewer than 8 in 2011/12 against a target of 6 for 2011/12 (lower is better): target met"


def _loc3(crime):
    return next(i for i in crime.indicators if i.code == "LOC3")


def test_indicator_chart_draws_results_against_targets_with_the_direction_and_unit(renderer, crime):
    html = call(renderer, "indicator_chart", "indicator_chart", "c", c=_loc3(crime).chart)
    actual = re.search(r'<path class="ps-chart__line ps-chart__line--actual" d="([^"]+)"', html).group(1)
    assert actual.count("L") == 3  # four results, joined
    assert 'class="ps-chart__line ps-chart__line--target"' in html
    assert html.count("<circle") == 4 + 1  # four results and the legend's key
    assert '<span class="ps-chart__axis-title">Percentage (%)</span>' in html
    assert '<span class="ps-chart__direction">Higher is better</span>' in html
    legend = re.search(r'<ul class="ps-chart__legend">(.*?)</ul>', html, re.S).group(1)
    assert text_of(legend) == "Baseline Target Result"


def test_indicator_chart_is_hidden_from_assistive_technology_as_the_table_says_it_all(renderer, crime):
    html = call(renderer, "indicator_chart", "indicator_chart", "c", c=crime.indicators[0].chart)
    assert html.lstrip().startswith('<figure class="ps-chart" aria-hidden="true">')
    assert 'role="img"' not in html and "<title" not in html and "<desc" not in html
    # The table carries what the chart adds: the direction, in its caption.
    table = call(renderer, "indicator_table", "indicator_table", "i, 'u'", i=crime.indicators[0])
    assert "Serious acquisitive crime rate: figures by period (lower is better)" in table
    words = call(renderer, "indicator_table", "indicator_table", "i, 'u'", i=crime.indicators[2])
    assert "Words only: figures by period</caption>" in words  # no direction stated, none claimed


def _every_indicator():
    from .conftest import PLANS, public_views

    for views in (edition_views(public_catalogue(load_plans(EXAMPLES), TODAY), today=TODAY), public_views(PLANS)):
        for (slug, edition_id), edition in views.items():
            for indicator in edition.indicators:
                yield f"{slug} {edition_id} {indicator.heading}", indicator


def test_every_chart_figure_is_in_its_table_in_the_same_words():
    """Why the chart may be hidden from assistive technology: the table holds each plotted figure,
    in the row of its period and the column of its series, for every indicator of the fixture and
    every seed plan."""
    column = {"baseline": "baseline", "target": "target", "actual": "actual"}
    charts = points = 0
    for name, indicator in _every_indicator():
        if indicator.chart is None:
            continue
        charts += 1
        rows = {row.period: row for row in indicator.rows}
        for series in indicator.chart.series:
            for point in series.points:
                points += 1
                assert point.text in getattr(rows[point.period], column[series.key]), (name, series.key, point)
    assert charts >= 20 and points >= 80  # the seeds' charts are checked, not just the fixture's


def test_indicator_chart_axis_starts_at_zero_with_round_ticks(crime):
    assert [label for _, label in crime.indicators[0].chart.y_ticks] == ["0", "5", "10", "15", "20"]
    chart = _loc3(crime).chart
    assert [label for _, label in chart.y_ticks] == ["0", "20", "40", "60", "80"]
    # Heights are proportional to the values from zero: 67% is 67/80 of the way up.
    left, top, right, bottom = chart.plot
    result = next(p for s in chart.series if s.key == "actual" for p in s.points if p.period == "2012/13")
    assert abs(result.y - (bottom - 67 / 80 * (bottom - top))) <= 0.06  # rounded to 0.1 unit
    assert chart.y_ticks[0][0] == bottom  # the zero line is the axis


def test_indicator_chart_period_labels_never_overlap_and_the_last_is_shown(crime):
    from plansite.view.charts import CHAR_WIDTH, LABEL_SIZE

    chart = _loc3(crime).chart
    assert [label for _, label, _ in chart.x_labels] == ["2009/10", "2011/12", "2013/14"]  # 6 periods: every second
    xs = [x for x, _, _ in chart.x_labels]
    width = len("2009/10") * CHAR_WIDTH * LABEL_SIZE
    assert min(b - a for a, b in zip(xs, xs[1:])) >= width
    few = crime.indicators[0].chart
    assert [label for _, label, _ in few.x_labels] == ["2010/11", "2011/12", "2012/13"]  # room for all


def test_indicator_chart_never_plots_a_hidden_count(crime):
    chart = crime.indicators[1].chart
    results = next(s for s in chart.series if s.key == "actual")
    assert [p.period for p in results.points] == ["2010/11"]  # 2011/12 is "fewer than 8"


def test_indicator_chart_needs_two_figures(crime):
    assert crime.indicators[2].chart is None


# -- updates, request a format, page information, banners ------------------------------------------

def test_update_list_handles_undated_updates_and_nothing(renderer, crime):
    updates = next(a for a in crime.actions if a.ref == "1.2").updates
    html = call(renderer, "update_list", "update_list", "u", u=updates)
    assert "Date not stated" in html and '<time datetime="2012-03-15">2012-03-15</time>' in html
    assert call(renderer, "update_list", "update_list", "()").strip() == ""


def test_request_format_block(renderer, current):
    html = call(renderer, "request_format", "request_format", "e, 'Examplebury plan: 2011–2014'", e=current)
    assert 'href="mailto:formats@examplebury.example?subject=Accessible%20format%20request%3A%20Examplebury%20plan%3A%202011%E2%80%932014"' in html
    assert "This is free of charge." in html and "We will reply within 10 working days." in html
    assert "Phone 01234 567891" in html and "Easy read and Welsh on request." in html


def test_request_format_without_a_route_says_where_to_ask(renderer, in_tmp):
    views = edition_views(public_catalogue(load_plans(write_plans(in_tmp)), TODAY), today=TODAY)
    html = call(renderer, "request_format", "request_format", "e, 'Northtown plan'", e=views[("northtown", "2008-2011")])
    assert ("This partnership has not published a route for requests. Contact Northtown Council and ask for the "
            "Northtown Community Safety Plan 2008-2011 in the format you need.") in text_of(html)


def test_request_format_on_a_page_about_every_partnership(renderer):
    html = call(renderer, "request_format", "request_format", "None, 'Compare'")
    assert "information on this site" in html and "this plan" not in html


def test_last_updated_lists_only_significant_changes_and_says_when_a_date_is_worked_out(renderer, current):
    html = call(renderer, "last_updated", "last_updated", "e, e.last_updated, h", e=current, h=page_history(current))
    assert "Targets added." in html and "Typo fixed." not in html
    # The plan states 1 June 2011; a later progress update (15 March 2012) moves the date, and the page says so.
    assert '<time datetime="2012-03-15">15 March 2012</time>' in html and "the date of its latest dated record" in html
    assert "First published 2011-06-01" in text_of(html)  # as the plan writes it
    assert "1 June 2011 : Plan published" in text_of(html)


def test_a_date_stated_as_a_month_stays_a_month(renderer, earlier):
    html = call(renderer, "last_updated", "last_updated", "e, e.last_updated, h", e=earlier, h=page_history(earlier))
    assert '<time datetime="2008-03">March 2008</time>' in html and "1 March 2008" not in html


def test_edition_banner(renderer, current, earlier):
    assert call(renderer, "edition_banner", "edition_banner", "e", e=current).strip() == ""
    html = call(renderer, "edition_banner", "edition_banner", "e", page_url="examplebury/editions/2008-2011/", e=earlier)
    assert "This is an earlier edition of the plan. It has been replaced." in html
    assert '<a href="../../">Read the current plan: Examplebury Community Safety Plan 2011-2014</a>' in html


def test_breadcrumbs_and_contents(renderer):
    from plansite.pages.site import ContentsLink

    html = call(renderer, "breadcrumbs", "breadcrumbs", "[('Home', ''), ('Westshire', 'regions/westshire/')]", page_url="northtown/actions/")
    assert '<nav class="ps-breadcrumbs" aria-label="You are here">' in html and 'href="../../regions/westshire/"' in html
    links = (ContentsLink("northtown/", "Overview"), ContentsLink("northtown/actions/", "Action plan"))
    html = call(renderer, "plan_contents", "plan_contents", "links, 'northtown/actions/'", page_url="northtown/actions/", links=links)
    assert '<a href="./" aria-current="page">Action plan</a>' in html and '<a href="../">Overview</a>' in html


# -- escaping ------------------------------------------------------------------------------------

def test_plain_text_is_escaped_and_markdown_drops_html_and_unsafe_links():
    html = render_markdown("Hello <script>alert(1)</script> [x](javascript:alert(1)) [ok](https://example.org) **bold**")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html and '<a href="https://example.org">ok</a>' in html and "<strong>bold</strong>" in html


def test_markdown_headings_fit_under_the_page_headings():
    assert str(render_markdown("# Title\n\n## Sub", heading_base=4)) == "<h4>Title</h4>\n<h5>Sub</h5>"


def test_only_fields_declared_markdown_are_rendered_as_markdown(renderer, crime):
    html = renderer.render_string("{{ p.summary | markdown }}", "x/", p=crime)
    assert "<strong>bold</strong>" in html and "&lt;b&gt;not bold&lt;/b&gt;" in html
    with pytest.raises(TypeError):
        renderer.render_string("{{ 'plain **text**' | markdown }}", "x/")
