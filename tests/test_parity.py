"""Format parity on the real example plans: every update, lead, group, flag, note and milestone
the pages show is in each document format too (PDF, large print, plain text, Word, ODT).

The facts are taken from the published view, the one source the pages and the documents are
both laid out from, and looked for in what a reader of each file reads.
"""
from __future__ import annotations

import html
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from .conftest import PLANS, REPORT, pdf_reading_text, public_views

FORMATS = ("pages", "pdf", "large print", "text", "docx", "odt")


def facts(edition) -> dict[str, list[str]]:
    """What a reader must find, by kind."""
    out: dict[str, list[str]] = {"updates": [], "leads": [], "reports to": [], "milestones": [], "flags": [], "notes": [],
                                 "groups": [], "members": []}
    for action in edition.actions:
        out["updates"] += [u.text for u in action.updates]
        out["leads"] += [lead.text for lead in action.leads]
        out["reports to"] += [lead.text for lead in action.executive]
        out["milestones"] += [m.target for m in action.milestones] + [lead.text for m in action.milestones for lead in m.leads]
        out["flags"] += [f.label for f in action.flags]
    for priority in edition.priorities:
        out["notes"] += list(priority.notes) + [n for i in priority.indicators for n in i.notes]
        out["notes"] += [f.note for i in priority.indicators for f in (*i.baseline, *i.targets, *i.actuals) if f.note]
    for group in edition.partnership.governance:
        out["groups"].append(group.name)
        out["members"] += [m.text for m in group.members] + [m.remit for m in group.members if m.remit] + list(group.remits)
    return out


def _flat(text: str) -> str:
    # Whitespace and line breaks differ between formats (a PDF wraps a table cell); the words do not.
    return re.sub(r"[\s\u200b]+", "", html.unescape(text))  # \u200b: where the PDF may break a long word


def _read(path: Path) -> str:
    if path.suffix == ".pdf":
        return pdf_reading_text(path)
    if path.suffix == ".docx":
        document = docx.Document(path)
        return "\n".join(p.text for p in document.paragraphs) + "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    if path.suffix == ".odt":
        with zipfile.ZipFile(path) as odt:
            return re.sub(r"<[^>]+>", " ", odt.read("content.xml").decode("utf-8"))
    if path.suffix == ".html":
        return re.sub(r"<[^>]+>", " ", re.sub(r"<script\b.*?</script>", " ", path.read_text(encoding="utf-8"), flags=re.S))
    return path.read_text(encoding="utf-8")


EDITIONS = [("calderdale", "2008-2011"), ("calderdale", "2008-2011-draft"), ("south-derbyshire", "2005-2006"),
            ("north-hertfordshire", "2008-2011"), ("stockton", "2011-2014")]


@pytest.fixture(scope="module")
def views():
    return public_views(PLANS)


@pytest.mark.parametrize("slug, edition_id", EDITIONS)
def test_every_fact_on_the_pages_is_in_every_document(built_site, views, slug, edition_id):
    edition = views[(slug, edition_id)]
    folder = built_site / slug
    pages = [p for p in (folder / edition.url.removeprefix(f"{slug}/")).rglob("*.html")] if not edition.is_current else [
        p for p in folder.rglob("*.html") if "editions" not in p.relative_to(folder).parts[:1]]
    downloads = built_site / slug / "downloads"
    base = f"{slug}-{edition_id}"
    texts = {
        "pages": _flat("\n".join(_read(p) for p in pages)),
        "pdf": _flat(_read(downloads / f"{base}.pdf")),
        "large print": _flat(_read(downloads / f"{base}-large-print.pdf")),
        "text": _flat(_read(downloads / f"{base}.txt")),
        "docx": _flat(_read(downloads / f"{base}.docx")),
        "odt": _flat(_read(downloads / f"{base}.odt")),
    }
    expected = facts(edition)
    carried = {fmt: {kind: sum(1 for f in items if _flat(f) in texts[fmt]) for kind, items in expected.items()} for fmt in FORMATS}
    missing = [f"{fmt}: {kind}: {f[:60]}" for fmt in FORMATS for kind, items in expected.items() for f in items
               if _flat(f) not in texts[fmt]]
    counts = ", ".join(f"{len(items)} {kind}" for kind, items in expected.items() if items)
    REPORT[f"parity {slug} {edition_id}"] = f"{counts}; " + "; ".join(
        f"{fmt} carries {carried[fmt]['updates']} updates" for fmt in FORMATS)
    assert missing == []


def test_calderdale_carries_all_fifty_updates(views):
    assert len(facts(views[("calderdale", "2008-2011")])["updates"]) == 50
