"""The translation tables: English and Welsh hold the same keys, every key is used, Welsh dates,
and plan text in another language than the page's is marked and escaped.

Which keys are used is found by reading the code and templates: a key is used where it appears
as a quoted string, or where it belongs to one of the families below, whose keys the code makes
from a prefix and a value (t(f"status.{key}"), t("language." ~ lang)). Each family names the
code that makes it, and the test checks that code is there, so a family cannot outlive its use.
"""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from markupsafe import Markup, escape

from plansite.dates import format_date
from plansite.export import EXPORTERS
from plansite.export.formats import ACTION_COLUMNS, INDICATOR_COLUMNS
from plansite.i18n import CY, EN, TABLES, Translator, placeholders, use_language
from plansite.i18n.words import Phrase, Words, concat, join, segments
from plansite.model import ActionStatus, Direction, EditionStatus, Strand, Unit
from plansite.model.base import LANGUAGES
from plansite.model.edition import WAYS_OF_WORKING
from plansite.model.schema import NAMES
from plansite.view.checklist import ChecklistItem
from plansite.view.rules import DATE_RULES, INDICATOR_RULES, INDICATOR_STATUSES

from .conftest import ROOT

SOURCES = [*sorted((ROOT / "plansite").rglob("*.py")), *sorted((ROOT / "hooks").rglob("*.py")),
           *sorted((ROOT / "overrides").rglob("*.html"))]
REVIEW = ROOT / "plansite" / "i18n" / "cy-review.md"
CHECKLIST_STATUSES = ("met", "partly met", "missing", "out of date", "not applicable")
UNITS = [u for u in Unit if u is not Unit.OTHER]

# prefix: (the suffixes the code can make, code that must be in the sources for the family to be in use)
FAMILIES = {
    "status.": ([s.value for s in ActionStatus] + ["none"], 't(f"status.{'),
    "istatus.": (list(INDICATOR_STATUSES), 't(f"istatus.{'),
    "edition.status.": ([s.value for s in EditionStatus if s is not EditionStatus.PUBLISHED] + ["published"], 't(f"edition.status.{'),
    "strand.": ([s.value for s in Strand], 't(f"strand.{'),
    "strand.short.": ([s.value for s in Strand], 'item.t(f"strand.short.{'),
    "change.": (["fell", "rose", "fell_from_zero", "rose_from_zero"], 't(f"change.{direction}'),
    "unit.": ([u.name.lower() for u in (Unit.PERCENTAGE, Unit.RATE_PER_1000, Unit.LEVEL, Unit.INDEX_SCORE)], 't(f"unit.{unit.name.lower()}"'),
    "unit.name.": ([u.name.lower() for u in UNITS], 't(f"unit.name.{model.unit.name.lower()}")'),
    "indicator.axis.": ([u.name.lower() for u in UNITS], 't(f"indicator.axis.{indicator.unit.name.lower()}")'),
    "direction.": ([d.value for d in Direction], 't(f"direction.{indicator.direction.value}")'),
    "direction.name.": ([d.value for d in Direction], 't(f"direction.name.{model.direction.value}")'),
    "rules.meaning.": ([s.value for s in ActionStatus] + ["none"], "t(f\"rules.meaning.{s.value if s else 'none'}\")"),
    "rules.indicator.": ([r.id for r in INDICATOR_RULES], 't(f"rules.indicator.{r.id}")'),
    "checklist.": (list(CHECKLIST_STATUSES), 't(f"checklist.{key}")'),
    "checklist.title.": (None, 'self.t(f"checklist.title.{key}")'),  # None: the suffixes are literals in checklist.py
    "checklist.detail.": (None, 'self.t(f"checklist.detail.{detail}"'),
    "editor.": ([f"{kind}.{part}" for kind in ("progress", "said", "meeting") for part in ("label", "singular", "description")],
                't(f"editor.{name}.label")'),
    "datapackage.": (["actions", "indicators"], 't(f"datapackage.{kind}"'),
    "datapackage.field.": (list(dict.fromkeys(ACTION_COLUMNS + INDICATOR_COLUMNS)), 'key = f"datapackage.field.{name}"'),
    "data.schema.": (["plan", "partnership", "edition", "update"], '{%- for name in ["plan", "partnership", "edition", "update"] %}'),
    "export.": ([f"{name}.{part}" for name in EXPORTERS for part in ("title", "format", "description", "audience")],
                'key = f"export.{owner.name}.{self.field}"'),
    "ways.": (list(WAYS_OF_WORKING), 't(f"ways.{key}")'),
    "country.": (["england", "wales"], 't(f"country.{p.area.country.value}")'),
    "language.": (list(LANGUAGES), 't("language." ~ language)'),
    "language.change.": (list(LANGUAGES), 't("language.change." ~ language)'),
    # The search box's messages, handed to plansite.js as data- attributes (partials/search-form.html).
    "search.": (["count_one", "count_other", "none", "shown", "unavailable", "instead"], "t('search.' ~ key)"),
}


def _source_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in SOURCES)


def _literals(text: str) -> set[str]:
    return set(re.findall(r'"([^"\n]+)"', text)) | set(re.findall(r"'([^'\n]+)'", text))


def test_both_tables_hold_the_same_keys_with_the_same_placeholders():
    assert sorted(set(EN) - set(CY)) == [], "in English only"
    assert sorted(set(CY) - set(EN)) == [], "in Welsh only"
    differ = [k for k in EN if placeholders(EN[k]) != placeholders(CY[k])]
    assert differ == []
    assert all(v.strip() for v in CY.values())
    assert set(TABLES) == set(LANGUAGES)


def test_every_key_is_used_and_every_key_the_code_names_exists():
    text = _source_text()
    literals = _literals(text)
    families = {}
    for prefix, (suffixes, evidence) in FAMILIES.items():
        assert evidence in text, f"the family {prefix}* is no longer made by: {evidence}"
        if suffixes is None:  # the suffixes are written out as literals beside the family's code
            suffixes = [k[len(prefix):] for k in EN if k.startswith(prefix) and k[len(prefix):] in literals]
        families[prefix] = {prefix + s for s in suffixes}
    made = set().union(*families.values())
    unknown = sorted(made - set(EN))
    assert unknown == [], "keys the code makes that no table has"
    unused = sorted(k for k in EN if k not in literals and k not in made)
    assert unused == [], "keys nothing uses: remove them, or name the code that uses them in FAMILIES"
    # Every t("...") the code and templates call with a literal key names a key the tables have.
    called = set(re.findall(r"""(?<![.\w])t\(\s*["']([a-z_]+\.[a-z0-9_. -]+)["']\s*[,)]""", text))
    assert sorted(called - set(EN)) == []


def test_the_review_list_names_real_keys_with_their_current_welsh():
    text = REVIEW.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert len(rows) > 20
    # The counts it gives the reader are the list's and the table's.
    assert f"The {len(rows)} strings below (of {len(CY)})" in " ".join(text.split())
    problems = []
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        key, welsh = cells[0].strip("`"), cells[1]
        if key not in CY:
            problems.append(f"{key}: not a key")
        elif welsh != CY[key].replace("|", "\\|"):
            problems.append(f"{key}: the list says {welsh!r}, cy.yaml says {CY[key]!r}")
    assert problems == []


@pytest.mark.parametrize("day, precision, english, welsh", [
    (date(2009, 11, 18), "day", "18 November 2009", "18 Tachwedd 2009"),
    (date(2010, 3, 1), "month", "March 2010", "Mawrth 2010"),
    (date(2008, 6, 1), "month", "June 2008", "Mehefin 2008"),
    (date(2011, 1, 1), "year", "2011", "2011"),
])
def test_dates_in_english_and_welsh(day, precision, english, welsh):
    assert format_date(day, precision) == english
    assert format_date(day, precision, "cy") == welsh


def test_numbers_and_file_sizes_are_written_the_same_way_in_welsh():
    from plansite.pages.render import filesize
    from plansite.view.rules import format_measure

    cy = Translator("cy")
    assert format_measure(2750, None, None, cy) == "2,750"
    assert format_measure(19.5, Unit.RATE_PER_1000, None, cy) == "19.5 fesul 1,000 o'r boblogaeth"
    with use_language("cy"):
        assert (filesize(812), filesize(46000), filesize(1300000)) == ("812 beit", "45 KB", "1.2 MB")
    assert filesize(812) == "812 bytes"


HOSTILE = "<b onmouseover=x()>\"'&{{7*7}}"


def test_text_in_another_language_is_marked_and_escaped_on_the_page():
    english = Words(HOSTILE, "en")
    with use_language("cy"):
        assert Markup(escape(english)) == f'<span lang="en">{escape(HOSTILE)}</span>'
        title = Translator("cy")("title.priority", name=Words("Llan", "cy"), priority=english)
        assert isinstance(title, Phrase) and str(title) == f"Llan: {HOSTILE}"
        assert escape(title) == f'Llan: <span lang="en">{escape(HOSTILE)}</span>'
        joined = join("; ", [Words("Un", "cy"), english])
        assert escape(joined) == f'Un; <span lang="en">{escape(HOSTILE)}</span>'
    with use_language("en"):  # on an English page the same English text is not marked
        assert escape(english) == escape(HOSTILE)
    assert segments(concat("(", english, ")")) == [("(", None), (HOSTILE, "en"), (")", None)]


def test_an_interface_string_with_no_marked_values_is_plain_text():
    assert type(Translator("cy")("title.priority", name="Llan", priority="Tai")) is str


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="no translation table for 'fr'"):
        Translator("fr")


# Strings the same in both languages, each for a reason: format names, a language named in itself
# (and the switcher's sentence, written in the language it leads to), units, and strings of
# placeholders only. Any other Welsh string that equals its English was left untranslated.
THE_SAME_IN_WELSH = {
    "export.actions-csv.format", "export.datapackage.format", "export.docx.format", "export.indicators-csv.format",
    "export.json.format", "export.large-print.format", "export.odt.format", "export.pdf.format",
    "export.priority-pdf.format", "export.zip.format", "language.change.cy", "language.change.en", "language.cy",
    "language.en", "site.kind_ward", "size.kb", "size.mb", "indicator.heading", "status.with_word", "title.in_region",
    "title.priority", "unit.percentage",
}


def test_no_welsh_string_is_the_english_left_in_place():
    assert sorted(key for key in EN if CY[key] == EN[key]) == sorted(THE_SAME_IN_WELSH)
