"""The example plans: every one validates, and their counts and key facts match the seeds."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from plansite.load.loader import PlanErrors, load_plans
from plansite.load.refs import ActionIndex
from plansite.view.rules import describe_change, judge_indicator

from .conftest import FIXTURES, PLANS

SEEDS = FIXTURES / "seeds"  # copies of the seeds these tests compare with


@pytest.fixture(scope="module")
def catalogue():
    return load_plans(PLANS)


def edition(catalogue, slug, edition_id):
    return catalogue.get(slug).edition(edition_id).data


def counts(data):
    return (len(data.priorities), len(data.actions()), sum(len(p.indicators) for p in data.priorities))


# Counted in the seeds by hand and by pattern: see each helper's method in plans/README.md.
EXPECTED = {
    ("calderdale", "2008-2011"): (6, 87, 10),  # 79 ref'd rows (PS7.1 twice, as the seed has it) + 8 rows without a ref
    ("calderdale", "2008-2011-draft"): (5, 76, 35),  # one action per bullet under "How"; NI rows in "Measuring Our Success"
    ("north-hertfordshire", "2008-2011"): (6, 0, 0),
    ("south-derbyshire", "2005-2006"): (5, 55, 13),  # numbered action rows; 13 strategic target tables
    ("stockton", "2011-2014"): (5, 0, 0),
    ("hartlepool", "2011-2014"): (7, 0, 0),
    ("redcar-and-cleveland", "2011-2014"): (6, 0, 0),
    ("middlesbrough", "2011-2014"): (7, 0, 0),
}


def test_every_example_validates_with_the_expected_counts(catalogue):
    found = {(p.slug, e.id): counts(e.data) for p in catalogue.partnerships for e in p.editions}
    assert found == EXPECTED
    assert {p.slug: p.data.region for p in catalogue.partnerships} == {
        "calderdale": "West Yorkshire", "hartlepool": "Cleveland", "middlesbrough": "Cleveland",
        "north-hertfordshire": "Hertfordshire", "redcar-and-cleveland": "Cleveland", "south-derbyshire": "Derbyshire",
        "stockton": "Cleveland"}


# An action ref opens its table cell: "CS.1.1 Produce", "CS4.1The", "BSC 7.1Quality", "3.10 Data".
REF = re.compile(r"^\s*((?:CS|TC|PS|BSC|SCP|OM)\s?\d\.\d+|(?:CS|TC|PS|BSC|SCP|OM)\.\d\.\d+|[13]\.\d{1,2})(?!\d)\s*(?!per\b)[A-Z]")


def seed_text(number: str) -> str:
    matches = list(SEEDS.glob(f"{number}_*.txt"))
    assert matches, f"seed {number} not found in {SEEDS}"
    return matches[0].read_text(encoding="utf-8")


def test_calderdale_refs_are_exactly_those_in_the_seed(catalogue):
    seed = seed_text("001")
    in_seed = {m[1] for line in seed.splitlines() if (m := REF.match(line))}
    data = edition(catalogue, "calderdale", "2008-2011")
    refs = [a.ref for a in data.actions() if a.ref]
    assert set(refs) == in_seed
    assert {r[:2] for r in refs} >= {"CS", "TC", "PS", "BS", "SC", "OM"}
    assert len(refs) == 79 and len(set(refs)) == 78 and refs.count("PS7.1") == 2  # two rows carry PS7.1
    assert "1.10" not in refs and "3.10" in refs  # a float would have made 3.10 into 3.1


def test_calderdale_indicators_as_written(catalogue):
    data = edition(catalogue, "calderdale", "2008-2011")
    indicators = {i.code: i for p in data.priorities for i in p.indicators}
    ni16 = indicators["NI16"]
    assert [(t.period, str(t.value)) for t in ni16.targets] == [("2008/09", "19.28"), ("2009/10", "19.08"), ("2010/11", "18.89")]
    assert [str(b.value) for b in ni16.baseline] == ["19.47"]
    assert [t.text for t in indicators["NI30"].targets][:2] == ["No more than 142", "No more than 107"]
    assert indicators["NI35"].targets[-1].text == "Level 3"
    assert judge_indicator(ni16).status == "no data yet"  # the seed reports no results


def test_calderdale_statuses_dates_and_notes(catalogue):
    data = edition(catalogue, "calderdale", "2008-2011")
    actions = {a.ref: a for a in data.actions() if a.ref}
    assert (actions["CS9.1"].due.as_written, actions["CS9.1"].due.date) == ("18/11/09", "2009-11-18")
    assert actions["CS8.1"].due.as_written == "To be agreed" and actions["CS8.1"].due.date is None
    assert actions["PS4.3"].status.value == "not progressed"
    assert "lack of resources" in actions["PS4.3"].status_reason
    statuses = Counter(a.status.value for a in data.actions() if a.status)
    assert statuses["completed"] == 12
    notes = Counter(n for a in data.actions() for n in a.internal_notes)
    assert notes["Update requested"] == seed_text("001").count("Update requested") == 15
    assert notes["SUGGESTED REMOVAL FROM PLAN"] == 1
    # Leads are stored with names, published by role: nobody opted in.
    assert all(not lead.publish_name for a in data.actions() for lead in a.lead)


def test_calderdale_draft_assessment_findings(catalogue):
    data = edition(catalogue, "calderdale", "2008-2011-draft")
    assessment = data.strategic_assessment
    findings = [f for theme in assessment.themes for f in theme.findings]
    pictures = re.split(r"The Picture in Calderdale[^\n]*\n", seed_text("000"))[1:]
    bullets = sum(len(re.findall(r"^·", part.split("\nWhy")[0], re.M)) for part in pictures)
    assert (assessment.date.as_written, len(assessment.themes), len(findings)) == ("November 2007", 8, bullets)
    assert bullets == 31
    changes = [describe_change(f.change) for f in findings if f.change]
    assert changes == ["fell from 2,750 to 2,472, 10% lower", "rose from 2,119 to 2,146, 1% higher",
                       "fell from 1,074 to 1,039, 3% lower", "fell from 623 to 462, 26% lower"]
    assert data.status.value == "superseded" and data.superseded_by == "2008-2011"


def test_south_derbyshire_trajectories_flags_and_shared_refs(catalogue):
    data = edition(catalogue, "south-derbyshire", "2005-2006")
    damage = data.priorities[0].indicators[0]
    assert [(v.period, int(v.value)) for v in damage.baseline + damage.targets] == [
        ("2003/04", 1140), ("2004/05", 1095), ("2005/06", 1050), ("2006/07", 1005), ("2007/08", 960)]
    assert [len(p.actions()) for p in data.priorities] == [19, 0, 14, 9, 13]
    flags = Counter(f for a in data.actions() for f in a.flags)
    assert sorted(flags.values()) == [3, 17]
    assert sum(len(a.milestones) for a in data.actions()) == 77
    # Numbering restarts in each action plan, so "1.1" needs its priority to be found.
    index = ActionIndex(data, "2005-2006")
    found, message = index.resolve("1.1")
    assert found is None and message.startswith("action ref '1.1' is used in more than one priority of edition '2005-2006'")
    found, _ = index.resolve("property-crime/1.1")
    assert found[1].text.startswith("To Implement the Prolific and Priority Offender Scheme")


def test_north_hertfordshire_success_criteria_and_consultation(catalogue):
    plans = catalogue.get("north-hertfordshire")
    data = plans.current.data
    assert sum(len(p.activities) for p in data.priorities) == 45
    assert sum(len(p.success_criteria) for p in data.priorities) == 10
    assert sum(len(p.associated_success_criteria) for p in data.priorities) == 13
    assert len(data.development) == 9
    assert sorted(p.consultation_rank for p in data.priorities) == [1, 2, 3, 4, 5, 6]
    route = plans.data.contact.alternative_formats
    assert (route.phone, route.email) == ("01462 474000", "service@north-herts.gov.uk")
    assert data.last_updated.as_written == "June 12th 2008"


def test_an_ambiguous_ref_in_an_update_file_says_how_to_write_it(example_copy):
    updates = example_copy / "south-derbyshire" / "updates"
    updates.mkdir()
    (updates / "2005-07-01-ppo.yaml").write_text("action: 1.1\nprogress:\n  date: 2005-07-01\n  text: Scheme running.\n")
    with pytest.raises(PlanErrors) as caught:
        load_plans(example_copy)
    assert [str(p) for p in caught.value.problems] == [
        "plans/south-derbyshire/updates/2005-07-01-ppo.yaml:1:9: action: action ref '1.1' is used in more than one priority "
        "of edition '2005-2006' (anti-social-behaviour, violent-crime-domestic-abuse, property-crime, substance-misuse); "
        "write it with the priority's id, e.g. anti-social-behaviour/1.1"]
