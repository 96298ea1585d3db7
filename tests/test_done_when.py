"""The data issue's 'done when': each mistake in a copy of a real example plan is caught with
its file, line and field, exit status 1 and no traceback."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from plansite.load.loader import load_plans

from .conftest import PLANS

EDITION = "plans/calderdale/editions/2008-2011.yaml"


def validate(tmp_path, edit, update: str | None = None):
    shutil.copytree(PLANS, tmp_path / "plans")
    path = tmp_path / EDITION
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    if update is not None:
        (tmp_path / "plans/calderdale/updates").mkdir()
        (tmp_path / "plans/calderdale/updates/2009-11-01-update.yaml").write_text(update, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "plansite", "validate"], cwd=tmp_path, capture_output=True, text=True)


CASES = {
    "duplicate key": (lambda s: s.replace("status: published\n", "status: published\nstatus: draft\n", 1), None,
                      f"{EDITION}:39:1: status: 'status' appears twice in the same block (first on line 38)."),
    "tab indent": (lambda s: s.replace("  label: 2008-2011", "\tlabel: 2008-2011", 1), None,
                   f"{EDITION}:35:1: a tab is used for indentation."),
    "unknown field": (lambda s: s.replace("          - ref: CS9.1\n", "          - ref: CS9.1\n            owner: Derek\n", 1), None,
                      f"{EDITION}:310:13: priority 1 (Confidence and satisfaction) > action CS9.1 > owner "
                      "(priorities[1].issues[10].actions[1].owner): 'owner' is not a field Plansite knows."),
    "misspelt status": (lambda s: s.replace("            status: completed\n", "            status: compleeted\n", 1), None,
                        f"{EDITION}:177:21: priority 1 (Confidence and satisfaction) > issue 4 (Area Forums) > action 3 > status "
                        "(priorities[1].issues[4].actions[3].status): 'compleeted' is not a recognised action status."
                        " Use one of: not started, in progress, at risk, completed, ongoing, not progressed, removed."
                        " Did you mean 'completed'?"),
    "unknown ref in an update": (lambda s: s, "action: CS9.9\nprogress:\n  date: 2009-11-01\n  text: Reported.\n",
                                 "plans/calderdale/updates/2009-11-01-update.yaml:1:9: action: no action with ref 'CS9.9'"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_mistake_names_file_line_and_field(tmp_path, case):
    edit, update, expected = CASES[case]
    result = validate(tmp_path, edit, update)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert expected in first, first
    assert first.startswith(EDITION) or first.startswith("plans/calderdale/updates/")


def test_an_unquoted_ref_like_3_10_is_kept_exactly(tmp_path):
    result = validate(tmp_path, lambda s: s.replace('ref: "3.10"', "ref: 3.10"))
    assert result.returncode == 0, result.stderr
    refs = [a.ref for a in load_plans(tmp_path / "plans").get("calderdale").edition("2008-2011").data.actions()]
    assert "3.10" in refs and "3.1" in refs


def test_the_readme_example_is_what_validate_prints(tmp_path):
    from .conftest import ROOT
    example = next(line for line in (ROOT / "README.md").read_text().splitlines() if line.startswith(EDITION + ":"))
    def misspell_tc2_2(text: str) -> str:
        at = text.index("due: October 2009\n", text.index("- ref: TC2.2"))
        return text[:at] + "due: October 2009\n            status: in progres\n" + text[at + len("due: October 2009\n"):]

    result = validate(tmp_path, misspell_tc2_2)
    assert result.stderr.splitlines()[0] == example
    shown = next(line for line in (ROOT / "plans" / "README.md").read_text().splitlines() if line.startswith(EDITION + ":"))
    assert example.startswith(shown.removesuffix("..."))
