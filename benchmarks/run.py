#!/usr/bin/env python3
"""National-scale benchmark: plansite against plain MkDocs, and downloads cold and warm.

    python benchmarks/run.py --partnerships 300 [--repeats 3]

Runs, one process after another on this machine, each --repeats times (median reported):
  1. the plansite build of N generated partnerships, pages only (downloads off);
  2. the reference site from ../shared/bench/plain_mkdocs_baseline.py with the same page count
     and the same average words per page as plansite's output;
  3. the plansite build with every download, from a cold cache;
  4. the same after one partnership gains one new update (a warm cache otherwise).
Each build is timed as a whole process: wall time, CPU time (user + system, children included)
and peak resident memory, from os.wait4 as /usr/bin/time reports them. The memory of the
export workers is sampled too, summed across the process tree.

After step 1 it also measures, on the pages-only site: what Chromium fetches to load the home page
and the first partnership's overview, and for one search query (benchmarks/weight.py says exactly
what is counted); and how long Pagefind's indexing takes, run again on its own on that site as
the build runs it (plansite.search.index_site), so the build without indexing is the difference.

Writes benchmarks/results/latest.json (and results/n<N>.json) and BENCHMARKS.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BASELINE = ROOT.parent / "shared" / "bench" / "plain_mkdocs_baseline.py"
WORK = HERE / "work"
RESULTS = HERE / "results"
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from weight import measure as measure_weights  # noqa: E402

SEARCH_QUERY = "burglary"  # a word on many generated pages, as on the seeds'


@dataclass
class Run:
    wall_s: float
    cpu_s: float
    peak_rss_mb: float  # the largest single process, as /usr/bin/time reports it
    tree_rss_mb: float  # the largest sum over the process and its children, sampled every 50 ms
    stderr: str


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and its descendants, in bytes."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        stack += children.get(current, [])
    return total


def measure(command: list[str], env: dict[str, str], cwd: Path = ROOT) -> Run:
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak_tree = 0
    done = threading.Event()

    def sample():
        nonlocal peak_tree
        while not done.is_set():
            peak_tree = max(peak_tree, _tree_rss(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{stderr}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, peak_tree / 1024 / 1024, stderr)


def median(runs: list[Run], field: str) -> float:
    return statistics.median(getattr(r, field) for r in runs)


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# The page body, whatever attributes it has (search's index reads it by data-pagefind-body).
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"[^>]*>(.*?)</article>', re.S)


def words_per_page(site: Path) -> float:
    counts = []
    for page in html_pages(site):
        match = ARTICLE.search(page.read_text(encoding="utf-8"))
        if match:
            counts.append(len(re.sub(r"<[^>]+>", " ", match.group(1)).split()))
    return statistics.mean(counts) if counts else 0.0


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1024 / 1024


def machine() -> dict:
    cpu = "unknown"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024 ** 3
    return {"cores": os.cpu_count(), "cpu": cpu, "memory_gb": round(memory, 1), "python": platform.python_version(),
            "system": platform.platform()}


def write_reference(folder: Path, pages: int, words: float) -> None:
    # The baseline writes --pages pages plus a home page, and MkDocs adds a 404 page, as ours does.
    subprocess.run([sys.executable, str(BASELINE), str(folder), "--pages", str(pages - 2), "--words", str(round(words))],
                   check=True)


def calibrate_reference(folder: Path, pages: int, words: float) -> float:
    """Write the reference site so its pages have as many words as ours, counted the same way.

    The baseline's --words is approximate (its tables and lists are estimated), so build it once,
    count, and scale. That first build also warms the file cache for the timed runs.
    """
    target = words
    for _ in range(3):
        write_reference(folder, pages, target)
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(folder / "mkdocs.yml")], check=True,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=subprocess.DEVNULL)
        measured = words_per_page(folder / "site")
        if abs(measured - words) / words < 0.03:
            return measured
        target *= words / measured
    return measured


def mkdocs(site: Path, quiet: bool = True, **env: str) -> tuple[list[str], dict[str, str]]:
    # Export runs are not quiet: their log says how many plan editions were made again.
    return ([sys.executable, "-m", "mkdocs", "build", *(["-q"] if quiet else []), "--strict", "--site-dir", str(site)],
            {"NO_MKDOCS_2_WARNING": "1", **env})


def search_index_runs(site: Path, repeats: int) -> list[Run]:
    """Pagefind's indexing of a built site, alone, as the build's hook runs it. Each run's wall_s is
    the indexing itself as index_site() times it (Python's start-up and imports are not part of
    what indexing adds to a build); cpu_s and memory are the whole process's."""
    code = ("import sys; from pathlib import Path; from plansite.search import index_site; "
            "sys.stderr.write(repr(index_site(Path(sys.argv[1])).seconds))")
    runs = []
    for _ in range(repeats):
        run = measure([sys.executable, "-c", code, str(site)], {})
        runs.append(Run(float(run.stderr.strip().splitlines()[-1]), run.cpu_s, run.peak_rss_mb, run.tree_rss_mb, run.stderr))
    return runs


def weights(site: Path, overview: str, browser=None) -> dict:
    """The page-load and search keys of latest.json, for the home page and one overview."""
    home, first = measure_weights(site, ["", overview], SEARCH_QUERY, browser=browser)
    return {
        "page_load_kb": home.load.kb,
        "page_load_gz_kb": home.load.gz_kb,
        "page_load_overview_kb": first.load.kb,
        "page_load_overview_gz_kb": first.load.gz_kb,
        "search_query_kb": home.search.kb,
        "search_query_gz_kb": home.search.gz_kb,
        # Supporting figures: which pages, what was searched for, and what each fetched.
        "page_load_pages": {"home": "/", "overview": "/" + overview},
        "search_query": SEARCH_QUERY,
        "search_query_results": home.results,
        "page_load_requests": {"home": len(home.load.fetches), "overview": len(first.load.fetches)},
        "search_query_requests": len(home.search.fetches),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partnerships", "-n", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    n, repeats = args.partnerships, args.repeats
    if not BASELINE.is_file():
        sys.exit(f"The reference site's generator is missing: {BASELINE} (it comes with ../shared/bench/).")
    work = WORK / f"n{n}"
    shutil.rmtree(work, ignore_errors=True)
    plans = work / "plans"
    generate(plans, n, args.seed)
    base_env = {"PLANSITE_PLANS": str(plans), "PLANSITE_TODAY": "2026-11-21"}

    print(f"[1/4] plansite, pages only, {n} partnerships (its timed runs alternate with step 4's)", flush=True)
    site = work / "site"
    measure(*mkdocs(site, PLANSITE_EXPORTS="false", **base_env))  # the site the weights and the reference are made from
    pages = len(html_pages(site))
    words = words_per_page(site)
    largest = max(html_pages(site), key=lambda p: p.stat().st_size)
    site_mb = folder_mb(site)
    print(f"      what a browser fetches for a page load and one search; Pagefind's indexing alone (x{repeats})", flush=True)
    weight = weights(site, sorted(p.name for p in plans.iterdir())[0] + "/")
    index_runs = search_index_runs(site, repeats)

    print(f"[2/4] reference: plain MkDocs, {pages} pages of {words:.0f} words", flush=True)
    reference = work / "reference"
    reference_words = calibrate_reference(reference, pages, words)
    reference_runs = [measure([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(reference / "mkdocs.yml")],
                              {"NO_MKDOCS_2_WARNING": "1"}, cwd=reference) for _ in range(repeats)]
    reference_pages = len(html_pages(reference / "site"))

    print(f"[3/4] plansite with every download, cold cache (x{repeats})", flush=True)
    cold_runs = []
    for i in range(repeats):
        cache = work / f"cache-cold-{i}"
        cold_runs.append(measure(*mkdocs(work / "site-downloads", False, PLANSITE_EXPORTS="true", PLANSITE_CACHE=str(cache), **base_env)))
        if i < repeats - 1:
            shutil.rmtree(cache)
    cache = work / f"cache-cold-{repeats - 1}"
    downloads_mb = folder_mb(work / "site-downloads")

    print(f"[4/4] one partnership changed: one new update, each run after a pages-only run (x{repeats})", flush=True)
    # Pages only and one changed alternate, so that the other load on the machine, which drifts over
    # a run of half an hour, weighs on both alike: their difference is what one change costs.
    pages_runs, changed_runs, remade = [], [], []
    slug = sorted(p.name for p in plans.iterdir())[0]
    edition = sorted((plans / slug / "editions").glob("*.yaml"))[-1]
    ref = re.search(r'- ref: "(\d+\.\d+\.\d+)"', edition.read_text()).group(1)
    for i in range(repeats):
        updates = plans / slug / "updates"
        updates.mkdir(exist_ok=True)
        (updates / f"bench-{i}.yaml").write_text(
            f'edition: "{edition.stem}"\naction: "{ref}"\nprogress:\n  date: 2026-11-2{i}\n  text: "Benchmark update {i}."\n',
            encoding="utf-8")
        pages_runs.append(measure(*mkdocs(site, PLANSITE_EXPORTS="false", **base_env)))
        run = measure(*mkdocs(work / "site-downloads", False, PLANSITE_EXPORTS="true", PLANSITE_CACHE=str(cache), **base_env))
        changed_runs.append(run)
        remade.append(int(re.search(r"Downloads: (\d+) plan editions made", run.stderr or "").group(1))
                      if "Downloads:" in (run.stderr or "") else None)

    plansite_rate = pages / median(pages_runs, "wall_s")
    reference_rate = reference_pages / median(reference_runs, "wall_s")
    result = {
        "partnerships": n,
        "pages": pages,
        "words_per_page": round(words, 1),
        "plansite_pages_s": round(plansite_rate, 1),
        "reference_pages_s": round(reference_rate, 1),
        "ratio_reference_over_plansite": round(plansite_rate / reference_rate, 2),
        "plansite_peak_rss_mb": round(median(pages_runs, "peak_rss_mb"), 1),
        "exports_cold_s": round(median(cold_runs, "wall_s"), 1),
        "exports_one_changed_s": round(median(changed_runs, "wall_s"), 1),
        "site_mb": round(site_mb, 1),
        "largest_page_kb": round(largest.stat().st_size / 1024, 1),
        **{k: v for k, v in weight.items() if k.endswith("_kb")},
        "search_index_s": round(median(index_runs, "wall_s"), 2),
        "plansite_pages_without_index_s": round(median(pages_runs, "wall_s") - median(index_runs, "wall_s"), 1),
        "search_index_share": round(median(index_runs, "wall_s") / (median(pages_runs, "wall_s") - median(index_runs, "wall_s")), 3),
        "machine": machine(),
        # Supporting figures.
        "reference_pages": reference_pages,
        "reference_words_per_page": round(reference_words, 1),
        "plansite_pages_only_s": round(median(pages_runs, "wall_s"), 1),
        "plansite_pages_only_cpu_s": round(median(pages_runs, "cpu_s"), 1),
        "reference_s": round(median(reference_runs, "wall_s"), 1),
        "reference_peak_rss_mb": round(median(reference_runs, "peak_rss_mb"), 1),
        "exports_cold_cpu_s": round(median(cold_runs, "cpu_s"), 1),
        "exports_cold_peak_rss_mb": round(median(cold_runs, "peak_rss_mb"), 1),
        "exports_cold_tree_rss_mb": round(median(cold_runs, "tree_rss_mb"), 1),
        "exports_one_changed_editions_remade": remade,
        "one_changed_minus_pages_only_s": round(median(changed_runs, "wall_s") - median(pages_runs, "wall_s"), 1),
        "site_with_downloads_mb": round(downloads_mb, 1),
        "largest_page": largest.relative_to(site).as_posix(),
        **{k: v for k, v in weight.items() if not k.endswith("_kb")},
        "search_index_cpu_s": round(median(index_runs, "cpu_s"), 1),
        "repeats": repeats,
        "runs": {name: [asdict(r) | {"stderr": None} for r in runs] for name, runs in (
            ("pages_only", pages_runs), ("search_index", index_runs), ("reference", reference_runs), ("exports_cold", cold_runs), ("exports_one_changed", changed_runs))},
    }
    RESULTS.mkdir(exist_ok=True)
    text = json.dumps(result, indent=2) + "\n"
    (RESULTS / "latest.json").write_text(text, encoding="utf-8")
    (RESULTS / f"n{n}.json").write_text(text, encoding="utf-8")
    write_markdown()
    print(json.dumps({k: v for k, v in result.items() if k != "runs"}, indent=2))


def write_markdown() -> None:
    """BENCHMARKS.md: one table per recorded run size."""
    rows = []
    for path in sorted(RESULTS.glob("n*.json"), key=lambda p: int(p.stem[1:])):
        r = json.loads(path.read_text(encoding="utf-8"))
        rows.append(r)
    lines = ["# Benchmarks", "",
             "Measured by `make bench` (`benchmarks/run.py`): each build is a whole process, timed "
             f"{rows[-1]['repeats'] if rows else 3} times, median shown. Machine: "
             + (f"{rows[-1]['machine']['cores']} cores, {rows[-1]['machine']['cpu']}, {rows[-1]['machine']['memory_gb']} GB."
                if rows else "not yet measured."), "",
             "| Partnerships | Pages | Words/page | Plansite pages/s | Reference pages/s | Ratio | Peak RSS (MB) "
             "| Cold downloads (s) | One changed (s) | Pages only (s) | Site (MB) | Largest page (KB) |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['partnerships']} | {r['pages']} | {r['words_per_page']:.0f} | {r['plansite_pages_s']} | "
                     f"{r['reference_pages_s']} | {r['ratio_reference_over_plansite']} | {r['plansite_peak_rss_mb']} | "
                     f"{r['exports_cold_s']} | {r['exports_one_changed_s']} | {r['plansite_pages_only_s']} | {r['site_mb']} | "
                     f"{r['largest_page_kb']} |")
    lines += ["", "What a browser fetches, and the cost of the search index (pages-only site; `benchmarks/weight.py`):", "",
              "| Partnerships | Home page load (KB) | gzipped (KB) | Overview load (KB) | gzipped (KB) "
              "| One search (KB) | gzipped (KB) | Indexing (s) | Pages only without indexing (s) | Indexing adds |",
              "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        if "search_query_kb" not in r:
            lines.append(f"| {r['partnerships']} | not measured (recorded before these keys existed) |" + " |" * 8)
            continue
        lines.append(f"| {r['partnerships']} | {r['page_load_kb']} | {r['page_load_gz_kb']} | {r['page_load_overview_kb']} | "
                     f"{r['page_load_overview_gz_kb']} | {r['search_query_kb']} | {r['search_query_gz_kb']} | "
                     f"{r['search_index_s']} | {r['plansite_pages_without_index_s']} | {r['search_index_share']:.0%} |")
    lines += ["", "Memory and the rebuild after one change (the downloads builds):", "",
              "| Partnerships | Pages only, largest process (MB) | Cold downloads, largest process (MB) "
              "| Cold downloads, whole process tree (MB) | Cold downloads CPU (s) | One changed minus pages only (s) "
              "| Editions made again |",
              "|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        if "exports_cold_tree_rss_mb" not in r:
            lines.append(f"| {r['partnerships']} | not measured (recorded before these keys existed) |" + " |" * 5)
            continue
        lines.append(f"| {r['partnerships']} | {r['plansite_peak_rss_mb']} | {r['exports_cold_peak_rss_mb']} | "
                     f"{r['exports_cold_tree_rss_mb']} | {r['exports_cold_cpu_s']} | {r['one_changed_minus_pages_only_s']} | "
                     f"{', '.join(str(n) for n in r['exports_one_changed_editions_remade'])} |")
    lines += ["", "The process tree is the build with its export workers and Pagefind, each process's resident "
              "memory summed, sampled while it runs.",
              "", "Loads are the home page (`page_load_kb`, `page_load_gz_kb`) and the first partnership's overview "
              "(`page_load_overview_kb`, `page_load_overview_gz_kb`), every response until the network is idle, nothing "
              "cached; one search (`search_query_kb`, `search_query_gz_kb`) is a search for \"burglary\" from the home "
              "page, everything fetched until its results are shown. Plain figures are bytes as served without HTTP "
              "compression, gzipped ones what a host that gzips text sends. Indexing (`search_index_s`) is Pagefind on "
              "the pages-only site, run alone; the pages-only build includes it, so the build without it "
              "(`plansite_pages_without_index_s`) is the difference, and `search_index_share` is indexing over that.",
              "", "Ratio is plansite pages/s over reference pages/s (above 1 means plansite is faster per page). "
              "Peak RSS is the pages-only build's largest process. The timed pages-only builds alternate with the "
              "one-changed builds, so that other load on the machine weighs on both alike. The JSON files in `benchmarks/results/` hold every "
              "run, CPU time, the sampled memory of the export workers, and how many plan editions the one-change "
              "rebuild made again.", ""]
    (ROOT / "BENCHMARKS.md").write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
