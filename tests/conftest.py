"""Shared fixtures. Tests write only under tmp_path."""
from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

PARTNERSHIP = """\
name: Safer Northtown Partnership
short_name: Northtown
region: Westshire
area:
  local_authority: Northtown
  country: england
"""

EDITION = """\
title: Northtown Community Safety Plan 2008-2011
period:
  label: 2008-2011
  start: 2008-04-01
  end: 2011-03-31
status: published
priorities:
  - id: tackling-crime
    title: Tackling crime
    issues:
      - ref: "1"
        title: Burglary
        actions:
          - ref: "1.1"
            text: Run a burglary awareness campaign.
            due: Oct 2009
          - ref: "1.10"
            text: Target harden homes of repeat victims.
    indicators:
      - code: NI16
        name: Serious acquisitive crime rate
        unit: rate per 1,000 population
        direction: lower is better
        baseline: {period: 2007/08, value: 19.47}
        targets:
          - {period: 2008/09, value: 19.28}
"""


def write_plans(root: Path, partnership: str = PARTNERSHIP, editions: dict[str, str] | None = None,
                updates: dict[str, str] | None = None, slug: str = "northtown") -> Path:
    """Write a small plans folder and return it."""
    folder = root / "plans" / slug
    (folder / "editions").mkdir(parents=True, exist_ok=True)
    (folder / "partnership.yaml").write_text(textwrap.dedent(partnership), encoding="utf-8")
    for name, text in (editions if editions is not None else {"2008-2011": EDITION}).items():
        (folder / "editions" / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    if updates:
        (folder / "updates").mkdir(exist_ok=True)
        for name, text in updates.items():
            (folder / "updates" / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return root / "plans"


def public_views(plans_dir: Path, today: str | None = None) -> dict:
    """The published view of every edition under plans_dir, as a build makes them: {(slug, edition id): Edition}."""
    from datetime import date

    from plansite.load import load_plans
    from plansite.publish import public_catalogue
    from plansite.view.edition import edition_views

    day = date.fromisoformat(today or TODAY)
    return edition_views(public_catalogue(load_plans(plans_dir), day), today=day)


def _limits(cpu_seconds: int, memory_mb: int):
    def apply():
        import resource

        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))
        resource.setrlimit(resource.RLIMIT_AS, (memory_mb * 1024 ** 2, memory_mb * 1024 ** 2))
    return apply


def run_limited(command: list[str], cwd: Path, *, cpu_seconds: int = 60, memory_mb: int = 512,
                env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run a command with hard limits on CPU time and memory, so that input which makes it run away
    fails the test (the process is killed) instead of hanging it. No wall-clock time is measured:
    the limits bound the work. 512 MB is several times what validating the example plans needs."""
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env,
                          preexec_fn=_limits(cpu_seconds, memory_mb))


def plansite_limited(*args: str, cwd: Path, **limits) -> subprocess.CompletedProcess:
    return run_limited([sys.executable, "-m", "plansite", *args], cwd, **limits)


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Run with tmp_path as the working directory, so messages show plans/... paths."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def example_copy(tmp_path, monkeypatch):
    """A copy of the example plans in tmp_path, for tests that edit them."""
    shutil.copytree(PLANS, tmp_path / "plans")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "plans"


# -- The built site, shared by the site, link, HTML and browser tests ---------------------------

import functools
import http.server
import os
import re
import socketserver
import subprocess
import sys
import threading

TODAY = "2026-11-21"  # builds in tests are pinned to a date, so checklist ages are stable
REPORT: dict[str, str] = {}  # lines printed at the end of the run: pages checked, violations found


def pytest_terminal_summary(terminalreporter):
    if REPORT:
        terminalreporter.section("site checks")
        for key in sorted(REPORT):
            terminalreporter.write_line(f"{key}: {REPORT[key]}")


def build_site(site_dir: Path, *, extra_env: dict[str, str] | None = None, config: Path | None = None) -> subprocess.CompletedProcess:
    # Downloads are off unless a test asks for them (with its own cache under tmp_path).
    env = {**os.environ, "PLANSITE_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1", "PLANSITE_EXPORTS": "false", **(extra_env or {})}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    if config:
        command += ["--config-file", str(config)]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The example site as `make site` builds it, downloads included."""
    folder = tmp_path_factory.mktemp("built")
    site = folder / "site"
    result = build_site(site, extra_env={"PLANSITE_EXPORTS": "true", "PLANSITE_CACHE": str(folder / "cache")})
    assert result.returncode == 0, result.stderr
    return site


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_server(built_site):
    """The built site on http://127.0.0.1:<port>/, as a static host would serve it."""
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(built_site)))
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic", "--disable-default-apps", "--disable-extensions"]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as URL paths ("" for the home page).

    Not the form editor's app pages (admin/<slug>/): Decap CMS draws them in the browser, against
    a backend; tests/test_editor_browser.py checks them with one running. The editor's list of
    partnerships (admin/) is an ordinary page and is included.
    """
    pages = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if re.fullmatch(r"admin/[^/]+/index\.html", rel):
            continue
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


def pdf_reading_text(path: Path) -> str:
    """A PDF's words in reading order, without its page furniture.

    Page by page with pdftotext, dropping each page's running footer (the document title and
    "Page N of M"), which the PDF marks as an artifact but pdftotext reads in the middle of a
    paragraph that crosses a page.
    """
    pages = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    count = int(next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:")))
    out = []
    for page in range(1, count + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-raw", str(path), "-"],
                              capture_output=True, text=True, check=True).stdout
        out += [line for line in text.splitlines() if not line.rstrip().endswith(f"Page {page} of {count}")]
    return "\n".join(out)
