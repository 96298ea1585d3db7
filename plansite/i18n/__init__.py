"""Every interface string, in one table per language, kept as data.

    plansite/i18n/en.yaml    English: the keys, and the words the site shows
    plansite/i18n/cy.yaml    Welsh: the same keys (tests/test_i18n.py checks they match)

Templates and code call t("key", name=value). Plan content is never translated here: it is
published in the words the partnership wrote, in each language it gives them (plansite.i18n.words).

A Translator is fixed to one language (views and downloads are made in one language each). The
templates' `t` follows the page being rendered (`page_translator`), because one Jinja environment
renders the English and the Welsh pages, and components imported without context only see its
globals.
"""
from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from string import Formatter

from .words import Phrase, has_marks

FOLDER = Path(__file__).resolve().parent
LANGUAGES = ("en", "cy")  # English first: the language plain text is in unless a partnership says otherwise
LANGUAGE_TAGS = {"en": "en-GB", "cy": "cy"}  # BCP 47, for documents and feeds


class TableError(Exception):
    """A translation table that cannot be read."""


def _read_table(path: Path) -> dict[str, str]:
    # The project's own YAML reader: every value is text (YAML 1.1 would read "No" as false) and a
    # key given twice is an error, not a silent replacement.
    from ..load.yamlsafe import parse_yaml

    parsed, problems = parse_yaml(path.read_bytes(), str(path))
    if problems or parsed is None:
        raise TableError("\n".join(str(p) for p in problems) or f"{path}: cannot be read")
    table = parsed.data or {}
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise TableError(f"{path}: must be one 'key: text' line per string")
    return table


EN: dict[str, str] = _read_table(FOLDER / "en.yaml")
CY: dict[str, str] = _read_table(FOLDER / "cy.yaml")
TABLES = {"en": EN, "cy": CY}

# The language of the page or file being made: "en" unless a renderer says otherwise.
_language: contextvars.ContextVar[str] = contextvars.ContextVar("plansite_language", default="en")


def current_language() -> str:
    return _language.get()


@contextmanager
def use_language(language: str) -> Iterator[None]:
    """Render in this language: the page translator, plan text's language marks and file sizes follow it."""
    token = _language.set(language)
    try:
        yield
    finally:
        _language.reset(token)


class Translator:
    """The interface strings of one language.

    With values that carry a language of their own (plan text in English on a Welsh page), the
    result is a Phrase: plain text for documents and data, and for HTML the same words with each
    such value marked lang="..".
    """

    def __init__(self, language: str = "en"):
        if language not in TABLES:
            raise ValueError(f"no translation table for '{language}'; Plansite has {', '.join(TABLES)}")
        self.language = language
        self.table = TABLES[language]

    def __call__(self, key: str, **values: object) -> str:
        text = self.table.get(key) or EN[key]
        if not values:
            return text
        formatted = text.format(**values)
        return Phrase(formatted, text, values) if has_marks(values.values()) else formatted


class PageTranslator:
    """`t` for templates: the table of the language being rendered (use_language)."""

    _tables = {language: Translator(language) for language in TABLES}

    @property
    def language(self) -> str:
        return _language.get()

    def __call__(self, key: str, **values: object) -> str:
        return self._tables[_language.get()](key, **values)


page_translator = PageTranslator()


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}
