"""mkdocs build and serve as people run them: bad data stops the build and keeps the old site."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from .conftest import PLANS, ROOT, build_site


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_invalid_plans_fail_the_build_and_leave_the_previous_site(tmp_path, built_site):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    before = snapshot(site)
    plans = tmp_path / "plans"
    shutil.copytree(PLANS, plans)
    edition = plans / "stockton" / "editions" / "2011-2014.yaml"
    edition.write_text(edition.read_text().replace("status: published", "status: publishd"))
    result = build_site(site, extra_env={"PLANSITE_PLANS": str(plans)})
    assert result.returncode == 1
    assert (f"{edition}:12:9: status: 'publishd' is not a recognised edition status. "
            "Use one of: draft, published, superseded. Did you mean 'published'?") in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(site) == before


def test_checklist_gaps_are_reported_and_can_be_enforced(tmp_path):
    reported = build_site(tmp_path / "a")
    assert reported.returncode == 0
    checklist = [line for line in reported.stderr.splitlines() if "Publication checklist" in line]
    assert checklist == ["INFO    -  Publication checklist: 52 items not met across 7 plans; see /checklist/ or run "
                         "'plansite checklist'."]  # one line, not one per item
    enforced = build_site(tmp_path / "b", extra_env={"PLANSITE_ENFORCE_CHECKLIST": "true"})
    assert enforced.returncode == 1
    assert "Publication checklist items are missing:" in enforced.stderr
    assert "stockton (2011-2014): A next review date: missing. No next review date is given." in enforced.stderr
    assert not (tmp_path / "b").exists()


def test_one_partnership_can_enforce_its_own_checklist(tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(PLANS, plans)
    partnership = plans / "hartlepool" / "partnership.yaml"
    partnership.write_text(partnership.read_text() + "\nsettings:\n  enforce_checklist: true\n")
    result = build_site(tmp_path / "site", extra_env={"PLANSITE_PLANS": str(plans)})
    assert result.returncode == 1
    assert "hartlepool (2011-2014): A next review date: missing." in result.stderr
    assert "stockton (2011-2014)" not in result.stderr


def test_edit_links_point_at_each_pages_yaml(tmp_path):
    result = build_site(tmp_path / "site", extra_env={"PLANSITE_REPO_URL": "https://github.com/example/plans",
                                                      "PLANSITE_EDIT_URI": "edit/main/"})
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "calderdale" / "priorities" / "tackling-crime" / "index.html").read_text()
    assert 'href="https://github.com/example/plans/edit/main/plans/calderdale/editions/2008-2011.yaml"' in page
    statement = (tmp_path / "site" / "accessibility" / "index.html").read_text()
    assert 'href="https://github.com/example/plans/edit/main/content/accessibility.md"' in statement


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_mkdocs_serve_previews_the_site():
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}"],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        deadline, html = time.monotonic() + 120, None
        while time.monotonic() < deadline and html is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/calderdale/actions/", timeout=5) as response:
                    html = response.read().decode("utf-8")
            except OSError:
                time.sleep(1)
        assert html is not None, "mkdocs serve did not answer within 2 minutes"
        assert "<h1 id=\"main-heading\">Calderdale: action plan</h1>" in html
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_partnership_whose_new_edition_is_still_a_draft_shows_its_earlier_one(tmp_path):
    from .conftest import EDITION, write_plans

    earlier = EDITION.replace("status: published", "status: superseded\nsuperseded_by: 2011-2014")
    draft = EDITION.replace("status: published", "status: draft").replace("Northtown Community Safety Plan 2008-2011",
                                                                          "Secret draft plan 2011-2014")
    plans = write_plans(tmp_path, editions={"2008-2011": earlier, "2011-2014": draft})
    site = tmp_path / "site"
    result = build_site(site, extra_env={"PLANSITE_PLANS": str(plans)})
    assert result.returncode == 0, result.stderr
    home = (site / "index.html").read_text()
    assert 'href="northtown/"' in home and (site / "northtown" / "index.html").is_file()
    overview = (site / "northtown" / "index.html").read_text()
    assert "A new edition is being prepared and has not been published yet." in overview
    assert (site / "open-data" / "westshire" / "index.html").is_file()
    for page in ("places/n/index.html", "compare/westshire/index.html", "regions/westshire/index.html"):
        links = [href for href in __import__("re").findall(r'href="([^"#]+)"', (site / page).read_text()) if "northtown" in href]
        assert links and all((site / page).parent.joinpath(h).resolve().exists() for h in links), page
    assert not any("Secret draft plan" in p.read_text(errors="ignore") for p in site.rglob("*") if p.is_file())
