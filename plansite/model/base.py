"""Shared building blocks for the plan model.

Every YAML scalar reaches these models as text (see plansite.yamlsafe), so the
field types below decide what a value means, never YAML's implicit typing.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    PrivateAttr,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from .markdown import markdown_problem
from ..dates import PERIOD_HELP, format_date, last_day, parse_period, parse_written_date


def field_title(name: str, info: Any) -> str:
    """A field's label, as the JSON Schemas and the form editor show it: publish_from is "Publish from"."""
    return name.replace("_", " ").capitalize()


class Model(BaseModel):
    """Base for every model: unknown fields are errors, numbers must be finite."""

    model_config = ConfigDict(
        extra="forbid",
        field_title_generator=field_title,
        allow_inf_nan=False,
        str_strip_whitespace=True,
        validate_default=False,
        use_enum_values=False,
    )


def _strict_bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"
    raise PydanticCustomError(
        "plansite_bool",
        "must be true or false (yes, no, on and off are not accepted, so that the meaning is never guessed)",
    )


Bool = Annotated[bool, BeforeValidator(_strict_bool)]
"""true or false only: YAML 1.1's yes/no/on/off are refused rather than guessed."""

Text = Annotated[str, Field(min_length=1)]
"""Plain text: always escaped when published. Every value is at most 20,000 characters (plansite.load.yamlsafe)."""

Title = Annotated[str, Field(min_length=1, max_length=200)]
"""A title or full name: it becomes document properties (a Word title can hold 255 characters) and navigation."""

Name = Annotated[str, Field(min_length=1, max_length=100)]
"""A short name: in navigation, page titles and document keywords together with other names."""


def _place(value: str) -> str:
    if not value[:1].isalnum() or unicodedata.normalize("NFKC", value[:1]) != value[:1]:
        raise PydanticCustomError("plansite_place", "'{value}' must start with a letter or digit: the A to Z of places "
                                  "lists each name under its first letter", {"value": shown(value)})
    return value


PlaceName = Annotated[str, Field(min_length=1, max_length=100), AfterValidator(_place)]
"""A place, ward or council area, listed in the A to Z of places under its first letter."""


class MarkdownMarker:
    """Marks a text field as Markdown, so renderers know it may carry formatting."""


def _markdown(value: str) -> str:
    problem = markdown_problem(value)
    if problem is not None:
        raise PydanticCustomError("plansite_markdown", "{problem}", {"problem": problem})
    return value


Markdown = Annotated[str, Field(min_length=1, json_schema_extra={"contentMediaType": "text/markdown"}),
                     AfterValidator(_markdown), MarkdownMarker()]
"""Markdown text, within the limits that keep rendering it bounded (plansite.model.markdown)."""

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, max_length=60)]

Ref = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^\S(?:.*\S)?$")]
"""An action or issue reference such as CS.1.1 or 2.3, always kept as the text written."""

NUMBER_HELP = "Write digits only, like 19.47 or 2750, with no commas or units; put words such as 'TBA' in text."
NUMBER_DIGITS = (12, 6)  # at most a million million, to a millionth: beyond any count, rate or sum in a plan
_NUMBER = re.compile(r"(-?)(\d*)(?:\.(\d*))?")
SHOWN = 60  # characters of a wrong value quoted back in a message


_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """Text with anything invisible or that would break a line (\\n, U+2028...) written as an escape,
    so that every message stays one line and shows what is really there."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else _ESCAPES.get(c) or (f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}")
                   for c in text)


def shown(value: Any, limit: int = SHOWN) -> str:
    """A value quoted back to the person who wrote it: on one line, cut short if it is long."""
    text = printable(" ".join(str(value).split()))
    return text if len(text) <= limit else f"{text[: limit - 1]}… ({len(str(value)):,} characters)"


def _number(value: Any) -> Any:
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        return value  # made by the code, not read from a file
    match = _NUMBER.fullmatch(value) if isinstance(value, str) else None
    if match is None or not (match[2] or match[3]):
        raise PydanticCustomError("plansite_number", "'{value}' is not a number. {help}", {"value": shown(value), "help": NUMBER_HELP})
    whole, fraction = match[2].lstrip("0"), match[3] or ""
    if len(whole) > NUMBER_DIGITS[0] or len(fraction) > NUMBER_DIGITS[1]:
        raise PydanticCustomError(
            "plansite_number_range",
            "'{value}' has more digits than Plansite accepts: at most {whole} before the decimal point and {fraction} after it",
            {"value": shown(value), "whole": NUMBER_DIGITS[0], "fraction": NUMBER_DIGITS[1]})
    return Decimal(value)


Number = Annotated[Decimal, Field(allow_inf_nan=False), BeforeValidator(_number)]
"""A number kept with the digits written, so 19.10 stays 19.10; no exponents (1e999999999), no commas."""


def _whole(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{1,9}", value):
        raise PydanticCustomError("plansite_whole", "'{value}' is not a whole number: write digits only, like 5",
                                  {"value": shown(value)})
    return int(value)


def whole_number(most: int, *, least: int = 1) -> Any:
    """A whole number from `least` to `most`, written in digits."""
    return Annotated[int, Field(ge=least, le=most), BeforeValidator(_whole)]


YEARS = (1900, 2199)  # dates outside these years are typing slips (2108 for 2018) or not dates at all
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def iso_date(value: Any) -> Any:
    """A date written YYYY-MM-DD in the years Plansite accepts; raises PydanticCustomError otherwise."""
    if isinstance(value, date):
        return value
    match = _ISO_DATE.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        # A bare number is refused too: 1301616000 is not read as seconds since 1970.
        raise PydanticCustomError("plansite_date", "'{value}' is not a date. Write dates as YYYY-MM-DD, like 2009-11-18.",
                                  {"value": shown(value)})
    try:
        day = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise PydanticCustomError("plansite_date_calendar", "'{value}' is not a day on the calendar: check the month and day",
                                  {"value": value}) from None
    if not YEARS[0] <= day.year <= YEARS[1]:
        raise PydanticCustomError("plansite_date_year", "'{value}' is outside the years Plansite accepts ({first} to {last}): "
                                  "check the year", {"value": value, "first": YEARS[0], "last": YEARS[1]})
    return day


IsoDate = Annotated[date, BeforeValidator(iso_date)]
"""A day written YYYY-MM-DD, from 1900 to 2199: never a number of seconds, never a guess."""

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
Email = Annotated[str, Field(pattern=EMAIL_PATTERN)]

Url = Annotated[str, Field(pattern=r"^https?://\S+$")]


def _check_period(value: str) -> str:
    if parse_period(value) is None:
        raise PydanticCustomError(
            "plansite_period", "'{value}' is not a period Plansite understands. {help}",
            {"value": shown(value), "help": PERIOD_HELP},
        )
    return " ".join(value.split())


PeriodLabel = Annotated[str, AfterValidator(_check_period)]


def closest(word: str, choices: list[str]) -> str | None:
    """The choice most like word, ignoring case, if any is close enough.

    Bounded: a long word is no field name or status, and among thousands of choices (every ref
    in a big plan) difflib's work would grow with the plan, so no suggestion is made then.
    """
    if len(word) > 100 or len(choices) > 2000:
        return None
    lowered = {choice.lower(): choice for choice in choices}
    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


class WordEnum(str, Enum):
    """An enum written in YAML as plain words ("in progress"); case, _ and - are forgiven.

    Subclasses set KIND (what the words name, for messages) and may set ALIASES
    through `word_enum`, because plain class attributes would become members.
    """

    @classmethod
    def _missing_(cls, value: object) -> Any:
        if isinstance(value, str):
            return cls.LOOKUP.get(re.sub(r"[\s_-]+", " ", value.strip().lower()))
        return None

    @classmethod
    def describe_choices(cls) -> str:
        return ", ".join(m.value for m in cls)

    @property
    def label(self) -> str:
        return self.value[0].upper() + self.value[1:]


def word_enum(kind: str, aliases: dict[str, tuple[str, ...]] | None = None):
    """Class decorator naming what an enum's words describe, with accepted alternatives."""

    def decorate(cls: type[WordEnum]) -> type[WordEnum]:
        type.__setattr__(cls, "KIND", kind)
        type.__setattr__(cls, "ALIASES", aliases or {})
        lookup = {member.value: member for member in cls}
        lookup.update({alias: cls(value) for value, names in (aliases or {}).items() for alias in names})
        type.__setattr__(cls, "LOOKUP", lookup)
        return cls

    return decorate


def enum_field(enum: type[WordEnum]) -> Any:
    """Wrap an enum so that a wrong word gets a plain-English message with a suggestion."""

    def check(value: Any) -> Any:
        if isinstance(value, enum):
            return value
        member = enum._missing_(value) if isinstance(value, str) else None
        if member is not None:
            return member
        written = shown(value) if isinstance(value, str) else shown(repr(value))
        hint = closest(value, [m.value for m in enum]) if isinstance(value, str) else None
        suggestion = f" Did you mean '{hint}'?" if hint else ""
        raise PydanticCustomError(
            "plansite_enum",
            "'{value}' is not a recognised {kind}. Use one of: {choices}.{suggestion}",
            {"value": written, "kind": enum.KIND, "choices": enum.describe_choices(), "suggestion": suggestion},
        )

    return BeforeValidator(check)


class FlexDate(Model):
    """A date as written ("18/11/09", "Oct 2009", "Ongoing") with the parsed date where there is one.

    In YAML write the words alone (`due: Oct 2009`), or give both when the words are
    descriptive but a date is known (`due: {as_written: Pilot ends March 2010, date: 2010-03}`).
    """

    as_written: Text = Field(description="The date exactly as the plan writes it, e.g. 'Oct 2009' or 'To be agreed'.")
    date: str | None = Field(
        default=None,
        description="The date in ISO form: 2009-11-18 for a day, 2009-11 for a month, 2009 for a year. "
        "Worked out from as_written when that is unambiguous.",
    )

    _parsed: Any = PrivateAttr(default=None)
    _precision: str | None = PrivateAttr(default=None)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"as_written": value}
        return value

    @model_validator(mode="after")
    def _parse(self) -> FlexDate:
        source = self.date if self.date is not None else self.as_written
        parsed, precision = parse_written_date(source)
        if self.date is not None and (parsed is None or not re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", self.date)):
            raise PydanticCustomError(
                "plansite_iso_date",
                "date '{value}' must be written as 2009-11-18 (a day), 2009-11 (a month) or 2009 (a year)",
                {"value": shown(self.date)},
            )
        self._parsed = parsed
        self._precision = precision
        if parsed is not None and self.date is None:
            self.date = _iso(parsed, precision)
        return self

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        detailed = handler(schema)
        return {
            "anyOf": [
                {"type": "string", "minLength": 1, "description": "The date as written, e.g. '18/11/09', 'Oct 2009' or 'Ongoing'."},
                detailed,
            ]
        }

    # Read the private values directly: pydantic's attribute fallback is slow, and pages ask often.
    @property
    def parsed(self) -> Any:
        return self.__pydantic_private__["_parsed"]

    @property
    def precision(self) -> str | None:
        return self.__pydantic_private__["_precision"]

    @property
    def deadline(self) -> date | None:
        """The last day the written date allows: the 31st for 'Oct 2009'."""
        return last_day(self.parsed, self.precision) if self.parsed else None

    @property
    def display(self) -> str:
        return self.as_written

    @property
    def formatted(self) -> str:
        return format_date(self.parsed, self.precision) if self.parsed else self.as_written


def _iso(d: date, precision: str | None) -> str:
    if precision == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if precision == "year":
        return f"{d.year:04d}"
    return d.isoformat()


class Period(Model):
    """A span of time with a start and end date, such as a plan's three years."""

    label: Text | None = Field(default=None, description="The period as the plan writes it, e.g. '2008-2011' or 'Year 1 2005-06'.")
    start: IsoDate = Field(description="First day of the period, as 2008-04-01.")
    end: IsoDate = Field(description="Last day of the period, as 2011-03-31.")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise PydanticCustomError("plansite_period_order", "end ({end}) is before start ({start})",
                                      {"end": self.end.isoformat(), "start": self.start.isoformat()})
        return self

    @property
    def display(self) -> str:
        return self.label or f"{format_date(self.start)} to {format_date(self.end)}"

    def contains(self, other_start: date, other_end: date) -> bool:
        return other_start <= self.end and other_end >= self.start


class Link(Model):
    """A named document or web page."""

    title: Text = Field(description="The title of the document or page, as published.")
    url: Url | None = Field(default=None, description="Web address, starting https:// or http://. Leave out if the document is not online.")
    note: Text | None = Field(default=None, description="Publisher, date or other detail, e.g. 'Home Office, July 2007'.")


class Section(Model):
    """A titled piece of narrative from the plan, such as an introduction or 'How we monitor'."""

    title: Text = Field(description="Heading of the section.")
    body: Markdown = Field(description="The section's text, in Markdown (paragraphs, lists, links).")
