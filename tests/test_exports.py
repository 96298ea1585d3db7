"""Downloads: tagged PDFs, large print, text, Word, ODT, CSV and JSON from the same data."""
from __future__ import annotations

import csv
import getpass
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import docx
import jsonschema
import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTTextContainer
from pypdf import PdfReader

from plansite.export import EXPORTERS, ExportJob, ExportOptions, build_downloads
from plansite.load import load_plans
from plansite.model.schema import SCHEMA_DIR
from plansite.publish import public_catalogue
from plansite.view.edition import edition_views

from .conftest import PLANS, REPORT, TODAY, public_views

NI16_TARGETS = ["19.47 per 1,000 population", "19.28 per 1,000 population", "19.08 per 1,000 population", "18.89 per 1,000 population"]


@pytest.fixture(scope="module")
def downloads(built_site) -> dict[str, Path]:
    # Each partnership's downloads page is site/<slug>/downloads/index.html; it is not a download.
    files = {p.name: p for p in built_site.glob("*/downloads/*") if p.name != "index.html"}
    assert files, "the built site has no downloads"
    return files


def in_order(text: str, needles: list[str]) -> bool:
    """Each needle appears after the one before it."""
    flat, start = " ".join(text.split()), 0
    for needle in needles:
        found = flat.find(needle, start)
        if found < 0:
            return False
        start = found + len(needle)
    return True


def test_every_edition_has_every_format(downloads):
    catalogue = load_plans(PLANS)
    missing = []
    for plans in catalogue.partnerships:
        for edition in plans.editions:
            base = f"{plans.slug}-{edition.id}"
            expected = [f"{base}.pdf", f"{base}-large-print.pdf", f"{base}.txt", f"{base}.docx", f"{base}.odt",
                        f"{base}-actions.csv", f"{base}-indicators.csv", f"{base}.json", f"{base}-all-formats.zip"]
            expected += [f"{base}-{p.id}.pdf" for p in edition.data.priorities]
            missing += [name for name in expected if name not in downloads]
    REPORT["downloads"] = f"{len(downloads)} files made for {sum(len(p.editions) for p in catalogue.partnerships)} editions"
    assert missing == []


def test_every_pdf_is_tagged_with_title_language_and_bookmarks(downloads):
    problems = []
    pdfs = [p for name, p in downloads.items() if name.endswith(".pdf")]
    for path in pdfs:
        reader = PdfReader(path)
        root = reader.trailer["/Root"]
        checks = {
            "StructTreeRoot": "/StructTreeRoot" in root,
            "Marked": root.get("/MarkInfo", {}).get("/Marked") == True,  # noqa: E712 (a PDF boolean object)
            "Lang": root.get("/Lang") == "en-GB",
            "DisplayDocTitle": root.get("/ViewerPreferences", {}).get("/DisplayDocTitle") == True,  # noqa: E712
            "Title": bool(reader.metadata.title),
            "Outlines": "/Outlines" in root,
            # PDF/UA-1 identification in the XMP metadata: <pdfuaid:part>1</pdfuaid:part>.
            "XMP pdfuaid:part 1": b"<pdfuaid:part>1</pdfuaid:part>" in root["/Metadata"].get_data(),
        }
        problems += [f"{path.name}: no {name}" for name, ok in checks.items() if not ok]
    REPORT["PDF tagging"] = f"{len(pdfs)} PDFs checked, {len(problems)} problems"
    assert problems == []


def test_pdf_metadata_names_the_partnership_and_nothing_of_the_machine(downloads):
    reader = PdfReader(downloads["calderdale-2008-2011.pdf"])
    assert reader.metadata.title == "Calderdale’s Partnership Plan for Safer and Stronger Communities 2008-2011"
    assert reader.metadata.author == "Calderdale Safer and Stronger Communities Delivery Partnership"
    assert set(reader.metadata) <= {"/Title", "/Author", "/Subject", "/Keywords", "/Producer", "/ModDate", "/CreationDate", "/Creator"}


def test_no_user_name_or_local_path_in_any_file(downloads):
    user = getpass.getuser()
    leaks = re.compile(rb"(/home/|/root/|/tmp/|/work/|C:\\{1,2}Users|" + re.escape(user.encode()) + rb"\b)")
    found = []
    for name, path in downloads.items():
        data = path.read_bytes()
        if name.endswith((".docx", ".odt", ".zip")):
            with zipfile.ZipFile(path) as archive:
                parts = [archive.read(n) for n in archive.namelist() if not n.endswith((".pdf", ".jpeg", ".png"))]
        else:
            parts = [data]
        found += [name for part in parts if leaks.search(part)]
    assert sorted(set(found)) == []


def test_large_print_smallest_glyph_is_the_configured_size(downloads, tmp_path):
    def smallest(path: Path) -> float:
        sizes = [round(char.size, 1) for page in extract_pages(path) for box in page if isinstance(box, LTTextContainer)
                 for line in box for char in line if isinstance(char, LTChar)]
        return min(sizes)

    assert smallest(downloads["calderdale-2008-2011-large-print.pdf"]) >= 18
    stockton = public_views(PLANS)[("stockton", "2011-2014")]
    big = EXPORTERS["large-print"]().render(ExportJob(stockton, ExportOptions(font_size=24)))
    (tmp_path / "big.pdf").write_bytes(big.data)
    assert smallest(tmp_path / "big.pdf") >= 24
    assert smallest(downloads["calderdale-2008-2011.pdf"]) < 16  # the standard PDF is not large print


def pdf_text(path: Path) -> str:
    # pdftotext -layout keeps each table row on its line, as a reader meets it.
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_key_figures_in_reading_order_in_pdf_text_and_docx(downloads):
    pdf_text_ = pdf_text(downloads["calderdale-2008-2011.pdf"])
    txt = downloads["calderdale-2008-2011.txt"].read_text(encoding="utf-8")
    word = "\n".join(p.text for p in docx.Document(downloads["calderdale-2008-2011.docx"]).paragraphs)
    word += "\n".join(cell.text for table in docx.Document(downloads["calderdale-2008-2011.docx"]).tables
                      for row in table.rows for cell in row.cells)
    for name, text in (("pdf", pdf_text_), ("txt", txt)):
        assert in_order(text, ["Plan period", "2008-2011", "Last updated", "30 July 2009"]), name
        assert in_order(text, ["NI16: Serious acquisitive crime rate", *NI16_TARGETS]), name
        assert in_order(text, ["CS9.1", "Progress to be reported", "18/11/09"]), name  # table cells wrap in the PDF
    assert all(figure in word for figure in NI16_TARGETS)


def test_plain_text_is_linear_with_labelled_lines(downloads):
    txt = downloads["calderdale-2008-2011.txt"].read_text(encoding="utf-8")
    assert txt.startswith("Calderdale’s Partnership Plan for Safer and Stronger Communities 2008-2011\n====")
    assert "Action CS9.1\n\nProgress to be reported – Elland, Brighouse & Rastrick\n\nStatus: " in txt
    assert "<" not in txt and "|" not in txt


def test_docx_uses_heading_styles_and_repeating_header_rows(downloads):
    document = docx.Document(downloads["calderdale-2008-2011.docx"])
    headings = {p.text: p.style.name for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))}
    assert headings["Calderdale’s Partnership Plan for Safer and Stronger Communities 2008-2011"] == "Title"
    assert headings["Tackling crime"] == "Heading 2"
    assert headings["NI16: Serious acquisitive crime rate"] == "Heading 4"
    header_rows = [t for t in document.tables if t.rows[0]._tr.trPr is not None and "tblHeader" in t.rows[0]._tr.trPr.xml]
    # Every table with column headers repeats them: the figures of each of the 10 indicators, the
    # indicator summary and the list of editions.
    assert len(header_rows) == 12
    props = document.core_properties
    assert (props.title, props.author, props.language) == (
        "Calderdale’s Partnership Plan for Safer and Stronger Communities 2008-2011",
        "Calderdale Safer and Stronger Communities Delivery Partnership", "en-GB")


def test_odt_has_title_language_headings_and_header_rows(downloads):
    with zipfile.ZipFile(downloads["calderdale-2008-2011.odt"]) as odt:
        meta, content = odt.read("meta.xml").decode(), odt.read("content.xml").decode()
        styles = odt.read("styles.xml").decode()
    assert "<dc:title>Calderdale’s Partnership Plan for Safer and Stronger Communities 2008-2011</dc:title>" in meta
    assert "<dc:language>en-GB</dc:language>" in meta
    assert '<text:h text:outline-level="2"' in content and "<table:table-header-rows>" in content
    assert 'fo:language="en"' in styles and 'fo:country="GB"' in styles


def test_every_word_and_odt_file_is_well_formed(downloads):
    checked = 0
    for name, path in downloads.items():
        if name.endswith((".docx", ".odt")):
            with zipfile.ZipFile(path) as archive:
                for part in archive.namelist():
                    if part.endswith(".xml"):
                        ElementTree.fromstring(archive.read(part))  # raises if not well-formed XML
                        checked += 1
    assert checked > 40


def test_csvs_round_trip_refs_and_numbers(downloads):
    raw = downloads["calderdale-2008-2011-actions.csv"].read_bytes()
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    edition = load_plans(PLANS).get("calderdale").edition("2008-2011").data
    assert [r["ref"] for r in rows] == [a.ref or "" for a in edition.actions()]
    assert "3.10" in [r["ref"] for r in rows] and "3.1" in [r["ref"] for r in rows]
    cs91 = next(r for r in rows if r["ref"] == "CS9.1")
    assert (cs91["due_as_written"], cs91["due"], cs91["priority_id"]) == ("18/11/09", "2009-11-18", "confidence-and-satisfaction")
    south = list(csv.DictReader(io.StringIO(downloads["south-derbyshire-2005-2006-actions.csv"].read_text(encoding="utf-8-sig"))))
    assert [r["ref"] for r in south if r["priority_id"] == "anti-social-behaviour"][9:11] == ["2.7", "2.8"]
    indicators = list(csv.DictReader(io.StringIO(downloads["calderdale-2008-2011-indicators.csv"].read_text(encoding="utf-8-sig"))))
    ni16 = [(r["measure"], r["period"], r["value"]) for r in indicators if r["code"] == "NI16"]
    assert ni16 == [("baseline", "", "19.47"), ("target", "2008/09", "19.28"), ("target", "2009/10", "19.08"), ("target", "2010/11", "18.89")]
    ni30 = [r["value_as_written"] for r in indicators if r["code"] == "NI30" and r["measure"] == "target"]
    assert ni30[:2] == ["No more than 142", "No more than 107"]


def test_json_validates_against_the_plan_schema(downloads):
    schema = json.loads((SCHEMA_DIR / "plan.schema.json").read_text())
    checked = 0
    for name, path in downloads.items():
        if name.endswith(".json") and not name.endswith("-datapackage.json"):
            document = json.loads(path.read_text(encoding="utf-8"))
            jsonschema.validate(document, schema)
            assert document["$schema"] == "https://plansite.example/schemas/plan.schema.json"
            checked += 1
    assert checked == 8


def test_no_internal_notes_or_unpublished_names_in_any_download(downloads):
    catalogue = load_plans(PLANS)
    notes = {n for p in catalogue.partnerships for e in p.editions for a in e.data.actions() for n in a.internal_notes if len(n) > 12}
    names = {l.name for p in catalogue.partnerships for e in p.editions for a in e.data.actions() for l in (*a.lead, *a.executive) if l.name}
    names |= {m.name for p in catalogue.partnerships for g in p.data.governance for m in g.members if m.name}
    texts = {}
    for name, path in downloads.items():
        if name.endswith(".pdf"):
            texts[name] = pdf_text(path)
        elif name.endswith(".docx"):
            document = docx.Document(path)
            texts[name] = "\n".join(p.text for p in document.paragraphs) + "\n".join(
                c.text for t in document.tables for r in t.rows for c in r.cells)
        elif name.endswith(".odt"):
            with zipfile.ZipFile(path) as odt:
                texts[name] = re.sub(r"<[^>]+>", " ", odt.read("content.xml").decode())
        elif not name.endswith(".zip"):
            texts[name] = path.read_text(encoding="utf-8-sig")
    leaks = [(name, needle) for name, text in texts.items() for needle in (*notes, *names)
             if re.search(rf"\b{re.escape(needle)}\b", " ".join(text.split()))]
    REPORT["privacy in downloads"] = f"{len(texts)} files searched for {len(notes)} notes and {len(names)} names, {len(leaks)} found"
    assert leaks == []


def test_a_changed_plan_re_renders_only_its_own_downloads(tmp_path):
    plans_dir = tmp_path / "plans"
    shutil.copytree(PLANS, plans_dir)
    cache = tmp_path / "cache"
    fast = ["text", "json", "actions-csv"]

    def run():
        return build_downloads(public_views(plans_dir), cache, exporters=fast, workers=1)

    first = run()
    assert len(first.rendered) == 8
    assert run().rendered == []
    edition = plans_dir / "stockton" / "editions" / "2011-2014.yaml"
    edition.write_text(edition.read_text().replace("Focusing on identifying repeat victims", "Focusing on finding repeat victims"))
    changed = run()
    assert [(e.slug, e.edition_id) for e in changed.rendered] == [("stockton", "2011-2014")]
    text = (changed.get("stockton", "2011-2014").folder / "stockton-2011-2014.txt").read_text()
    assert "finding repeat victims" in text


def test_export_command_makes_a_24_point_large_print(tmp_path):
    result = subprocess.run([sys.executable, "-m", "plansite", "export", "stockton", "--format", "large-print", "--font-size", "24",
                             "--out", str(tmp_path), "--plans", str(PLANS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(rf"Wrote {re.escape(str(tmp_path))}/stockton-2011-2014-large-print-24pt\.pdf \(PDF, \d+ KB, \d+ pages\)\n", result.stdout)


def test_export_command_refuses_small_large_print(tmp_path):
    result = subprocess.run([sys.executable, "-m", "plansite", "export", "stockton", "--format", "large-print", "--font-size", "12",
                             "--out", str(tmp_path), "--plans", str(PLANS)], capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (
        1, "plansite export: large print must be at least 16 point (clear print guidance); 12 was asked for\n")


def test_downloads_page_lists_every_file_with_size_and_pages(built_site):
    html = (built_site / "calderdale" / "downloads" / "index.html").read_text(encoding="utf-8")
    assert "Large print (PDF)<span class=\"ps-visually-hidden\"> for Calderdale, 2008-2011</span>" in html
    pages = len(PdfReader(built_site / "calderdale" / "downloads" / "calderdale-2008-2011.pdf").pages)
    assert pages > 1 and re.search(rf"PDF, \d+ KB, {pages} pages", html)
    assert html.count('class="ps-attachment"') == 2 * 10  # two editions, ten whole-plan files each
    priority = (built_site / "calderdale" / "priorities" / "tackling-crime" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="../../downloads/calderdale-2008-2011-tackling-crime.pdf" type="application/pdf">Print this priority', priority)


def test_open_data_keeps_only_the_names_people_agreed_to_publish():
    catalogue = load_plans(PLANS)
    edition = catalogue.get("calderdale").edition("2008-2011")
    named = [a.lead[0] for a in edition.data.actions() if a.lead and a.lead[0].name]
    agreed, other = named[0], next(lead for lead in named if lead.name != named[0].name)
    agreed.publish_name = True
    day = date.fromisoformat(TODAY)
    view = edition_views(public_catalogue(catalogue, day), today=day)[("calderdale", "2008-2011")]
    data = EXPORTERS["json"]().render(ExportJob(view)).data.decode("utf-8")
    assert agreed.name in data
    assert other.name not in data
    assert "publish_name" not in data and "internal_notes" not in data


POOL_AFTER_A_PDF = """
import sys
from datetime import date
from pathlib import Path
from plansite.export import EXPORTERS, ExportJob, build_downloads
from plansite.load.loader import load_plans
from plansite.publish import public_catalogue
from plansite.view.edition import edition_views

if __name__ == "__main__":
    day = date.fromisoformat(sys.argv[2])
    views = edition_views(public_catalogue(load_plans(Path(sys.argv[1])), day), today=day)
    EXPORTERS["pdf"]().render(ExportJob(views[("stockton", "2011-2014")]))  # Typst's thread pool is now running here
    made = build_downloads(views, Path(sys.argv[3]), exporters=["pdf", "text"], workers=2)
    print(len(made.rendered))
"""


def test_downloads_made_in_parallel_after_a_pdf_in_the_same_process_finish(tmp_path):
    """A worker forked from a process where Typst has run would wait for ever for its thread pool."""
    script = tmp_path / "pool.py"
    script.write_text(POOL_AFTER_A_PDF, encoding="utf-8")
    process = subprocess.Popen([sys.executable, str(script), str(PLANS), TODAY, str(tmp_path / "cache")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the workers too
        process.communicate()
        raise
    assert (process.returncode, stdout) == (0, "8\n"), stderr


NO_FONTS = """
import sys
import typst


class NoFonts:
    def __init__(self, *args, **kwargs):
        pass

    def fonts(self):
        return []


typst.Fonts = NoFonts  # as on a machine without DejaVu Sans
from plansite.cli.commands import main

sys.exit(main(sys.argv[1:]))
"""


def test_a_missing_font_is_one_plain_message(tmp_path):
    result = subprocess.run([sys.executable, "-c", NO_FONTS, "export", "stockton", "--format", "pdf", "--out", str(tmp_path),
                             "--plans", str(PLANS)], capture_output=True, text=True, env={**os.environ, "PLANSITE_TODAY": TODAY})
    assert (result.returncode, result.stdout, result.stderr) == (1, "", (
        "plansite export: The PDFs need the DejaVu Sans font, which is not installed. "
        "On Debian, install it with: apt-get install fonts-dejavu-core\n"))


def test_the_longest_names_the_plans_allow_make_every_download(in_tmp):
    # Word refuses a document property over 255 characters and file names have limits of their
    # own: names and titles at their longest must still make every format, whole.
    from .conftest import EDITION, PARTNERSHIP, write_plans

    name, short, region = "N" * 200, "S" * 100, "R" * 100
    title, priority = "T" * 200, "P" * 200
    partnership = (PARTNERSHIP.replace("Safer Northtown Partnership", name).replace("short_name: Northtown", f"short_name: {short}")
                   .replace("region: Westshire", f"region: {region}"))
    edition = EDITION.replace("Northtown Community Safety Plan 2008-2011", title).replace("title: Tackling crime", f"title: {priority}")
    views = public_views(write_plans(in_tmp, partnership, {"2008-2011": edition}))
    made = build_downloads(views, in_tmp / "cache", workers=1).get("northtown", "2008-2011")
    files = {path.name: path for path in made.folder.iterdir()}
    assert len(files) >= len(EXPORTERS) and all(path.stat().st_size for path in files.values())
    word = docx.Document(files["northtown-2008-2011.docx"])
    assert word.core_properties.title == title
    assert priority in "\n".join(p.text for p in word.paragraphs)
