"""The rules that turn plans into what people read, table by table.

Indicator status (plansite.view.rules.judge_indicator) for each status in each direction, on
trajectories, with words-only targets and with small counts hidden; due-date drift; "last
updated"; and the rules page, which must say what the code does.
"""
from __future__ import annotations

from datetime import date

import pytest

from plansite.model import Edition, Indicator
from plansite.view import rules
from plansite.view.national import rules_view


def indicator(direction: str | None, baseline=None, targets=(), actuals=(), **extra) -> Indicator:
    fields = {"code": "X1", "name": "Example", "unit": "count",
              "targets": [dict(zip(("period", "value"), t)) if isinstance(t, tuple) else t for t in targets],
              "actuals": [dict(zip(("period", "value"), a)) for a in actuals], **extra}
    if direction:
        fields["direction"] = direction
    if baseline:
        fields["baseline"] = dict(zip(("period", "value"), baseline))
    return Indicator.model_validate(fields)


LOWER, HIGHER = "lower is better", "higher is better"
TRAJECTORY = [("2008/09", 90), ("2009/10", 80), ("2010/11", 70)]  # lower is better: 100 falling to 70
RISING = [("2008/09", 110), ("2009/10", 120), ("2010/11", 130)]  # higher is better: 100 rising to 130

# (case, direction, baseline, targets, actuals, expected status, expected rule)
CASES = [
    ("no result", LOWER, ("2007/08", 100), TRAJECTORY, [], "no data yet", "no-result"),
    ("words-only targets", LOWER, ("2007/08", 100), [{"period": "2008/09", "text": "TBA"}, {"text": "TBA"}], [("2008/09", 95)],
     "target not set", "no-target"),
    ("no direction", None, ("2007/08", 100), [{"period": "2008/09", "text": "TBA"}], [("2008/09", 95)], "target not set", "no-target"),
    ("lower: final target met early", LOWER, ("2007/08", 100), TRAJECTORY, [("2008/09", 65)], "target met", "final-met"),
    ("higher: final target met early", HIGHER, ("2007/08", 100), RISING, [("2008/09", 131)], "target met", "final-met"),
    ("lower: final target met on time", LOWER, ("2007/08", 100), TRAJECTORY, [("2010/11", 70)], "target met", "final-met"),
    ("higher: final target met on time", HIGHER, ("2007/08", 100), RISING, [("2010/11", 130)], "target met", "final-met"),
    ("lower: year's target met", LOWER, ("2007/08", 100), TRAJECTORY, [("2008/09", 89)], "on track", "period-met"),
    ("higher: year's target met", HIGHER, ("2007/08", 100), RISING, [("2008/09", 111)], "on track", "period-met"),
    ("lower: year's target missed", LOWER, ("2007/08", 100), TRAJECTORY, [("2009/10", 85)], "off track", "period-missed"),
    ("higher: year's target missed", HIGHER, ("2007/08", 100), RISING, [("2009/10", 115)], "off track", "period-missed"),
    ("lower: final target missed", LOWER, ("2007/08", 100), TRAJECTORY, [("2010/11", 75)], "off track", "period-missed"),
    ("lower: ahead of the line", LOWER, ("2007/08", 100), [("2010/11", 70)], [("2008/09", 85)], "on track", "line-ahead"),
    ("higher: ahead of the line", HIGHER, ("2007/08", 100), [("2010/11", 130)], [("2008/09", 115)], "on track", "line-ahead"),
    ("lower: behind the line", LOWER, ("2007/08", 100), [("2010/11", 70)], [("2008/09", 95)], "off track", "line-behind"),
    ("higher: behind the line", HIGHER, ("2007/08", 100), [("2010/11", 130)], [("2008/09", 105)], "off track", "line-behind"),
    ("no dated baseline for a line", LOWER, None, [("2010/11", 70)], [("2008/09", 85)], "off track", "line-behind"),
    ("lower: after the final year, missed", LOWER, ("2007/08", 100), TRAJECTORY, [("2011/12", 72)], "off track", "after-final-missed"),
    ("higher: after the final year, met", HIGHER, ("2007/08", 100), RISING, [("2011/12", 140)], "target met", "final-met"),
    ("latest result decides", LOWER, ("2007/08", 100), TRAJECTORY, [("2009/10", 79), ("2008/09", 95)], "on track", "period-met"),
]


@pytest.mark.parametrize("case, direction, baseline, targets, actuals, status, rule", CASES, ids=[c[0] for c in CASES])
def test_indicator_status(case, direction, baseline, targets, actuals, status, rule):
    judged = rules.judge_indicator(indicator(direction, baseline, targets, actuals))
    assert (judged.status, judged.rule) == (status, rule)


def test_every_rule_is_exercised_by_the_table():
    assert {c[6] for c in CASES} == {r.id for r in rules.INDICATOR_RULES}


@pytest.mark.parametrize("shown, status", [(3, "target met"), (12, "off track")])
def test_a_hidden_small_count_is_judged_on_its_true_figure(shown, status):
    repeat = indicator(LOWER, ("2007/08", 12), [("2008/09", 6)], [("2007/08", 12), ("2008/09", shown)], sensitive="true")
    for actual in repeat.actuals:
        if actual.value < 8:
            actual.withhold()  # as plansite.publish does with suppress_below: 8
    judged = rules.judge_indicator(repeat)
    assert judged.status == status and judged.actual.period == "2008/09"
    assert judged.actual.value is None or shown >= 8  # the number itself is gone from the model


def test_due_date_drift_keeps_the_first_date():
    from plansite.model import Action

    action = Action.model_validate({"text": "x", "due": "Oct 2009", "updates": [
        {"date": "2009-07-30", "text": "a", "due": "March 2010"}, {"date": "2009-09-01", "text": "b", "due": "June 2010"}]})
    assert (rules.current_due(action).as_written, rules.original_due(action).as_written) == ("June 2010", "Oct 2009")


EDITION = {"title": "T", "period": {"start": "2008-04-01", "end": "2011-03-31"}, "status": "published"}


@pytest.mark.parametrize("fields, expected", [
    ({}, (None, None, False)),
    ({"published": "March 2008"}, (date(2008, 3, 1), "month", True)),
    ({"published": "March 2008", "last_updated": "12 June 2008"}, (date(2008, 6, 12), "day", True)),
    ({"published": "March 2008", "changes": [{"date": "2008-05-02", "note": "n", "significant": "false"}]},
     (date(2008, 5, 2), "day", False)),
    ({"published": "2008-03-20", "priorities": [{"id": "p", "title": "P", "issues": [{"actions": [
        {"text": "a", "updates": [{"date": "March 2008", "text": "u"}]}]}]}]}, (date(2008, 3, 20), "day", True)),
    ({"priorities": [{"id": "p", "title": "P", "issues": [{"actions": [
        {"text": "a", "updates": [{"date": "Dec 2009", "text": "u"}]}]}]}]}, (date(2009, 12, 1), "month", False)),
])
def test_last_updated(fields, expected):
    assert rules.edition_last_updated(Edition.model_validate({**EDITION, **fields})) == expected


def test_the_rules_page_lists_the_rules_in_the_order_the_code_applies_them():
    page = rules_view()
    assert [row.status.key for row in page.indicators] == [r.status for r in rules.INDICATOR_RULES]
    assert page.indicators[2].meaning == "The latest result is as good as the final target, or better."
    assert [row.status.key for row in page.actions] == [s.value if s else "none" for s in rules.STATUS_ORDER]
    assert len(page.dates) == len(rules.DATE_RULES) and "first day" in page.dates[1]
