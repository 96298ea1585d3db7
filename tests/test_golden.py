"""Golden pages: one partnership's generated page bodies, compared with committed HTML.

When a change to the pages is intended, regenerate and review the diff:

    PLANSITE_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_golden.py
    git diff tests/golden/
"""
from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path

import pytest

from plansite.build import SiteBuild

from .conftest import PLANS, TODAY

GOLDEN = Path(__file__).parent / "golden"
PARTNERSHIP = "south-derbyshire"


def normalise(html: str) -> str:
    """One tag or text run per line, whitespace collapsed, so diffs are readable and stable."""
    html = re.sub(r"\s+", " ", html)
    html = re.sub(r">\s*<", ">\n<", html)
    return "\n".join(line.strip() for line in html.splitlines() if line.strip()) + "\n"


def golden_pages() -> dict[str, str]:
    build = SiteBuild.load(PLANS, today=date.fromisoformat(TODAY))
    pages = [p for p in build.pages if p.url.startswith(PARTNERSHIP + "/")]
    return {page.url.rstrip("/").replace("/", "__") + ".html": normalise(build.render(page).html) for page in pages}


def test_golden_partnership_pages():
    folder = GOLDEN / PARTNERSHIP
    pages = golden_pages()
    if os.environ.get("PLANSITE_UPDATE_GOLDEN"):
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.html"):
            old.unlink()
        for name, html in pages.items():
            (folder / name).write_text(html, encoding="utf-8")
        pytest.skip("golden pages regenerated; review them with git diff")
    committed = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.html")}
    assert sorted(pages) == sorted(committed)
    for name in sorted(pages):
        assert pages[name] == committed[name], f"{name} differs from tests/golden/{PARTNERSHIP}/{name}"
