"""YAML syntax errors, in plain words, at the line the person must fix: one test per mistake.

Each case is a mistake a communications officer makes in the small example edition of conftest.py;
the message names the line and column to change and never gives advice that does not follow from
what is on the page.
"""
from __future__ import annotations

import pytest

from plansite.load.yamlsafe import parse_yaml

from .conftest import EDITION

CASES = {
    'second colon': (
        lambda e: e.replace("title: Tackling crime", "title: Tackling crime: all of it"),
        [
            "9:26: this line has a second ': ', which YAML cannot read inside a value. Put the value in "
            'quotes: title: "Tackling crime: all of it"',
        ]),
    'field indented further': (
        lambda e: e.replace("  end: 2011-03-31", "    end: 2011-03-31"),
        [
            "5:5: this line is indented further than 'start' on line 4, so YAML reads it as more of that "
            "value, and the ': ' here cannot start a field. If 'end' is a field of its own, line it up with "
            "'start' (2 spaces in).",
        ]),
    'field indented less': (
        lambda e: e.replace("  end: 2011-03-31", " end: 2011-03-31"),
        [
            '5:2: this line is indented by 1 space, which lines up with no line above it. Line it up with '
            "'start' on line 4 (2 spaces in) or with 'period' on line 2 (at the left margin), whichever it "
            'belongs with.',
        ]),
    'list item field out of line': (
        lambda e: e.replace("    title: Tackling crime", "   title: Tackling crime"),
        [
            '9:4: this line is indented by 3 spaces, which lines up with no line above it. Line it up with '
            "'id' on line 8 (4 spaces in) or with the '-' on line 8 (2 spaces in), whichever it belongs with.",
        ]),
    'list item field indented further': (
        lambda e: e.replace("    title: Tackling crime", "     title: Tackling crime"),
        [
            "9:6: this line is indented further than 'id' on line 8, so YAML reads it as more of that value, "
            "and the ': ' here cannot start a field. If 'title' is a field of its own, line it up with 'id' "
            '(4 spaces in).',
        ]),
    'dash out of line': (
        lambda e: e.replace("          - ref: \"1.10\"", "         - ref: \"1.10\""),
        [
            '17:10: this line is indented by 9 spaces, which lines up with no line above it. Line it up with '
            "the '-' on line 14 (10 spaces in) or with 'actions' on line 13 (8 spaces in), whichever it "
            'belongs with.',
        ]),
    'field in the column of the dash': (
        lambda e: e.replace("            due: Oct 2009", "          due: Oct 2009"),
        [
            "16:11: 'due' is in the column of the '-' of the list above it, so YAML expects a new list item "
            "here. If it belongs to the item above, line it up with 'text' on line 15 (12 spaces in); if it "
            "starts a new item, begin it with '- '; if it belongs with 'actions' on line 13 (8 spaces in), "
            'line it up with that.',
        ]),
    'no colon': (
        lambda e: e.replace("    title: Tackling crime", "    title Tackling crime"),
        [
            "9:5: this line has no ': ', so YAML cannot tell a field name from its value. Write it as name: "
            "value; if it continues the text on the line above, indent it further than that line's field "
            'name.',
        ]),
    'no space after colon': (
        lambda e: e.replace("    title: Tackling crime", "    title:Tackling crime"),
        [
            "9:5: a ':' after a field name needs a space after it: write 'title: Tackling crime'.",
        ]),
    'unclosed double quote': (
        lambda e: e.replace("title: Northtown Community Safety Plan 2008-2011", 'title: "Northtown Community Safety Plan 2008-2011'),
        [
            '1:8: the double quote (") that opens here is not closed on this line, so YAML read on to line '
            '11 as part of this text, and could not read what follows. Add the closing " where the text ends.',
        ]),
    'unclosed single quote closed by an apostrophe later': (
        lambda e: e.replace("    title: Tackling crime", "    title: 'Tackling crime").replace("text: Target harden homes", "text: Target harden victims' homes"),
        [
            "9:12: the single quote (') that opens here is not closed on this line, so YAML read on to line "
            "18 as part of this text, and could not read what follows. Add the closing ' where the text ends.",
        ]),
    'unclosed quote at the end': (
        lambda e: e + "vision: 'Safer streets\n",
        [
            "27:9: the single quote (') that opens here is never closed, so YAML read to the end of the file "
            "as part of this text. Add the closing ' where the text ends.",
        ]),
    'unclosed bracket': (
        lambda e: e.replace("baseline: {period: 2007/08, value: 19.47}", "baseline: {period: 2007/08, value: 19.47"),
        [
            '24:19: the { that opens here is not closed with } on this line, so YAML read on to line 25 as '
            'part of the block. Add the closing } where it ends; or, if the { is part of the text, put the '
            'whole value in quotes.',
        ]),
    'unclosed square bracket': (
        lambda e: e.replace("    title: Tackling crime", "    title: [Tackling crime"),
        [
            '9:12: the [ that opens here is not closed with ] on this line, so YAML read on to line 10 as '
            'part of the list. Add the closing ] where it ends; or, if the [ is part of the text, put the '
            'whole value in quotes.',
        ]),
    'bad list on one line': (
        lambda e: e.replace("    title: Tackling crime", "    title: [a: b: c]"),
        [
            '9:17: YAML cannot read the list in [ ] on this line: it expected a comma or the closing ] here. '
            "Put any item containing ': ', '#' or a comma in quotes; if the brackets are part of the text, "
            'put the whole value in quotes.',
        ]),
    'text after a closing quote': (
        lambda e: e.replace("    title: Tackling crime", '    title: "Tackling" crime'),
        [
            '9:23: there is more text after the closing quote, but YAML takes only what is inside the quotes '
            'as the value. Put the whole value in quotes. For example: title: \'"Tackling" crime\'',
        ]),
    'dash without space': (
        lambda e: e.replace('          - ref: "1.10"', '          -ref: "1.10"'),
        [
            '17:11: a list item needs a space after the \'-\': write \'- ref: "1.10"\'.',
        ]),
    'list item among fields': (
        lambda e: e.replace("status: published", "- status: published"),
        [
            "6:1: this line starts a list item ('- '), but the lines above it in this column are fields "
            "(name: value), and one block cannot hold both. If it is a field, remove the '- '; if it starts "
            "a list, put it on the line after a field name ending in ':', indented further.",
        ]),
    'at sign': (
        lambda e: e.replace("    title: Tackling crime", "    title: @Tackling crime"),
        [
            "9:12: a value cannot start with '@': put the whole value in quotes.",
        ]),
    'backtick': (
        lambda e: e.replace("    title: Tackling crime", "    title: `Tackling` crime"),
        [
            "9:12: a value cannot start with '`': put the whole value in quotes.",
        ]),
    'percent': (
        lambda e: e.replace("status: published", "%status: published"),
        [
            "6:1: a line cannot start with '%': put the value in quotes.",
        ]),
    'backslash in double quotes': (
        lambda e: e.replace("    title: Tackling crime", '    title: "C:\\Plans\\crime"'),
        [
            '9:21: inside double quotes a backslash starts a special code such as \\n, so YAML cannot read '
            "'\\c' here. Write two backslashes (\\\\) for a backslash, or put the value in single quotes "
            'instead.',
        ]),
    'text after a block indicator': (
        lambda e: e.replace("    title: Tackling crime", "    title: | Tackling crime"),
        [
            "9:12: after '|' or '>' only a comment may follow on the same line: start the text on the next "
            "line, indented further than the field name. If the '|' or '>' is part of the text, put the "
            'whole value in quotes.',
        ]),
    'document marker inside quotes': (
        lambda e: e.replace("title: Northtown Community Safety Plan 2008-2011", "title: 'Northtown\n---\nplan'"),
        [
            "1:8: the single quote (') that opens here is not closed before line 2, which starts with '---' "
            "and so ends the document. Add the closing ' where the text ends, or indent line 2.",
        ]),
    'comma at the start': (
        lambda e: e.replace("    title: Tackling crime", "    title: , Tackling crime"),
        [
            "9:12: a value cannot start with ',': put the whole value in quotes.",
        ]),
    'alias': (
        lambda e: e.replace("    title: Tackling crime", "    title: *Tackling crime"),
        [
            "9:12: '*Tackling' at the start of a value is read as a YAML alias (a reference to another "
            'value), so YAML cannot read the rest of the line. Put the whole value in quotes.',
        ]),
    'anchor': (
        lambda e: e.replace("    title: Tackling crime", "    title: &Tackling crime"),
        [
            "9:12: priority 1 (tackling-crime) > title (priorities[1].title): '&Tackling' is read as a YAML "
            "anchor (a label for the value), not as text, and Plansite does not use anchors. If '&' starts "
            'the text, put the whole value in quotes.',
        ]),
    'tag': (
        lambda e: e.replace("    title: Tackling crime", "    title: !Tackling crime"),
        [
            "9:12: priority 1 (tackling-crime) > title (priorities[1].title): '!Tackling' is read as a YAML "
            "tag, which Plansite does not use. Remove it; if '!' starts the text, put the whole value in "
            'quotes.',
        ]),
    'complex key': (
        lambda e: e.replace("    title: Tackling crime", "    ? title: Tackling crime"),
        [
            '9:7: priority 1 (tackling-crime) (priorities[1]): a field name must be a plain word such as '
            "'title', not a list, a block or an alias",
        ]),
    'missing dash makes a duplicate': (
        lambda e: e.replace('          - ref: "1.10"', '            ref: "1.10"'),
        [
            '17:13: priority 1 (Tackling crime) > action 1.1 > ref (priorities[1].issues[1].actions[1].ref): '
            "'ref' appears twice in the same block (first on line 14). Remove one; YAML would silently keep "
            'only the last.',
            '18:13: priority 1 (Tackling crime) > action 1.1 > text '
            "(priorities[1].issues[1].actions[1].text): 'text' appears twice in the same block (first on "
            'line 15). Remove one; YAML would silently keep only the last.',
        ]),
    "list item on the field's line": (
        lambda e: e.replace("status: published", "status: - published"),
        [
            "6:9: a list item ('- ') cannot start on the same line as a field name: put it on the next line, "
            'indented.',
        ]),
    'empty key': (
        lambda e: e.replace("status: published", ": published"),
        [
            "6:1: a field name is missing before the ':'.",
        ]),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_syntax_mistake_gets_its_message(case):
    edit, expected = CASES[case]
    parsed, problems = parse_yaml(edit(EDITION).encode("utf-8"), "f.yaml")
    assert [str(p).removeprefix("f.yaml:") for p in problems] == expected


def test_the_messages_never_quote_advice_for_a_colon_that_is_not_there():
    # The old message told people "A value containing ': ' must be in quotes" for any
    # "mapping values" error, such as a line indented too far.
    for edit, expected in CASES.values():
        for message in expected:
            if "must be in quotes" in message or "second ': '" in message:
                line, column = (int(n) for n in message.split(":")[:2])
                text = edit(EDITION).splitlines()[line - 1]
                assert text.count(": ") >= 2 or text.rstrip().count(":") >= 2, message


# Mistakes of a line or two, read on their own.
RAW = {
    "a '*' on its own": (b"a: * x\n", [
        "1:4: YAML reads '*' at the start of a value as a special mark. Put the whole value in quotes."]),
    "an '&' on its own": (b"a: &\n", [
        "1:4: YAML reads '&' at the start of a value as a special mark. Put the whole value in quotes."]),
    "a '!' that starts a tag": (b"a: !<x\n", [
        "1:4: YAML reads '!' at the start of a value as a special mark (a tag). Put the whole value in quotes."]),
    "an escape that is no character": (b'a: "\\ud800"\n', [
        "1:5: inside double quotes, '\\ud800' is not a character that can be written. Type the character itself "
        "instead."]),
    "more of the value above": (b"- a\n  b: c\n", [
        "2:3: YAML reads this line as more of the value on the line above it, so the ': ' here cannot start a field."]),
    "a bracket that closes nothing": (b"a: [b, c]]\n", [
        "1:10: there is a ']' here with no '[' before it to close. Remove it, or put the whole value in quotes if it is "
        "part of the text."]),
    "a document end marker": (b"a: x\n...\nb: y\n", [
        "2:1: a line of '...' ends the YAML document, so what follows cannot be read. Remove that line, or indent it if "
        "it is part of a text."]),
    "a field name in quotes left empty": (b'"": x\n', ["1:1: a field name is missing before the ':'"]),
    "an anchor on a field name": (b"&k a: x\n", [
        "1:1: the field name 'a' has a YAML anchor (&) or tag (!) before it; write just the name"]),
    "a list as a field name": (b"[a]: x\n", [
        "1:1: a field name must be a plain word such as 'title', not a list, a block or an alias"]),
}


@pytest.mark.parametrize("case", list(RAW))
def test_each_short_mistake_gets_its_message(case):
    raw, expected = RAW[case]
    assert [str(p).removeprefix("f.yaml:") for p in parse_yaml(raw, "f.yaml")[1]] == expected
