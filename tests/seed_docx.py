"""Seed 001's plan tables as a Word document, for the Word-import agreement test.

tests/fixtures/seed-001-action-tables.txt is seed 001 copied verbatim: its first line is the
plan's title, the rest is the part of the document holding the six outcome areas' indicator and
action tables. The seed is Word converted to text: each table cell starts on a line that begins
with a tab, lines without one continue the cell, and bullets start with '·'. This module puts
the cells back into Word tables (five columns, as the document has them), headings for the
outcome areas, and bullets as Word's 'List Bullet' paragraphs, as the original document had.
Nothing is added or reworded.
"""
from __future__ import annotations

import re
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "seed-001-action-tables.txt"
COLUMNS = 5
_HEADING = re.compile(r"^\d\.\s*\S")


def seed_cells(text: str) -> tuple[str, list[str]]:
    lines = text.split("\n")
    title, cells = lines[0].strip(), []
    for line in lines[1:]:
        if line.startswith("\t"):
            cells.append([line[1:]])
        elif cells:
            cells[-1].append(line)
    return title, ["\n".join(c).strip("\n") for c in cells]


def seed_blocks(text: str) -> tuple[str, list[tuple[str, object]]]:
    """(title, [("heading", text) | ("table", rows) | ("paragraph", text)]) in document order."""
    title, cells = seed_cells(text)
    blocks: list[tuple[str, object]] = []
    i = 0
    while i < len(cells):
        cell = cells[i].strip()
        if _HEADING.match(cell):
            blocks.append(("heading", cell))
            i += 1
            continue
        if cell in ("ISSUE", "Indicator"):
            # Row by row, looking only at a row's first cell: cells such as "3.1 Review of Area Forum"
            # or "9.99 per 1,000 population" look like headings. An indicator table ends where the
            # action table's header starts, which may be inside a row's span (after "For information").
            end = i + COLUMNS
            while end < len(cells) and not _HEADING.match(cells[end].strip()):
                row = [c.strip() for c in cells[end:end + COLUMNS]]
                if cell == "Indicator" and "ISSUE" in row:
                    end += row.index("ISSUE")
                    break
                end += COLUMNS
            end = min(end, len(cells))
            body = cells[i:end]
            rows = [body[n:n + COLUMNS] for n in range(0, len(body), COLUMNS)]
            if cell == "Indicator" and len(rows[-1]) < COLUMNS:
                # "For information:" follows the first indicator table as text of its own.
                leftover = rows.pop()
                blocks.append(("table", rows))
                blocks += [("paragraph", c) for c in leftover]
            else:
                rows[-1] += [""] * (COLUMNS - len(rows[-1]))  # the document ends inside the last row
                blocks.append(("table", rows))
            i = end
            continue
        blocks.append(("paragraph", cell))
        i += 1
    return title, blocks


def _fill(cell, text: str) -> None:
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    first = True
    for line in paragraphs:
        bullet = line.startswith("·")
        words = line.lstrip("·").strip() if bullet else line
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        paragraph.text = words
        if bullet:
            paragraph.style = "List Bullet"
        first = False


def build_seed_docx(path: Path) -> dict[str, int]:
    """Write the Word document; returns counts of what it holds."""
    import docx

    title, blocks = seed_blocks(FIXTURE.read_text(encoding="utf-8"))
    document = docx.Document()
    document.add_paragraph(title, style="Title")
    counts = {"headings": 0, "tables": 0, "action rows": 0}
    for kind, value in blocks:
        if kind == "heading":
            document.add_heading(value, level=1)
            counts["headings"] += 1
        elif kind == "paragraph":
            for line in (v.strip() for v in str(value).split("\n")):
                if line:
                    document.add_paragraph(line.lstrip("·").strip(), style="List Bullet" if line.startswith("·") else None)
        else:
            rows = value
            table = document.add_table(rows=len(rows), cols=COLUMNS)
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    _fill(table.cell(r, c), text)
            counts["tables"] += 1
            if rows[0][0].strip() == "ISSUE":
                counts["action rows"] += len(rows) - 1
    document.save(str(path))
    return counts
