"""Publishing safely: updates from the CLI, drafts and embargoes, feeds, and privacy checks."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path

import feedparser
import pytest

from plansite.export import EXPORTERS, ExportJob
from plansite.load.loader import load_plans
from plansite.publish import public_catalogue

from .conftest import PLANS, TODAY, build_site, public_views
from .searchindex import unpacked


def plansite(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "plansite", *args], cwd=cwd, capture_output=True, text=True)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def workspace(tmp_path):
    shutil.copytree(PLANS, tmp_path / "plans")
    return tmp_path


def test_update_and_said_round_trip(workspace):
    before = snapshot(workspace / "plans")
    update = plansite("update", "calderdale", "TC1.1", "--status", "at risk", "--due", "March 2010", "--date", "2009-11-02",
                      "--note", "Campaign delayed until the new year.", "--significant", cwd=workspace)
    said = plansite("said", "calderdale", "--said", "Residents said they did not know how to report anti-social behaviour.",
                    "--source", "Park ward forum", "--did", "Reporting routes went into every ward newsletter.",
                    "--actions", "TC1.1,PS4.1", "--reached", "40 residents", "--date", "2009-11-03", cwd=workspace)
    assert (update.returncode, update.stdout) == (0, "Saved plans/calderdale/updates/2009-11-02-tc1-1.progress.yaml\n"
                                                     "Rebuild the site (make site) to publish it.\n")
    assert said.returncode == 0, said.stderr
    after = snapshot(workspace / "plans")
    added = sorted(set(after) - set(before))
    assert added == ["calderdale/updates/2009-11-02-tc1-1.progress.yaml",
                     "calderdale/updates/2009-11-03-residents-said-they-did-not-know-how-to.said.yaml"]
    assert {k: v for k, v in after.items() if k in before} == before  # nothing else rewritten; comments intact
    assert after[added[0]].decode() == (
        "# yaml-language-server: $schema=../../../plansite/schemas/update.schema.json\n"
        "# Progress on action \"TC1.1\", added with 'plansite update'.\n"
        'action: "TC1.1"\nprogress:\n  date: 2009-11-02\n  text: "Campaign delayed until the new year."\n'
        '  status: "at risk"\n  due: "March 2010"\n  significant: true\n')

    site = workspace / "site"
    result = build_site(site, extra_env={"PLANSITE_PLANS": str(workspace / "plans")})
    assert result.returncode == 0, result.stderr
    priority = (site / "calderdale/priorities/tackling-crime/index.html").read_text()
    card = priority[priority.index('id="action-tc1-1"'):][:6000]
    assert "Campaign delayed until the new year." in card
    assert "March 2010 (originally October 2009)" in card  # deadline drift
    assert "At risk or delayed" in card
    overview = (site / "calderdale/index.html").read_text()
    assert "Campaign delayed until the new year." in overview
    assert "Residents said they did not know how to report anti-social behaviour." in overview
    updates = (site / "calderdale/updates/index.html").read_text()
    assert "Progress on action TC1.1 (At risk or delayed)" in updates and "You said: Residents said they did not know" in updates
    yswd = (site / "calderdale/you-said-we-did/index.html").read_text()
    assert "TC1.1: Awareness / Education" in yswd and "40 residents" in yswd
    feed = feedparser.parse((site / "calderdale/feed.xml").read_bytes())
    assert [e.title for e in feed.entries][:2] == [
        "You said: Residents said they did not know how to report anti-social behaviour.",
        "Progress on action TC1.1 (At risk or delayed)"]
    assert feed.entries[1].link == "https://plansite.example/calderdale/priorities/tackling-crime/#action-tc1-1"


def test_a_refused_update_leaves_every_file_byte_identical(workspace):
    before = snapshot(workspace / "plans")
    bad_status = plansite("update", "calderdale", "CS9.1", "--note", "Done.", "--status", "finished", "--date", "2009-11-02", cwd=workspace)
    assert (bad_status.returncode, bad_status.stderr) == (1, (
        "plansite update: not saved.\n"
        "--status: 'finished' is not a recognised action status. "
        "Use one of: not started, in progress, at risk, completed, ongoing, not progressed, removed. If it is your plan's "
        "own word, declare it in status_words in partnership.yaml, with the standard status it means.\n"
        "1 problem found. Nothing was saved.\n"))
    bad_ref = plansite("update", "calderdale", "CS9.9", "--note", "Done.", "--date", "2009-11-02", cwd=workspace)
    assert (bad_ref.returncode, bad_ref.stderr) == (1, (
        "plansite update: not saved.\n"
        "action-ref: no action with ref 'CS9.9' in edition '2008-2011'. Did you mean 'CS9.1'?\n"
        "1 problem found. Nothing was saved.\n"))
    assert snapshot(workspace / "plans") == before


DRAFT = "Draft note about the Park ward patrol rota"
EMBARGOED = "Embargoed news about the Halifax CCTV review"
DRAFT_SAID = "Draft response about street lighting in Ovenden"
DRAFT_EDITION = "Calderdale Draft Plan 2011 to 2014 for consultation"


def _plant_drafts(plans: Path) -> None:
    updates = plans / "calderdale" / "updates"
    updates.mkdir(exist_ok=True)
    (updates / "draft.yaml").write_text(f'action: "CS9.1"\nprogress:\n  date: 2009-11-05\n  text: "{DRAFT}"\n  significant: true\n  draft: true\n')
    (updates / "embargo.yaml").write_text(f'action: "TC5.1"\nprogress:\n  date: 2009-11-06\n  text: "{EMBARGOED}"\n'
                                          f"  significant: true\n  publish_from: 2099-01-01\n")
    (updates / "said.yaml").write_text(f'you_said_we_did:\n  date: 2009-11-07\n  said: "{DRAFT_SAID}"\n  source: Ward forum\n'
                                       f'  did: "Lights were fixed."\n  draft: true\n')
    (plans / "calderdale" / "editions" / "2011-2014.yaml").write_text(
        f"title: {DRAFT_EDITION}\nperiod: {{start: 2011-04-01, end: 2014-03-31}}\nstatus: draft\n"
        "priorities:\n  - {id: draft-priority, title: Draft priority about night-time safety}\n")


def _every_text(site: Path) -> str:
    parts = []
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        if path.suffix == ".pdf":
            parts.append(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout)
        elif path.suffix in (".docx", ".odt", ".zip"):
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    if name.endswith((".xml", ".txt", ".csv", ".json")):
                        parts.append(archive.read(name).decode("utf-8", "replace"))
        elif path.suffix in (".html", ".xml", ".json", ".txt", ".csv", ".js"):
            parts.append(path.read_text(encoding="utf-8", errors="replace"))
        elif path.suffix.startswith(".pf_"):  # the search index, gzipped
            parts.append(unpacked(path).decode("utf-8", errors="replace"))
    return " ".join(" ".join(parts).split())


def test_drafts_and_embargoes_reach_no_output_file(workspace):
    _plant_drafts(workspace / "plans")
    site = workspace / "site"
    result = build_site(site, extra_env={"PLANSITE_PLANS": str(workspace / "plans"), "PLANSITE_EXPORTS": "true",
                                         "PLANSITE_CACHE": str(workspace / "cache")})
    assert result.returncode == 0, result.stderr
    text = _every_text(site)
    assert "Calderdale’s Partnership Plan for Safer and Stronger Communities" in text  # the search covers real content
    assert (site / "pagefind" / "pagefind-entry.json").is_file() and (site / "calderdale" / "downloads").is_dir()
    for secret in (DRAFT, EMBARGOED, DRAFT_SAID, DRAFT_EDITION):
        assert secret not in text, secret
    held = [line.split("Held back from the public site: ")[1] for line in result.stderr.splitlines() if "Held back" in line]
    assert sorted(held) == sorted(["calderdale: edition 2011-2014 (draft)", "calderdale/2008-2011: update to action CS9.1",
                                   "calderdale/2008-2011: update to action TC5.1",
                                   "calderdale/2008-2011: 'you said, we did' entry Draft response about street li"])


def test_preview_shows_drafts_marked(workspace):
    _plant_drafts(workspace / "plans")
    site = workspace / "site"
    result = build_site(site, extra_env={"PLANSITE_PLANS": str(workspace / "plans"), "PLANSITE_PREVIEW": "true"})
    assert result.returncode == 0, result.stderr
    confidence = (site / "calderdale/priorities/confidence-and-satisfaction/index.html").read_text()
    assert DRAFT in confidence and "Draft, not published" in confidence
    crime = (site / "calderdale/priorities/tackling-crime/index.html").read_text()
    assert EMBARGOED in crime and "Embargoed until 1 January 2099, not published" in crime
    draft_edition = (site / "calderdale/editions/2011-2014/index.html").read_text()
    assert "Draft: not published. Only people previewing the site can see this." in draft_edition


def test_feeds_are_valid_atom_without_duplicate_ids(built_site):
    feeds = [built_site / "feed.xml", *sorted(built_site.glob("*/feed.xml"))]
    # A feed needs a date stated to the day (rules.dates.feeds). Of the examples, only North Herts'
    # plan states one ("last updated 12 June 2008"); Calderdale's draft says only "March 2008".
    assert [p.parent.name for p in feeds] == ["site", "north-hertfordshire"]
    for path in feeds:
        feed = feedparser.parse(path.read_bytes())
        assert feed.bozo == 0, (path, feed.bozo_exception)
        assert feed.version == "atom10"
        assert feed.feed.id and feed.feed.title and feed.feed.updated and feed.feed.author
        for entry in feed.entries:
            assert entry.id and entry.title and entry.updated and entry.link.startswith("https://plansite.example/")
        ids = [e.id for e in feed.entries]
        assert len(ids) == len(set(ids)), path
    site_feed = feedparser.parse((built_site / "feed.xml").read_bytes())
    assert site_feed.entries == [] and site_feed.feed.updated == "2008-06-12T00:00:00Z"  # never an invented 1 January


def test_pages_announce_their_feeds(built_site):
    herts = (built_site / "north-hertfordshire" / "index.html").read_text()
    assert '<link rel="alternate" type="application/atom+xml" title="North Hertfordshire: community safety plan updates" href="feed.xml">' in herts
    assert '<link rel="alternate" type="application/atom+xml" title="Community safety plan updates" href="../feed.xml">' in herts
    calderdale = (built_site / "calderdale" / "actions" / "index.html").read_text()
    assert "calderdale/feed.xml" not in calderdale and 'href="../feed.xml"' not in calderdale.split("</head>")[0].replace(
        'href="../../feed.xml"', "")
    assert "Get these updates in a feed reader" not in (built_site / "calderdale" / "updates" / "index.html").read_text()


def test_a_significant_update_dated_to_the_day_starts_a_feed(workspace):
    updates = workspace / "plans" / "calderdale" / "updates"
    updates.mkdir()
    (updates / "2009-11-05.yaml").write_text('action: "CS9.1"\nprogress:\n  date: 2009-11-05\n  text: Reported.\n  significant: true\n')
    (updates / "2009-12.yaml").write_text('action: "CS9.1"\nprogress:\n  date: Dec 2009\n  text: Month only.\n  significant: true\n')
    site = workspace / "site"
    result = build_site(site, extra_env={"PLANSITE_PLANS": str(workspace / "plans")})
    assert result.returncode == 0, result.stderr
    feed = feedparser.parse((site / "calderdale" / "feed.xml").read_bytes())
    assert [(e.title, e.updated) for e in feed.entries] == [("Progress on action CS9.1", "2009-11-05T00:00:00Z")]
    page = (site / "calderdale" / "updates" / "index.html").read_text()
    assert '<time datetime="2009-12">December 2009</time>' in page  # listed on the page, at its own precision


def test_sitemap_has_the_plans_own_dates(built_site):
    sitemap = (built_site / "sitemap.xml").read_text()
    entry = re.search(r"<loc>https://plansite.example/calderdale/actions/</loc>\s*<lastmod>([^<]+)</lastmod>", sitemap)
    assert entry[1] == "2009-07-30"  # the latest dated progress update, not the build date


PLANTED = {
    "email": ("derek.benn@calderdale.gov.uk", "'derek.benn@calderdale.gov.uk' looks like a personal email address. Publish a "
              "shared or role mailbox instead, or add its first part to settings.shared_mailbox_patterns if it is shared."),
    "phone": ("07700 900123", "'07700 900123' looks like a phone number in published text. Put the partnership's number in "
              "contact.phone, and leave out anyone's own number."),
    "name": ("Derek Benn", "'Derek Benn' is the name of a lead who has not agreed to be named (publish_name is not true), "
             "and this text is published. Use their role instead."),
    "rank": ("Inspector Jane Morley", "'Inspector Jane Morley' looks like a person's name in published text. Use their role, "
             "or store the name in a lead's name field, which is published only with publish_name: true."),
}


@pytest.mark.parametrize("kind", sorted(PLANTED))
def test_privacy_warnings_fire_on_planted_examples(workspace, kind):
    planted, message = PLANTED[kind]
    update = workspace / "plans" / "calderdale" / "updates" / "planted.yaml"
    update.parent.mkdir(exist_ok=True)
    update.write_text(f'action: "CS9.1"\nprogress:\n  date: 2009-11-05\n  text: "Contact {planted} about this."\n')
    result = plansite("validate", "--strict", cwd=workspace)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == f"plans/calderdale/updates/planted.yaml:4:9: progress.text: {message} (warning)"


def test_privacy_checks_are_quiet_on_the_example_plans(tmp_path):
    result = plansite("validate", str(PLANS), "--strict", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")


def test_a_shared_mailbox_can_be_declared(workspace):
    partnership = workspace / "plans" / "calderdale" / "partnership.yaml"
    partnership.write_text(partnership.read_text() + "\ncontact:\n  email: halifax.watch@calderdale.gov.uk\n")
    assert "looks like a personal email address" in plansite("validate", cwd=workspace).stderr
    partnership.write_text(partnership.read_text() + "settings:\n  shared_mailbox_patterns: [halifax.watch]\n")
    assert plansite("validate", "--strict", cwd=workspace).returncode == 0


def test_small_numbers_are_suppressed_everywhere(workspace):
    edition = workspace / "plans" / "calderdale" / "editions" / "2008-2011.yaml"
    text = edition.read_text().replace("      - code: NI16\n", "      - code: NI16\n        sensitive: true\n"
                                       "        actuals:\n          - {period: 2008/09, value: 7}\n", 1)
    edition.write_text(text)
    partnership = workspace / "plans" / "calderdale" / "partnership.yaml"
    partnership.write_text(partnership.read_text() + "\nsettings:\n  suppress_below: 8\n")
    view = public_views(workspace / "plans")[("calderdale", "2008-2011")]
    ni16 = next(i for i in view.indicators if i.code == "NI16")
    assert [(a.value, a.text, a.suppressed) for a in ni16.actuals] == [(None, "fewer than 8", True)]
    # Judged on the true figure (7 against 19.28, lower is better), shown as "fewer than 8".
    assert (ni16.status.key, ni16.sentence) == ("target met", "fewer than 8 in 2008/09 against a target of 18.89 per 1,000 "
                                                "population for 2010/11 (lower is better): target met")
    rendered = {name: EXPORTERS[name]().render(ExportJob(view)).data.decode("utf-8-sig") for name in ("indicators-csv", "json", "text")}
    assert "NI16,Serious acquisitive crime rate,rate per 1,000 population,lower is better,actual,2008/09,,fewer than 8" in \
        rendered["indicators-csv"].replace('"', "")
    actual = json.loads(rendered["json"])["edition"]["priorities"][1]["indicators"][0]["actuals"]
    assert actual == [{"period": "2008/09", "value": None, "text": "fewer than 8", "note": None, "suppressed": True}]
    assert "fewer than 8" in rendered["text"]
    assert not any(re.search(r"(?<![\d.])7(?![\d.])", line) for line in rendered["indicators-csv"].splitlines() if "NI16" in line)


def test_each_partnership_has_a_sitemap_of_its_own_pages_beside_its_feed(built_site):
    # Material fetches sitemap.xml next to each <link rel="alternate">, so the partnership feed needs one beside it.
    sitemap = (built_site / "calderdale" / "sitemap.xml").read_text()
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert "https://plansite.example/calderdale/" in locs
    assert "https://plansite.example/calderdale/priorities/tackling-crime/" in locs
    assert all(loc.startswith("https://plansite.example/calderdale/") for loc in locs)
    site_locs = re.findall(r"<loc>https://plansite.example/calderdale/[^<]*</loc>", (built_site / "sitemap.xml").read_text())
    assert len(locs) == len(site_locs)
    assert re.search(r"<loc>https://plansite.example/calderdale/actions/</loc><lastmod>2009-07-30</lastmod>", sitemap)
    partnerships = sorted(p.name for p in PLANS.iterdir() if (p / "partnership.yaml").is_file())
    assert sorted(p.parent.name for p in built_site.glob("*/sitemap.xml")) == partnerships
