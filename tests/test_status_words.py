"""The partnership's own status words: declared in partnership.yaml, used in YAML, the CLI and workbooks,
kept beside the standard status they mean, and shown in words on pages and in downloads."""
from __future__ import annotations

import pytest

from plansite.cli import main
from plansite.load.loader import PlanErrors, load_plans
from plansite.view.rules import current_status, current_status_word, status_words

from .conftest import EDITION, PARTNERSHIP, write_plans

WORDS = PARTNERSHIP + """\
status_words:
  - word: red
    status: not progressed
    meaning: Not progressing.
  - word: amber
    status: at risk
    meaning: Some slippage; action needed.
  - word: green
    status: in progress
    meaning: On track.
  - word: no relevant data set available
    status: not started
    meaning: Progress cannot be measured yet.
"""
EDITION_FILE = "plans/northtown/editions/2008-2011.yaml"


def edition_with(status: str, extra: str = "") -> str:
    return EDITION.replace("            due: Oct 2009\n", f"            due: Oct 2009\n            status: {status}\n{extra}")


def problems(root) -> list[str]:
    with pytest.raises(PlanErrors) as errors:
        load_plans(root)
    return [str(p) for p in errors.value.problems]


def action(catalogue, ref="1.1"):
    return next(a for a in catalogue.get("northtown").current.data.actions() if a.ref == ref)


@pytest.mark.parametrize("written, standard, word", [
    ("amber", "at risk", "amber"),
    ("Amber", "at risk", "amber"),  # case forgiven; the word is kept as the partnership declares it
    ("GREEN", "in progress", "green"),
    ("no relevant data set available", "not started", "no relevant data set available"),
    ("at risk", "at risk", None),  # the standard words still work, with no word beside them
    ("delayed", "at risk", None),
])
def test_a_declared_word_maps_to_its_standard_status_and_is_kept(in_tmp, written, standard, word):
    root = write_plans(in_tmp, WORDS, {"2008-2011": edition_with(written)})
    found = action(load_plans(root))
    assert (found.status.value, found.status_word) == (standard, word)
    assert status_words(found.status, found.status_word) == (
        {"at risk": "At risk or delayed", "in progress": "In progress", "not started": "Not started"}[standard]
        + (f" ({word})" if word else ""))


def test_an_update_with_a_word_sets_the_current_status_and_word(in_tmp):
    update = "action: '1.1'\nprogress:\n  date: 2009-11-02\n  text: Going well.\n  status: green\n"
    root = write_plans(in_tmp, WORDS, {"2008-2011": edition_with("amber")}, updates={"2009-11-02-a": update})
    found = action(load_plans(root))
    assert (current_status(found).value, current_status_word(found)) == ("in progress", "green")


def test_an_unknown_word_lists_the_partnerships_words_with_a_suggestion(in_tmp):
    root = write_plans(in_tmp, WORDS, {"2008-2011": edition_with("Amberr")})
    assert problems(root) == [
        f"{EDITION_FILE}:17:21: priority 1 (Tackling crime) > action 1.1 > status (priorities[1].issues[1].actions[1].status): 'Amberr' is not a status this plan uses. "
        "Use one of: not started, in progress, at risk, completed, ongoing, not progressed, removed, or the "
        "partnership's own words: red, amber, green, no relevant data set available. Did you mean 'amber'?"]


def test_without_declared_words_the_message_says_how_to_declare_one(in_tmp):
    root = write_plans(in_tmp, PARTNERSHIP, {"2008-2011": edition_with("Amber")})
    assert problems(root) == [
        f"{EDITION_FILE}:17:21: priority 1 (Tackling crime) > action 1.1 > status (priorities[1].issues[1].actions[1].status): 'Amber' is not a recognised action status. "
        "Use one of: not started, in progress, at risk, completed, ongoing, not progressed, removed. If it is your "
        "plan's own word, declare it in status_words in partnership.yaml, with the standard status it means."]


def test_a_word_meaning_not_progressed_still_needs_a_reason(in_tmp):
    root = write_plans(in_tmp, WORDS, {"2008-2011": edition_with("red")})
    assert problems(root) == [f"{EDITION_FILE}:14:13: priority 1 (Tackling crime) > action 1.1 (priorities[1].issues[1].actions[1]): status 'not progressed' "
                              "needs a status_reason saying why"]
    root = write_plans(in_tmp, WORDS, {"2008-2011": edition_with("red", "            status_reason: No funding.\n")})
    assert action(load_plans(root)).status_word == "red"


def test_declared_words_must_be_new_and_declared_once(in_tmp):
    partnership = WORDS + "  - word: Completed\n    status: in progress\n    meaning: x\n" \
                          "  - word: AMBER\n    status: at risk\n    meaning: y\n" \
                          "  - word: purple\n    status: lilac\n    meaning: z\n"
    root = write_plans(in_tmp, partnership, {"2008-2011": edition_with("amber")})
    assert problems(root) == [
        "plans/northtown/partnership.yaml:27:13: status word 7 (purple) > status (status_words[7].status): 'lilac' is not a recognised action status. "
        "Use one of: not started, in progress, at risk, completed, ongoing, not progressed, removed."]
    partnership = WORDS + "  - word: Completed\n    status: in progress\n    meaning: x\n" \
                          "  - word: AMBER\n    status: at risk\n    meaning: y\n"
    root = write_plans(in_tmp, partnership, {"2008-2011": edition_with("amber")})
    assert problems(root) == [
        "plans/northtown/partnership.yaml:20:11: status word 5 (Completed) > word (status_words[5].word): 'Completed' is already a standard status, so it "
        "cannot be given another meaning; leave it out, or use the plan's own word for it",
        "plans/northtown/partnership.yaml:23:11: status word 6 (AMBER) > word (status_words[6].word): the status word "
        "'AMBER' is declared twice (first as status word 2)"]


def test_status_word_is_filled_in_from_status_never_written(in_tmp):
    root = write_plans(in_tmp, WORDS, {"2008-2011": edition_with("at risk", "            status_word: amber\n")})
    assert problems(root) == [
        f"{EDITION_FILE}:14:13: priority 1 (Tackling crime) > action 1.1 (priorities[1].issues[1].actions[1]): status_word is filled in from status: write the "
        "partnership's own word in status instead, e.g. status: amber"]


def test_plansite_update_takes_the_partnerships_words(in_tmp, capsys):
    root = write_plans(in_tmp, WORDS)
    code = main(["update", "northtown", "1.1", "--status", "Amber", "--note", "Delayed by the printers.",
                 "--date", "2009-11-02", "--plans", str(root)])
    assert code == 0, capsys.readouterr().err
    found = action(load_plans(root))
    assert (current_status(found).value, current_status_word(found)) == ("at risk", "amber")
    code = main(["update", "northtown", "1.1", "--status", "ambre", "--note", "x", "--date", "2009-11-03", "--plans", str(root)])
    err = capsys.readouterr().err
    assert code == 1 and ("--status: 'ambre' is not a status this plan uses. Use one of: not started, in progress, "
                          "at risk, completed, ongoing, not progressed, removed, or the partnership's own words: red, amber, "
                          "green, no relevant data set available. Did you mean 'amber'?") in err
