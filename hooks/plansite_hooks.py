"""MkDocs hooks: a thin adapter between MkDocs events and the plansite package.

- on_startup: note whether this is `mkdocs serve`, where downloads are skipped by default.
- on_config: load and check every plan, and make the downloads; bad data stops the build
  before site/ is touched. `mkdocs build` then writes to a folder beside site/ (plansite.staging).
- on_files: add a generated page for each plan page, with its edit link on the source YAML,
  the Atom feeds, and a sitemap beside each partnership's feed (Material's script looks for one).
- on_page_markdown / on_page_content: the body is pre-rendered HTML, so Markdown is skipped;
  the sitemap gets the plan's own last-updated date.
- on_page_context: hand the search index a light copy of each page, then give templates the
  page's models.
- on_post_page: remove attributes Material writes that are not valid HTML, and let go of the
  page's HTML once it is written.
- on_post_build: put the downloads and the JSON Schemas into the site.
- on_build_error / on_shutdown: swap the new site in whole only if the build succeeded, with no
  warning under --strict and no error of any kind; otherwise leave the previous site/ exactly as
  it was. (MkDocs raises its --strict abort after on_post_build, so the swap waits for on_shutdown.)

Hooks are not reloaded by `mkdocs serve`: restart it after changing this file or plansite/.
"""
from __future__ import annotations

import gc
import json
import logging
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler

from plansite.build import ChecklistEnforced, SiteBuild
from plansite.export import ExportOptions
from plansite.load.loader import PlanErrors
from plansite.model.schema import SCHEMA_DIR
from plansite.staging import StagedSite, is_private_temporary

log = logging.getLogger("mkdocs.hooks.plansite")

_build: SiteBuild | None = None
_command = "build"
_search_html: dict[str, str] = {}  # generated page -> the light version the search index reads
_full_html: dict[str, str] = {}
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

# Hand-written pages in content/, and where they sit in the navigation (translation keys).
HAND_WRITTEN = {("nav.about",): [("nav.accessibility", "accessibility.md")]}

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


def on_startup(command, dirty):
    global _command, _dirty
    _command = command
    _dirty = dirty


def _switch(value, default: bool) -> bool:
    # Values come from mkdocs.yml or environment variables: true/false, 1/0, yes/no, auto.
    text = str(value).strip().lower()
    if text in ("auto", "", "none"):
        return default
    return text in ("true", "1", "yes", "on")


def on_config(config):
    global _build
    settings = config.extra.get("plansite", {}) or {}
    root = Path(config.config_file_path).parent
    plans = root / str(settings.get("plans", "plans"))
    exports = _switch(settings.get("exports", "auto"), default=_command != "serve")
    cache = root / str(settings.get("exports_cache", ".cache/exports"))
    try:
        _build = SiteBuild.load(
            plans,
            templates=Path(config.theme.custom_dir),
            site_name=config.site_name,
            enforce_checklist=_switch(settings.get("enforce_checklist", False), default=False),
            previews=_switch(settings.get("preview", False), default=False),
            exports_cache=cache if exports else None,
            export_options=ExportOptions(site_url=config.site_url or "/"),
        )
    except PlanErrors as errors:
        raise PluginError(f"The plans in {plans} have problems, so nothing was built:\n{errors.report()}") from None
    except ChecklistEnforced as error:
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
    if _build.downloads is None:
        log.info("Downloads skipped (set PLANSITE_EXPORTS=true to make them here).")
    else:
        made = _build.downloads.rendered
        log.info("Downloads: %d plan editions made, %d reused from the cache.", len(made), len(_build.downloads.editions) - len(made))
    return config


def _stub(title: str, full_title: str) -> str:
    # JSON strings are valid YAML, so titles with colons or quotes stay intact.
    return f"---\ntitle: {json.dumps(title)}\nfull_title: {json.dumps(full_title)}\n---\n"


def on_env(env, config, files):
    env.globals["t"] = _build.renderer.t
    env.filters["long_date"] = _build.renderer.env.filters["long_date"]
    return env


def _repository_path(path: str, root: Path) -> str | None:
    """A source file's path from the repository root, as edit links need; None if outside it."""
    try:
        return Path(path).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


def on_files(files, config):
    root = Path(config.config_file_path).parent
    docs = Path(config.docs_dir).name
    for existing in files.documentation_pages():
        # Edit links are relative to the repository root, where content/ sits beside plans/.
        existing.edit_uri = f"{docs}/{existing.src_uri}"
    for page in _build.pages:
        generated = File.generated(config, page.src_uri, content=_stub(page.nav_title, page.title))
        source = _repository_path(page.source, root) if page.source else None
        if source:
            generated.edit_uri = source
        files.append(generated)
    t = _build.renderer.t
    config.nav = _build.nav({tuple(t(k) for k in path): [(t(title), src) for title, src in entries]
                             for path, entries in HAND_WRITTEN.items()})
    for path, content in _build.generated_files(config.site_url or "/", config.site_name).items():
        files.append(File.generated(config, path, content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    spec = _build.page_for(page.file.src_uri)
    # The sitemap's lastmod: when the plan last changed, not when the site was built. Set here
    # because MkDocs renders sitemap.xml before the pages' own templates.
    updated = _build.last_updated(spec) if spec is not None else page.meta.get("last_updated")
    page.update_date = updated.isoformat() if hasattr(updated, "isoformat") else str(updated or "")
    return "" if spec is not None else markdown


def on_page_content(html, page, config, files):
    spec = _build.page_for(page.file.src_uri)
    if spec is None:
        return html
    rendered = _build.render(spec)
    children = [{"level": h.level, "id": h.id, "name": h.title, "children": []} for h in rendered.headings if h.level == 2]
    page.toc = get_toc([{"level": 1, "id": "main-heading", "name": spec.title, "children": children}])
    _search_html[page.file.src_uri] = rendered.search_html
    return rendered.html


@event_priority(100)  # before Material's search plugin reads page.content
def _give_search_the_light_html(context, page, config, nav):
    light = _search_html.pop(page.file.src_uri, None)
    if light is not None:
        _full_html[page.file.src_uri] = page.content
        page.content = light
    return context


@event_priority(-100)  # after it: the page is rendered with its full content
def _restore_content(context, page, config, nav):
    full = _full_html.pop(page.file.src_uri, None)
    if full is not None:
        page.content = full
    context["plansite_page"] = _build.page_for(page.file.src_uri)
    return context


on_page_context = CombinedEvent(_give_search_the_light_html, _restore_content)


def on_post_page(output, page, config):
    if _build.page_for(page.file.src_uri) is not None:
        # The page is written; MkDocs would otherwise hold every page's HTML until the end of the
        # build, which at national scale is most of the memory used.
        page.content = ""
    return _valid_html(output)


def on_post_template(output_content, template_name, config):
    # 404.html and other static templates do not pass through on_post_page.
    return _valid_html(output_content) if template_name.endswith(".html") else output_content


def on_post_build(config):
    _build.publish_downloads(Path(config.site_dir))
    target = Path(config.site_dir) / "schemas"
    target.mkdir(parents=True, exist_ok=True)
    for schema in SCHEMA_DIR.glob("*.schema.json"):
        shutil.copyfile(schema, target / schema.name)
    if _staging is not None:
        _staging.finished = True


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


def on_build_error(error):
    # Every failure inside the build comes here, including MkDocs' own abort for --strict warnings.
    if _staging is not None:
        _staging.failed = True


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
