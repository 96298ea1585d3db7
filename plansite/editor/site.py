"""The form editor's files in the built site: admin/ with one Decap CMS editor per partnership.

    admin/index.html             the list of partnerships (our page, accessible without Decap)
    admin/<slug>/index.html      that partnership's editor: loads Decap from admin/decap-cms.js
    admin/<slug>/config.yml      its configuration, made from the models (plansite.editor.config);
                                 Decap reads config.yml beside the page by default
    admin/decap-cms.js, ...      Decap's runtime, copied from the pinned npm package that
                                 tools/install-editor.sh fetched into .cache/editor/decap-cms/

Nothing is loaded from another site: the runtime, its chunks, the styles and the configuration
are all files of this site.
"""
from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

import yaml

from ..i18n import Translator
from ..load.catalogue import Catalogue
from .config import contact_editable, editable_edition, partnership_config

STATIC = Path(__file__).resolve().parent / "static"
# LibYAML's writer when PyYAML has it: the pure-Python one takes most of the editor's build time.
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
RUNTIME = "decap-cms.js"


class EditorMissing(Exception):
    """The pinned Decap bundle is not installed (tools/install-editor.sh needs npm)."""


def bundle_version(bundle: Path) -> str | None:
    """The Decap version installed in bundle, or None when it is not there."""
    if not (bundle / RUNTIME).is_file():
        return None
    version = bundle / "VERSION"
    return version.read_text(encoding="utf-8").strip() if version.is_file() else "unknown"


def _page(title: str, body: str, *, depth: int, attributes: str = "") -> str:
    up = "../" * depth
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>{escape(title)}</title>\n"
        f'<link rel="icon" href="{up}assets/images/favicon.png">\n'
        f'<link rel="stylesheet" href="{up}admin/plansite-admin.css">\n'
        f"</head>\n<body{attributes}>\n{body}</body>\n</html>\n"
    )


def editor_files(catalogue: Catalogue, *, plans_path: str, backend: dict, site_url: str, site_name: str,
                 t: Translator | None = None) -> dict[str, str]:
    """Every generated file of the editor (not Decap's runtime), by path under the site."""
    t = t or Translator()
    files: dict[str, str] = {}
    items = []
    for plans in sorted(catalogue.partnerships, key=lambda p: p.data.short_name.lower()):
        name = plans.data.short_name
        config = partnership_config(plans, plans_path=plans_path, backend=backend, site_url=site_url, t=t)
        files[f"admin/{plans.slug}/config.yml"] = (
            "# Made by the site build from the plan model (plansite.editor.config); do not edit.\n"
            + yaml.dump(config, Dumper=DUMPER, sort_keys=False, allow_unicode=True, width=120))
        title = t("editor.partnership_title", name=name)
        # Shown until Decap starts: the heading, and why the form is not there without JavaScript
        # or without a backend for this host. The script hides it when Decap takes over.
        intro = (f'<main class="ps-admin" id="ps-admin-intro">\n<h1>{escape(title)}</h1>\n'
                 f'<noscript><p class="ps-admin__message">{escape(t("editor.needs_javascript"))}</p></noscript>\n'
                 f'<p class="ps-admin__message" id="ps-admin-not-set-up" hidden>{escape(t("editor.not_set_up"))}</p>\n'
                 f'<p><a href="../../{escape(plans.slug)}/">{escape(t("editor.public_site"))}</a></p>\n</main>\n')
        body = intro + '<script src="../plansite-admin.js"></script>\n'
        attributes = (f' data-backend="{escape(str(backend.get("name", "")))}"'
                      f' data-runtime="../{RUNTIME}"')
        files[f"admin/{plans.slug}/index.html"] = _page(
            f"{title}: {site_name}", body, depth=2, attributes=attributes)
        notes = []
        if editable_edition(plans) is None:
            notes.append(t("editor.no_plan"))
        if not contact_editable(plans):
            notes.append(t("editor.no_contact_form"))
        note = f' <span class="ps-admin__note">{escape("; ".join(notes))}</span>' if notes else ""
        items.append(f'<li><a href="{escape(plans.slug)}/">{escape(name)}</a>{note}</li>')
    body = (f'<main class="ps-admin">\n<h1>{escape(t("editor.title"))}</h1>\n<p>{escape(t("editor.intro"))}</p>\n'
            f'<h2>{escape(t("editor.choose"))}</h2>\n<ul class="ps-admin__list">\n' + "\n".join(items) + "\n</ul>\n"
            f'<p><a href="../">{escape(t("editor.public_site"))}</a></p>\n</main>\n')
    files["admin/index.html"] = _page(f"{t('editor.title')}: {site_name}", body, depth=1)
    files["admin/plansite-admin.js"] = (STATIC / "admin.js").read_text(encoding="utf-8")
    files["admin/plansite-admin.css"] = (STATIC / "admin.css").read_text(encoding="utf-8")
    return files


def write_editor(site_dir: Path, files: dict[str, str], bundle: Path) -> int:
    """Write the editor into site_dir: our generated files and Decap's runtime. Returns the file count."""
    if bundle_version(bundle) is None:
        raise EditorMissing(f"{bundle} has no {RUNTIME}")
    target = site_dir / "admin"
    target.mkdir(parents=True, exist_ok=True)
    count = 0
    for source in sorted(bundle.iterdir()):
        if source.is_file() and source.name != "VERSION":
            shutil.copyfile(source, target / source.name)
            count += 1
    for path, content in files.items():
        out = site_dir / path
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(content, encoding="utf-8")
        count += 1
    return count
