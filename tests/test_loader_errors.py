"""The exact messages people see for mistakes in plan data."""
from __future__ import annotations

import pytest

from plansite.load.loader import PlanErrors, load_plans

from .conftest import EDITION, PARTNERSHIP, write_plans

FILE = "plans/northtown/editions/2008-2011.yaml"


def errors(tmp, edition=EDITION, partnership=PARTNERSHIP, updates=None, editions=None) -> list[str]:
    plans = write_plans(tmp, partnership=partnership, editions=editions or {"2008-2011": edition}, updates=updates)
    with pytest.raises(PlanErrors) as caught:
        load_plans(plans)
    return [str(p) for p in caught.value.problems]


def test_unknown_field_suggests_the_closest_name(in_tmp):
    text = EDITION.replace("            due: Oct 2009", "            deu: Oct 2009")
    assert errors(in_tmp, text) == [
        f"{FILE}:16:13: priority 1 (Tackling crime) > action 1.1 > deu (priorities[1].issues[1].actions[1].deu): 'deu' is not a field Plansite knows. Did you mean 'due'?"
    ]


def test_misspelt_status_lists_the_choices(in_tmp):
    text = EDITION.replace("            due: Oct 2009", "            due: Oct 2009\n            status: in progres")
    assert errors(in_tmp, text) == [
        f"{FILE}:17:21: priority 1 (Tackling crime) > action 1.1 > status (priorities[1].issues[1].actions[1].status): 'in progres' is not a recognised action status. "
        "Use one of: not started, in progress, at risk, completed, ongoing, not progressed, removed. Did you mean 'in progress'?"
    ]


def test_status_words_forgive_case_and_underscores(in_tmp):
    text = EDITION.replace("            due: Oct 2009", "            due: Oct 2009\n            status: In_Progress")
    plans = write_plans(in_tmp, editions={"2008-2011": text})
    assert load_plans(plans).partnerships[0].current.data.actions()[0].status.value == "in progress"


def test_missing_required_field_points_at_its_block(in_tmp):
    text = EDITION.replace("            text: Run a burglary awareness campaign.\n", "")
    assert errors(in_tmp, text) == [f"{FILE}:14:13: priority 1 (Tackling crime) > action 1.1 > text (priorities[1].issues[1].actions[1].text): "
                                     "is required but missing"]


def test_words_in_a_number_field(in_tmp):
    text = EDITION.replace("value: 19.28", "value: TBA")
    assert errors(in_tmp, text) == [
        f"{FILE}:26:38: priority 1 (Tackling crime) > indicator NI16 (Serious acquisitive crime rate) > target 1 (2008/09) > value "
        "(priorities[1].indicators[1].targets[1].value): 'TBA' is not a number. "
        "Write digits only, like 19.47 or 2750, with no commas or units; put words such as 'TBA' in text."
    ]


def test_a_period_that_is_not_understood(in_tmp):
    text = EDITION.replace("{period: 2008/09, value: 19.28}", "{period: 2008-2009, value: 19.28}")
    assert errors(in_tmp, text) == [
        f"{FILE}:26:22: priority 1 (Tackling crime) > indicator NI16 (Serious acquisitive crime rate) > target 1 (2008-2009) > period "
        "(priorities[1].indicators[1].targets[1].period): '2008-2009' is not a period Plansite understands. "
        "Write a financial year as 2008/09, a calendar year as 2009, a month as 2009-10, or a financial quarter as 2009/10 Q2, "
        "in the years 1900 to 2199"
    ]


def test_a_list_where_text_is_expected(in_tmp):
    text = EDITION.replace("title: Tackling crime", "title: [Tackling, crime]")
    assert errors(in_tmp, text) == [f"{FILE}:9:12: priority 1 (tackling-crime) > title (priorities[1].title): must be text, but a list was given"]


def test_bad_slug(in_tmp):
    text = EDITION.replace("id: tackling-crime", "id: Tackling Crime")
    assert errors(in_tmp, text) == [
        f"{FILE}:8:9: priority 1 (Tackling crime) > id (priorities[1].id): 'Tackling Crime' must be lower-case letters, digits and single hyphens, like 'tackling-crime'"
    ]


def test_a_ref_the_plan_gives_twice_in_a_priority_is_kept_and_must_be_referred_to_precisely(in_tmp):
    text = EDITION.replace('ref: "1.10"', 'ref: "1.1"')
    update = "action: 1.1\nprogress:\n  date: 2009-07-30\n  text: Campaign launched.\n"
    assert errors(in_tmp, text, updates={"2009-07-30-campaign": update}) == [
        "plans/northtown/updates/2009-07-30-campaign.yaml:1:9: action: action ref '1.1' is used by 2 actions in priority "
        "'tackling-crime' of edition '2008-2011'; write which one, e.g. 1.1#2 for the second"
    ]
    (in_tmp / "plans/northtown/updates/2009-07-30-campaign.yaml").write_text(update.replace("action: 1.1", 'action: "1.1#2"'))
    actions = load_plans(in_tmp / "plans").get("northtown").current.data.actions()
    assert [len(a.updates) for a in actions] == [0, 1]


def test_unknown_action_ref_in_an_update_file(in_tmp):
    update = "action: 1.11\nprogress:\n  date: 2009-07-30\n  text: Campaign launched.\n"
    assert errors(in_tmp, updates={"2009-07-30-campaign": update}) == [
        "plans/northtown/updates/2009-07-30-campaign.yaml:1:9: action: no action with ref '1.11' in edition '2008-2011'. "
        "Did you mean '1.1'?"
    ]


def test_unknown_action_ref_in_you_said_we_did_and_indicators(in_tmp):
    text = EDITION.replace("          - {period: 2008/09, value: 19.28}\n",
                           "          - {period: 2008/09, value: 19.28}\n        actions: [\"1.2\"]\n") + (
        "you_said_we_did:\n"
        "  - said: Burglary worries us.\n    source: Ward meeting\n    did: We ran a campaign.\n    actions: [\"CS.9\"]\n")
    assert errors(in_tmp, text) == [
        f"{FILE}:27:19: priority 1 (Tackling crime) > indicator NI16 (Serious acquisitive crime rate) > action ref 1.2 "
        "(priorities[1].indicators[1].actions[1]): no action with ref '1.2' in edition '2008-2011'. Did you mean '1.1'?",
        f"{FILE}:32:15: 'you said, we did' entry 1 > action ref CS.9 (you_said_we_did[1].actions[1]): "
        "no action with ref 'CS.9' in edition '2008-2011'.",
    ]


def test_target_period_outside_the_plan(in_tmp):
    text = EDITION.replace("{period: 2008/09, value: 19.28}", "{period: 2018/19, value: 19.28}")
    assert errors(in_tmp, text) == [
        f"{FILE}:26:22: priority 1 (Tackling crime) > indicator NI16 (Serious acquisitive crime rate) > target 1 (2018/19) > period "
        "(priorities[1].indicators[1].targets[1].period): target period 2018/19 is outside the plan period (2008-2011)"
    ]


def test_trajectory_from_an_earlier_baseline_is_allowed(in_tmp):
    text = EDITION.replace("baseline: {period: 2007/08, value: 19.47}", "baseline: {period: 2003/04, value: 21}").replace(
        "          - {period: 2008/09, value: 19.28}\n", "          - {period: 2004/05, value: 20.5}\n          - {period: 2008/09, value: 19.28}\n")
    plans = write_plans(in_tmp, editions={"2008-2011": text})
    assert len(load_plans(plans).partnerships[0].current.priorities[0].indicators[0].targets) == 2


def test_superseded_edition_without_a_successor(in_tmp):
    old = EDITION.replace("status: published", "status: superseded")
    assert errors(in_tmp, editions={"2008-2011": EDITION, "2005-2008": old}) == [
        "plans/northtown/editions/2005-2008.yaml:1:1: status is superseded, so superseded_by must name the edition that replaced it"
    ]


def test_superseded_by_an_edition_that_does_not_exist(in_tmp):
    old = EDITION.replace("status: published", "status: superseded\nsuperseded_by: 2011-2014")
    assert errors(in_tmp, editions={"2008-2011": EDITION, "2005-2008": old}) == [
        "plans/northtown/editions/2005-2008.yaml:7:16: superseded_by: there is no edition '2011-2014' for this partnership "
        "(editions: 2005-2008, 2008-2011)"
    ]


def test_numeric_target_needs_a_direction(in_tmp):
    text = EDITION.replace("        direction: lower is better\n", "")
    assert errors(in_tmp, text) == [
        f"{FILE}:20:9: priority 1 (Tackling crime) > indicator NI16 (Serious acquisitive crime rate) (priorities[1].indicators[1]): "
        "direction is needed ('lower is better' or 'higher is better') "
        "because a target has a number"
    ]


def test_every_problem_in_every_file_is_reported_at_once(in_tmp):
    partnership = PARTNERSHIP.replace("region: Westshire\n", "")
    text = EDITION.replace("status: published", "status: publishd").replace("due: Oct 2009", "due: Oct 2009\n            colour: red")
    assert errors(in_tmp, text, partnership=partnership) == [
        "plans/northtown/partnership.yaml:1:1: region: is required but missing",
        f"{FILE}:6:9: status: 'publishd' is not a recognised edition status. Use one of: draft, published, superseded. "
        "Did you mean 'published'?",
        f"{FILE}:17:13: priority 1 (Tackling crime) > action 1.1 > colour (priorities[1].issues[1].actions[1].colour): "
        "'colour' is not a field Plansite knows. "
        + _known_action_fields(),
    ]


def _known_action_fields() -> str:
    from plansite.model import Action
    return "Known fields here: " + ", ".join(Action.model_fields) + "."


def test_a_partnership_folder_without_partnership_yaml(in_tmp):
    (in_tmp / "plans" / "oldtown").mkdir(parents=True)
    write_plans(in_tmp)
    with pytest.raises(PlanErrors) as caught:
        load_plans(in_tmp / "plans")
    assert [str(p) for p in caught.value.problems] == ["plans/oldtown:1:1: this partnership folder has no partnership.yaml"]


def test_report_ends_with_a_count(in_tmp):
    text = EDITION.replace("status: published", "status: publishd")
    plans = write_plans(in_tmp, editions={"2008-2011": text})
    with pytest.raises(PlanErrors) as caught:
        load_plans(plans)
    assert caught.value.report().splitlines()[-1] == "1 problem found. Nothing was published."
