"""Hard limits: any input, however wrong, is refused within bounded time and memory, with a message.

Every check that could blow up runs `plansite validate` under resource limits (conftest.run_limited):
a case that ran away would be killed by the limit and fail, instead of being timed.
"""
from __future__ import annotations

import shutil
import sys

import pytest

from plansite.load.loader import RESERVED, PlanErrors, load_plans
from plansite.load.yamlsafe import MAX_DEPTH, MAX_FILE_BYTES, MAX_PROBLEMS, MAX_TEXT, MAX_VALUES, parse_yaml

from . import malformed
from .conftest import EDITION, PARTNERSHIP, PLANS, plansite_limited, run_limited, write_plans

FILE = "plans/northtown/editions/2008-2011.yaml"


@pytest.mark.parametrize("case", list(malformed.CASES))
def test_each_malformed_input_of_the_issue_is_refused_with_its_message(tmp_path, case):
    edit, first_lines, last_line = malformed.CASES[case]
    shutil.copytree(PLANS, tmp_path / "plans")
    edit(tmp_path / "plans")
    # Validating the example plans takes about a second of CPU time: twenty is far more than any
    # of these needs now, and far less than the alias bomb or deep brackets used to take.
    result = plansite_limited("validate", cwd=tmp_path, cpu_seconds=20)
    assert result.returncode == 1, result.stderr[-2000:]
    lines = result.stderr.splitlines()
    outside = str((tmp_path / "outside").resolve())
    assert lines[: len(first_lines)] == [line.replace("{outside}", outside) for line in first_lines]
    assert lines[-1] == last_line
    assert "Traceback" not in result.stderr and result.stdout == ""


def problems(tmp, edition: str = EDITION, partnership: str = PARTNERSHIP, **extra) -> list[str]:
    plans = write_plans(tmp, partnership=partnership, editions={"2008-2011": edition}, **extra)
    with pytest.raises(PlanErrors) as caught:
        load_plans(plans)
    return [str(p) for p in caught.value.problems]


def valid(tmp, edition: str = EDITION, partnership: str = PARTNERSHIP):
    return load_plans(write_plans(tmp, partnership=partnership, editions={"2008-2011": edition})).partnerships[0]


# -- Size, length, nesting, count ------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_not_read(in_tmp):
    plans = write_plans(in_tmp)
    path = plans / "northtown" / "editions" / "2008-2011.yaml"
    path.write_bytes(EDITION.encode() + b"#" * (MAX_FILE_BYTES - len(EDITION.encode()) + 1))
    with pytest.raises(PlanErrors) as caught:
        load_plans(plans)
    assert [str(p) for p in caught.value.problems] == [
        f"{FILE}:1:1: this file is 2.0 MB; a plan file can be at most 2 MB. Check that nothing was pasted in by mistake, "
        "or split the plan into editions."]
    path.write_bytes(EDITION.encode() + b"#" * (MAX_FILE_BYTES - len(EDITION.encode())))  # exactly the limit
    assert load_plans(plans).partnerships[0].current is not None


def test_bytes_over_the_size_limit_are_not_parsed():
    # The loader checks a file's size before reading it; a record checked before it is saved
    # (plansite update) reaches the parser as bytes, which checks again.
    parsed, found = parse_yaml(b"#" * (MAX_FILE_BYTES + 1), "f.yaml")
    assert (parsed, [str(p) for p in found]) == (None, [
        "f.yaml:1:1: this file is 2.0 MB; a plan file can be at most 2 MB. Check that nothing was pasted in by mistake, "
        "or split the plan into editions."])


def test_one_value_can_hold_the_limit_and_not_one_character_more(in_tmp):
    assert valid(in_tmp, EDITION + "summary: " + "word " * (MAX_TEXT // 5 - 1) + "end\n").current.data.summary
    assert problems(in_tmp, EDITION + "summary: " + "a" * (MAX_TEXT + 1) + "\n") == [
        f"{FILE}:27:10: summary: this text is 20,001 characters long; one field can hold at most 20,000 (about 3,000 "
        "words). Publish a long document as a link, or split it into sections."]


def test_a_long_real_summary_passes_and_a_pasted_word_document_does_not(in_tmp):
    # About 2,400 words of real prose in 16 paragraphs: a long summary. Fifty pages from Word are ten times that.
    paragraph = ("The partnership will work with residents, businesses and agencies to reduce burglary, "
                 "anti-social behaviour and violence, and to make people feel safer in their neighbourhoods. ") * 6
    summary = "\n\n".join([paragraph] * 16)
    text = EDITION + "summary: |\n" + "".join(f"  {line}\n" if line else "\n" for line in summary.split("\n"))
    assert len(valid(in_tmp, text).current.data.summary.split()) == 2400
    pasted = "\n\n".join([paragraph] * 160)
    text = EDITION + "summary: |\n" + "".join(f"  {line}\n" if line else "\n" for line in pasted.split("\n"))
    assert problems(in_tmp, text) == [
        f"{FILE}:27:10: summary: this text is {len(pasted) + 1:,} characters long; one field can hold at most 20,000 "
        "(about 3,000 words). Publish a long document as a link, or split it into sections."]


def test_nesting_is_limited(in_tmp):
    parsed, found = parse_yaml(("a: " + "[" * (MAX_DEPTH - 1) + "x" + "]" * (MAX_DEPTH - 1) + "\n").encode(), "f.yaml")
    assert found == [] and parsed.data["a"]
    parsed, found = parse_yaml(("a: " + "[" * MAX_DEPTH + "x" + "]" * MAX_DEPTH + "\n").encode(), "f.yaml")
    assert [str(p) for p in found] == [
        "f.yaml:1:23: a item 1 > item 1 > item 1 > item 1 > … > item 1 > item 1 > item 1 (a[1][1][1]…[1][1][1]): blocks and "
        "lists are nested more than 20 levels deep here, deeper than any plan needs, so Plansite stopped reading the "
        "file. Check the indentation and brackets."]


def test_the_number_of_values_in_a_file_is_limited():
    parsed, found = parse_yaml(("a: [" + ",".join(["x"] * MAX_VALUES) + "]\n").encode(), "f.yaml")
    assert [str(p) for p in found] == [
        "f.yaml:1:199999: this file holds more than 100,000 values, more than any plan needs. Check that nothing was "
        "pasted in by mistake."]


def test_a_file_with_thousands_of_problems_lists_the_first_hundred(in_tmp):
    found = problems(in_tmp, EDITION + "".join(f"field{i}: x\n" for i in range(150)))
    assert len(found) == MAX_PROBLEMS + 1
    assert found[0] == f"{FILE}:27:1: field0: 'field0' is not a field Plansite knows. " + _known_edition_fields()
    assert found[-1] == f"{FILE}:126:1: and 50 more problems like these, not listed"


def _known_edition_fields() -> str:
    from plansite.model import Edition
    return "Known fields here: " + ", ".join(Edition.model_fields) + "."


# -- Numbers and dates -----------------------------------------------------------------------------


def _target(value: str) -> str:
    return EDITION.replace("{period: 2008/09, value: 19.28}", f"{{period: 2008/09, value: '{value}'}}")


TARGET = (f"{FILE}:26:38: priority 1 (Tackling crime) > indicator NI16 (Serious acquisitive crime rate) > target 1 "
          "(2008/09) > value (priorities[1].indicators[1].targets[1].value): ")


@pytest.mark.parametrize("value, read", [
    ("999999999999.999999", "999999999999.999999"), ("-999999999999.999999", "-999999999999.999999"),
    ("0.000001", "0.000001"), ("19.10", "19.10"), ("000000000000012", "12"), (".5", "0.5"), ("-0", "-0"),
])
def test_numbers_within_the_limits_are_read_with_their_digits(in_tmp, value, read):
    target = valid(in_tmp, _target(value)).current.priorities[0].indicators[0].targets[0]
    assert str(target.value) == read


@pytest.mark.parametrize("value, message", [
    ("1e999999999", "'1e999999999' is not a number. Write digits only, like 19.47 or 2750, with no commas or units; "
                    "put words such as 'TBA' in text."),
    ("1,000", "'1,000' is not a number. Write digits only, like 19.47 or 2750, with no commas or units; put words such "
              "as 'TBA' in text."),
    ("Infinity", "'Infinity' is not a number. Write digits only, like 19.47 or 2750, with no commas or units; put words "
                 "such as 'TBA' in text."),
    ("1000000000000", "'1000000000000' has more digits than Plansite accepts: at most 12 before the decimal point and 6 "
                      "after it"),
    ("0.0000001", "'0.0000001' has more digits than Plansite accepts: at most 12 before the decimal point and 6 after it"),
])
def test_numbers_beyond_any_sensible_range_are_refused(in_tmp, value, message):
    assert problems(in_tmp, _target(value)) == [TARGET + message]


def _start(value: str) -> str:
    return EDITION.replace("start: 2008-04-01", f"start: {value}")


@pytest.mark.parametrize("value, message", [
    ("1301616000", "'1301616000' is not a date. Write dates as YYYY-MM-DD, like 2009-11-18."),
    ("20080401", "'20080401' is not a date. Write dates as YYYY-MM-DD, like 2009-11-18."),
    ("2008-W14-2", "'2008-W14-2' is not a date. Write dates as YYYY-MM-DD, like 2009-11-18."),
    ("2008-02-30", "'2008-02-30' is not a day on the calendar: check the month and day"),
    ("1899-12-31", "'1899-12-31' is outside the years Plansite accepts (1900 to 2199): check the year"),
])
def test_dates_are_days_written_yyyy_mm_dd_in_sensible_years(in_tmp, value, message):
    assert problems(in_tmp, _start(value)) == [f"{FILE}:4:10: period.start: {message}"]


def test_the_first_and_last_accepted_days(in_tmp):
    text = _start("1900-01-01").replace("end: 2011-03-31", "end: 2199-12-31")
    period = valid(in_tmp, text).current.data.period
    assert (period.start.isoformat(), period.end.isoformat()) == ("1900-01-01", "2199-12-31")


def test_periods_outside_the_years_are_not_understood(in_tmp):
    assert problems(in_tmp, EDITION.replace("{period: 2008/09, value: 19.28}", "{period: 2199/00, value: 19.28}")) == [
        f"{FILE}:26:22: priority 1 (Tackling crime) > indicator NI16 (Serious acquisitive crime rate) > target 1 "
        "(2199/00) > period (priorities[1].indicators[1].targets[1].period): '2199/00' is not a period Plansite "
        "understands. Write a financial year as 2008/09, a calendar year as 2009, a month as 2009-10, or a financial "
        "quarter as 2009/10 Q2, in the years 1900 to 2199"]


@pytest.mark.parametrize("value, message", [
    ("366", "366 is too large: it can be at most 365"),
    ("0", "0 is too small: it must be at least 1"),
    ("5.0", "'5.0' is not a whole number: write digits only, like 5"),
    ("1e3", "'1e3' is not a whole number: write digits only, like 5"),
])
def test_whole_numbers_are_bounded(in_tmp, value, message):
    partnership = PARTNERSHIP + f"contact:\n  alternative_formats:\n    response_days: '{value}'\n"
    assert problems(in_tmp, partnership=partnership) == [
        f"plans/northtown/partnership.yaml:9:20: contact.alternative_formats.response_days: {message}"]


# -- Names that become file names, addresses and document properties -------------------------------


def test_titles_and_names_fit_document_properties_and_file_names(in_tmp):
    partnership = PARTNERSHIP.replace("short_name: Northtown", "short_name: " + "N" * 101)
    text = EDITION.replace("title: Tackling crime", "title: " + "T" * 201).replace("id: tackling-crime", "id: " + "t" * 61)
    assert problems(in_tmp, text, partnership) == [
        "plans/northtown/partnership.yaml:2:13: short_name: is 101 characters long; it can be at most 100 characters. "
        "Shorten it.",
        f"{FILE}:8:9: priority 1 ({'T' * 39}…) > id (priorities[1].id): is 61 characters long; it can be at most 60 "
        "characters. Shorten it.",
        f"{FILE}:9:12: priority 1 ({'T' * 39}…) > title (priorities[1].title): is 201 characters long; it can be at most "
        "200 characters. Shorten it.",
    ]


def test_folder_and_file_names_are_limited(in_tmp):
    long = "a" * 61
    write_plans(in_tmp, slug=long)
    write_plans(in_tmp, slug="compare")
    write_plans(in_tmp, editions={long: EDITION})
    with pytest.raises(PlanErrors) as caught:
        load_plans(in_tmp / "plans")
    assert [str(p) for p in caught.value.problems] == [
        f"plans/{long}:1:1: the folder name is 61 characters long; it is used in web addresses and file names, so it can "
        "be at most 60",
        "plans/compare:1:1: the folder name 'compare' is the address of one of the site's own pages, so a partnership "
        "cannot use it; choose another, such as 'compare-partnership'",
        f"plans/northtown/editions/{long}.yaml:1:1: the file name is 61 characters long; it is used in web addresses and "
        "file names, so it can be at most 60",
    ]


def test_place_names_start_with_a_letter_or_digit(in_tmp):
    partnership = PARTNERSHIP + "  places: [Park, '#Ward', ./here]\n"
    assert problems(in_tmp, partnership=partnership) == [
        "plans/northtown/partnership.yaml:7:18: area > place 2 (#Ward) (area.places[2]): '#Ward' must start with a "
        "letter or digit: the A to Z of places lists each name under its first letter",
        "plans/northtown/partnership.yaml:7:27: area > place 3 (./here) (area.places[3]): './here' must start with a "
        "letter or digit: the A to Z of places lists each name under its first letter",
    ]


def test_regions_and_short_names_that_would_clash_across_partnerships(in_tmp):
    write_plans(in_tmp)
    write_plans(in_tmp, slug="southtown", partnership=PARTNERSHIP.replace("region: Westshire", "region: Westshire!"))
    write_plans(in_tmp, slug="easttown", partnership=PARTNERSHIP)
    with pytest.raises(PlanErrors) as caught:
        load_plans(in_tmp / "plans")
    assert [str(p) for p in caught.value.problems] == [
        "plans/northtown/partnership.yaml:2:13: short_name: 'Northtown' is also the short name of the partnership in "
        "plans/easttown/partnership.yaml, in the same region; residents tell partnerships apart by it",
        "plans/southtown/partnership.yaml:3:9: region: the region 'Westshire!' would have the same web address "
        "(regions/westshire/) as 'Westshire' in plans/easttown/partnership.yaml; write the region the same way in both",
    ]


def test_no_partnership_can_take_the_address_of_a_site_page(built_site):
    # Every top-level folder of a built site is a partnership's or one of RESERVED (plus the page files).
    partnerships = {p.name for p in PLANS.iterdir() if (p / "partnership.yaml").is_file()}
    folders = {p.name for p in built_site.iterdir() if p.is_dir()}
    # "cy" is held for the Welsh pages before they are built, so no partnership can take it first.
    assert folders - partnerships == RESERVED - {"cy"}


# -- Markdown that Python-Markdown cannot render in bounded time ------------------------------------


@pytest.mark.parametrize("summary, message", [
    ("x\n" * 1001, "this text has 1,001 lines; a field can have at most 1,000. Publish a long document as a link, or "
                   "split it into sections."),
    ("- " * 9 + "x", "lists and quotes are nested more than 8 deep on line 1 of this text; Markdown cannot lay out more. "
                     "Check the '-', '>' and indentation at the start of the line."),
    ("[" * 2000, "this text has 2,000 '[' or '](' that are not closed, and Markdown reads each one as the start of a "
                 "link, to the end of the text: more than it can read in reasonable time. Close them with ']' or ')', "
                 "or put a backslash before each '[' that is part of the text: \\["),
    ("``a`" * 2000, "this text has backticks (`) that open code but are not closed by the same number of backticks, and "
                    "Markdown looks for each closing one to the end of the text: more than it can read in reasonable "
                    "time. Close them, or put a backslash before each backtick that is part of the text: \\`"),
])
def test_markdown_that_would_take_too_long_to_render_is_refused(in_tmp, summary, message):
    import json
    assert problems(in_tmp, EDITION + f"summary: {json.dumps(summary)}\n") == [f"{FILE}:27:10: summary: {message}"]


def test_markdown_within_the_limits_renders(in_tmp):
    from plansite.textformat import render_markdown
    summary = "- a\n  - b\n    - c\n\n> quote\n\n[a link](https://example.org) and [text] and `code`\n" * 50
    edition = valid(in_tmp, EDITION + "summary: " + __import__("json").dumps(summary) + "\n").current
    assert "<blockquote>" in render_markdown(edition.data.summary)


# -- Linear work in the privacy checks ---------------------------------------------------------------


def test_the_privacy_patterns_are_linear_in_the_length_of_the_text(tmp_path):
    # The email pattern used to try every letter of a long word as the start of an address: 2,000,000
    # letters would take hours. Under a 20-second CPU limit the process would be killed.
    code = (
        "from plansite.load.privacy import EMAIL, PHONE, TITLED_NAME, names_pattern\n"
        "word = 'a' * 2_000_000\n"
        "assert EMAIL.findall(word) == [] and PHONE.findall(word) == [] and TITLED_NAME.search(word) is None\n"
        "assert EMAIL.findall('a.' * 1_000_000 + '@') == []\n"
        "names = {f'Person{i} Surname{i}' for i in range(5000)}\n"
        "assert names_pattern(names).search('Person ' * 300_000) is None\n"
        "assert names_pattern(names).search('met Person17 Surname17.')[1] == 'Person17 Surname17'\n"
    )
    result = run_limited([sys.executable, "-c", code], tmp_path, cpu_seconds=20)
    assert result.returncode == 0, result.stderr


# -- At the limits, everything builds -----------------------------------------------------------------


def _at_the_limits(plans):
    """South Derbyshire with every name at its longest, a value as long as allowed (one unbroken word
    of it), the largest numbers, the last years, and text in other scripts and markup."""
    import re

    import yaml

    def rewrite(path, change):
        data = parse_yaml(path.read_bytes(), str(path))[0].data
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")

    def partnership(data):
        data["name"] = ("Ynys Môn & <Partnership> «Safer» 👩‍👩‍👧 " * 10)[:200]
        data["short_name"] = ("South Derbyshire שלום & <b> " * 10)[:100].strip()
        data["region"] = ("Derbyshire Ω " * 20)[:100].strip()
        data["area"]["places"] = ["Ŵrexham", "Zürich", "1st Ward", "İstanbul"]

    def edition(data):
        data["title"] = ("Community Safety Plan =HYPERLINK(\"x\") " * 10)[:200]
        data["summary"] = "a" * MAX_TEXT
        data["priorities"][0]["title"] = ("Reducing crime 🇬🇧 " * 20)[:200]
        data["period"]["end"] = "2199-12-31"
        text = yaml.safe_dump(data, sort_keys=False)
        numbers = re.sub(r"(?m)^(\s*(?:- )?value: )[-0-9.]+$", r"\g<1>'999999999999.999999'", text)
        data.clear()
        data.update(yaml.safe_load(numbers))

    rewrite(plans / "south-derbyshire" / "partnership.yaml", partnership)
    rewrite(plans / "south-derbyshire" / "editions" / "2005-2006.yaml", edition)


def test_plans_at_every_limit_build_with_every_download(tmp_path):
    from .conftest import build_site

    plans = tmp_path / "plans"
    shutil.copytree(PLANS / "south-derbyshire", plans / "south-derbyshire")
    _at_the_limits(plans)
    assert load_plans(plans).counts()["editions"] == 1
    result = build_site(tmp_path / "site", extra_env={"PLANSITE_PLANS": str(plans), "PLANSITE_EXPORTS": "true",
                                                      "PLANSITE_CACHE": str(tmp_path / "cache")})
    assert result.returncode == 0, result.stderr[-3000:]
    downloads = sorted(p.name for p in (tmp_path / "site" / "south-derbyshire" / "downloads").iterdir())
    assert "south-derbyshire-2005-2006.docx" in downloads and "south-derbyshire-2005-2006.pdf" in downloads


def test_cross_file_problems_are_listed_a_hundred_to_a_file_and_counted(in_tmp):
    # Checks across files (here, 150 flags no edition defines) are capped as well.
    text = EDITION.replace("            due: Oct 2009\n", "            due: Oct 2009\n            flags: ["
                           + ", ".join(f"flag{i}" for i in range(150)) + "]\n")
    found = problems(in_tmp, text)
    assert len(found) == MAX_PROBLEMS + 1
    assert found[0].endswith("'flag0' is not a flag defined in this edition's flags (none are defined)")
    assert found[-1].endswith(": and 50 more problems in this file, not listed")
    assert found[-2].endswith("'flag99' is not a flag defined in this edition's flags (none are defined)")


def test_suggestions_for_wrong_refs_stop_growing_with_the_plan(tmp_path):
    # Each "Did you mean" compares a wrong ref with every ref of the edition: 40,000 wrong refs
    # among 2,000 actions would be 80 million comparisons. Only the first 100 get a suggestion.
    text = EDITION.split("priorities:")[0] + "priorities:\n  - id: p\n    title: P\n    issues:\n      - actions:\n" + "".join(
        f"          - ref: 'R{i}'\n            text: t\n" for i in range(2000)) + (
        "    indicators:\n      - name: n\n        actions: [" + ",".join(f"R{i}x" for i in range(40_000)) + "]\n")
    write_plans(tmp_path, editions={"2008-2011": text})
    result = plansite_limited("validate", cwd=tmp_path, cpu_seconds=20)
    lines = result.stderr.splitlines()
    assert lines[0].endswith("no action with ref 'R0x' in edition '2008-2011'. Did you mean 'R0'?")
    assert lines[-1] == "101 problems found. Nothing was published."
