"""One test per YAML trap: each is refused with its position, or read as written."""
from __future__ import annotations

import pytest

from plansite.load.loader import PlanErrors, load_plans
from plansite.load.yamlsafe import parse_yaml

from .conftest import EDITION, write_plans


def problems_for(edition_text: str | bytes, tmp) -> list[str]:
    plans = write_plans(tmp, editions={"2008-2011": ""})
    path = plans / "northtown" / "editions" / "2008-2011.yaml"
    path.write_bytes(edition_text if isinstance(edition_text, bytes) else edition_text.encode("utf-8"))
    with pytest.raises(PlanErrors) as caught:
        load_plans(plans)
    return [str(p) for p in caught.value.problems]


def test_duplicate_key_is_reported_at_the_second_occurrence(in_tmp):
    text = EDITION.replace("status: published\n", "status: published\nstatus: draft\n")
    assert problems_for(text, in_tmp) == [
        "plans/northtown/editions/2008-2011.yaml:7:1: status: 'status' appears twice in the same block "
        "(first on line 6). Remove one; YAML would silently keep only the last."
    ]


def test_duplicate_key_inside_a_list_item(in_tmp):
    text = EDITION.replace("            text: Run a burglary awareness campaign.\n",
                           "            text: Run a burglary awareness campaign.\n            text: again\n")
    assert problems_for(text, in_tmp) == [
        "plans/northtown/editions/2008-2011.yaml:16:13: priority 1 (Tackling crime) > action 1.1 > text "
        "(priorities[1].issues[1].actions[1].text): 'text' appears twice "
        "in the same block (first on line 15). Remove one; YAML would silently keep only the last."
    ]


def test_tab_indent_is_reported_with_its_column(in_tmp):
    text = EDITION.replace("  label: 2008-2011", "\tlabel: 2008-2011")
    assert problems_for(text, in_tmp) == [
        "plans/northtown/editions/2008-2011.yaml:3:1: a tab is used for indentation. "
        "YAML needs spaces: replace the tab with spaces."
    ]


def test_invalid_utf8_names_each_bad_byte(in_tmp):
    text = EDITION.encode("utf-8").replace(b"Tackling crime", b"Tackling cr\xe9me").replace(b"Burglary", b"Burgl\xffary")
    assert problems_for(text, in_tmp) == [
        "plans/northtown/editions/2008-2011.yaml:9:23: this file is not valid UTF-8: the byte 0xe9 here cannot be read "
        "(in Windows-1252 it is 'é'). Save the file as UTF-8 in your editor; Word and some Windows tools save in other encodings.",
        "plans/northtown/editions/2008-2011.yaml:12:21: this file is not valid UTF-8: the byte 0xff here cannot be read "
        "(in Windows-1252 it is 'ÿ'). Save the file as UTF-8 in your editor; Word and some Windows tools save in other encodings.",
    ]


def test_utf8_byte_order_mark_is_accepted(in_tmp):
    plans = write_plans(in_tmp)
    path = plans / "northtown" / "editions" / "2008-2011.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert load_plans(plans).partnerships[0].current.title == "Northtown Community Safety Plan 2008-2011"


def test_unquoted_ref_1_10_stays_1_10(in_tmp):
    assert 'ref: "1.10"' in EDITION
    plans = write_plans(in_tmp, editions={"2008-2011": EDITION.replace('ref: "1.10"', "ref: 1.10")})
    refs = [a.ref for a in load_plans(plans).partnerships[0].current.data.actions()]
    assert refs == ["1.1", "1.10"]


def test_numbers_keep_their_written_digits(in_tmp):
    plans = write_plans(in_tmp, editions={"2008-2011": EDITION.replace("value: 19.28", "value: 19.10")})
    indicator = load_plans(plans).partnerships[0].current.priorities[0].indicators[0]
    assert str(indicator.targets[0].value) == "19.10"


def test_no_and_yes_in_text_fields_stay_words(in_tmp):
    text = EDITION.replace("title: Burglary", "title: no").replace("text: Target harden homes of repeat victims.", "text: yes")
    plans = write_plans(in_tmp, editions={"2008-2011": text})
    priority = load_plans(plans).partnerships[0].current.priorities[0]
    assert priority.issues[0].title == "no"
    assert priority.issues[0].actions[1].text == "yes"


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Yes", "y"])
def test_yes_no_on_off_in_a_true_false_field_is_refused(in_tmp, word):
    text = EDITION.replace("    indicators:\n      - code: NI16\n", f"    indicators:\n      - code: NI16\n        sensitive: {word}\n")
    assert problems_for(text, in_tmp) == [
        "plans/northtown/editions/2008-2011.yaml:21:20: priority 1 (Tackling crime) > indicator NI16 (Serious acquisitive "
        "crime rate) > sensitive (priorities[1].indicators[1].sensitive): must be true or false "
        "(yes, no, on and off are not accepted, so that the meaning is never guessed)"
    ]


@pytest.mark.parametrize("word", ["true", "True", "false"])
def test_true_and_false_are_accepted(in_tmp, word):
    text = EDITION.replace("      - code: NI16\n", f"      - code: NI16\n        sensitive: {word}\n")
    indicator = load_plans(write_plans(in_tmp, editions={"2008-2011": text})).partnerships[0].current.priorities[0].indicators[0]
    assert indicator.sensitive is (word.lower() == "true")


def test_bare_dates_are_text_until_a_date_field_reads_them(in_tmp):
    text = EDITION.replace("title: Burglary", "title: 2009-11-18").replace("due: Oct 2009", "due: 2009-11-18")
    edition = load_plans(write_plans(in_tmp, editions={"2008-2011": text})).partnerships[0].current
    assert edition.priorities[0].issues[0].title == "2009-11-18"
    due = edition.priorities[0].issues[0].actions[0].due
    assert (due.as_written, due.date, due.precision) == ("2009-11-18", "2009-11-18", "day")


def test_a_wrong_date_in_a_date_field_says_how_to_write_it(in_tmp):
    text = EDITION.replace("start: 2008-04-01", "start: 1/4/2008")
    assert problems_for(text, in_tmp) == [
        "plans/northtown/editions/2008-2011.yaml:4:10: period.start: '1/4/2008' is not a date. "
        "Write dates as YYYY-MM-DD, like 2009-11-18."
    ]


def test_null_words_and_empty_values_are_null(in_tmp):
    parsed, problems = parse_yaml(b"a: ~\nb: null\nc:\nd: 'null'\n", "x.yaml")
    assert problems == []
    assert parsed.data == {"a": None, "b": None, "c": None, "d": "null"}


def test_more_than_one_document_is_refused(in_tmp):
    assert problems_for(EDITION + "---\ntitle: again\n", in_tmp) == [
        "plans/northtown/editions/2008-2011.yaml:27:1: this file holds more than one YAML document (a second '---'); keep one per file"
    ]


def test_merge_keys_are_refused(in_tmp):
    text = EDITION.replace("period:\n  label: 2008-2011\n", "period:\n  <<: {}\n  label: 2008-2011\n")
    assert problems_for(text, in_tmp) == [
        "plans/northtown/editions/2008-2011.yaml:3:3: period: merge keys (<<) are not supported; write the fields out in full"
    ]


def test_a_syntax_error_gives_its_position_and_a_hint(in_tmp):
    text = EDITION.replace("title: Tackling crime", "title: Tackling crime: all of it")
    assert problems_for(text, in_tmp) == [
        "plans/northtown/editions/2008-2011.yaml:9:26: this line has a second ': ', which YAML cannot read inside a value. "
        'Put the value in quotes: title: "Tackling crime: all of it"'
    ]


def test_loading_never_writes_under_plans(example_copy):
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in example_copy.rglob("*") if p.is_file()}
    load_plans(example_copy)
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in example_copy.rglob("*") if p.is_file()}
    assert after == before


def test_every_message_is_one_line_whatever_a_name_holds(in_tmp):
    # A field name with a carriage return in it (found by the fuzzing) once broke a message in two.
    text = EDITION + '"a\\rb": x\n"\\u2028": y\n'
    assert problems_for(text, in_tmp) == [
        "plans/northtown/editions/2008-2011.yaml:27:1: a\\rb: 'a\\rb' is not a field Plansite knows. " + _known(),
        "plans/northtown/editions/2008-2011.yaml:28:1: \\u2028: '\\u2028' is not a field Plansite knows. " + _known(),
    ]


def test_a_file_name_with_a_line_break_stays_on_one_line(in_tmp):
    write_plans(in_tmp)
    (in_tmp / "plans" / "bad\nname").mkdir()
    with pytest.raises(PlanErrors) as caught:
        load_plans(in_tmp / "plans")
    assert caught.value.report().splitlines() == [
        "plans/bad\\nname:1:1: the folder name 'bad name' is used in web addresses, so it must be lower-case letters, "
        "digits and single hyphens, like 'north-hertfordshire'",
        "1 problem found. Nothing was published."]


def _known() -> str:
    from plansite.model import Edition
    return "Known fields here: " + ", ".join(Edition.model_fields) + "."


def test_positions_count_lines_as_an_editor_does(in_tmp):
    # CRLF and a lone CR end a line; U+2028, which YAML would count as a line break and editors do
    # not show, is reported where it is.
    crlf = EDITION.replace("\n", "\r\n").replace("status: published", "status: publishd").encode()
    assert problems_for(crlf, in_tmp)[0].startswith("plans/northtown/editions/2008-2011.yaml:6:9: status: 'publishd'")
    cr = EDITION.replace("\n", "\r").replace("status: published", "status: publishd").encode()
    assert problems_for(cr, in_tmp)[0].startswith("plans/northtown/editions/2008-2011.yaml:6:9: status: 'publishd'")
    separator = EDITION.replace("title: Burglary", "title: Burg\u2028lary").encode()
    assert problems_for(separator, in_tmp) == [
        "plans/northtown/editions/2008-2011.yaml:12:20: an invisible line separator (U+2028) is here. Editors do not "
        "show it, but YAML reads it as a line break. Delete it, or use an ordinary line break."]


def test_control_characters_get_one_line_each(in_tmp):
    text = EDITION.replace("title: Burglary", "title: Burg\x07lary\x1b").replace("Oct 2009", "Oct\x0c2009").encode()
    assert problems_for(text, in_tmp) == [
        "plans/northtown/editions/2008-2011.yaml:12:20: an invisible bell character (U+0007) is here. It cannot be "
        "published: delete it. It usually comes with text pasted from another program.",
        "plans/northtown/editions/2008-2011.yaml:12:25: an invisible escape character (U+001B) is here. It cannot be "
        "published: delete it. It usually comes with text pasted from another program.",
        "plans/northtown/editions/2008-2011.yaml:16:21: an invisible form feed (U+000C) is here. It cannot be "
        "published: delete it. It usually comes with text pasted from another program.",
    ]


def test_a_control_character_written_as_an_escape_is_refused_at_its_value(in_tmp):
    text = EDITION.replace("title: Burglary", 'title: "Burglary\\a"')
    assert problems_for(text, in_tmp) == [
        "plans/northtown/editions/2008-2011.yaml:12:16: priority 1 (Tackling crime) > issue 1 > title "
        "(priorities[1].issues[1].title): the text here is in double quotes, where a backslash code makes an invisible "
        "bell character (U+0007), which cannot be published. Write two backslashes (\\\\) for a backslash, or put the "
        "value in single quotes."]


def test_other_encodings_are_named(in_tmp):
    assert problems_for(EDITION.encode("utf-16"), in_tmp) == [
        "plans/northtown/editions/2008-2011.yaml:1:1: this file is saved as UTF-16, not UTF-8. Save it as UTF-8 in your "
        "editor (in Word or Notepad: Save As, then choose UTF-8 as the encoding)."]
    word = EDITION.replace("title: Burglary", "title: \u2018Burglary\u2019").encode("cp1252")
    assert problems_for(word, in_tmp) == [
        "plans/northtown/editions/2008-2011.yaml:12:16: this file is not valid UTF-8: the byte 0x91 here cannot be read "
        "(in Windows-1252 it is '\u2018'). Save the file as UTF-8 in your editor; Word and some Windows tools save in "
        "other encodings.",
        "plans/northtown/editions/2008-2011.yaml:12:25: this file is not valid UTF-8: the byte 0x92 here cannot be read "
        "(in Windows-1252 it is '\u2019'). Save the file as UTF-8 in your editor; Word and some Windows tools save in "
        "other encodings.",
    ]


@pytest.mark.parametrize("start, kind", [(b"PK\x03\x04", "a Word, Excel or OpenDocument file (or another zipped file)"),
                                         (b"%PDF-1.7", "a PDF"), (b"{\\rtf1", "a Rich Text (RTF) document")])
def test_a_document_saved_under_a_yaml_name_is_named(in_tmp, start, kind):
    assert problems_for(start + bytes(range(256)) * 4, in_tmp) == [
        f"plans/northtown/editions/2008-2011.yaml:1:1: this file is {kind}, not text. Copy its words into a YAML file "
        "instead (plans/README.md shows how one is laid out)."]


def test_aliases_anchors_and_tags_are_refused_where_they_are(in_tmp):
    text = EDITION.replace("title: Burglary", "title: &b Burglary").replace(
        "text: Target harden homes of repeat victims.", "text: *b")
    assert problems_for(text, in_tmp) == [
        "plans/northtown/editions/2008-2011.yaml:12:16: priority 1 (Tackling crime) > issue 1 > title "
        "(priorities[1].issues[1].title): '&b' is read as a YAML anchor (a label for the value), not as text, and "
        "Plansite does not use anchors. If '&' starts the text, put the whole value in quotes.",
        "plans/northtown/editions/2008-2011.yaml:18:19: priority 1 (Tackling crime) > action 1.10 > text "
        "(priorities[1].issues[1].actions[2].text): '*b' is read as a YAML alias (it repeats a value from elsewhere in "
        "the file), and Plansite does not read aliases: write the value out in full. If '*' starts the text, put the "
        "whole value in quotes.",
    ]


@pytest.mark.parametrize("raw, expected", [
    (b"a: \xe2\x80\n", ["1:4: this file is not valid UTF-8: the bytes 0xe2 0x80 here cannot be read. Save the file as "
                       "UTF-8 in your editor; Word and some Windows tools save in other encodings."]),
    ("a: b\u0092c\n".encode(), ["1:5: an invisible control character (U+0092) is here. It cannot be published: delete "
                                "it. It is often '\u2019' from a Windows document saved in the wrong encoding."]),
    ("a: b\u0085c\n".encode(), ["1:5: an invisible next-line character (U+0085) is here. Editors do not show it, but "
                                "YAML reads it as a line break. Delete it, or use an ordinary line break."]),
])
def test_bytes_and_characters_that_cannot_be_published(raw, expected):
    assert [str(p).removeprefix("f.yaml:") for p in parse_yaml(raw, "f.yaml")[1]] == expected


def test_a_flood_of_one_mistake_is_listed_a_hundred_times_and_counted():
    found = [str(p) for p in parse_yaml(b"a: " + b"\x01" * 150 + b"\n", "f.yaml")[1]]
    assert len(found) == 101
    assert found[-1] == "f.yaml:1:103: and 50 invisible characters more like these after this point, not listed"
    found = [str(p) for p in parse_yaml(b"".join(b"a: x\n" for _ in range(120)), "f.yaml")[1]]
    assert len(found) == 101
    assert found[-1] == "f.yaml:101:1: Plansite stopped reading this file after 100 problems; fix these and check again"


def test_a_link_to_nothing_and_a_yml_file_alone(in_tmp):
    import os
    plans = write_plans(in_tmp)
    os.symlink(in_tmp / "nowhere.yaml", plans / "northtown" / "editions" / "2011-2014.yaml")
    (plans / "northtown" / "editions" / "2005-2008.yml").write_text(EDITION)
    with pytest.raises(PlanErrors) as caught:
        load_plans(plans)
    assert [str(p) for p in caught.value.problems] == [
        "plans/northtown/editions/2005-2008.yml:1:1: this file is not read: Plansite reads only files ending in .yaml. "
        "Rename it to 2005-2008.yaml.",
        "plans/northtown/editions/2011-2014.yaml:1:1: this is a link to something that does not exist; remove it, or "
        "put the file itself here",
    ]
