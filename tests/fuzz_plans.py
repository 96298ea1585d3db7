"""Property-based fuzzing: a mutated example plan gives PlanErrors, or a site and downloads, nothing else.

    python tests/fuzz_plans.py --cases 2000 --deep 40           # as `make test` runs it (same cases every time)
    python tests/fuzz_plans.py --cases 20000 --deep 400 --random  # `make fuzz`: new cases each run

Loader cases take one file of the example plans (or a progress record for one of them), mutate it
with hypothesis (bytes, lines or structure, or all three) and load the partnership it belongs to.
Only PlanErrors may come out, and every problem must have a position and one line of text.

Deep cases put hostile but well-formed values in (the longest texts allowed, markup, scripts,
boundary dates and numbers) and, where the plans still validate, take them through everything the
build does after loading except MkDocs and the PDFs: the public view, every page, feeds, text,
CSV, JSON, Word and OpenDocument. Anything the build could fail on must be caught by validation.

Every case runs under resource limits: the whole run under RLIMIT_AS (memory), each case under a
CPU-time limit, so a case that runs away fails the run instead of hanging it. Times and memory are
measured and reported, never asserted. The last line printed is JSON with the counts and worst cases.
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path

import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from datetime import date

from plansite.build import ChecklistEnforced, SiteBuild
from plansite.export import EXPORTERS, ExportJob, ExportOptions
from plansite.load.loader import PlanErrors, load_plans
from plansite.load.yamlsafe import MAX_DEPTH, MAX_TEXT, parse_yaml

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
MEMORY_LIMIT = 2 * 1024 ** 3  # address space for the whole run
CASE_CPU_SECONDS = 30  # far beyond any real case (tens of milliseconds): only a runaway reaches it
RECORD = ('action: "{ref}"\nprogress:\n  date: 2011-07-30\n  text: "Campaign launched."\n  status: in progress\n'
          "  significant: true\n")

# Pieces that YAML, encodings and the models treat specially.
PIECES = [
    b"\x00", b"\x07", b"\x1b", b"\x7f", b"\x85", b"\x92", b"\xe9", b"\xff", b"\xc3", b"\xe2\x80\xa8", b"\xef\xbb\xbf",
    b"\t", b"\r", b"\n", b"\r\n", b" ", b"  ", b"'", b'"', b"[", b"]", b"{", b"}", b":", b": ", b"-", b"- ", b"#",
    b" #", b"&a ", b"*a", b"!", b"!!str ", b"!!binary ", b"%", b"@", b"`", b"|", b"|-\n", b">", b"?", b"? ", b",",
    b"\\", b"<<: ", b"---\n", b"...\n", b"~", b"null", b"1e999999999", b"9" * 30, b"-0", b"0x10", b"1301616000",
    b"2999-01-01", b"0000-00-00", b"2008/09", b"2099/00", b"9999/00", b"\xf0\x9f\x98\x80", b'"\\u2028"', b'"\\x00"',
    b'"\\ud800"', b"\xd8\x00", b"true", b"yes", b"[[[[[[[[[[", b"]]]]]]]]", b"{a: b, c: [d, {e: f}]}",
]
LINES = [
    "x: &a [1, 2]", "y: *a", "<<: *a", "- item", "key: value: more", "  - misplaced", "? complex", "---", "...",
    "summary: |", "  [link](http://x", "title: 'open", 'title: "open', "status: publishd", "period: {start: 1301616000}",
    "value: 1e999999999", "unknown_field: 1", "- - - - - - - - - - - - - - - - - - - - - - - x", "%YAML 1.1",
    "\tindented: tab", "ref: 1.10", "date: 9999-12-31", "due: 31/02/2009", "text: ''", "text:", "region: " + "R" * 300,
]
VALUES = st.one_of(
    st.sampled_from(["", "~", "null", "1e999999999", "1301616000", "9" * 40, "-0.000000001", "2008-13-45",
                     "2099/00", "9999/00 Q4", "Oct 2999", "in progres", "published", "true", "yes", "@me", "*a", "&a b",
                     "a: b", "- x", "[x", "x]", "'", '"', "#", "\u2028", "\x00", "\ud800", "é" * 50, "x" * 300,
                     "jane.smith@example.org", "07700 900123", "Cllr Jane Smith", "[" * 2000, "`a``" * 500]),
    st.text(max_size=40),
    st.builds(lambda n: "a" * n, st.sampled_from([MAX_TEXT - 1, MAX_TEXT, MAX_TEXT + 1])),
    st.builds(lambda n: _nested(n), st.integers(min_value=1, max_value=MAX_DEPTH + 5)),
    st.lists(st.text(max_size=10), max_size=50),
    st.dictionaries(st.text(max_size=12), st.text(max_size=12), max_size=5),
    st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.none(), st.booleans(),
)


# Well-formed values a plan could hold, chosen to stress what renders them.
HOSTILE_TEXT = st.one_of(
    st.sampled_from([
        "<script>alert(1)</script>", "=HYPERLINK(\"http://x\")", "+1-1", "@SUM(A1)", "Ynys Môn", "Llanfair­pwll",
        "👩‍👩‍👧 and 🇬🇧", "שלום עולם", "مرحبا", "x" * 199, "word " * 3000, "a" * 19_000, "*" * 100, "_" * 100,
        "[a](javascript:alert(1))", "Line one\n\nLine two", "{{ 1 + 1 }}", "{% raw %}", "%s %d {0}", "\\", "'\"",
        "&amp; &lt;", "\u200b", "A\u0301", "ﬁ ligature", "Ω", "0", "-", "…", "<!-- x -->", "]]>", "\u00a0x",
        "# Heading\n\n- a\n- b", "> quote", "`code`", "| a | b |\n|---|---|", "line\\\nbreak", "ǅ", "İ", "ß",
    ]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=80),
)
HOSTILE = {
    "date": st.sampled_from(["1900-01-01", "2199-12-31", "2000-02-29", "2199-01-01", "1900-12-31"]),
    "period": st.sampled_from(["1900/01", "2198/99", "2198/99 Q4", "1900/01 Q1", "2199", "1900", "2199-12", "1900-01"]),
    "number": st.sampled_from(["999999999999.999999", "-999999999999.999999", "0.000001", "0", "-0", "000000000001",
                               "1.000000", "-0.000001", "500000000000"]),
    "written date": st.sampled_from(["Dec 2199", "1 January 1900", "31/12/99", "Ongoing", "2199", "Jan 1900", "29/02/2000"]),
    "ref": st.sampled_from(["1.10", "x" * 40, "ß.1", "<b>", "a/b", "1", "#1", "..", "0.0.0.0.0.0"]),
    "text": HOSTILE_TEXT,
}
_SHAPES = [
    ("date", r"\d{4}-\d{2}-\d{2}"), ("period", r"\d{4}(/\d{2,4}( Q[1-4])?|-\d{2})?"), ("number", r"-?\d+(\.\d+)?"),
    ("written date", r"(\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|[A-Za-z]{3,9}\.? '?\d{2,4}|\d{1,2}(st|nd|rd|th)? [A-Za-z]+ \d{4})"),
    ("ref", r"[A-Z]{0,3}\.?\d+(\.\d+)*"),
]


def _shape(value: str) -> str:
    import re

    return next((name for name, pattern in _SHAPES if re.fullmatch(pattern, value)), "text")


@st.composite
def hostile_values(draw, raw: bytes) -> tuple[bytes, str]:
    parsed, _ = parse_yaml(raw, "x.yaml")
    data = parsed.data
    strings = [path for path in _paths(data) if path and isinstance(_at(data, path), str)
               and path[-1] not in ("id", "status", "direction", "unit", "country", "superseded_by", "key", "priority",
                                    "edition", "action", "sensitive", "significant", "draft", "public", "publish_name",
                                    "enforce_checklist", "strands", "flags", "actions", "email", "url", "website",
                                    "police_and_crime_plan", "scrutiny")
               and not (len(path) > 1 and path[-2] in ("strands", "flags", "actions"))]
    done = []
    for _ in range(draw(st.integers(1, 6))):
        if not strings:
            break
        path = draw(st.sampled_from(strings))
        kind = _shape(_at(data, path))
        _at(data, path[:-1])[path[-1]] = draw(HOSTILE[kind])
        done.append(f"{kind} {'.'.join(map(str, path))}")
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return text.encode("utf-8"), "hostile " + "; ".join(done)


def _at(data, path):
    for part in path:
        data = data[part]
    return data


def downstream(root: Path) -> None:
    """Everything a build does after loading, but MkDocs itself and the PDFs."""
    build = SiteBuild.load(root, today=date(2026, 11, 21), templates=ROOT / "overrides")
    urls = [page.url for page in build.pages]
    assert len(set(urls)) == len(urls), "two pages with one address"
    for page in build.pages:
        assert all(len(part.encode()) <= 255 for part in page.url.split("/")), f"a file name too long: {page.url}"
        build.render(page)
    build.generated_files("https://plansite.example/", "Community safety plans")
    build.nav()
    for view in build.views.values():
        for name in ("text", "actions-csv", "indicators-csv", "json", "docx", "odt"):
            job = ExportJob(view, ExportOptions())
            exporter = EXPORTERS[name]()
            assert len(exporter.filename(job).encode()) <= 255, exporter.filename(job)
            exporter.render(job)


def _nested(depth: int):
    value: object = "x"
    for _ in range(depth):
        value = [value]
    return value


class CaseTooSlow(Exception):
    pass


def _too_slow(signum, frame):
    raise CaseTooSlow(f"a case used more than {CASE_CPU_SECONDS} s of CPU time")


# -- Mutations -------------------------------------------------------------------------------------


@st.composite
def byte_mutations(draw, raw: bytes) -> tuple[bytes, str]:
    data = bytearray(raw)
    done = []
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = draw(st.one_of(st.sampled_from(PIECES), st.binary(min_size=1, max_size=6)))
        if kind == "insert":
            data[at:at] = piece
        elif kind == "delete":
            del data[at: at + draw(st.integers(1, 40))]
        else:
            data[at: at + len(piece)] = piece
        done.append(f"{kind}@{at}")
    return bytes(data), "bytes " + ",".join(done)


@st.composite
def line_mutations(draw, raw: bytes) -> tuple[bytes, str]:
    lines = raw.decode("utf-8").split("\n")
    done = []
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            lines = [""]
        n = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent", "insert", "truncate", "join",
                                     "move", "crlf"]))
        if kind == "delete":
            del lines[n]
        elif kind == "duplicate":
            lines.insert(n, lines[n])
        elif kind == "swap" and n + 1 < len(lines):
            lines[n], lines[n + 1] = lines[n + 1], lines[n]
        elif kind == "indent":
            lines[n] = " " * draw(st.integers(1, 4)) + lines[n]
        elif kind == "dedent":
            lines[n] = lines[n][draw(st.integers(1, 4)):]
        elif kind == "insert":
            lines.insert(n, " " * draw(st.integers(0, 12)) + draw(st.sampled_from(LINES)))
        elif kind == "truncate":
            lines = lines[:n]
        elif kind == "join" and n + 1 < len(lines):
            lines[n: n + 2] = [lines[n] + " " + lines[n + 1].lstrip()]
        elif kind == "move":
            lines.insert(draw(st.integers(0, len(lines))), lines.pop(n))
        elif kind == "crlf":
            lines = [line + "\r" for line in lines]
        done.append(f"{kind}@{n + 1}")
    return "\n".join(lines).encode("utf-8", "surrogatepass"), "lines " + ",".join(done)


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, path + (index,))


@st.composite
def structure_mutations(draw, raw: bytes) -> tuple[bytes, str]:
    parsed, _ = parse_yaml(raw, "x.yaml")
    data = parsed.data
    done = []
    for _ in range(draw(st.integers(1, 3))):
        paths = list(_paths(data))
        path = draw(st.sampled_from(paths))
        kind = draw(st.sampled_from(["replace", "delete", "duplicate", "rename", "add", "wrap"]))
        if not path:
            kind = "add" if isinstance(data, dict) else "replace"
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        last = path[-1] if path else None
        if kind == "replace":
            if path:
                parent[last] = draw(VALUES)
            else:
                data = draw(VALUES)
        elif kind == "delete":
            del parent[last]
        elif kind == "duplicate" and isinstance(parent, list):
            parent.insert(last, parent[last])
        elif kind == "rename" and isinstance(parent, dict) and isinstance(last, str):
            parent[draw(st.sampled_from([last + "s", last[:-1] or "x", last.upper(), last.replace("_", " ")]))] = parent.pop(last)
        elif kind == "add":
            target = parent[last] if path else data
            if isinstance(target, dict):
                target[draw(st.text(min_size=1, max_size=12))] = draw(VALUES)
            elif isinstance(target, list):
                target.append(draw(VALUES))
        elif kind == "wrap":
            parent[last] = [parent[last]]
        done.append(f"{kind} {'.'.join(map(str, path))}")
    style = draw(st.sampled_from(["block", "flow", "json"]))
    try:
        if style == "json":
            text = json.dumps(data, ensure_ascii=draw(st.booleans()), default=str)
        else:
            text = yaml.safe_dump(data, allow_unicode=True, default_flow_style=(style == "flow"), sort_keys=False, width=80)
    except (ValueError, yaml.YAMLError, RecursionError, UnicodeEncodeError):
        text = repr(data)
    return text.encode("utf-8", "surrogatepass"), "structure " + "; ".join(done) + f" ({style})"


# -- The run ---------------------------------------------------------------------------------------


class Run:
    def __init__(self, work: Path):
        self.work = work
        self.files: list[tuple[Path, Path, bytes]] = []  # (plans root, file, original bytes)
        for folder in sorted(p for p in PLANS.iterdir() if (p / "partnership.yaml").is_file()):
            root = work / folder.name / "plans"
            shutil.copytree(folder, root / folder.name)
            for path in sorted((root / folder.name).rglob("*.yaml")):
                self.files.append((root, path, path.read_bytes()))
            ref = _first_ref(root / folder.name)
            if ref:
                record = root / folder.name / "updates" / "2011-07-30-record.yaml"
                self.files.append((root, record, RECORD.format(ref=ref).encode()))
        self.cases = 0
        self.outcomes = {"valid": 0, "problems": 0, "built": 0}
        self.deep_cases = 0
        # The slowest case and the one that raised the process's peak memory, for loader cases and deep ones.
        self.worst_cpu = {"loader": (0.0, ""), "deep": (0.0, "")}
        self.worst_rss = {"loader": (0, ""), "deep": (0, "")}

    def run_case(self, root: Path, path: Path, original: bytes, mutated: bytes, label: str, deep: bool = False) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(mutated)
        peak_before = _peak()
        signal.setitimer(signal.ITIMER_PROF, CASE_CPU_SECONDS)
        start = time.process_time()
        try:
            load_plans(root)
            self.outcomes["valid"] += 1
            if deep:
                try:
                    downstream(root)
                    self.outcomes["built"] += 1
                except ChecklistEnforced:
                    pass
        except PlanErrors as errors:
            self.outcomes["problems"] += 1
            for problem in errors.problems:
                text = str(problem)
                assert problem.line >= 1 and problem.column >= 1, text
                assert problem.message and "\n" not in text and "\r" not in text, repr(text)
            assert errors.report().endswith("Nothing was published.")
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
            used = time.process_time() - start
            if path.name == "2011-07-30-record.yaml":
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(original)
        if deep:
            self.deep_cases += 1
        else:
            self.cases += 1
        where = f"{path.relative_to(self.work)}: {label}"
        kind = "deep" if deep else "loader"
        if used > self.worst_cpu[kind][0]:
            self.worst_cpu[kind] = (used, where)
        # The process's peak only grows: a case that raised it holds the record, with what it raised it to.
        peak = _peak()
        if peak > peak_before and peak > self.worst_rss[kind][0]:
            self.worst_rss[kind] = (peak, where)


def _first_ref(folder: Path) -> str | None:
    try:
        catalogue = load_plans(folder.parent)
    except PlanErrors:
        return None
    actions = [a for e in catalogue.partnerships[0].editions for a in e.data.actions() if a.ref]
    return actions[0].ref if actions else None


def _peak() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000, help="loader cases")
    parser.add_argument("--deep", type=int, default=40, help="cases taken through the rest of the build")
    parser.add_argument("--random", action="store_true", help="new cases each run (default: the same cases every run)")
    parser.add_argument("--work", type=Path, help="the folder to work in (default: a new temporary folder)")
    args = parser.parse_args(argv)

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    signal.signal(signal.SIGPROF, _too_slow)
    work = Path(tempfile.mkdtemp(prefix="plansite-fuzz-", dir=args.work))
    run = Run(work)
    failure = None
    started = time.monotonic()

    @settings(max_examples=max(1, args.cases), deadline=None, database=None, derandomize=not args.random,
              suppress_health_check=list(HealthCheck), phases=[Phase.generate, Phase.shrink], print_blob=False)
    @given(st.data())
    def case(data):
        root, path, original = data.draw(st.sampled_from(run.files), label="file")
        strategy = data.draw(st.sampled_from(["bytes", "lines", "structure", "all"]), label="kind")
        mutated, label = original, ""
        if strategy in ("structure", "all"):
            mutated, label = data.draw(structure_mutations(mutated), label="structure")
        if strategy in ("lines", "all"):
            try:
                mutated, more = data.draw(line_mutations(mutated), label="lines")
                label += " " + more
            except UnicodeDecodeError:
                pass
        if strategy in ("bytes", "all"):
            mutated, more = data.draw(byte_mutations(mutated), label="bytes")
            label += " " + more
        run.run_case(root, path, original, mutated, label.strip())

    @settings(max_examples=max(1, args.deep), deadline=None, database=None, derandomize=not args.random,
              suppress_health_check=list(HealthCheck), phases=[Phase.generate, Phase.shrink], print_blob=False)
    @given(st.data())
    def deep_case(data):
        root, path, original = data.draw(st.sampled_from([f for f in run.files if "updates" not in f[1].parts]),
                                         label="file")
        mutated, label = data.draw(hostile_values(original), label="hostile")
        run.run_case(root, path, original, mutated, label, deep=True)

    try:
        if args.cases:
            case()
        if args.deep:
            deep_case()
    except Exception:  # hypothesis re-raises the smallest failing case after shrinking
        failure = traceback.format_exc()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report = {
        "cases": run.cases, "deep_cases": run.deep_cases, "outcomes": run.outcomes, "crashes": 0 if failure is None else 1,
        "seconds": round(time.monotonic() - started, 1),
        "peak_rss_mb": round(_peak() / 1024 ** 2, 1),
        **{f"{kind}_slowest_cpu_s": round(run.worst_cpu[kind][0], 3) for kind in ("loader", "deep")},
        **{f"{kind}_slowest_case": run.worst_cpu[kind][1][:300] for kind in ("loader", "deep")},
        **{f"{kind}_peak_raised_to_mb": round(run.worst_rss[kind][0] / 1024 ** 2, 1) for kind in ("loader", "deep")},
        **{f"{kind}_peak_case": run.worst_rss[kind][1][:300] for kind in ("loader", "deep")},
    }
    if failure:
        print(failure, file=sys.stderr)
    print(json.dumps(report))
    return 1 if failure else 0


if __name__ == "__main__":
    sys.exit(main())
