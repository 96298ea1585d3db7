"""Turn a Document into HTML (for PDF), plain text, Word and OpenDocument."""
from __future__ import annotations

import io
import re
from datetime import datetime, time, timezone
from html import escape

from ..textformat import render_markdown
from .document import BulletList, Document, Facts, Heading, Paragraph, Table

# -- HTML for the PDFs ----------------------------------------------------------------------------

STANDARD_CSS = """
@page { size: A4; margin: 18mm 16mm 20mm;
  @bottom-left { content: string(doc-title); font-size: 8.5pt; color: #505a5f; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8.5pt; color: #505a5f; } }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.45; color: #0b0c0c; }
h1 { font-size: 22pt; line-height: 1.2; margin: 0 0 8pt; string-set: doc-title content(); }
h2 { font-size: 16pt; margin: 18pt 0 6pt; }
h3 { font-size: 13pt; margin: 14pt 0 4pt; }
h4, h5, h6 { font-size: 11pt; margin: 10pt 0 4pt; }
h2, h3, h4, h5, h6 { break-after: avoid; }
.page-break { break-before: page; }
p, li { orphans: 3; widows: 3; }
table { width: 100%; border-collapse: collapse; margin: 4pt 0 10pt; font-size: 9pt; }
caption { text-align: left; font-weight: bold; padding-bottom: 3pt; }
th, td { border-bottom: 0.5pt solid #b1b4b6; padding: 3pt 5pt 3pt 0; text-align: left; vertical-align: top; }
thead th { border-bottom: 1.2pt solid #0b0c0c; }
tr { break-inside: avoid; }
tbody th { white-space: nowrap; }
.facts th { width: 35%; white-space: normal; }
.notice { font-weight: bold; border-left: 3pt solid #f47738; padding-left: 6pt; }
"""


def large_print_css(size: float) -> str:
    """Clear-print guidance: large sans serif, left aligned, no italics or justification, space."""
    heading = size * 1.25
    return f"""
@page {{ size: A4; margin: 15mm 14mm 20mm;
  @bottom-right {{ content: "Page " counter(page) " of " counter(pages); font-size: {size}pt; }} }}
html {{ font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: {size}pt; line-height: 1.5;
  color: #000000; text-align: left; letter-spacing: 0.01em; word-spacing: 0.05em; hyphens: none; }}
* {{ font-style: normal !important; text-align: left !important; }}
h1 {{ font-size: {heading * 1.3:.1f}pt; line-height: 1.25; margin: 0 0 {size}pt; }}
h2 {{ font-size: {heading * 1.15:.1f}pt; margin: {size * 1.5}pt 0 {size * 0.5}pt; }}
h3, h4, h5, h6 {{ font-size: {heading:.1f}pt; margin: {size}pt 0 {size * 0.4}pt; }}
h2, h3, h4, h5, h6 {{ break-after: avoid; }}
.page-break {{ break-before: page; }}
p, li {{ margin: 0 0 {size * 0.7}pt; }}
table {{ width: 100%; border-collapse: collapse; margin: {size * 0.5}pt 0 {size}pt; font-size: {size}pt; }}
caption {{ text-align: left; font-weight: bold; padding-bottom: {size * 0.3}pt; }}
th, td {{ border: 1pt solid #000000; padding: {size * 0.3}pt; vertical-align: top; }}
tr {{ break-inside: avoid; }}
.caption {{ font-weight: bold; break-after: avoid; }}
dl.record {{ margin: 0 0 {size}pt; padding: 0 0 {size * 0.5}pt; border-bottom: 1pt solid #000000; }}
dl.record dt {{ font-weight: bold; break-after: avoid; }}
dl.record dd {{ margin: 0 0 {size * 0.4}pt; }}
.notice {{ font-weight: bold; border-left: 4pt solid #000000; padding-left: 8pt; }}
"""


def _paragraph_html(block: Paragraph) -> str:
    html = str(render_markdown(block.text, heading_base=4))
    return f'<div class="notice">{html}</div>' if block.emphasis else html


def _table_html(caption: str, headers: list[str], rows: list[list[str]], css_class: str = "") -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "".join(
        "<tr>" + "".join((f'<th scope="row">{escape(c)}</th>' if i == 0 else f"<td>{escape(c)}</td>") for i, c in enumerate(row)) + "</tr>"
        for row in rows)
    thead = f"<thead><tr>{head}</tr></thead>" if headers else ""
    return f'<table class="{css_class}"><caption>{escape(caption)}</caption>{thead}<tbody>{body}</tbody></table>'


def _records_html(block: Table) -> str:
    """A wide table as one labelled record per row: large print has no room for six columns."""
    records = "".join(
        '<dl class="record">' + "".join(f"<dt>{escape(h)}</dt><dd>{escape(c)}</dd>" for h, c in zip(block.headers, row) if c) + "</dl>"
        for row in block.rows)
    return f'<p class="caption">{escape(block.caption)}</p>{records}'


def document_html(doc: Document, css: str, *, max_table_columns: int = 99) -> str:
    parts = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            level = min(6, block.level)
            cls = ' class="page-break"' if block.page_break else ""
            parts.append(f"<h{level}{cls}>{escape(block.text)}</h{level}>")
        elif isinstance(block, Paragraph):
            parts.append(_paragraph_html(block))
        elif isinstance(block, BulletList):
            parts.append("<ul>" + "".join(f"<li>{escape(i)}</li>" for i in block.items) + "</ul>")
        elif isinstance(block, Table):
            if len(block.headers) > max_table_columns:
                parts.append(_records_html(block))
            else:
                parts.append(_table_html(block.caption, block.headers, block.rows))
        elif isinstance(block, Facts):
            parts.append(_table_html(block.caption, [], [[k, v] for k, v in block.pairs if v], "facts"))
    meta = [f'<meta name="author" content="{escape(doc.author)}">',
            f'<meta name="description" content="{escape(doc.subject)}">',
            f'<meta name="keywords" content="{escape(", ".join(doc.keywords))}">']
    if doc.modified:
        meta.append(f'<meta name="dcterms.modified" content="{doc.modified.isoformat()}">')
    return (f'<!DOCTYPE html><html lang="{doc.language}"><head><meta charset="utf-8"><title>{escape(doc.title)}</title>'
            + "".join(meta) + f"<style>{css}</style></head><body>" + "".join(parts) + "</body></html>")


# -- Plain text ------------------------------------------------------------------------------------


def _plain(markdown_text: str) -> str:
    # Keep the words; drop emphasis markers that a screen reader would read out. Emphasis is looked
    # for over at most 1,000 characters: unbounded, each unclosed '*' was read to the end of the
    # line, and a line of them took seconds.
    text = re.sub(r"(\*\*|__)(.{1,1000}?)\1", r"\2", markdown_text)
    return re.sub(r"(?<![\w*])\*(?!\s)(.{1,1000}?)(?<!\s)\*(?![\w*])", r"\1", text)


def document_text(doc: Document) -> str:
    """Linear text: headings underlined, tables as labelled lines, one blank line between blocks."""
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            underline = {1: "=", 2: "-"}.get(block.level)
            out.append(block.text + ("\n" + underline * len(block.text) if underline else ""))
        elif isinstance(block, Paragraph):
            out.append(_plain(block.text))
        elif isinstance(block, BulletList):
            out.append("\n".join(f"- {item}" for item in block.items))
        elif isinstance(block, Table):
            rows = ["\n".join(f"{h}: {c}" for h, c in zip(block.headers, row) if c) for row in block.rows]
            out.append(block.caption + "\n\n" + "\n\n".join(rows))
        elif isinstance(block, Facts):
            out.append("\n".join(f"{k}: {v}" for k, v in block.pairs if v))
    return "\n\n".join(out).rstrip() + "\n"


# -- Markdown to simple paragraphs and lists, for Word and ODT ---------------------------------------


def markdown_blocks(text: str) -> list[tuple[str, str]]:
    """[("p", text) or ("li", text)] from the simple Markdown plans use."""
    blocks = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = chunk.splitlines()
        if all(re.match(r"\s*[-*]\s+", line) for line in lines if line.strip()):
            blocks += [("li", _plain(re.sub(r"^\s*[-*]\s+", "", line))) for line in lines if line.strip()]
        else:
            heading = re.match(r"#+\s+(.*)", chunk)
            blocks.append(("h", heading[1]) if heading and len(lines) == 1 else ("p", _plain(" ".join(l.strip() for l in lines))))
    return blocks


# -- Word (.docx) ---------------------------------------------------------------------------------


def document_docx(doc: Document) -> bytes:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    word = docx.Document()
    _docx_language(word, doc.language)
    props = word.core_properties
    props.title = doc.title
    props.subject = doc.subject
    props.author = doc.author
    props.last_modified_by = doc.author
    props.comments = ""
    props.keywords = ", ".join(doc.keywords)
    props.language = doc.language
    props.category = "Community safety plan"
    props.revision = 1
    stamp = datetime.combine(doc.modified, time(0), tzinfo=timezone.utc) if doc.modified else datetime(2000, 1, 1, tzinfo=timezone.utc)
    props.created = props.modified = stamp
    props.last_printed = stamp

    def table(caption: str, headers: list[str], rows: list[list[str]]) -> None:
        word.add_paragraph(caption, style="Caption")
        grid = word.add_table(rows=0, cols=max(len(headers), max((len(r) for r in rows), default=1)))
        grid.style = "Table Grid"
        if headers:
            cells = grid.add_row().cells
            for cell, text in zip(cells, headers):
                cell.text = text
                for run in cell.paragraphs[0].runs:
                    run.bold = True
            # Mark the first row as a header row that repeats on every page.
            trPr = grid.rows[0]._tr.get_or_add_trPr()
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "true")
            trPr.append(header)
        for row in rows:
            cells = grid.add_row().cells
            for i, (cell, text) in enumerate(zip(cells, row)):
                cell.text = text
                if i == 0:
                    for run in cell.paragraphs[0].runs:
                        run.bold = True

    for block in doc.blocks:
        if isinstance(block, Heading):
            if block.page_break and block.level > 1:
                word.add_page_break()
            word.add_heading(block.text, level=min(block.level, 9) if block.level > 1 else 0)
        elif isinstance(block, Paragraph):
            for kind, text in markdown_blocks(block.text):
                paragraph = word.add_paragraph(text, style="List Bullet" if kind == "li" else None)
                if block.emphasis or kind == "h":
                    for run in paragraph.runs:
                        run.bold = True
        elif isinstance(block, BulletList):
            for item in block.items:
                word.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Table):
            table(block.caption, block.headers, block.rows)
        elif isinstance(block, Facts):
            table(block.caption, [], [[k, v] for k, v in block.pairs if v])
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


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


def document_odt(doc: Document) -> bytes:
    from odf import dc, meta, style, table as odt_table, text
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
    page_break = style.Style(name="Heading 2 page break", family="paragraph", parentstylename=headings[2], defaultoutlinelevel="2")
    page_break.addElement(style.ParagraphProperties(breakbefore="page"))
    odt.automaticstyles.addElement(page_break)
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
    odt.automaticstyles.addElement(bullets)
    table_count = 0

    def bullet_list(items: list[str]):
        listing = text.List(stylename=bullets)
        for item in items:
            entry = text.ListItem()
            entry.addElement(text.P(stylename=body_style, text=item))
            listing.addElement(entry)
        odt.text.addElement(listing)

    def add_table(title: str, headers: list[str], rows: list[list[str]]):
        nonlocal table_count
        table_count += 1
        odt.text.addElement(text.P(stylename=caption, text=title))
        columns = max(len(headers), max((len(r) for r in rows), default=1))
        grid = odt_table.Table(name=f"Table{table_count}")
        grid.addElement(odt_table.TableColumn(numbercolumnsrepeated=str(columns)))
        if headers:
            # Header rows repeat at the top of each page when printed.
            head = odt_table.TableHeaderRows()
            row = odt_table.TableRow()
            for h in headers:
                cell = odt_table.TableCell(valuetype="string")
                paragraph = text.P()
                paragraph.addElement(text.Span(stylename=bold, text=h))
                cell.addElement(paragraph)
                row.addElement(cell)
            head.addElement(row)
            grid.addElement(head)
        for values in rows:
            row = odt_table.TableRow()
            for value in values:
                cell = odt_table.TableCell(valuetype="string")
                cell.addElement(text.P(text=value))
                row.addElement(cell)
            grid.addElement(row)
        odt.text.addElement(grid)

    for block in doc.blocks:
        if isinstance(block, Heading):
            level = min(block.level, 6)
            chosen = page_break if block.page_break and level == 2 else headings[level]
            odt.text.addElement(text.H(outlinelevel=str(level), stylename=chosen, text=block.text))
        elif isinstance(block, Paragraph):
            pending: list[str] = []
            for kind, value in markdown_blocks(block.text) + [("end", "")]:
                if kind == "li":
                    pending.append(value)
                    continue
                if pending:
                    bullet_list(pending)
                    pending = []
                if kind in ("p", "h"):
                    paragraph = text.P(stylename=body_style)
                    if block.emphasis or kind == "h":
                        paragraph.addElement(text.Span(stylename=bold, text=value))
                    else:
                        paragraph.addText(value)
                    odt.text.addElement(paragraph)
        elif isinstance(block, BulletList):
            bullet_list(block.items)
        elif isinstance(block, Table):
            add_table(block.caption, block.headers, block.rows)
        elif isinstance(block, Facts):
            add_table(block.caption, [], [[k, v] for k, v in block.pairs if v])
    buffer = io.BytesIO()
    odt.write(buffer)
    return buffer.getvalue()
