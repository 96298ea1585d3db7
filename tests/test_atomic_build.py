"""Atomic builds: `mkdocs build` writes the site aside and swaps it in only when everything succeeded.

A failed build of any kind (bad plans, a warning under --strict, the checklist enforced, a crash
while pages are written or after them, Ctrl-C) leaves the previous site/ byte-identical, leaves no
half-built folder behind, and no build changes plans/.
"""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from plansite import staging
from plansite.staging import StagedSite

from . import malformed
from .conftest import PLANS, ROOT, TODAY, build_site


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file's bytes and every folder, by path."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None) for p in sorted(folder.rglob("*"))}


def plans_state(folder: Path) -> dict[str, tuple[bytes | None, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() and not p.is_symlink() else None,
                                               p.lstat().st_mtime_ns) for p in sorted(folder.rglob("*"))}


def leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}."))


@pytest.fixture(scope="module")
def pages_site(tmp_path_factory) -> Path:
    """A site built from the example plans, pages only: the 'previous site' every failed build must keep."""
    site = tmp_path_factory.mktemp("previous") / "site"
    result = build_site(site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture
def workspace(tmp_path, pages_site):
    shutil.copytree(pages_site, tmp_path / "site", symlinks=True)
    shutil.copytree(PLANS, tmp_path / "plans")
    return tmp_path


def _expect_kept(workspace: Path, before_site, before_plans, result) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr or "injected" in result.stderr
    assert snapshot(workspace / "site") == before_site
    assert plans_state(workspace / "plans") == before_plans
    assert leftovers(workspace / "site") == []


@pytest.mark.parametrize("case", list(malformed.CASES))
def test_a_malformed_input_fails_the_build_and_keeps_the_previous_site(workspace, case):
    edit, first_lines, last_line = malformed.CASES[case]
    plans = workspace / "plans"
    edit(plans)
    before_site, before_plans = snapshot(workspace / "site"), plans_state(plans)
    result = build_site(workspace / "site", extra_env={"PLANSITE_PLANS": str(plans)})
    _expect_kept(workspace, before_site, before_plans, result)
    shown = str(plans.resolve())
    outside = str((workspace / "outside").resolve())
    assert f"The plans in {plans} have problems, so nothing was built:\n" in result.stderr
    assert first_lines[0].replace("plans/", shown + "/", 1).replace("{outside}", outside) in result.stderr
    assert last_line in result.stderr


def test_a_warning_under_strict_fails_after_the_whole_build_and_publishes_nothing(workspace):
    # MkDocs raises its --strict abort only after on_post_build, when the new site is complete.
    plans = workspace / "plans"
    edition = plans / "hartlepool" / "editions" / "2011-2014.yaml"
    edition.write_text(edition.read_text().replace("vision: Working together", "vision: Ask jane.smith@hartlepool.gov.uk. Working together"))
    before_site, before_plans = snapshot(workspace / "site"), plans_state(plans)
    result = build_site(workspace / "site", extra_env={"PLANSITE_PLANS": str(plans)})
    _expect_kept(workspace, before_site, before_plans, result)
    assert "'jane.smith@hartlepool.gov.uk' looks like a personal email address." in result.stderr
    assert f"The build did not succeed, so {workspace / 'site'} was left as it was." in result.stderr
    assert "Aborted with 1 warnings in strict mode!" in result.stdout  # MkDocs prints its abort to stdout
    assert not any(b"jane.smith" in (content or b"") for content in snapshot(workspace / "site").values())


def test_an_enforced_checklist_fails_the_build_and_keeps_the_previous_site(workspace):
    before_site, before_plans = snapshot(workspace / "site"), plans_state(workspace / "plans")
    result = build_site(workspace / "site", extra_env={"PLANSITE_PLANS": str(workspace / "plans"),
                                                        "PLANSITE_ENFORCE_CHECKLIST": "true"})
    _expect_kept(workspace, before_site, before_plans, result)
    assert "Publication checklist items are missing:" in result.stderr


# A crash while the build is under way: the hook's code is patched in a process that then runs the
# `mkdocs build` command itself, exactly as the command line does.
INJECT = """
import sys
import plansite.build as build

def fail(*args, **kwargs):
    raise {error}
calls = {{"n": 0}}
original = build.SiteBuild.{method}
def patched(self, *args, **kwargs):
    calls["n"] += 1
    if calls["n"] == {after}:
        fail()
    return original(self, *args, **kwargs)
build.SiteBuild.{method} = patched
from mkdocs.__main__ import cli
cli(["build", "--strict", "--site-dir", sys.argv[1]])
"""


def _injected(workspace: Path, method: str, error: str, after: int) -> subprocess.CompletedProcess:
    env = {**os.environ, "PLANSITE_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1", "PLANSITE_EXPORTS": "false",
           "PLANSITE_PLANS": str(workspace / "plans")}
    code = INJECT.format(method=method, error=error, after=after)
    return subprocess.run([sys.executable, "-c", code, str(workspace / "site")], cwd=ROOT, env=env,
                          capture_output=True, text=True)


@pytest.mark.parametrize("method, error, after", [
    ("render", "RuntimeError('injected: a template failed on the 40th page')", 40),
    ("publish_downloads", "OSError(36, 'File name too long (injected)')", 1),
    ("render", "KeyboardInterrupt()", 40),
], ids=["crash while writing pages", "crash after the pages (on_post_build)", "Ctrl-C while writing pages"])
def test_a_crash_at_any_point_keeps_the_previous_site(workspace, method, error, after):
    before_site, before_plans = snapshot(workspace / "site"), plans_state(workspace / "plans")
    result = _injected(workspace, method, error, after)
    _expect_kept(workspace, before_site, before_plans, result)
    assert f"The build did not succeed, so {workspace / 'site'} was left as it was." in result.stderr


def test_a_build_that_succeeds_replaces_the_whole_site(workspace):
    site = workspace / "site"
    (site / "stale.html").write_text("left from an old build")
    plans = workspace / "plans"
    edition = plans / "hartlepool" / "editions" / "2011-2014.yaml"
    edition.write_text(edition.read_text().replace("vision: Working together", "vision: Newly working together"))
    before_plans = plans_state(plans)
    result = build_site(site, extra_env={"PLANSITE_PLANS": str(plans)})
    assert result.returncode == 0, result.stderr
    assert f"The new site is in place in {site} (built aside and swapped in whole)." in result.stderr
    assert not (site / "stale.html").exists()
    assert "Newly working together" in (site / "hartlepool" / "index.html").read_text()
    assert leftovers(site) == []
    assert plans_state(plans) == before_plans
    assert stat.S_IMODE(site.stat().st_mode) == 0o755  # readable by the web server, not the 0700 of a temporary folder


def test_the_first_build_creates_the_site(tmp_path):
    result = build_site(tmp_path / "new" / "site")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "new" / "site" / "index.html").is_file()
    assert leftovers(tmp_path / "new" / "site") == []


# -- The swap itself ---------------------------------------------------------------------------------


def _stage(tmp_path: Path, old: str | None) -> StagedSite:
    site = tmp_path / "site"
    if old is not None:
        site.mkdir()
        (site / "index.html").write_text(old)
    staged = StagedSite(site)
    (staged.staging / "index.html").write_text("new")
    return staged


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two renames"])
def test_commit_puts_the_new_site_in_place_and_removes_the_old(tmp_path, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setattr(staging, "_exchange", lambda a, b: False)
    staged = _stage(tmp_path, "old")
    staged.commit()
    assert (tmp_path / "site" / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_commit_without_a_previous_site(tmp_path):
    _stage(tmp_path, None).commit()
    assert (tmp_path / "site" / "index.html").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_abandon_leaves_the_previous_site_as_it_was(tmp_path):
    _stage(tmp_path, "old").abandon()
    assert (tmp_path / "site" / "index.html").read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_failed_second_rename_puts_the_old_site_back(tmp_path, monkeypatch):
    monkeypatch.setattr(staging, "_exchange", lambda a, b: False)
    staged = _stage(tmp_path, "old")
    real_rename = os.rename

    def rename(src, dst):
        if Path(src) == staged.staging:
            raise OSError(28, "No space left on device")
        return real_rename(src, dst)

    monkeypatch.setattr(staging.os, "rename", rename)
    with pytest.raises(OSError):
        staged.commit()
    assert (tmp_path / "site" / "index.html").read_text() == "old"


def test_a_dirty_build_starts_from_a_copy_of_the_site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "kept.html").write_text("kept")
    staged = StagedSite(site, keep_existing=True)
    (staged.staging / "kept.html").write_text("changed in the new build only")
    assert (site / "kept.html").read_text() == "kept"  # a copy, not links into the live site
    staged.abandon()


def test_the_preview_folder_of_mkdocs_serve_is_not_staged(tmp_path):
    import tempfile
    folder = Path(tempfile.mkdtemp(prefix="mkdocs_"))
    try:
        assert staging.is_private_temporary(folder)
    finally:
        folder.rmdir()
    assert not staging.is_private_temporary(tmp_path / "site")
    assert not staging.is_private_temporary(ROOT / "site")


@pytest.mark.parametrize("method, error, message", [
    ("__init__", "PermissionError(13, 'Permission denied')", "Cannot write beside {site} (Permission denied): the new "
     "site is built there before it replaces the old one. Make that folder writable, or build with --site-dir "
     "somewhere else."),
    ("commit", "OSError(28, 'No space left on device')", "The new site could not be put in place of {site} (No space "
     "left on device); the previous site was left as it was."),
], ids=["cannot build beside site/", "cannot swap it in"])
def test_a_site_folder_that_cannot_be_written_is_a_plain_error(workspace, method, error, message):
    before_site, before_plans = snapshot(workspace / "site"), plans_state(workspace / "plans")
    code = INJECT.replace("import plansite.build as build", "import plansite.staging as build").replace(
        "build.SiteBuild.", "build.StagedSite.")
    env = {**os.environ, "PLANSITE_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1", "PLANSITE_EXPORTS": "false",
           "PLANSITE_PLANS": str(workspace / "plans")}
    result = subprocess.run([sys.executable, "-c", code.format(method=method, error=error, after=1), str(workspace / "site")],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    _expect_kept(workspace, before_site, before_plans, result)
    assert "Traceback" not in result.stderr
    assert message.format(site=workspace / "site") in result.stderr
