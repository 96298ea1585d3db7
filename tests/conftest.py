"""Shared fixtures. Tests write only under tmp_path."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
SEEDS = ROOT.parent / "shared" / "seeds"

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
