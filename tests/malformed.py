"""The malformed inputs issue 14 lists, each as an edit of a copy of the example plans, with what
`plansite validate` (and so every build) must say about it. Used by test_limits.py and
test_atomic_build.py. `{outside}` stands for the folder beside the copied plans."""
from __future__ import annotations

import os
from pathlib import Path

EDITION = "stockton/editions/2011-2014.yaml"
SHOWN_EDITION = "plans/" + EDITION


def _append(rel: str, text: str):
    def edit(plans: Path) -> None:
        path = plans / rel
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return edit


def _replace(rel: str, old: str, new: str):
    def edit(plans: Path) -> None:
        path = plans / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def _alias_bomb(plans: Path) -> None:
    # "Billion laughs": nine levels of nine aliases would expand to 9^9 strings.
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        levels.append(f"{chr(97 + i)}: &{chr(97 + i)} [" + ",".join([f"*{chr(96 + i)}"] * 9) + "]")
    _append(EDITION, "objectives:\n" + "".join(f"  - {{{line}}}\n" for line in levels))(plans)


def _nul(plans: Path) -> None:
    path = plans / EDITION
    raw = path.read_bytes()
    path.write_bytes(raw[:542] + b"\x00" + raw[542:])


def _linked_from_outside(plans: Path) -> None:
    target = plans.parent / "outside" / "2020-2023.yaml"
    target.parent.mkdir()
    target.write_text((plans / EDITION).read_text(encoding="utf-8"), encoding="utf-8")
    os.symlink(target, plans / "stockton/editions/2020-2023.yaml")


def _yml_beside_yaml(plans: Path) -> None:
    (plans / "stockton/editions/2011-2014.yml").write_text((plans / EDITION).read_text(encoding="utf-8"), encoding="utf-8")


def _record(plans: Path) -> None:
    (plans / "stockton/updates").mkdir()
    (plans / "stockton/updates/2012-01-01-said.yaml").write_text(
        "you_said_we_did:\n  date: 2012-01-01\n  said: Lights are out.\n  source: Ward forum\n  did: We fixed them.\n"
        "  actions: [SS9.9]\n", encoding="utf-8")


NESTED = ("objective 1 > item 1 > item 1 > item 1 > … > item 1 > item 1 > item 1 (objectives[1][1][1]…[1][1][1]): "
          "blocks and lists are nested more than 20 levels deep here, deeper than any plan needs, so Plansite stopped "
          "reading the file. Check the indentation and brackets.")

# name: (edit, the first lines of the report, its last line)
CASES = {
    "alias bomb": (_alias_bomb, [
        f"{SHOWN_EDITION}:103:5: objective 1 (objectives[1]): must be text, but a block of fields was given",
        f"{SHOWN_EDITION}:103:9: objective 1 > a (objectives[1].a): '&a' is read as a YAML anchor (a label for the value), "
        "not as text, and Plansite does not use anchors. If '&' starts the text, put the whole value in quotes.",
    ], "18 problems found. Nothing was published."),
    "600 nested brackets": (_append(EDITION, "objectives: " + "[" * 600 + "]" * 600 + "\n"),
                            [f"{SHOWN_EDITION}:102:32: {NESTED}"], "1 problem found. Nothing was published."),
    "100,000 nested brackets": (_append(EDITION, "objectives: " + "[" * 100_000 + "]" * 100_000 + "\n"),
                                [f"{SHOWN_EDITION}:102:32: {NESTED}"], "1 problem found. Nothing was published."),
    "a 5,000,000-character word": (_append(EDITION, "mission: " + "a" * 5_000_000 + "\n"), [
        f"{SHOWN_EDITION}:1:1: this file is 5.0 MB; a plan file can be at most 2 MB. Check that nothing was pasted in "
        "by mistake, or split the plan into editions."], "1 problem found. Nothing was published."),
    "a 1,900,000-character word in one field": (_append(EDITION, "mission: " + "a" * 1_900_000 + "\n"), [
        f"{SHOWN_EDITION}:102:10: mission: this text is 1,900,000 characters long; one field can hold at most 20,000 "
        "(about 3,000 words). Publish a long document as a link, or split it into sections."],
        "1 problem found. Nothing was published."),
    "a 300-character region": (_replace("stockton/partnership.yaml", "region: Cleveland", "region: " + "Cleveland " * 30), [
        "plans/stockton/partnership.yaml:8:9: region: is 299 characters long; it can be at most 100 characters. Shorten it."],
        "1 problem found. Nothing was published."),
    "a 300-character edition title": (_replace(EDITION, "title: ", "title: " + "Safer Stockton " * 20), [
        f"{SHOWN_EDITION}:7:8: title: is 340 characters long; it can be at most 200 characters. Shorten it."],
        "1 problem found. Nothing was published."),
    "value: 1e999999999": (_replace("calderdale/editions/2008-2011.yaml", "value: 26.3", "value: 1e999999999"), [
        "plans/calderdale/editions/2008-2011.yaml:57:11: priority 1 (Confidence and satisfaction) > indicator NI4 "
        "(Percentage of people who feel they can…) > baseline 1 > value (priorities[1].indicators[1].baseline[1].value): "
        "'1e999999999' is not a number. Write digits only, like 19.47 or 2750, with no commas or units; put words "
        "such as 'TBA' in text."], "1 problem found. Nothing was published."),
    "start: 1301616000": (_replace(EDITION, "start: 2011-04-01", "start: 1301616000"), [
        f"{SHOWN_EDITION}:10:10: period.start: '1301616000' is not a date. Write dates as YYYY-MM-DD, like 2009-11-18."],
        "1 problem found. Nothing was published."),
    "an edition linked from outside plans/": (_linked_from_outside, [
        "plans/stockton/editions/2020-2023.yaml:1:1: this is a link to {outside}/2020-2023.yaml, outside the plans "
        "folder, and Plansite reads only what is inside it. Copy the file here instead of linking to it."],
        "1 problem found. Nothing was published."),
    "a .yml beside a .yaml": (_yml_beside_yaml, [
        "plans/stockton/editions/2011-2014.yml:1:1: this file is not read: Plansite reads only files ending in .yaml. "
        "Rename it to 2011-2014.yaml. There is already a 2011-2014.yaml here: keep one of the two."],
        "1 problem found. Nothing was published."),
    "an unclosed quote": (_replace(EDITION, "title: ", 'title: "'), [
        f'{SHOWN_EDITION}:7:8: the double quote (") that opens here is never closed, so YAML read to the end of the file '
        'as part of this text. Add the closing " where the text ends.'], "1 problem found. Nothing was published."),
    "an unclosed bracket": (_replace(EDITION, "period:\n", "period: [\n"), [
        f"{SHOWN_EDITION}:8:9: the [ that opens here is not closed with ] on this line, so YAML read on to line 10 as part "
        "of the list. Add the closing ] where it ends; or, if the [ is part of the text, put the whole value in quotes."],
        "1 problem found. Nothing was published."),
    "a NUL character": (_nul, [
        f"{SHOWN_EDITION}:16:13: an invisible NUL character (U+0000) is here. It cannot be published: delete it. It "
        "usually comes with text pasted from another program."], "1 problem found. Nothing was published."),
    "an error in a record": (_record, [
        "plans/stockton/updates/2012-01-01-said.yaml:6:13: you_said_we_did > action ref SS9.9 "
        "(you_said_we_did.actions[1]): no action with ref 'SS9.9' in edition '2011-2014'."],
        "1 problem found. Nothing was published."),
}
