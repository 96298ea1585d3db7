"""The live preview while the plans have problems: every page answers at once with the problems."""
from __future__ import annotations

import http.client
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from plansite.load.yamlsafe import Problem
from plansite.serve import PreviewErrors, failure_page, problems_page

from .conftest import PLANS, REPORT, ROOT, TODAY
from .test_site_browser import describe, run_axe

EDITION = "calderdale/editions/2008-2011.yaml"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port: int, path: str, timeout: float = 5.0) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def wait_for(check, timeout: float, interval: float = 0.2):
    """Poll check() until it returns something true, or fail after timeout seconds."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = check()
            if last:
                return last
        except OSError as error:  # not listening yet, or a read timed out
            last = error
        time.sleep(interval)
    raise AssertionError(f"not within {timeout} s; last: {str(last)[:300]}")


@pytest.fixture
def preview(tmp_path):
    """`mkdocs serve` on a free port, previewing a copy of the example plans in tmp_path."""
    plans = tmp_path / "plans"
    shutil.copytree(PLANS, plans)
    port = free_port()
    env = {**os.environ, "PLANSITE_PLANS": str(plans), "PLANSITE_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                               cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for(lambda: get(port, "/")[0] in (200, 503), timeout=120, interval=0.5)
        yield port, plans, tmp_path / "serve.log"
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def test_a_broken_plan_is_shown_at_every_address_within_seconds_and_the_plan_returns_after_the_fix(preview, browser):
    port, plans, log = preview
    status, html = get(port, "/calderdale/")
    assert status == 200 and "Calderdale" in html
    edition = plans / EDITION
    original = edition.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    line = next(i for i, text in enumerate(lines) if text.strip() == "status: completed")
    # A mistake with markup in it: the page must show it as text.
    lines[line] = lines[line].replace("completed", '"<b>complet</b>"')
    edition.write_text("".join(lines), encoding="utf-8")
    broken_at = time.monotonic()

    def error_page():
        status, html = get(port, "/calderdale/priorities/tackling-crime/")
        return (status, html) if "The plans have problems" in html else None

    status, html = wait_for(error_page, timeout=5)
    REPORT["preview error page"] = f"shown {time.monotonic() - broken_at:.1f} s after the plan broke (bound 5 s)"
    assert status == 503
    column = lines[line].index('"') + 1
    assert f"{edition}:{line + 1}:{column}" in html
    assert ("<span class=\"ps-errors__field\">priority 1 (Confidence and satisfaction) &gt; issue 4 (Area Forums) &gt; "
            "action 3 &gt; status (priorities[1].issues[4].actions[3].status)</span>: "
            "&#x27;&lt;b&gt;complet&lt;/b&gt;&#x27; is not a recognised action status.") in html
    assert "<b>complet" not in html
    # Every address, not only pages that were built, answers at once; the editor stays up.
    for path in ("/", "/no/such/page/", "/calderdale/feed.xml", "/assets/stylesheets/plansite.css"):
        assert get(port, path, timeout=5)[0] == 503
    assert get(port, "/admin/calderdale/", timeout=5)[0] == 200

    # The page a person has open reloads by itself once the file is fixed.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"http://127.0.0.1:{port}/calderdale/", wait_until="load")
        assert page.title() == "The plans have problems"
        page.set_viewport_size({"width": 320, "height": 800})
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 320
        page.set_viewport_size({"width": 1280, "height": 900})
        violations = describe("preview error page", run_axe(page))
        REPORT["axe on the preview error page"] = f"1 page checked, {len(violations)} violations found"
        assert violations == []
        edition.write_text(original, encoding="utf-8")
        page.wait_for_function("document.title.indexOf('Calderdale') !== -1", timeout=60000)
        assert page.locator("h1").first.inner_text() != "The plans have problems"
    finally:
        context.close()
    status, html = get(port, "/calderdale/priorities/tackling-crime/", timeout=30)
    assert status == 200 and "The plans have problems" not in html
    assert "have problems; the preview shows them at every address" in log.read_text()


def test_a_preview_started_with_broken_plans_serves_the_problems(tmp_path):
    plans = tmp_path / "plans"
    shutil.copytree(PLANS, plans)
    (plans / "calderdale" / "updates").mkdir()
    (plans / "calderdale" / "updates" / "x.progress.yaml").write_text('action: "CS9.9"\nprogress:\n  text: Done.\n')
    port = free_port()
    env = {**os.environ, "PLANSITE_PLANS": str(plans), "PLANSITE_TODAY": TODAY, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        status, html = wait_for(lambda: (r := get(port, "/calderdale/")) and r[0] == 503 and r, timeout=120, interval=0.5)
        assert f"{plans}/calderdale/updates/x.progress.yaml:1:9" in html
        assert "no action with ref &#x27;CS9.9&#x27; in edition &#x27;2008-2011&#x27;" in html
        # No editor was ever built, so no link to one.
        assert "Open the form editor" not in html
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=15)


# -- The pieces, without a server ---------------------------------------------------------------

def test_the_problems_page_escapes_every_string_and_links_the_editor():
    problems = [Problem("plans/a<b>/x.yaml", 3, 5, "said<i>", "'<script>' & \"quotes\""),
                Problem("plans/calderdale/updates/2009.progress.yaml", 1, 9, "action", "no action"),
                Problem("plans/calderdale/contact.yaml", 1, 1, "", "both places", "warning")]
    html = problems_page(problems, editors={"calderdale": ('/admin/calderdale/"x', 'Calder<dale>')})
    assert "<b>" not in html and "<i>" not in html and "<script>'" not in html
    assert "plans/a&lt;b&gt;/x.yaml:3:5" in html
    assert '<span class="ps-errors__field">said&lt;i&gt;</span>: &#x27;&lt;script&gt;&#x27; &amp; &quot;quotes&quot;' in html
    assert html.count("Open the form editor for Calder&lt;dale&gt;") == 1  # once per partnership
    assert 'href="/admin/calderdale/&quot;x"' in html
    assert "<h2>3 problems found</h2>" in html and "both places (warning)" in html
    assert '<html lang="en">' in html and "<title>The plans have problems</title>" in html
    assert "<pre>ValueError: &lt;oops&gt;</pre>" in failure_page(ValueError("<oops>"))


def _call(app, path):
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen["status"], seen["headers"] = status, dict(headers)

    body = b"".join(app({"PATH_INFO": path}, start_response))
    return seen["status"], seen["headers"], body


def test_the_middleware_answers_for_every_page_but_the_reload_poll_and_the_editor():
    page = {"html": None}

    def site(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html"), ("Content-Length", "63")])
        return [b"<p>site</p><script>\nvar livereload = function(e, r) {};</script>"]

    app = PreviewErrors(site, lambda: page["html"])
    assert _call(app, "/calderdale/")[0] == "200 OK"

    def not_found(environ, start_response):  # MkDocs's answer for a missing file: its 404 page
        page["html"] = "<p>problems</p>"  # ... and the build it waited for found problems
        start_response("404 Not Found", [("Content-Type", "text/html")])
        return [b"<p>problems</p>"]

    assert _call(PreviewErrors(not_found, lambda: page["html"]), "/calderdale/")[0] == "503 Service Unavailable"
    page["html"] = None
    page["html"] = "<p>problems</p>"
    status, headers, body = _call(app, "/calderdale/")
    assert (status, body, headers["Cache-Control"]) == ("503 Service Unavailable", b"<p>problems</p>", "no-store")
    assert _call(app, "/livereload/1/2")[0] == "200 OK"
    # The editor is served, without the reload script that would lose what someone is typing.
    status, headers, body = _call(app, "/admin/calderdale/")
    assert (status, body, headers["Content-Length"]) == ("200 OK", b"<p>site</p>", "11")
    assert _call(app, "/admin/decap-cms.js")[2].endswith(b"</script>")


def _hooks():
    spec = importlib.util.spec_from_file_location("plansite_hooks_under_test", ROOT / "hooks" / "plansite_hooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_build_that_fails_for_another_reason_releases_waiting_requests():
    hooks = _hooks()

    class Server:
        _epoch_cond = threading.Condition()
        _visible_epoch, _wanted_epoch = 1, 2

    server = Server()
    released = threading.Event()

    def waiting_request():  # as MkDocs 1.6 waits before serving any file
        with server._epoch_cond:
            server._epoch_cond.wait_for(lambda: server._visible_epoch == server._wanted_epoch, timeout=10)
            if server._visible_epoch == server._wanted_epoch:
                released.set()

    thread = threading.Thread(target=waiting_request)
    thread.start()
    hooks._command, hooks._server = "serve", server
    time.sleep(0.2)
    hooks.on_build_error(error=RuntimeError("a template broke"))
    thread.join(timeout=5)
    assert released.is_set()
    assert "RuntimeError: a template broke" in hooks._serve_error
