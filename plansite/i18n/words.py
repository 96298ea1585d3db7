"""Plan text that knows its language, so a page in one language can mark text in another.

A partnership that publishes in English and Welsh gives each text field as plain text or as
{en: ..., cy: ...}. The Welsh view of its plan holds Welsh text where it was given, and the
English where it was not (plansite.view.localise). Each such value is a `Words`: a str, so
documents, JSON and every string operation see the words alone, which also carries its
language. In HTML (Jinja calls __html__) it is escaped as usual and, where its language is not
the page's, wrapped in <span lang="en">...</span>, so a screen reader reads it in the right voice.

Interface strings filled in with such values (t("title.priority", priority=...)) and values
joined together (join, concat) become a `Phrase`, which keeps the marks of its parts in HTML.
Anything else that changes a Words (slicing, .lower(), an f-string) gives a plain str: the words
survive, the mark does not. Attributes must be given plain text: str(value).

`source` is the text the model holds (the English, where both are given): addresses and anchors
are made from it, so a page's address and its anchors are the same in every language.
"""
from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape


def _page_language() -> str:
    from . import current_language

    return current_language()


class Words(str):
    """Plan text in one language: `lang` is its language, `source` the text the model holds."""

    lang: str
    source: str

    def __new__(cls, text: str, lang: str, source: str | None = None) -> Words:
        value = super().__new__(cls, text)
        value.lang = lang
        value.source = str(text) if source is None else str(source)
        return value

    def __html__(self) -> str:
        text = escape(str(self))
        if self.lang == _page_language():
            return text
        return Markup(f'<span lang="{self.lang}">{text}</span>')

    def __reduce__(self):
        # Pickled for the download workers, copied by pydantic: keep the language.
        return (Words, (str(self), self.lang, self.source))

    def __deepcopy__(self, memo) -> Words:
        return self

    def __copy__(self) -> Words:
        return self

    def segments(self) -> list[tuple[str, str | None]]:
        return [(str(self), self.lang)]


class Phrase(str):
    """Text made of parts, some of which carry a language: plain text, with the marks kept for HTML."""

    def __new__(cls, text: str, template: str | None, values: dict | None = None, parts: tuple = ()) -> Phrase:
        value = super().__new__(cls, text)
        value._template, value._values, value._parts = template, values or {}, parts
        return value

    def __html__(self) -> str:
        if self._template is not None:
            return Markup(escape(self._template)).format(**self._values)
        return Markup("").join(self._parts)

    def __reduce__(self):
        return (Phrase, (str(self), self._template, self._values, self._parts))

    def __deepcopy__(self, memo) -> Phrase:
        return self

    def segments(self) -> list[tuple[str, str | None]]:
        """The text in runs of one language: (text, language or None for the surrounding language)."""
        if self._template is None:
            parts = list(self._parts)
        else:
            from string import Formatter

            parts = []
            for literal, name, spec, conversion in Formatter().parse(self._template):
                if literal:
                    parts.append(literal)
                if name is not None:
                    value = self._values[name]
                    parts.append(value if has_marks([value]) else format(value, spec or ""))
        out: list[tuple[str, str | None]] = []
        for part in parts:
            out += segments(part)
        return out


def has_marks(values: Iterable[object]) -> bool:
    """Whether any value carries a language of its own (a Words, or a Phrase made with one)."""
    return any(isinstance(v, (Words, Phrase)) for v in values)


def segments(text: object) -> list[tuple[str, str | None]]:
    """Runs of text with their languages; plain text is in the surrounding language (None)."""
    if isinstance(text, (Words, Phrase)):
        return text.segments()
    return [(str(text), None)] if str(text) else []


def join(separator: str, items: Iterable[object]) -> str:
    """separator.join(items), keeping each item's language mark for HTML."""
    items = list(items)
    text = separator.join(str(i) for i in items)
    if not has_marks(items):
        return text
    parts: list[object] = []
    for i, item in enumerate(items):
        if i:
            parts.append(separator)
        parts.append(item)
    return Phrase(text, None, None, tuple(parts))


def concat(*parts: object) -> str:
    """The parts one after another ("" and None left out), keeping each one's language mark for HTML."""
    kept = [p for p in parts if p]
    return join("", kept)


def source(text: str) -> str:
    """The text an address or anchor is made from: the model's own text for a Words, else the text."""
    return getattr(text, "source", text)
