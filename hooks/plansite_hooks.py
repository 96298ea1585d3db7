"""MkDocs hooks: a thin adapter between MkDocs events and the plansite package.

- on_startup: note whether this is `mkdocs serve`, where downloads are skipped by default.
- on_config: load and check every plan, and make the downloads; bad data stops the build
  before site/ is touched.
- on_files: add a generated page for each plan page, with its edit link on the source YAML,
  the Atom feeds, and a sitemap beside each partnership's feed (Material's script looks for one).
- on_page_markdown / on_page_content: the body is pre-rendered HTML, so Markdown is skipped;
  the sitemap gets the plan's own last-updated date.
- on_nav: the Welsh pages (under cy/) get a navigation of their own.
- on_page_context: give templates the page's models, and what the page tells the search index
  (its full title, partnership, region and type of page: plansite.search). A Welsh page gets the
  Welsh navigation, and Material's own words (skip link, footer) in Welsh: the theme's language and
  the site's name are switched for the page while it is rendered, and back after it.
- on_post_page: remove attributes Material writes that are not valid HTML, and let go of the
  page's HTML once it is written.
- on_post_build: put the downloads, the JSON Schemas and the form editor (admin/) into the site,
  then index the pages for search with Pagefind (plansite.search) in the folder MkDocs wrote.
  Pagefind keeps an index per language, by each page's <html lang>, so a search from a Welsh page
  finds Welsh pages and one from an English page English pages.
- on_build_error / on_shutdown: `mkdocs build` writes to a folder beside site/ (plansite.staging)
  and swaps the new site in whole only if the build succeeded, with no warning under --strict
  and no error of any kind; otherwise the previous site/ is left exactly as it was. (MkDocs
  raises its --strict abort after on_post_build, so the swap waits for on_shutdown.)

In `mkdocs serve` (make serve, make edit, plansite preview), plans with problems do not stop the
preview: the build makes no pages, and every address answers with a page listing the problems
(plansite.serve), which reloads by itself once they are fixed. on_serve installs that answer
and watches the plans folder wherever PLANSITE_PLANS puts it; on_build_error does the same for
a build that fails for any other reason, so no request is left waiting.

Hooks are not reloaded by `mkdocs serve`: restart it after changing this file or plansite/.
"""
from __future__ import annotations

import gc
import json
import logging
import mimetypes
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section, _add_parent_links, _add_previous_and_next_links
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler
from markupsafe import escape

from plansite.build import ChecklistEnforced, SiteBuild
from plansite.editor.config import backend_settings, editor_paths
from plansite.editor.site import EditorMissing, bundle_version, editor_files, write_editor
from plansite.export import ExportOptions
from plansite.export.fonts import MissingFont
from plansite.i18n import Translator, page_translator, _language
from plansite.load import PlanErrors, Problem
from plansite.model.schema import SCHEMA_DIR
from plansite.search import SearchIndexFailed, index_site, search_facets
from plansite.pages.render import long_date
from plansite.serve import PreviewErrors, failure_page, problems_page
from plansite.urls import relative, tree_prefix
from plansite.staging import StagedSite, is_private_temporary

log = logging.getLogger("mkdocs.hooks.plansite")

_build: SiteBuild | None = None
_command = "build"
# mkdocs serve only: the page every address answers with while the last build failed, and the
# editor's files from the last good build, kept so that the record at fault can be fixed in it.
_serve_error: str | None = None
_editor: dict[str, str] = {}
_editor_links: dict[str, tuple[str, str]] = {}  # slug -> (editor address, partnership name)
_server = None
_editor_backend: dict | None = None
EDITOR_BUNDLE = ".cache/editor/decap-cms"
OFF, ON = ("false", "0", "no", "off"), ("true", "1", "yes", "on")

# Hand-written pages in content/, and where they sit in the navigation (translation keys). The Welsh
# ones are under content/cy/, and are published only when the site has Welsh pages.
HAND_WRITTEN = {"en": {("nav.about",): [("nav.accessibility", "accessibility.md")]},
                "cy": {("nav.about",): [("nav.accessibility", "cy/accessibility.md")]}}
# The Welsh pages' navigation travels to on_nav as one section of the nav, under this title.
WELSH_NAV = "plansite:cy"
_welsh_nav: Navigation | None = None
_page_state: dict = {}  # what on_page_context switched for a Welsh page, put back in on_post_page
_hand_written: dict[str, str] = {}  # content/ page -> its address

# Material writes attributes that are not valid HTML: autocomplete="off" on two checkbox
# toggles, and an empty tabindex on navigation section labels. Dropping them changes nothing
# a browser does with the page.
INVALID_ATTRIBUTES = (
    ('data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">', 'data-md-toggle="drawer" type="checkbox" id="__drawer">'),
    ('data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">', 'data-md-toggle="search" type="checkbox" id="__search">'),
    (' tabindex="">', ">"),
)


def _valid_html(output: str) -> str:
    for before, after in INVALID_ATTRIBUTES:
        output = output.replace(before, after)
    return output


_dirty = False


class _Staging:
    """The build in progress when `mkdocs build` writes aside: where to, and whether it has failed."""

    def __init__(self, config, staged: StagedSite):
        self.config, self.staged, self.site_dir = config, staged, config.site_dir
        self.finished = self.failed = False
        self.warnings = CountHandler()
        self.warnings.setLevel(logging.WARNING)
        logging.getLogger("mkdocs").addHandler(self.warnings)


_staging: _Staging | None = None


def on_startup(command, dirty):
    global _command, _dirty
    _command = command
    _dirty = dirty
    # The preview server names types by file extension; Decap reads its config.yml as YAML.
    mimetypes.add_type("text/yaml", ".yml")


def _switch(value, default: bool) -> bool:
    # Values come from mkdocs.yml or environment variables: true/false, 1/0, yes/no, auto.
    text = str(value).strip().lower()
    if text in ("auto", "", "none"):
        return default
    return text in ("true", "1", "yes", "on")


def on_config(config):
    global _build, _editor_backend
    settings = config.extra.get("plansite", {}) or {}
    # The editor's backend settings are checked before anything is built.
    try:
        _editor_backend = backend_settings(local=_command == "serve") if _editor_switch(config) not in OFF else None
    except ValueError as error:
        raise PluginError(f"The form editor cannot be set up: {error}") from None
    root = Path(config.config_file_path).parent
    plans = root / str(settings.get("plans", "plans"))
    exports = _switch(settings.get("exports", "auto"), default=_command != "serve")
    cache = root / str(settings.get("exports_cache", ".cache/exports"))
    welsh = settings.get("welsh", {}) or {}
    try:
        _build = SiteBuild.load(
            plans,
            templates=Path(config.theme.custom_dir),
            site_name=config.site_name,
            enforce_checklist=_switch(settings.get("enforce_checklist", False), default=False),
            previews=_switch(settings.get("preview", False), default=False),
            exports_cache=cache if exports else None,
            export_options=ExportOptions(site_url=config.site_url or "/"),
            site_names={"cy": welsh["site_name"]} if welsh.get("site_name") else None,
        )
    except PlanErrors as errors:
        if _command == "serve":
            return _serve_problems(config, plans, errors.problems, errors.report("The preview shows them instead of the plans."))
        raise PluginError(f"The plans in {plans} have problems, so nothing was built:\n{errors.report()}") from None
    except (ChecklistEnforced, MissingFont) as error:
        if _command == "serve":
            problems = [Problem("", 0, 0, "", line) for line in str(error).splitlines()[1:] or str(error).splitlines()]
            return _serve_problems(config, plans, problems, str(error))
        raise PluginError(str(error)) from None
    if _command == "build":
        # The plans live until the build ends: keep the cycle collector from walking them for
        # every page. (Not in serve, where each rebuild's plans must be freed.)
        gc.freeze()
    _stage(config)
    for warning in _build.warnings:
        log.warning(str(warning))
    # Checklist gaps are reported, not build failures: they are facts about the plans (the old
    # example plans have many), and --strict is for a broken site. PLANSITE_ENFORCE_CHECKLIST or a
    # partnership's settings.enforce_checklist makes them fatal instead. One line: the list is
    # on the checklist page and from `plansite checklist`.
    if _build.checklist_notes:
        log.info(_build.checklist_summary)
    for item in _build.held_back.items:
        log.info("Held back from the public site: %s", item)
    # Fields a Welsh page shows in English (marked lang="en"), for the comms teams to translate. Listed
    # on every build, not as warnings: `make site` builds with --strict, where a warning fails the build,
    # and a plan must be publishable (an English progress update must go out) before every word of it
    # is in Welsh. The publication checklist counts them for each partnership in Wales.
    untranslated = _build.untranslated
    for item in untranslated:
        log.info("Not translated yet: %s", item)
    by_partnership: dict[tuple[str, str], int] = {}
    for item in untranslated:
        by_partnership[(item.slug, item.language)] = by_partnership.get((item.slug, item.language), 0) + 1
    for (slug, language), count in sorted(by_partnership.items()):
        name = {"cy": "Welsh", "en": "English"}[language]
        log.info("Not translated yet: %s has %d field%s with no %s text; its %s pages show them in the other language, "
                 "marked as such.", slug, count, "" if count == 1 else "s", name, name)
    if _build.downloads is None:
        log.info("Downloads skipped (set PLANSITE_EXPORTS=true to make them here).")
    else:
        made = _build.downloads.rendered
        log.info("Downloads: %d plan editions made, %d reused from the cache.", len(made), len(_build.downloads.editions) - len(made))
    return config


def _serve_problems(config, plans: Path, problems: list[Problem], report: str):
    """mkdocs serve with plans that have problems: build nothing, answer every address with the list."""
    global _build, _serve_error
    _build = None
    _serve_error = problems_page(problems, editors=_editor_links if _editor else {})
    # Material's 404 page and sitemap need the plans; the error page stands in for them.
    config.theme.static_templates.clear()
    log.error(f"The plans in {plans} have problems; the preview shows them at every address:\n{report}")
    return config


def _serving_problems() -> bool:
    return _build is None and _serve_error is not None


def on_serve(server, config, builder):
    global _server
    _server = server
    # The plans folder may be outside the project (PLANSITE_PLANS): watch it wherever it is.
    server.watch(str(_plans_dir(config)))
    server.set_app(PreviewErrors(server.get_app(), lambda: _serve_error))
    # An address with no file (MkDocs's 404) also gets the error page while there is one.
    not_found = server.error_handler
    server.error_handler = lambda code: _serve_error.encode("utf-8") if _serve_error else not_found(code)
    return server


def on_build_error(error):
    """A build that failed. `mkdocs build`: the staged site is not swapped in (MkDocs' own abort for
    --strict warnings comes here too). `mkdocs serve`, failing for another reason than the plans (a
    template, a bug): show it, and answer the requests MkDocs 1.6 would otherwise hold until a build
    succeeds."""
    global _serve_error
    if _staging is not None:
        _staging.failed = True
    if _command != "serve" or _server is None:
        return
    if not _serving_problems():  # a list of the plans' problems says more than what followed from them
        _serve_error = failure_page(error)
    condition = getattr(_server, "_epoch_cond", None)
    if condition is not None and hasattr(_server, "_wanted_epoch"):
        with condition:
            _server._visible_epoch = _server._wanted_epoch
            condition.notify_all()


def _plans_dir(config) -> Path:
    settings = config.extra.get("plansite", {}) or {}
    return Path(config.config_file_path).parent / str(settings.get("plans", "plans"))


def _stub(title: str, full_title: str, home: bool = False) -> str:
    # Material's templates print titles as they are (MkDocs renders them without autoescape), so
    # every title from plan data is handed over HTML-escaped: in <title>, the header, navigation,
    # the table of contents, footer links and the search index it then reads as text, never markup.
    # JSON strings are valid YAML, so titles with colons or quotes stay intact. str() first: a title
    # with plan text in another language (plansite.i18n.words) would otherwise bring its <span lang>.
    # `home` marks a language's home page (cy/), whose <title> is the site's name alone, as the root's is.
    meta = f"---\ntitle: {json.dumps(str(escape(str(title))))}\nfull_title: {json.dumps(str(escape(str(full_title))))}\n"
    return meta + ("plansite_home: true\n" if home else "") + "---\n"


def _escaped_nav(items: list) -> list:
    """The navigation with every title HTML-escaped, for the same reason as _stub."""
    out = []
    for item in items:
        for title, value in item.items():
            out.append({str(escape(str(title))): _escaped_nav(value) if isinstance(value, list) else value})
    return out


def on_env(env, config, files):
    if _serving_problems():
        return env
    env.globals["t"] = page_translator  # follows the page being rendered (on_page_context)
    env.globals["has_feed"] = _build.has_feed
    env.filters["long_date"] = long_date
    # Text without its language mark (plansite.i18n.words), for attributes: a <span lang> cannot go in one.
    env.filters["plain"] = lambda value: "" if value is None else str(value)
    return env


def _repository_path(path: str, root: Path) -> str | None:
    """A source file's path from the repository root, as edit links need; None if outside it."""
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


def on_files(files, config):
    if _serving_problems():
        return Files([])
    root = Path(config.config_file_path).parent
    docs = Path(config.docs_dir).name
    for existing in files.documentation_pages():
        # Edit links are relative to the repository root, where content/ sits beside plans/.
        existing.edit_uri = f"{docs}/{existing.src_uri}"
    languages = list(_build.trees)
    _hand_written.clear()
    for existing in list(files.documentation_pages()):
        language = _hand_written_language(existing.src_uri)
        if language not in languages:  # no Welsh pages to sit beside: leave content/cy/ out
            files.remove(existing)
        else:
            _hand_written[existing.src_uri] = existing.url
    for page in _build.pages:
        generated = File.generated(config, page.src_uri, content=_stub(page.nav_title, page.title, home=page.url == tree_prefix(page.language)))
        source = _repository_path(page.source, root) if page.source else None
        if source:
            generated.edit_uri = source
        files.append(generated)
    nav = []
    for language in languages:
        t = Translator(language)
        tree = _build.nav({tuple(t(k) for k in path): [(t(title), src) for title, src in entries]
                           for path, entries in HAND_WRITTEN[language].items()}, language)
        nav += tree if language == "en" else [{WELSH_NAV: tree}]
    config.nav = _escaped_nav(nav)
    for path, content in _build.generated_files(config.site_url or "/", config.site_name).items():
        files.append(File.generated(config, path, content=content))
    return files


def _hand_written_language(src_uri: str) -> str:
    return "cy" if src_uri.startswith("cy/") else "en"


def _hand_written_alternates(src_uri: str) -> list[tuple[str, str]]:
    """(language, address) of a hand-written page in every language it is written in."""
    neutral = src_uri.removeprefix("cy/")
    return [(language, _hand_written[tree_prefix(language) + neutral]) for language in _build.trees
            if tree_prefix(language) + neutral in _hand_written]


def on_nav(nav, config, files):
    """The Welsh pages' navigation, apart: a Welsh page shows it instead of the English one."""
    global _welsh_nav
    _welsh_nav = None
    welsh = next((item for item in nav.items if isinstance(item, Section) and item.title == WELSH_NAV), None)
    if welsh is None:
        return nav
    nav.items.remove(welsh)
    welsh_pages = [p for p in nav.pages if p.file.src_uri.startswith("cy/")]
    nav.pages = [p for p in nav.pages if not p.file.src_uri.startswith("cy/")]
    for item in welsh.children:
        item.parent = None
    _add_parent_links(welsh.children)
    for pages in (nav.pages, welsh_pages):  # previous and next stay within each language
        _add_previous_and_next_links(pages)
    _welsh_nav = Navigation(welsh.children, welsh_pages)
    _welsh_nav.homepage = next((p for p in welsh_pages if p.file.src_uri == "cy/index.md"), None)
    return nav


def on_page_markdown(markdown, page, config, files):
    spec = _build.page_for(page.file.src_uri)
    # The sitemap's lastmod: when the plan last changed, at the precision the plan states it (a
    # month stays 2008-03), not when the site was built. Set here because MkDocs renders
    # sitemap.xml before the pages' own templates.
    if spec is not None:
        page.update_date = spec.updated.when.iso if spec.updated else ""
    else:
        updated = page.meta.get("last_updated")
        page.update_date = updated.isoformat() if hasattr(updated, "isoformat") else str(updated or "")
    return "" if spec is not None else markdown


def on_page_content(html, page, config, files):
    spec = _build.page_for(page.file.src_uri)
    if spec is None:
        return html
    rendered = _build.render(spec)
    # Names are escaped: Material prints table-of-contents titles as they are.
    children = [{"level": h.level, "id": h.id, "name": str(escape(str(h.title))), "children": []} for h in rendered.headings if h.level == 2]
    page.toc = get_toc([{"level": 1, "id": "main-heading", "name": str(escape(str(spec.title))), "children": children}])
    return rendered.html


def on_page_context(context, page, config, nav):
    spec = _build.page_for(page.file.src_uri)
    context["plansite_page"] = spec
    language = spec.language if spec is not None else _hand_written_language(page.file.src_uri)
    here = spec.url if spec is not None else page.url
    if spec is not None:
        alternates = [(spec.language, spec.url), *spec.alternates]
        switch = [(spec.language, spec.url), *spec.switch]
    else:
        alternates = _hand_written_alternates(page.file.src_uri)
        # A hand-written page not written in the other language: the switcher leads to that language's home.
        switch = alternates + [(lang, tree_prefix(lang)) for lang in _build.trees if lang not in dict(alternates)]
    site_url = (config.site_url or "/").rstrip("/") + "/"
    # hreflang links (full addresses of the same page in each language) and the language switcher.
    context["plansite_alternates"] = [(lang, site_url + target) for lang, target in sorted(alternates)] if len(alternates) > 1 else []
    context["plansite_switch"] = [(lang, relative(here, target)) for lang, target in sorted(switch)] if len(switch) > 1 else []
    context["plansite_language"] = language
    context["plansite_prefix"] = tree_prefix(language)
    _switch_language(language, config, context)
    # What the page tells the search index, in its language. The title is as in <title>: a generated
    # page's names its partnership; a hand-written one's comes from its front matter (full_title),
    # else its heading.
    title = spec.title if spec is not None else (page.meta or {}).get("full_title") or page.title or ""
    context["search_facets"] = search_facets(spec, Translator(language), str(title))
    return context


def _switch_language(language: str, config, context) -> None:
    """For a page in another language than English: its navigation, Material's own words and the site's
    name in that language, and the translation table's language, until the page is written."""
    _page_state["token"] = _language.set(language)
    if language == "en" or _welsh_nav is None:
        return
    settings = config.extra.get("plansite", {}) or {}
    welsh = settings.get("welsh", {}) or {}
    t = Translator(language)
    _page_state["theme"] = config.theme["language"]
    _page_state["site"] = (config.site_name, config.site_description)
    config.theme["language"] = language
    config.site_name = welsh.get("site_name") or t("site.name")
    config.site_description = welsh.get("site_description") or t("site.description")
    context["nav"] = _welsh_nav


def _switch_back(config) -> None:
    token = _page_state.pop("token", None)
    if token is not None:
        _language.reset(token)
    if "theme" in _page_state:
        config.theme["language"] = _page_state.pop("theme")
        config.site_name, config.site_description = _page_state.pop("site")


def on_post_page(output, page, config):
    _switch_back(config)
    if _build.page_for(page.file.src_uri) is not None:
        # The page is written; MkDocs would otherwise hold every page's HTML until the end of the
        # build, which at national scale is most of the memory used.
        page.content = ""
    return _valid_html(output)


def on_post_template(output_content, template_name, config):
    if _serving_problems():
        return output_content
    # 404.html and other static templates do not pass through on_post_page.
    return _valid_html(output_content) if template_name.endswith(".html") else output_content


def on_post_build(config):
    global _serve_error, _editor
    site_dir = Path(config.site_dir)
    if _serving_problems():
        # The error page at the home page and for every missing address, and the last good
        # editor, so that a record saved with a mistake can be put right in the form.
        (site_dir / "index.html").write_text(_serve_error, encoding="utf-8")
        (site_dir / "404.html").write_text(_serve_error, encoding="utf-8")
        _write_editor(config, site_dir, _editor)
        return
    _build.publish_downloads(site_dir)
    target = site_dir / "schemas"
    target.mkdir(parents=True, exist_ok=True)
    for schema in SCHEMA_DIR.glob("*.schema.json"):
        shutil.copyfile(schema, target / schema.name)
    _editor = _editor_files(config)
    _write_editor(config, site_dir, _editor)
    _index_for_search(site_dir)
    _serve_error = None
    if _staging is not None:
        _staging.finished = True


def _index_for_search(site_dir: Path) -> None:
    """Pagefind reads the pages just written, in the folder MkDocs wrote them to (which `mkdocs
    build` swaps in for site/ only once everything has succeeded), and writes site_dir/pagefind/."""
    try:
        index = index_site(site_dir)
    except SearchIndexFailed as error:
        raise PluginError(str(error)) from None
    parts = f", in {index.parts} parts merged by the browser" if index.parts > 1 else ""
    log.info("Search: %d pages indexed by Pagefind %s in %.1f s%s.", index.pages, index.version, index.seconds, parts)


def _editor_switch(config) -> str:
    settings = config.extra.get("plansite", {}) or {}
    return str(settings.get("editor", "auto")).strip().lower()


def _editor_files(config) -> dict[str, str]:
    """The form editor's generated files (admin/), made from the plans just loaded."""
    global _editor_links
    if _editor_backend is None:
        return {}
    root = Path(config.config_file_path).parent
    plans_path, _ = editor_paths(_plans_dir(config), root)
    mount = urlsplit(config.site_url or "/").path.rstrip("/")
    _editor_links = {p.slug: (f"{mount}/admin/{p.slug}/", p.data.short_name) for p in _build.catalogue.partnerships}
    return editor_files(_build.catalogue, plans_path=plans_path, backend=_editor_backend,
                        site_url=config.site_url or "/", site_name=config.site_name, t=_build.renderer.t)


def _write_editor(config, site_dir: Path, files: dict[str, str]) -> None:
    if not files:
        return
    bundle = Path(config.config_file_path).parent / EDITOR_BUNDLE
    if bundle_version(bundle) is None:
        message = ("The form editor (/admin/) was left out: Decap CMS is not installed. "
                   "Run tools/install-editor.sh (it needs npm), or make site, which runs it.")
        if _editor_switch(config) in ON:
            raise PluginError(message)
        log.info(message)
        return
    try:
        count = write_editor(site_dir, files, bundle)
    except EditorMissing as error:  # pragma: no cover - removed between the check and the copy
        raise PluginError(f"The form editor could not be copied: {error}") from None
    log.info("Form editor: /admin/ for %d partnerships (Decap CMS %s, %d files).",
             sum(1 for p in files if p.endswith("/config.yml")), bundle_version(bundle), count)


# -- Atomic builds ---------------------------------------------------------------------------------


def _stage(config) -> None:
    """In `mkdocs build` (and gh-deploy), write the site beside site/ until it has all succeeded.

    `mkdocs serve` builds into its own throwaway folder, and rebuilds into it: that stays as it is
    (`serve --clean` reports itself as a build, hence the check of the folder).
    """
    global _staging
    if _command not in ("build", "gh-deploy") or is_private_temporary(Path(config.site_dir)):
        return
    try:
        staged = StagedSite(Path(config.site_dir), keep_existing=_dirty)
    except OSError as error:
        raise PluginError(f"Cannot write beside {config.site_dir} ({error.strerror}): the new site is built there before "
                          "it replaces the old one. Make that folder writable, or build with --site-dir somewhere else.") from None
    _staging = _Staging(config, staged)
    config.site_dir = str(staged.staging)


def on_shutdown():
    global _staging
    staging, _staging = _staging, None
    if staging is None:
        return
    logging.getLogger("mkdocs").removeHandler(staging.warnings)
    staging.config.site_dir = staging.site_dir  # gh-deploy reads it after the build
    warned = staging.config.strict and staging.warnings.get_counts()
    if staging.finished and not staging.failed and not warned:
        try:
            staging.staged.commit()
        except OSError as error:
            staging.staged.abandon()
            raise PluginError(f"The new site could not be put in place of {staging.site_dir} ({error.strerror}); "
                              "the previous site was left as it was.") from None
        log.info("The new site is in place in %s (built aside and swapped in whole).", staging.site_dir)
    else:
        staging.staged.abandon()
        log.info("The build did not succeed, so %s was left as it was.", staging.site_dir)
