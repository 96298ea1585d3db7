"""The form editor in Chromium, against `plansite edit` (what `make edit` runs) on free ports,
saving into a copy of the example plans in tmp_path."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from .conftest import PLANS, REPORT, ROOT, TODAY
from .test_serve_errors import free_port, get, wait_for
from .test_site_browser import AXE_TAGS, AXE_SCRIPT, describe, run_axe

SERVER = ROOT / ".cache/editor/server/node_modules/.bin/decap-server"
NOTE = "Campaign <b>relaunched</b> with the fire service & 'Park ward' forum"


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    assert SERVER.is_file(), "run 'bash tools/install-editor.sh' (make test does) to fetch the form editor"
    work = tmp_path_factory.mktemp("editor")
    shutil.copytree(PLANS, work / "plans")
    port, backend = free_port(), free_port()
    env = {**os.environ, "PLANSITE_PLANS": str(work / "plans"), "PLANSITE_TODAY": TODAY}
    log = (work / "edit.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "plansite", "edit", "--address", f"127.0.0.1:{port}",
                                "--editor-port", str(backend)], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: get(port, "/admin/calderdale/")[0] == 200, timeout=120, interval=0.5)
        yield {"base": f"http://127.0.0.1:{port}", "port": port, "backend": backend, "plans": work / "plans",
               "process": process, "log": work / "edit.log"}
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()


@pytest.fixture
def tab(browser, editor):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []

    def guard(route):
        # Only this machine's two servers may be asked for anything.
        if not route.request.url.startswith("http://127.0.0.1:"):
            outside.append(route.request.url)
            return route.abort()
        return route.continue_()

    context.route("**/*", guard)
    page = context.new_page()
    page.outside_requests = outside
    page.requested = requested = []
    page.on("request", lambda request: requested.append(request.url))
    yield page
    context.close()


def _open_new(page, base: str, collection: str):
    page.goto(f"{base}/admin/", wait_until="load")
    page.get_by_role("link", name="Calderdale", exact=True).click()
    page.get_by_role("button", name="Login").click()
    page.get_by_role("link", name="Progress updates").wait_for()
    page.goto(f"{base}/admin/calderdale/#/collections/{collection}/new")
    page.locator('[id^="action-field-"]').first.wait_for()


def _choose(page, field: str, typed: str):
    page.locator(f'[id^="{field}-field-"]').first.click()
    page.keyboard.type(typed)
    page.keyboard.press("Enter")


def _publish(page):
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text("Publish now").click()


def _wait_on_page(page, check, timeout: float):
    # Poll with the page's own clock: the request guard runs only while Playwright is called,
    # so a plain sleep here would hold the form's save request until it timed out.
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if found := check():
            return found
        page.wait_for_timeout(200)
    raise AssertionError(f"not within {timeout} s")


def _saved(tab, editor, suffix: str) -> list:
    """The records with this ending, once decap-server has finished writing them: it makes a file
    and writes it in more than one step, and a test that reads between the two sees it empty."""
    def written():
        found = [p for p in _records(editor) if p.name.endswith(suffix)]
        return found if found and all(p.read_text(encoding="utf-8").endswith("\n") for p in found) else None
    return _wait_on_page(tab, written, timeout=20)


def _records(editor) -> list:
    folder = editor["plans"] / "calderdale" / "updates"
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def test_a_progress_update_made_in_the_form_is_saved_checked_and_published(tab, editor):
    base = editor["base"]
    _open_new(tab, base, "progress")
    _choose(tab, "action", "TC1.1:")
    # The help text (the schema's description) is read with the field, not only shown.
    for field, hint in [("text", "What happened, in plain English. This is published."),
                        ("action", "The ref of the action a progress update or internal note is about.")]:
        control = f'[id^="{field}-field-"][aria-describedby$="-hint"]'
        tab.wait_for_selector(control, state="attached", timeout=10000)
        described = tab.locator(control).first.get_attribute("aria-describedby").split()[-1]
        assert tab.locator(f"#{described}").inner_text() == hint
    tab.locator('[id^="text-field-"]').first.fill(NOTE)
    _choose(tab, "status", "at risk")
    tab.locator('[id^="significant-field-"]').first.click()
    tab.locator('[id^="date-field-"]').first.fill("2009-11-20")
    tab.locator('[id^="due-field-"]').first.fill("March")
    tab.locator('[id^="due-field-"]').first.fill("")  # typed and cleared: must not be saved as ""
    _publish(tab)
    saved = _saved(tab, editor, ".progress.yaml")
    assert len(saved) == 1
    text = saved[0].read_text(encoding="utf-8")
    assert "action: TC1.1\n" in text and "status: at risk\n" in text and "significant: true\n" in text
    assert "edition: 2008-2011\n" in text and "due:" not in text

    validate = subprocess.run([sys.executable, "-m", "plansite", "validate", str(editor["plans"])],
                              capture_output=True, text=True, cwd=ROOT)
    assert (validate.returncode, validate.stderr) == (0, ""), validate.stderr
    assert validate.stdout.startswith("Valid: 7 partnerships")

    def published():
        status, html = get(editor["port"], "/calderdale/priorities/tackling-crime/", timeout=30)
        return html if status == 200 and "relaunched" in html else None

    html = wait_for(published, timeout=60, interval=0.5)
    card = html[html.index('id="action-tc1-1"'):][:8000]
    assert "Campaign &lt;b&gt;relaunched&lt;/b&gt; with the fire service &amp; &#39;Park ward&#39; forum" in card or \
           "Campaign &lt;b&gt;relaunched&lt;/b&gt; with the fire service &amp; 'Park ward' forum" in card
    assert "<b>relaunched" not in html
    assert "At risk or delayed" in card
    assert tab.outside_requests == []
    REPORT["editor: requests leaving 127.0.0.1"] = f"{len(set(tab.requested))} distinct requests, {len(tab.outside_requests)} outside"


def test_a_you_said_we_did_entry_with_long_text_is_saved_under_a_short_name(tab, editor):
    said = "Residents of Park ward said the street lights on the estate were out for weeks " * 5
    tab.goto(f"{editor['base']}/admin/", wait_until="load")
    tab.get_by_role("link", name="Calderdale", exact=True).click()
    tab.get_by_role("button", name="Login").click()
    tab.get_by_role("link", name="You said, we did").wait_for()
    tab.goto(f"{editor['base']}/admin/calderdale/#/collections/said/new")
    tab.locator('[id^="said-field-"]').first.fill(said.strip())
    tab.locator('[id^="source-field-"]').first.fill("Park ward forum")
    tab.locator('[id^="did-field-"]').first.fill("The council repaired them within a week.")
    _choose(tab, "actions", "TC1.1:")
    _choose(tab, "actions", "CS9.1:")
    tab.locator('[id^="date-field-"]').first.fill("2009-11-21")
    _publish(tab)
    saved = _saved(tab, editor, ".said.yaml")
    assert len(saved) == 1 and len(saved[0].name) <= len("2009-11-21-") + 40 + len(".said.yaml"), saved[0].name
    text = saved[0].read_text(encoding="utf-8")
    assert "  actions:\n    - TC1.1\n    - CS9.1\n" in text and "  significant: true\n" in text
    validate = subprocess.run([sys.executable, "-m", "plansite", "validate", str(editor["plans"])],
                              capture_output=True, text=True, cwd=ROOT)
    assert validate.returncode == 0, validate.stderr
    # The list shows each entry by its date and first words.
    tab.goto(f"{editor['base']}/admin/calderdale/#/collections/said")
    tab.get_by_text("2009-11-21: Residents of Park ward said the street lights").wait_for()


def test_a_meeting_and_the_contact_details_are_saved_in_their_own_small_files(tab, editor):
    base = editor["base"]
    tab.goto(f"{base}/admin/calderdale/", wait_until="load")
    tab.get_by_role("button", name="Login").click()
    tab.get_by_role("link", name="Public meetings").wait_for()
    tab.goto(f"{base}/admin/calderdale/#/collections/meeting/new")
    tab.locator('[id^="title-field-"]').first.fill("Annual public meeting of the partnership")
    tab.locator('[id^="location-field-"]').first.fill("Halifax Town Hall")
    tab.locator('[id^="date-field-"]').first.fill("2009-12-01")
    _publish(tab)
    meeting = _saved(tab, editor, ".meeting.yaml")
    text = meeting[0].read_text(encoding="utf-8")
    assert "meeting:\n" in text and "  date: 2009-12-01\n" in text and "  public: true\n" in text
    # Contact details: Calderdale has none yet, so the form makes contact.yaml.
    contact = editor["plans"] / "calderdale" / "contact.yaml"
    partnership = (editor["plans"] / "calderdale" / "partnership.yaml").read_bytes()
    assert not contact.exists()
    tab.goto("about:blank")  # a fresh start: Decap reuses the meeting form's parts otherwise
    tab.goto(f"{base}/admin/calderdale/#/collections/contact/entries/contact")
    tab.locator('[id^="team-field-"]').first.fill("Safer Calderdale Team")
    tab.locator('[id^="email-field-"]').first.fill("not an address")
    _publish(tab)
    tab.get_by_text("Must be an email address, like community.safety@example.gov.uk").wait_for(timeout=10000)
    assert not contact.exists()
    tab.locator('[id^="email-field-"]').first.click()
    tab.keyboard.press("Control+A")
    tab.keyboard.type("safer.calderdale@calderdale.gov.uk")
    _publish(tab)
    # Written in more than one step, like a record (_saved).
    _wait_on_page(tab, lambda: contact.exists() and contact.read_text(encoding="utf-8").endswith("\n"), timeout=20)
    assert contact.read_text(encoding="utf-8") == "team: Safer Calderdale Team\nemail: safer.calderdale@calderdale.gov.uk\n"
    assert (editor["plans"] / "calderdale" / "partnership.yaml").read_bytes() == partnership

    def published():
        status, html = get(editor["port"], "/calderdale/contact/", timeout=30)
        return html if status == 200 and "Safer Calderdale Team" in html else None

    html = wait_for(published, timeout=60, interval=0.5)
    assert "safer.calderdale@calderdale.gov.uk" in html


def test_the_form_cannot_save_an_unknown_ref_or_status(tab, editor):
    before = _records(editor)
    _open_new(tab, editor["base"], "progress")
    _choose(tab, "action", "CS9.9")
    assert tab.locator('[id^="action-field-"]').first.input_value() in ("", "CS9.9")
    tab.locator('[id^="text-field-"]').first.fill("A note for an action that is not in the plan.")
    _choose(tab, "status", "finished")
    _publish(tab)
    tab.get_by_text("Oops, you've missed a required field. Please complete before saving.").wait_for(timeout=10000)
    tab.wait_for_timeout(1000)
    assert _records(editor) == before
    # Nothing was chosen: the select offers only the plan's words.
    tab.locator('[id^="status-field-"]').first.click()
    tab.keyboard.type("finished")
    assert tab.get_by_text("No options").is_visible()


def test_nothing_leaves_this_machine_and_the_editors_own_pages_pass_axe(tab, editor):
    base = editor["base"]
    tab.goto(f"{base}/admin/", wait_until="load")
    ours = describe("admin/", run_axe(tab))
    tab.goto(f"{base}/admin/calderdale/", wait_until="load")
    tab.get_by_role("button", name="Login").wait_for()
    # The wrapper around Decap: the page, its title and language, and the messages shown before
    # Decap starts. Decap's own interface (#nc-root) is listed, not asserted.
    tab.evaluate(AXE_SCRIPT)
    wrapper = tab.evaluate("tags => axe.run({exclude: [['#nc-root']]}, {runOnly: {type: 'tag', values: tags}, "
                           "resultTypes: ['violations']})", AXE_TAGS)["violations"]
    ours += describe("admin/calderdale/ (without Decap's interface)", wrapper)
    decap = describe("admin/calderdale/ login", run_axe(tab))
    tab.get_by_role("button", name="Login").click()
    tab.get_by_role("link", name="Progress updates").wait_for()
    decap += describe("admin/calderdale/ collections", run_axe(tab))
    tab.goto(f"{base}/admin/calderdale/#/collections/progress/new")
    tab.locator('[id^="action-field-"]').first.wait_for()
    decap += describe("admin/calderdale/ new progress update", run_axe(tab))
    REPORT["axe on the editor's own pages"] = f"2 pages checked, {len(ours)} violations found"
    REPORT["axe on Decap CMS's interface (login, collection, new record)"] = (
        f"3 screens checked, {len(decap)} violations: " + "; ".join(decap)) if decap else "3 screens checked, 0 violations found"
    assert ours == []
    # Decap's own grey text fails contrast; plansite-admin.css darkens it (a Decap upgrade must pass this again).
    assert decap == []
    assert tab.outside_requests == []
    runtime = [url for url in tab.requested if url.endswith("decap-cms.js")]
    assert runtime == [f"{base}/admin/decap-cms.js"] * len(runtime) and runtime


def test_on_another_host_without_a_backend_the_editor_says_so_and_loads_nothing(browser, editor):
    context = browser.new_context()
    requested = []
    # The same page as a visitor to a deployed site would get it: not on this computer.
    context.route("http://plansite.test/**", lambda route: route.fulfill(
        status=200, content_type="text/html" if route.request.url.endswith("/") else "application/javascript",
        body=get(editor["port"], route.request.url.removeprefix("http://plansite.test"))[1]))
    page = context.new_page()
    page.on("request", lambda request: requested.append(request.url))
    page.goto("http://plansite.test/admin/calderdale/", wait_until="load")
    message = page.locator("#ps-admin-not-set-up")
    assert message.is_visible()
    assert "The form editor is not set up for this site yet" in message.inner_text()
    assert not any(url.endswith("decap-cms.js") for url in requested)
    context.close()


def test_ctrl_c_stops_both_servers(editor):
    process = editor["process"]
    assert get(editor["port"], "/admin/")[0] == 200
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) == 0

    def refused(port):
        try:
            get(port, "/", timeout=2)
        except OSError:
            return True
        return False

    wait_for(lambda: refused(editor["port"]) and refused(editor["backend"]), timeout=10)
