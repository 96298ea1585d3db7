"""The live preview while the plans have problems: one error page for every address.

`mkdocs serve` holds every request until the build in progress is visible, so a build that
fails leaves the browser waiting for as long as the mistake stays. Instead, while the plans
have problems, every page address answers at once with a page listing each problem as
file:line:column, field and message, and that page reloads by itself when the next build is
done (it asks the preview server's /livereload/ address, as MkDocs's own pages do).

Nothing here imports MkDocs: `PreviewErrors` wraps any WSGI application.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from html import escape

from .i18n import Translator
from .load.yamlsafe import Problem

# First ask for the current build's number (any number above 0 answers at once), then wait for
# a newer one and reload. While the preview server is down, try again every 3 seconds.
RELOAD_SCRIPT = """
(function () {
  function poll(epoch) {
    var request = new XMLHttpRequest();
    request.onloadend = function () {
      var now = parseFloat(this.responseText);
      if (this.status !== 200 || isNaN(now)) { setTimeout(function () { poll(epoch); }, 3000); return; }
      if (epoch !== null && now > epoch) { location.reload(); return; }
      poll(now);
    };
    request.open("GET", "/livereload/" + (epoch === null ? 0 : epoch) + "/" + Date.now());
    request.send();
  }
  poll(null);
})();
"""

STYLE = """
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
  font-size: 1.1875rem; line-height: 1.5; color: #0b0c0c; background: #fff; }
main { max-width: 48rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 1rem; }
.ps-errors__banner { border: 5px solid #d4351c; padding: 1rem; margin: 0 0 1.5rem; }
.ps-errors__banner h2 { margin: 0 0 0.5rem; font-size: 1.5rem; }
.ps-errors__list { margin: 0; padding-left: 1.5rem; }
.ps-errors__item { margin: 0 0 1.25rem; overflow-wrap: anywhere; }
.ps-errors__where { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 1rem; font-weight: 700; }
.ps-errors__field { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 1rem; }
.ps-errors__item p { margin: 0.25rem 0; }
a { color: #1d4f91; text-decoration: underline; }
a:focus { outline: 3px solid transparent; background-color: #ffdd00; box-shadow: 0 -2px #ffdd00, 0 4px #0b0c0c;
  color: #0b0c0c; text-decoration: none; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 1rem; background: #f3f2f1; padding: 1rem; }
"""

_PARTNERSHIP_RECORD = re.compile(r"(?:^|/)plans/([a-z0-9]+(?:-[a-z0-9]+)*)/(?:updates/[^/]+|contact\.yaml)$")


def _page(title: str, body: str) -> str:
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f'<body>\n<main id="main-content">\n{body}</main>\n<script>{RELOAD_SCRIPT}</script>\n</body>\n</html>\n'
    )


def problems_page(problems: list[Problem], *, editors: dict[str, str] | None = None,
                  t: Translator | None = None) -> str:
    """The page listing every problem. editors maps a partnership slug to its editor's
    address (with its name), for problems in files the form editor writes."""
    t = t or Translator()
    editors = editors or {}
    items = []
    linked: set[str] = set()
    for problem in problems:
        parts = [f'<p class="ps-errors__where">{escape(f"{problem.file}:{problem.line}:{problem.column}")}</p>'] if problem.file else []
        message = escape(problem.message)
        if problem.severity == "warning":
            message += " " + escape(t("preview_error.warning"))
        if problem.field:
            parts.append(f'<p><span class="ps-errors__field">{escape(problem.field)}</span>: {message}</p>')
        else:
            parts.append(f"<p>{message}</p>")
        found = _PARTNERSHIP_RECORD.search(problem.file.replace("\\", "/"))
        if found and found[1] in editors and found[1] not in linked:
            linked.add(found[1])
            href, name = editors[found[1]]
            parts.append(f'<p><a href="{escape(href)}">{escape(t("preview_error.open_editor", name=name))}</a></p>')
        items.append('<li class="ps-errors__item">' + "".join(parts) + "</li>")
    count = t("preview_error.count_one") if len(problems) == 1 else t("preview_error.count", count=len(problems))
    body = (f"<h1>{escape(t('preview_error.title'))}</h1>\n<p>{escape(t('preview_error.intro'))}</p>\n"
            f'<div class="ps-errors__banner">\n<h2>{escape(count)}</h2>\n'
            f'<ol class="ps-errors__list">\n' + "\n".join(items) + "\n</ol>\n</div>\n")
    return _page(t("preview_error.title"), body)


def failure_page(error: BaseException, *, t: Translator | None = None) -> str:
    """The page for a build that failed for another reason than the plans (a template, a bug)."""
    t = t or Translator()
    detail = f"{type(error).__name__}: {error}"
    body = (f"<h1>{escape(t('preview_error.build_failed'))}</h1>\n<p>{escape(t('preview_error.build_failed_intro'))}</p>\n"
            f"<pre>{escape(detail)}</pre>\n")
    return _page(t("preview_error.build_failed"), body)


# The script MkDocs's preview puts at the end of every page, to reload it after each build.
_LIVERELOAD = re.compile(rb"<script>\s*var livereload = function.*?</script>", re.S)


class PreviewErrors:
    """WSGI middleware: while current() gives an error page, every address is answered with it at
    once (503, never cached), except the reload poll and the editor (admin/), where the record
    that caused the problem can be fixed. Otherwise the app answers."""

    def __init__(self, app: Callable, current: Callable[[], str | None]):
        self.app = app
        self.current = current

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        page = self.current()
        path = environ.get("PATH_INFO", "")
        if "/admin/" in path and path.endswith(("/", ".html")):
            return self._without_reload(environ, start_response)
        if path.startswith("/livereload/") or "/admin/" in path:
            return self.app(environ, start_response)
        if page is None:
            # A request that came in as a build began waits for it; if that build found problems,
            # MkDocs answers with the error page as its 404 page: say what it is, as above.
            def respond(status, headers, exc_info=None):
                if status.startswith("404") and self.current() is not None:
                    status = "503 Service Unavailable"
                    headers = [*headers, ("Cache-Control", "no-store")]
                return start_response(status, headers, exc_info)

            return self.app(environ, respond)
        body = page.encode("utf-8")
        start_response("503 Service Unavailable", [
            ("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"), ("Retry-After", "2"),
        ])
        return [body]

    def _without_reload(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        """The editor's pages without MkDocs's reload script: a page reloaded after every build
        would lose what someone is typing each time any record is saved."""
        captured: list = []

        def capture(status, headers, exc_info=None):
            captured[:] = [status, headers]
            return lambda data: None

        result = self.app(environ, capture)
        try:
            body = b"".join(result)
        finally:
            getattr(result, "close", lambda: None)()
        status, headers = captured
        body = _LIVERELOAD.sub(b"", body)
        headers = [(k, v) for k, v in headers if k.lower() != "content-length"] + [("Content-Length", str(len(body)))]
        start_response(status, headers)
        return [body]
