"""The benchmark's synthetic plans: valid, shaped like the seeds, the same every time."""
from __future__ import annotations

import sys

from plansite.load.loader import load_plans

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.yaml"))}


def test_generated_plans_validate_without_warnings_and_look_like_plans(tmp_path):
    generate(tmp_path / "plans", 12, seed=3)
    catalogue = load_plans(tmp_path / "plans")
    assert catalogue.warnings == []
    assert len(catalogue.partnerships) == 12
    assert any(len(p.editions) == 2 for p in catalogue.partnerships)  # some have an earlier edition
    for plans in catalogue.partnerships:
        edition = plans.current.data
        assert 4 <= len(edition.priorities) <= 7
        assert 20 <= len(edition.actions()) <= 72
        assert 5 <= sum(len(p.indicators) for p in edition.priorities) <= 20
        assert sum(len(a.updates) for a in edition.actions()) > 0
        assert edition.you_said_we_did and edition.strategic_assessment.themes and edition.meetings


def test_generation_is_deterministic(tmp_path):
    generate(tmp_path / "a", 4, seed=7)
    generate(tmp_path / "b", 4, seed=7)
    generate(tmp_path / "c", 4, seed=8)
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    assert snapshot(tmp_path / "a") != snapshot(tmp_path / "c")
