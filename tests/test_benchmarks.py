"""The benchmark's synthetic plans: valid, shaped like the seeds, the same every time."""
from __future__ import annotations

import sys

from plansite.load.loader import load_plans

from .conftest import ROOT, build_site

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate  # noqa: E402
import run as bench  # noqa: E402


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


def test_page_load_and_search_weights_and_index_time_at_tiny_n(tmp_path, browser):
    # The measuring code of `make bench`, on three generated partnerships: the numbers are
    # recorded, never asserted against targets, so this checks only that each counts what it says.
    generate(tmp_path / "plans", 3, seed=1)
    site = tmp_path / "site"
    result = build_site(site, extra_env={"PLANSITE_PLANS": str(tmp_path / "plans"), "PLANSITE_TODAY": "2026-11-21"})
    assert result.returncode == 0, result.stderr
    overview = sorted(p.name for p in (tmp_path / "plans").iterdir())[0] + "/"
    home, first = bench.measure_weights(site, ["", overview], bench.SEARCH_QUERY, browser=browser)
    for weights, page in ((home, "index.html"), (first, overview + "index.html")):
        paths = [f.url.split("/", 3)[3] for f in weights.load.fetches]
        # The page itself, its stylesheets and script; nothing of search until someone searches.
        # (Responses are recorded as they arrive, so the page need not be first.)
        itself = page.removesuffix("index.html")
        assert paths.count(itself) == 1 and "assets/javascripts/plansite.js" in paths, paths
        assert not any(p.startswith(("pagefind/", "search/")) for p in paths), paths
        html = (site / page).read_bytes()
        assert weights.load.fetches[paths.index(itself)].size == len(html)
        assert weights.load.kb == round(sum((site / (p or "index.html") if not p.endswith("/") else site / p / "index.html").stat().st_size
                                            for p in paths) / 1024, 1)
        assert 0 < weights.load.gz_kb < weights.load.kb
        # One search: Pagefind's files only, and the fragments of the results shown.
        searched = [f.url.split("/", 3)[3] for f in weights.search.fetches]
        assert searched and all(p.startswith("pagefind/") for p in searched), searched
        assert weights.results > 0 and sum(p.endswith(".pf_fragment") for p in searched) == min(10, weights.results)
        assert any(p.endswith(".pf_index") for p in searched) and 0 < weights.search.gz_kb <= weights.search.kb
    keys = bench.weights(site, overview, browser=browser)
    assert keys["page_load_kb"] == home.load.kb and keys["page_load_overview_gz_kb"] == first.load.gz_kb
    assert keys["search_query_kb"] == home.search.kb and keys["page_load_pages"] == {"home": "/", "overview": "/" + overview}
    # Words per page (which the reference site is made to match) are counted on every page's body.
    bodies = [page for page in bench.html_pages(site) if "<article " in page.read_text(encoding="utf-8")]
    assert len(bodies) > 20 and all(bench.ARTICLE.search(page.read_text(encoding="utf-8")) for page in bodies)
    assert bench.words_per_page(site) > 300
    runs = bench.search_index_runs(site, 1)
    assert len(runs) == 1 and runs[0].wall_s > 0 and (site / "pagefind" / "pagefind-entry.json").is_file()
