"""Turn a Document into plain text, Word and OpenDocument (pdf.py makes the PDFs)."""
from __future__ import annotations

import io
import re
from datetime import datetime, time, timezone
from functools import lru_cache
from html import escape
from html.parser import HTMLParser

from ..textformat import render_markdown
from .document import BulletList, Document, Facts, Heading, Paragraph, Table

# -- Plain text ------------------------------------------------------------------------------------


def _plain(block: Paragraph) -> str:
    """A paragraph's words for plain text: Markdown laid out as lines, other text exactly as written."""
    if not block.markdown:
        return block.text
    return "\n\n".join(f"- {text}" if kind == "li" else text for kind, text in markdown_blocks(block.text))


def document_text(doc: Document) -> str:
    """Linear text: headings underlined, tables as labelled lines, one blank line between blocks."""
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            underline = {1: "=", 2: "-"}.get(block.level)
            out.append(block.text + ("\n" + underline * len(block.text) if underline else ""))
        elif isinstance(block, Paragraph):
            out.append(_plain(block))
        elif isinstance(block, BulletList):
            out.append("\n".join(f"- {item}" for item in block.items))
        elif isinstance(block, Table):
            rows = ["\n".join(f"{h}: {c}" for h, c in zip(block.headers, row) if c) for row in block.rows]
            out.append(block.caption + "\n\n" + "\n\n".join(rows))
        elif isinstance(block, Facts):
            out.append("\n".join(f"{k}: {v}" for k, v in block.pairs if v))
    return "\n\n".join(out).rstrip() + "\n"


# -- Markdown to simple paragraphs and lists, for Word and ODT ---------------------------------------


class _Blocks(HTMLParser):
    """Paragraphs, list items and headings, with their words, from the HTML a Markdown field renders to."""

    BLOCKS = {"p": "p", "li": "li", "h1": "h", "h2": "h", "h3": "h", "h4": "h", "h5": "h", "h6": "h"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self.stack: list[tuple[str, list[str]]] = []
        self.numbers: list[int | None] = []
        self.href: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        if tag == "ol":
            self.numbers.append(int(dict(attrs).get("start") or 1))
        elif tag == "ul":
            self.numbers.append(None)
        elif tag == "a":
            self.href.append(dict(attrs).get("href"))
        elif tag in self.BLOCKS:
            if self.stack and self.stack[-1][0] in ("li",) and tag == "p":
                return  # a loose list item's paragraph belongs to the item
            if self.stack:  # a list inside an item: finish the item's own words first
                self._close()
            prefix = ""
            if tag == "li" and self.numbers and self.numbers[-1] is not None:
                prefix = f"{self.numbers[-1]}. "
                self.numbers[-1] += 1
            self.stack.append((self.BLOCKS[tag], [prefix]))

    def handle_endtag(self, tag):
        if tag in ("ol", "ul") and self.numbers:
            self.numbers.pop()
        elif tag == "a" and self.href:
            href = self.href.pop()
            if href and self.stack and href not in "".join(self.stack[-1][1]):
                self.stack[-1][1].append(f" ({href})")
        elif tag in self.BLOCKS and self.stack and not (tag == "p" and self.stack[-1][0] == "li"):
            self._close()

    def handle_data(self, data):
        if self.stack:
            self.stack[-1][1].append(data)
        elif data.strip():
            self.blocks.append(("p", data.strip()))

    def _close(self):
        kind, parts = self.stack.pop()
        text = " ".join("".join(parts).split())
        if text:
            self.blocks.append((kind, text))


def markdown_blocks(text: str) -> list[tuple[str, str]]:
    """[("p" | "li" | "h", words)] from a Markdown field, read as the web page reads it.

    Numbered lists keep their numbers and links keep their addresses, so no format says less.
    """
    parser = _Blocks()
    parser.feed(str(render_markdown(text)))
    parser.close()
    while parser.stack:
        parser._close()
    return parser.blocks


def paragraph_blocks(block: Paragraph) -> list[tuple[str, str]]:
    """A paragraph as blocks: Markdown fields through markdown_blocks, other text as one paragraph, as written."""
    return markdown_blocks(block.text) if block.markdown else [("p", block.text)]


# -- Word (.docx) ---------------------------------------------------------------------------------


_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# Word's A4 page in twentieths of a point, and the text width left by the template's margins.
A4_TWIPS = (11906, 16838)
MARGIN_TWIPS = 1800


def _w_text(text: str) -> str:
    """A run's content: text with line breaks and tabs as Word writes them."""
    out = []
    for i, line in enumerate(_XML_UNSAFE.sub("", text).split("\n")):
        if i:
            out.append("<w:br/>")
        for j, part in enumerate(line.split("\t")):
            if j:
                out.append("<w:tab/>")
            if part:
                out.append(f'<w:t xml:space="preserve">{escape(part, quote=False)}</w:t>')
    return "".join(out)


def _w_paragraph(text: str, style: str | None = None, bold: bool = False) -> str:
    properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    run = f"<w:r>{'<w:rPr><w:b/></w:rPr>' if bold else ''}{_w_text(text)}</w:r>" if text else ""
    return f"<w:p>{properties}{run}</w:p>"


def _w_table(caption: str, headers: list[str], rows: list[list[str]], width: int) -> str:
    columns = max(len(headers), max((len(r) for r in rows), default=1))
    column = width // columns
    cell_width = f'<w:tcPr><w:tcW w:type="dxa" w:w="{column}"/></w:tcPr>'

    def row(cells: list[str], bold_all: bool, header: bool) -> str:
        cells = list(cells) + [""] * (columns - len(cells))
        properties = '<w:trPr><w:tblHeader w:val="true"/></w:trPr>' if header else ""
        # The header row, and each row's first cell (its row header), are bold.
        return (f"<w:tr>{properties}" + "".join(
            f"<w:tc>{cell_width}{_w_paragraph(c, bold=bold_all or i == 0)}</w:tc>" for i, c in enumerate(cells)) + "</w:tr>")

    grid = "".join(f'<w:gridCol w:w="{column}"/>' for _ in range(columns))
    return (_w_paragraph(caption, "Caption")
            + '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:type="auto" w:w="0"/>'
            '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
            f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
            + (row(headers, True, True) if headers else "")
            + "".join(row(r, False, False) for r in rows) + "</w:tbl>")


def document_docx(doc: Document) -> bytes:
    """Word, with Word's own styles: Title and Heading n, List Bullet, Caption, Table Grid, and
    header rows that repeat on every page.

    The body is written as WordprocessingML and parsed once: python-docx adding paragraph by
    paragraph (each looking its style up by name) took longer than all the other formats
    together bar the PDFs.
    """
    import docx
    from docx.oxml.parser import parse_xml

    word = docx.Document()
    _docx_language(word, doc.language)
    props = word.core_properties
    props.title = _core_property(doc.title)
    props.subject = _core_property(doc.subject)
    props.author = _core_property(doc.author)
    props.last_modified_by = _core_property(doc.author)
    props.comments = ""
    props.keywords = _core_property(", ".join(doc.keywords))
    props.language = doc.language
    props.category = "Community safety plan"
    props.revision = 1
    stamp = datetime.combine(doc.modified, time(0), tzinfo=timezone.utc) if doc.modified else datetime(2000, 1, 1, tzinfo=timezone.utc)
    props.created = props.modified = stamp
    props.last_printed = stamp

    width = A4_TWIPS[0] - 2 * MARGIN_TWIPS
    parts = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            if block.page_break and block.level > 1:
                parts.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
            parts.append(_w_paragraph(block.text, f"Heading{min(block.level, 9)}" if block.level > 1 else "Title"))
        elif isinstance(block, Paragraph):
            for kind, text in paragraph_blocks(block):
                parts.append(_w_paragraph(text, "ListBullet" if kind == "li" else None, block.emphasis or kind == "h"))
        elif isinstance(block, BulletList):
            parts += [_w_paragraph(item, "ListBullet") for item in block.items]
        elif isinstance(block, Table):
            parts.append(_w_table(block.caption, block.headers, block.rows, width))
        elif isinstance(block, Facts):
            parts.append(_w_table(block.caption, [], [[k, v] for k, v in block.pairs if v], width))
    body = word.element.body
    section = body.sectPr
    for element in parse_xml(f"<w:body {W_NS}>{''.join(parts)}</w:body>"):
        section.addprevious(element)
    page = section.find(qn_w("pgSz"))
    page.set(qn_w("w"), str(A4_TWIPS[0]))
    page.set(qn_w("h"), str(A4_TWIPS[1]))
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def qn_w(name: str) -> str:
    return "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}" + name


def _core_property(text: str) -> str:
    # Word refuses a document property longer than 255 characters; a partnership's name with a
    # long priority title can pass that. The full text is still the document's first heading.
    return text if len(text) <= 255 else text[:254].rstrip() + "\u2026"


def _docx_language(word, language: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = word.styles.element
    rpr_default = styles.find(qn("w:docDefaults"))
    rpr = rpr_default.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)
    lang.set(qn("w:bidi"), language)


# -- OpenDocument text (.odt) ---------------------------------------------------------------------------


def _x(text: str) -> str:
    return escape(_XML_UNSAFE.sub("", text), quote=False)


def _odt_p(text: str, style: str | None = None, bold: bool = False) -> str:
    content = f'<text:span text:style-name="Strong">{_x(text)}</text:span>' if bold else _x(text)
    return f'<text:p text:style-name="{style}">{content}</text:p>' if style else f"<text:p>{content}</text:p>"


def _odt_list(items: list[str]) -> str:
    return ('<text:list text:style-name="Bullets">'
            + "".join(f"<text:list-item>{_odt_p(i, 'Text_20_body')}</text:list-item>" for i in items) + "</text:list>")


def _odt_table(number: int, caption: str, headers: list[str], rows: list[list[str]]) -> str:
    columns = max(len(headers), max((len(r) for r in rows), default=1))
    out = [_odt_p(caption, "Caption"), f'<table:table table:name="Table{number}">',
           f'<table:table-column table:number-columns-repeated="{columns}"/>']
    cell = '<table:table-cell office:value-type="string">{}</table:table-cell>'
    if headers:
        # Header rows repeat at the top of each page when printed.
        out.append("<table:table-header-rows><table:table-row>" + "".join(cell.format(_odt_p(h, bold=True)) for h in headers)
                   + "</table:table-row></table:table-header-rows>")
    out += ["<table:table-row>" + "".join(cell.format(_odt_p(v)) for v in values) + "</table:table-row>" for values in rows]
    out.append("</table:table>")
    return "".join(out)


def _odt_body(doc: Document):
    tables = 0
    for block in doc.blocks:
        if isinstance(block, Heading):
            level = min(block.level, 6)
            style = "Heading_20_2_20_page_20_break" if block.page_break and level == 2 else f"Heading_20_{level}"
            yield f'<text:h text:outline-level="{level}" text:style-name="{style}">{_x(block.text)}</text:h>'
        elif isinstance(block, Paragraph):
            pending: list[str] = []
            for kind, value in paragraph_blocks(block) + [("end", "")]:
                if kind == "li":
                    pending.append(value)
                    continue
                if pending:
                    yield _odt_list(pending)
                    pending = []
                if kind in ("p", "h"):
                    yield _odt_p(value, "Text_20_body", bold=block.emphasis or kind == "h")
        elif isinstance(block, BulletList):
            yield _odt_list(block.items)
        elif isinstance(block, (Table, Facts)):
            tables += 1
            if isinstance(block, Table):
                yield _odt_table(tables, block.caption, block.headers, block.rows)
            else:
                yield _odt_table(tables, block.caption, [], [[k, v] for k, v in block.pairs if v])


@lru_cache(maxsize=None)
def _raw_xml_node():
    from odf.element import Text

    class RawXml(Text):
        """XML odfpy writes as it is: a Text node, so odfpy's scan for used styles passes over it."""

        def toXml(self, level, f):
            f.write(self.data)

    return RawXml


def document_odt(doc: Document) -> bytes:
    from odf import dc, meta, style, text
    from odf.opendocument import OpenDocumentText

    odt = OpenDocumentText()
    odt.meta.addElement(dc.Title(text=doc.title))
    odt.meta.addElement(dc.Subject(text=doc.subject))
    odt.meta.addElement(dc.Language(text=doc.language))
    odt.meta.addElement(dc.Creator(text=doc.author))
    odt.meta.addElement(meta.InitialCreator(text=doc.author))
    odt.meta.addElement(meta.Keyword(text=", ".join(doc.keywords)))
    if doc.modified:
        odt.meta.addElement(dc.Date(text=f"{doc.modified.isoformat()}T00:00:00"))

    language, _, country = doc.language.partition("-")
    default = style.DefaultStyle(family="paragraph")
    default.addElement(style.TextProperties(language=language, country=country or "none", fontfamily="Liberation Sans", fontsize="11pt"))
    odt.styles.addElement(default)
    headings = {}
    for level in range(1, 7):
        heading = style.Style(name=f"Heading {level}", family="paragraph", defaultoutlinelevel=str(level), displayname=f"Heading {level}")
        heading.addElement(style.TextProperties(fontsize=f"{max(11, 22 - 3 * level)}pt", fontweight="bold"))
        heading.addElement(style.ParagraphProperties(margintop="0.4cm", marginbottom="0.15cm", keepwithnext="always"))
        odt.styles.addElement(heading)
        headings[level] = heading
    # Common styles, not automatic ones: the body below is written as XML, where odfpy would not
    # see which automatic styles it uses.
    page_break = style.Style(name="Heading 2 page break", family="paragraph", parentstylename=headings[2], defaultoutlinelevel="2")
    page_break.addElement(style.ParagraphProperties(breakbefore="page"))
    odt.styles.addElement(page_break)
    bold = style.Style(name="Strong", family="text")
    bold.addElement(style.TextProperties(fontweight="bold"))
    odt.styles.addElement(bold)
    caption = style.Style(name="Caption", family="paragraph")
    caption.addElement(style.TextProperties(fontweight="bold"))
    odt.styles.addElement(caption)
    body_style = style.Style(name="Text body", family="paragraph")
    body_style.addElement(style.ParagraphProperties(marginbottom="0.2cm"))
    odt.styles.addElement(body_style)
    bullets = text.ListStyle(name="Bullets")
    level_style = text.ListLevelStyleBullet(level="1", bulletchar="•")
    level_style.addElement(style.ListLevelProperties(spacebefore="0.4cm", minlabelwidth="0.5cm"))
    bullets.addElement(level_style)
    odt.styles.addElement(bullets)
    # The body as OpenDocument XML, written at once: odfpy's elements, made one by one, took most
    # of the time. The style names are odfpy's encoding of the names above (a space is _20_).
    odt.text.appendChild(_raw_xml_node()("".join(_odt_body(doc))))
    # odfpy declares the namespaces of the elements it has seen; the XML above uses these.
    from odf.namespaces import OFFICENS, TABLENS, TEXTNS

    for uri, prefix in ((OFFICENS, "office"), (TABLENS, "table"), (TEXTNS, "text")):
        odt.topnode.namespaces[uri] = prefix
    buffer = io.BytesIO()
    odt.write(buffer)
    return buffer.getvalue()
