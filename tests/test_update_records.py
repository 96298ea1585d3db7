"""The records in updates/ beyond progress and 'you said, we did': indicator results and internal notes."""
from __future__ import annotations

import pytest

from plansite.load.loader import PlanErrors, load_plans

from .conftest import EDITION, write_plans

ACTUAL = EDITION.replace("          - {period: 2008/09, value: 19.28}\n",
                         "          - {period: 2008/09, value: 19.28}\n        actuals:\n          - {period: 2008/09, value: 19.4}\n")


def problems(root) -> list[str]:
    with pytest.raises(PlanErrors) as errors:
        load_plans(root)
    return [str(p) for p in errors.value.problems]


def test_a_result_record_adds_a_result_without_rewriting_the_edition(in_tmp):
    result = "indicator: NI16\nresult:\n  period: 2009/10\n  value: 19.1\n  note: Provisional\n"
    root = write_plans(in_tmp, updates={"2010-05-01-result": result}, editions={"2008-2011": ACTUAL})
    indicator = load_plans(root).get("northtown").current.data.priorities[0].indicators[0]
    assert [(a.period, str(a.value), a.note) for a in indicator.actuals] == [("2008/09", "19.4", None),
                                                                            ("2009/10", "19.1", "Provisional")]


def test_a_result_never_replaces_one_already_given_and_must_name_a_real_indicator(in_tmp):
    again = "indicator: NI16\nresult:\n  period: 2008/09\n  value: 19.0\n"
    unknown = "indicator: NI61\nresult:\n  period: 2009/10\n  value: 3\n"
    root = write_plans(in_tmp, editions={"2008-2011": ACTUAL}, updates={"a-again": again, "b-unknown": unknown})
    assert problems(root) == [
        "plans/northtown/updates/a-again.yaml:3:11: result.period: indicator 'NI16' already has a result for 2008/09 "
        "(19.4); a record cannot replace it. To correct a figure, change it where it was first written.",
        "plans/northtown/updates/b-unknown.yaml:1:12: indicator: no indicator 'NI61' in edition '2008-2011'. "
        "Did you mean 'NI16'?"]


def test_internal_notes_on_an_action_are_kept_and_never_published(in_tmp):
    from datetime import date

    from plansite.publish import public_catalogue

    note = "action: '1.1'\ninternal_notes:\n  - Chase the lead in May.\n"
    root = write_plans(in_tmp, updates={"2009-11-02-note": note})
    catalogue = load_plans(root)
    action = catalogue.get("northtown").current.data.actions()[0]
    assert action.internal_notes == ["Chase the lead in May."] and action.updates == []
    public = public_catalogue(catalogue, date(2009, 11, 20))
    assert public.get("northtown").current.data.actions()[0].internal_notes == []


@pytest.mark.parametrize("record, message", [
    ("action: '1.1'\n", "an update file holds one record: progress (with action), you_said_we_did, meeting, result (with "
                        "indicator), or internal_notes (with action)"),
    ("indicator: NI16\nresult: {period: 2009/10, value: 1}\nprogress: {text: x}\naction: '1.1'\n",
     "an update file holds one record, but this one has progress and result; put each in its own file"),
    ("result: {period: 2009/10, value: 1}\n", "a result needs indicator: the code of the indicator it is for"),
    ("indicator: NI16\n", "indicator is given, so give the result for it (period and value)"),
    ("indicator: NI16\naction: '1.1'\nresult: {period: 2009/10, value: 1}\n",
     "a result is for an indicator, not an action: leave out action"),
    ("internal_notes: [x]\n", "a progress update or internal note needs action: the ref of the action it is about"),
    ("indicator: NI16\nresult: {period: 2009/10, value: 1}\ninternal_notes: [x]\n",
     "internal_notes in an update file are about an action; put them in a file of their own, with action"),
])
def test_update_file_kinds(in_tmp, record, message):
    root = write_plans(in_tmp, updates={"x": record})
    assert problems(root) == [f"plans/northtown/updates/x.yaml:1:1: {message}"]


def test_records_saved_together_are_all_taken_back_if_one_cannot_be_written(in_tmp, monkeypatch):
    from datetime import date

    from plansite.cli import record
    from plansite.cli.record import RecordRefused, note_record, progress_record, save_records

    root = write_plans(in_tmp)
    before = sorted(p.relative_to(root).as_posix() for p in root.rglob("*"))
    real_write, calls = record._write, []

    def failing(path, content):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_write(path, content)

    monkeypatch.setattr(record, "_write", failing)
    day = date(2009, 11, 2)
    records = [progress_record("1.1", note="Leaflets printed.", day=day),
               note_record("1.1", ["Chase the printer."], day=day, origin="added by a test")]
    with pytest.raises(RecordRefused) as refused:
        save_records(root, "northtown", records)
    assert str(refused.value) == ("could not write plans/northtown/updates/2009-11-02-1-1.note.yaml: No space left on "
                                  "device. Nothing was saved.")
    assert len(calls) == 2 and sorted(p.relative_to(root).as_posix() for p in root.rglob("*")) == before + ["northtown/updates"]
