"""The PDFs' font, and what it tells us before Typst lays anything out.

The PDFs use DejaVu Sans, from Debian's fonts-dejavu-core (on every fresh Debian machine), and
Typst is given that folder and its own embedded fonts only, so a PDF comes out the same
whatever else a machine has installed. Nothing is fetched.

- Heights: Typst breaks lines first-fit when text is not justified. Doing the same with the
  font's own advance widths gives the height of a table row or a large-print record, closely
  and from above (breaks only at spaces). A row or record a page can hold is kept on one page;
  one that is taller is let run on, as Typst would otherwise push it off the bottom of the page.
  (Measuring in Typst instead lays everything out twice: it doubled a large-print PDF's time.)
- Coverage: PDF/UA requires every character to be shown with a font that has it, and Typst
  refuses the whole PDF otherwise. A character no font here has (an emoji, a script DejaVu
  lacks) is written as words instead: "[police car]", "[Bengali text]".
"""
from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FAMILY = "DejaVu Sans"
WIDE = 1.0  # the width, in em, counted for a character the font does not have


class MissingFont(RuntimeError):
    pass


@lru_cache(maxsize=None)
def font_folder() -> Path:
    import typst

    for info in typst.Fonts(include_system_fonts=True, include_embedded_fonts=False).fonts():
        if info.family == FAMILY and info.weight == 400 and info.style == "normal" and info.path:
            return Path(info.path).parent
    raise MissingFont(f"The PDFs need the {FAMILY} font, which is not installed. "
                      "On Debian, install it with: apt-get install fonts-dejavu-core")


class Face:
    """One font file's advance widths, in em."""

    def __init__(self, path: Path):
        from fontTools.ttLib import TTFont

        font = TTFont(str(path), lazy=True)
        upem = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        self.advance = {code: metrics[glyph][0] / upem for code, glyph in font.getBestCmap().items()}
        # Typst's "ascender" and "descender" edges are the typographic ones (OS/2), as measured.
        self.line_height = (font["OS/2"].sTypoAscender - font["OS/2"].sTypoDescender) / upem
        self.space = self.advance.get(32, 0.32)
        self.advance[0x200B] = 0.0  # the zero-width space wrappable() adds

    def width(self, text: str) -> float:
        advance = self.advance
        return sum(advance.get(ord(c), WIDE) for c in text)


@lru_cache(maxsize=None)
def face(bold: bool) -> Face:
    return Face(font_folder() / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"))


# -- Heights ---------------------------------------------------------------------------------------


def lines(text: str, font: Face, width_em: float) -> int:
    """How many lines text takes in a column width_em wide, broken first-fit at spaces."""
    count = 0
    for paragraph in text.split("\n"):
        count += 1
        line = 0.0
        for word in paragraph.split(" "):
            w = font.width(word)
            if line and line + font.space + w <= width_em:
                line += font.space + w
            elif not line and w <= width_em:
                line = w
            else:
                if line:
                    count += 1
                extra = max(0, math.ceil(w / width_em) - 1) if width_em > 0 else 0
                count += extra  # a word wider than the column is broken where it must be
                line = w - extra * width_em
    return count


@dataclass(frozen=True)
class Measure:
    """Text at a size in points, with this leading (em) between lines."""

    size: float
    leading: float
    bold: bool = False

    def height(self, text: str, width_pt: float) -> float:
        font = face(self.bold)
        n = lines(text, font, width_pt / self.size)
        return n * font.line_height * self.size + (n - 1) * self.leading * self.size


# -- Long words --------------------------------------------------------------------------------------

BREAK_AFTER = "/.-_?&=#:;,+@"  # where a web address or a long name may break
ZERO_WIDTH_SPACE = "\u200b"


def wrappable(text: str, width_pt: float, size: float, bold: bool = False) -> str:
    """text, with a place to break inside any word too wide for width_pt (a web address in a
    table cell, say): Typst never breaks inside a word, so it would run over the next column
    or off the page. The break is a zero-width space: it shows nothing."""
    font = face(bold)
    room = width_pt / size
    words = text.split(" ")
    if room <= 0 or all(font.width(word) <= room for word in words):
        return text
    out = []
    for word in words:
        if font.width(word) <= room:
            out.append(word)
            continue
        pieces, piece = [], ""
        for char in word:
            if piece and font.width(piece + char) > room:
                pieces.append(piece)
                piece = ""
            piece += char
            if char in BREAK_AFTER:
                pieces.append(piece)
                piece = ""
        pieces.append(piece)
        out.append(ZERO_WIDTH_SPACE.join(p for p in pieces if p))
    return " ".join(out)


# -- Coverage ------------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def coverage() -> frozenset[int]:
    """Every character some font Typst is given has: the DejaVu files and Typst's embedded fonts
    (Typst's Libertinus and New Computer Modern cover no more than DejaVu, so they are not read)."""
    from fontTools.ttLib import TTFont

    codes: set[int] = set()
    for path in sorted(font_folder().glob("*.ttf")):
        codes |= set(TTFont(str(path), lazy=True).getBestCmap())
    return frozenset(codes)


# Characters that draw nothing: joiners, selectors, direction marks.
_INVISIBLE = {"Cc", "Cf", "Zl", "Zp"}


def _needs_glyph(char: str) -> bool:
    return unicodedata.category(char) not in _INVISIBLE and not 0xFE00 <= ord(char) <= 0xFE0F


SCRIPTS = {"Cjk": "Chinese, Japanese or Korean", "Hangul": "Korean", "Hiragana": "Japanese", "Katakana": "Japanese"}


def _describe(run: str) -> str:
    letters = [c for c in run if unicodedata.category(c)[0] in "LMN"]
    if letters:
        script = unicodedata.name(letters[0], "").split(" ")[0].title() or "Other"
        return f"[{SCRIPTS.get(script, script)} text]"
    names = [unicodedata.name(c, "").lower() for c in run if _needs_glyph(c)]
    return "[" + ", ".join(n for n in names if n)[:80] + "]" if any(names) else ""


def shown(text: str) -> str:
    """text, with each run of characters no font here can show written as words."""
    if text.isascii():
        return text
    regular = face(False).advance
    if all(ord(c) in regular or not _needs_glyph(c) for c in text):
        return text
    covered = coverage()
    out, run = [], ""
    for char in text:
        missing = _needs_glyph(char) and ord(char) not in covered
        if missing or (run and not _needs_glyph(char)):
            run += char
            continue
        if run:
            out.append(_describe(run))
            run = ""
        out.append(char)
    if run:
        out.append(_describe(run))
    return "".join(out)
