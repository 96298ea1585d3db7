"""Plan text in each language a page is made in.

Every text field of the model (plansite.model.base.Text, Markdown) is plain text or {en, cy}.
Before the view of a plan is built in a language, its public models are copied with each text
field replaced by a `Words` in that language: the Welsh where the plan gives it, else the text
it has, marked with its own language so the page shows it with lang="en". Nothing else
changes, so the view builder reads the same models in every language.

Each field a Welsh page shows in English is recorded (Untranslated), for the comms team: the
build lists them, and the publication checklist counts them for a partnership in Wales.

Dates written with an English month ("Oct 2009") are shown in Welsh on a Welsh page ("Hydref
2009") at the precision written, where the words are a date and nothing else; other words are
plan text like any other.
"""
from __future__ import annotations

import copy
import types
import typing
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Union

from pydantic import BaseModel

from ..dates import format_date
from ..i18n.words import Words
from ..load.catalogue import PartnershipPlans, PlanEdition, SourceFile
from ..load.fields import Path, field_label
from ..model.base import Bilingual, FlexDate, TextMarker


@dataclass(frozen=True)
class Untranslated:
    """A field a page in `language` shows in another language, because the plan gives it only in that one."""

    slug: str
    language: str
    file: str
    line: int
    column: int
    field: str
    shown_in: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.field}: no {_NAMES[self.language]} text (shown in {_NAMES[self.shown_in]})"


_NAMES = {"en": "English", "cy": "Welsh"}


def main_language(plans: PartnershipPlans) -> str:
    """The language the partnership's plain text is written in: the first it publishes in."""
    return plans.data.languages[0].value


def publishes_in(plans: PartnershipPlans, language: str) -> bool:
    return any(language == lang.value for lang in plans.data.languages)


def _is_text(annotation: Any) -> tuple[bool, bool]:
    """(holds text, is a list) for a field's annotation."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        if any(isinstance(e, TextMarker) for e in extra):
            return True, False
        return _is_text(base)
    if origin in (Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _is_text(arg)
            if found[0]:
                return found
        return False, False
    if origin is list:
        inner, _ = _is_text(typing.get_args(annotation)[0])
        return inner, True
    return False, False


@lru_cache(maxsize=None)
def _text_fields(cls: type[BaseModel]) -> frozenset[str]:
    # pydantic keeps a field's own Annotated metadata apart (info.metadata); Optional or list keep theirs inside.
    return frozenset(name for name, info in cls.model_fields.items()
                     if any(isinstance(m, TextMarker) for m in info.metadata) or _is_text(info.annotation)[0])


def _has_letters(text: str) -> bool:
    return any(c.isalpha() for c in text)


class _Localiser:
    def __init__(self, plans: PartnershipPlans, language: str):
        self.plans, self.language, self.main = plans, language, main_language(plans)
        self.untranslated: list[tuple[SourceFile, Path, str]] = []
        self.sources = getattr(plans, "record_sources", {})

    def text(self, value: str, source: SourceFile, path: Path) -> str:
        if isinstance(value, Bilingual):
            texts = value.texts
            if self.language in texts:
                return Words(texts[self.language], self.language, value)
            lang = self.main if self.main in texts else next(iter(texts))
            self.untranslated.append((source, path, lang))
            return Words(texts[lang], lang, value)
        if not _has_letters(value):
            return value  # a number or a date as digits reads the same in any language
        if self.main != self.language:
            self.untranslated.append((source, path, self.main))
        return Words(value, self.main)

    def date(self, value: FlexDate, source: SourceFile, path: Path) -> FlexDate:
        written = value.as_written
        if (self.language != self.main and not isinstance(written, Bilingual) and value.parsed is not None
                and value.precision in ("day", "month") and _has_letters(written)):
            from ..dates import parse_written_date

            if parse_written_date(written)[0] is not None:  # the words are the date, and only the date
                copied = copy.copy(value)
                copied.__dict__["as_written"] = Words(format_date(value.parsed, value.precision, self.language),
                                                      self.language, written)
                return copied
        return self.copy(value, source, path)

    def model(self, model: BaseModel, source: SourceFile, path: Path) -> BaseModel:
        moved = self.sources.get(id(model))
        if moved is not None:  # a record merged in from its own file under updates/
            source, path = moved
        if isinstance(model, FlexDate):
            return self.date(model, source, path)
        return self.copy(model, source, path)

    def copy(self, model: BaseModel, source: SourceFile, path: Path) -> BaseModel:
        """A shallow copy (private values such as a parsed date kept) with its text in the language."""
        copied = copy.copy(model)
        values = copied.__dict__
        texts = _text_fields(type(model))
        for name in type(model).model_fields:
            value = values.get(name)
            if value is None:
                continue
            here = path + (name,)
            if name in texts:
                if isinstance(value, list):
                    values[name] = [self.text(v, source, here + (i,)) for i, v in enumerate(value)]
                else:
                    values[name] = self.text(value, source, here)
            elif isinstance(value, BaseModel):
                values[name] = self.model(value, source, here)
            elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
                values[name] = [self.model(v, source, here + (i,)) for i, v in enumerate(value)]
        return copied


@dataclass
class Localised:
    plans: PartnershipPlans
    untranslated: list[Untranslated] = field(default_factory=list)


def localise(plans: PartnershipPlans, language: str, editions: list[PlanEdition] | None = None) -> Localised:
    """A copy of a public partnership with every text field in `language` (see the module's note).

    `editions` limits the copy to those editions (the national pages need only the current one).
    """
    worker = _Localiser(plans, language)
    data = worker.model(plans.data, plans.source, ())
    copied = PartnershipPlans(plans.slug, data, plans.source, contact_source=plans.contact_source)
    copied.record_sources = worker.sources
    for edition in plans.editions if editions is None else editions:
        copied.editions.append(PlanEdition(edition.id, worker.model(edition.data, edition.source, ()), edition.source, copied))
    return Localised(copied, _located(plans, worker.untranslated, language))


def _located(plans: PartnershipPlans, found: list[tuple[SourceFile, Path, str]], language: str) -> list[Untranslated]:
    out = []
    for source, path, shown_in in found:
        # Contact details in contact.yaml are read into the partnership's model under contact.
        if source is plans.source and path[:1] == ("contact",) and plans.contact_source is not None:
            source, path = plans.contact_source, path[1:]
        where = source.parsed.where(path)
        out.append(Untranslated(plans.slug, language, source.path, where.line, where.column, field_label(path, source.parsed.data), shown_in))
    seen = set()
    unique = []
    for item in out:  # a field shared by several pages is listed once
        if (item.file, item.field) not in seen:
            seen.add((item.file, item.field))
            unique.append(item)
    return unique


def localised_catalogue(catalogue, language: str):
    """Every public partnership with its text in `language`, and the fields shown in another language.

    A partnership that publishes in the language is copied whole; one that does not is copied with
    its current edition only, for the national pages in that language (whose own pages are in
    English). A partnership writing only plain English needs no copy for the English pages.
    """
    from ..load.catalogue import Catalogue

    partnerships, untranslated = [], []
    for plans in catalogue.partnerships:
        if language == "en" and [lang.value for lang in plans.data.languages] == ["en"]:
            partnerships.append(plans)
        elif language == "en" or publishes_in(plans, language):
            found = localise(plans, language)
            partnerships.append(found.plans)
            untranslated += found.untranslated
        else:
            partnerships.append(localise(plans, language, [plans.current] if plans.current else []).plans)
    return Catalogue(partnerships, warnings=list(catalogue.warnings)), untranslated


def site_languages(catalogue) -> list[str]:
    """The languages the site is built in: English, and Welsh when any partnership publishes in Welsh."""
    return ["en"] + [language for language in ("cy",) if any(publishes_in(p, language) for p in catalogue.partnerships)]
