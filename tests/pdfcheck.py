"""Reading a tagged PDF back as assistive technology would: its structure tree, the text of each
structure element, its outline, and which pages each element's content is on.

pikepdf reads the structure tree; pdfminer reads the text of each marked-content sequence
(MCID) on each page, so an element's text is the text of the content it marks.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTChar
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage


@dataclass
class Element:
    role: str  # "H2", "Table", "TH"
    attributes: list[dict]
    id: str | None
    content: list[tuple[int, int]]  # (page index, MCID) of the content it marks directly
    children: list["Element"] = field(default_factory=list)
    parent: "Element | None" = None

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()

    def all_content(self) -> list[tuple[int, int]]:
        return [c for e in self.walk() for c in e.content]

    def pages(self) -> set[int]:
        return {page for page, _ in self.all_content()}

    def attribute(self, owner: str, name: str):
        for a in self.attributes:
            if a.get("/O") == owner and name in a:
                return a[name]
        return None


def _attributes(value) -> list[dict]:
    if value is None:
        return []
    items = list(value) if isinstance(value, pikepdf.Array) else [value]
    out = []
    for item in items:
        if isinstance(item, pikepdf.Dictionary):
            out.append({str(k): (str(v) if isinstance(v, (pikepdf.Name, pikepdf.String)) else
                                 [str(x) for x in v] if isinstance(v, pikepdf.Array) else v) for k, v in item.items()})
    return out


class TaggedPdf:
    def __init__(self, path: Path):
        self.path = path
        self.pdf = pikepdf.open(path)
        self.page_index = {page.objgen: i for i, page in enumerate(self.pdf.pages)}
        self.root = pdf_root = self.pdf.Root
        self.tree = self._element(pdf_root.StructTreeRoot, None, None)
        tree_root = pdf_root.StructTreeRoot
        self.ids = set()
        if "/IDTree" in tree_root:
            self.ids = {str(k) for k in pikepdf.NameTree(tree_root.IDTree).keys()}
        self._text: dict[tuple[int, int], str] | None = None

    def _element(self, obj, parent, page) -> Element:
        page = self.page_index.get(obj.Pg.objgen, page) if "/Pg" in obj else page
        element = Element(str(obj.get("/S", "/StructTreeRoot"))[1:], _attributes(obj.get("/A")),
                          str(obj.ID) if "/ID" in obj else None, [], [], parent)
        kids = obj.get("/K")
        kids = [] if kids is None else list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        for kid in kids:
            if isinstance(kid, int):
                element.content.append((page, int(kid)))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.MCR:
                kid_page = self.page_index.get(kid.Pg.objgen, page) if "/Pg" in kid else page
                element.content.append((kid_page, int(kid.MCID)))
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                element.children.append(self._element(kid, element, page))
        return element

    def elements(self, *roles: str) -> list[Element]:
        return [e for e in self.tree.walk() if not roles or e.role in roles]

    def headings(self) -> list[tuple[int, Element]]:
        return [(int(e.role[1:]), e) for e in self.tree.walk() if len(e.role) == 2 and e.role[0] == "H" and e.role[1].isdigit()]

    def outline(self) -> list[tuple[int, str]]:
        """The bookmarks, as (depth from 1, title), in order."""
        out = []

        def visit(item, depth):
            while item is not None:
                out.append((depth, str(item.Title)))
                if "/First" in item:
                    visit(item.First, depth + 1)
                item = item.get("/Next")

        if "/Outlines" in self.root and "/First" in self.root.Outlines:
            visit(self.root.Outlines.First, 1)
        return out

    # -- text ------------------------------------------------------------------------------------

    def text(self, element: Element) -> str:
        if self._text is None:
            self._text = marked_text(self.path)
        return "".join(self._text.get(c, "") for c in element.all_content())


class _MarkedContent(PDFPageAggregator):
    """Collects the characters drawn inside each marked-content sequence, by MCID."""

    def __init__(self, rsrcmgr):
        super().__init__(rsrcmgr, laparams=LAParams())
        self.stack: list[int | None] = []
        self.chars: dict[int, list[LTChar]] = {}

    def begin_tag(self, tag, props=None):
        mcid = props.get("MCID") if isinstance(props, dict) else None
        self.stack.append(mcid if mcid is not None else (self.stack[-1] if self.stack else None))

    def end_tag(self):
        if self.stack:
            self.stack.pop()

    def render_char(self, *args, **kwargs):
        advance = super().render_char(*args, **kwargs)
        if self.stack and self.stack[-1] is not None:
            self.chars.setdefault(self.stack[-1], []).append(self.cur_item._objs[-1])
        return advance


def marked_text(path: Path) -> dict[tuple[int, int], str]:
    """{(page index, MCID): the text it draws}, with a space where a line wraps."""
    out = {}
    manager = PDFResourceManager()
    with open(path, "rb") as handle:
        for index, page in enumerate(PDFPage.get_pages(handle)):
            device = _MarkedContent(manager)
            PDFPageInterpreter(manager, device).process_page(page)
            for mcid, chars in device.chars.items():
                text, last = "", None
                for char in chars:
                    if last is not None and abs(char.y0 - last.y0) > 1 and not text.endswith(" "):
                        text += " "
                    text += char.get_text()
                    last = char
                out[(index, mcid)] = text
    return out
