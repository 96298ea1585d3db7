"""The form editor's configuration (Decap CMS's config.yml), made from the record models.

Every form field comes from the JSON Schema of the model it saves, so a field's label is the
schema's title and its hint the schema's description: the forms and the YAML cannot drift.
What the schema cannot say, the plan can: the action is chosen from the partnership's refs
and the edition from its current one, so an unknown ref or status cannot be saved.

One editor per partnership (admin/<slug>/), each writing only that partnership's small files:
- progress updates, "you said, we did" entries and public meetings, one new file per record
  under updates/, told apart by their names (.progress.yaml, .said.yaml, .meeting.yaml);
- the contact details, in contact.yaml.
The large commented partnership and edition files are never offered: Decap rewrites a file it
saves, and their comments would be lost. Results and internal notes, the other kinds of record,
come in through the team's progress workbook (`plansite import`), not the form (NOT_OFFERED).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..i18n import Translator
from ..load.catalogue import PartnershipPlans, PlanEdition
from ..load.refs import ActionIndex
from ..model import ActionStatus, Contact, EditionStatus, Meeting, ProgressUpdate, UpdateFile, YouSaidWeDid
from ..model.base import EMAIL_PATTERN, SLUG_PATTERN
from ..model.schema import TEXT_FORMS, build_schema

DATE = {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "D MMMM YYYY", "time_format": False}
# Prose is typed in a box of several lines; other text fields are one line.
PROSE = {("ProgressUpdate", "text"), ("ProgressUpdate", "status_reason"), ("YouSaidWeDid", "said"),
         ("YouSaidWeDid", "did"), ("YouSaidWeDid", "reached"), ("AlternativeFormats", "note")}
# Fields the schema leaves optional that a new record made in the form always has.
FORM_REQUIRED = {("ProgressUpdate", "date"), ("UpdateFile", "edition")}
# Kinds of record the forms do not offer, and why: results and the team's internal notes come in
# through the progress workbook (plansite import). status_word is filled in by the loader from
# status, which offers the partnership's own words.
NOT_OFFERED = {"indicator", "result", "internal_notes"}
FILLED_IN = {"status_word"}
LABEL_LENGTH = 90
DEFAULT_PROXY = "http://127.0.0.1:8081/api/v1"


def _pattern_message(pattern: str, t: Translator) -> str | None:
    return {EMAIL_PATTERN: t("editor.pattern_email"), SLUG_PATTERN: t("editor.pattern_slug")}.get(pattern)


@dataclass
class Choices:
    """What the plan allows in a partnership's forms: its current edition and that edition's actions."""

    edition: PlanEdition
    actions: list[tuple[str, str]]  # (ref as a record writes it, label shown in the form)
    statuses: list[str]  # the standard status words, then the partnership's own

    @classmethod
    def for_edition(cls, edition: PlanEdition) -> Choices:
        index = ActionIndex(edition.data, edition.id)
        actions = []
        for priority in edition.data.priorities:
            for action in priority.actions():
                if action.ref:
                    key = index.key(priority, action)
                    text = " ".join(action.text.split())
                    if len(text) > LABEL_LENGTH:
                        text = text[: LABEL_LENGTH - 1].rstrip() + "…"
                    actions.append((key, f"{key}: {text}"))
        own = [str(w.word) for w in edition.partnership.data.status_words]
        return cls(edition, actions, [s.value for s in ActionStatus] + own)


class FormBuilder:
    """Turns a model's JSON Schema into Decap fields, resolving $refs within that schema."""

    def __init__(self, schema: dict, choices: Choices | None, t: Translator):
        self.defs = schema.get("$defs", {})
        self.choices = choices
        self.t = t

    def _resolve(self, node: dict) -> dict:
        # Optional fields are anyOf [X, null]; FlexDate is anyOf [text, {as_written, date}]. A text field
        # is anyOf [text, {en, cy}]: the form offers the text, in the partnership's first language.
        while True:
            options = [n for n in node.get("anyOf", [node]) if n.get("type") != "null"
                       and n.get("$ref", "").rsplit("/", 1)[-1] not in TEXT_FORMS]
            node = options[-1] if options else node
            if "$ref" not in node:
                return node
            node = self.defs[node["$ref"].rsplit("/", 1)[1]]

    def fields(self, schema: dict, model: str, only: tuple[str, ...] | None = None) -> list[dict]:
        required = set(schema.get("required", []))
        names = [n for n in schema["properties"] if (only is None or n in only) and n not in FILLED_IN]
        return [self.field(model, name, schema["properties"][name], name in required) for name in names]

    def field(self, model: str, name: str, prop: dict, required: bool) -> dict:
        field: dict[str, Any] = {"name": name, "label": prop["title"]}
        if prop.get("description"):
            field["hint"] = prop["description"]
        field["required"] = required or (model, name) in FORM_REQUIRED
        target = self._resolve(prop)
        special = self._special(model, name)
        if special is not None:
            field.update(special)
        elif target.get("title") == "FlexDate":
            # A date as written ("March 2010", "Ongoing"); the record's own date is a day.
            field.update(DATE if name == "date" else {"widget": "string"})
        elif "enum" in target:
            field.update({"widget": "select", "options": list(target["enum"])})
        elif "properties" in target:
            field.update({"widget": "object", "collapsed": False,
                          "fields": self.fields(target, target.get("title", name))})
        elif target.get("type") == "boolean":
            field.update({"widget": "boolean", "default": bool(prop.get("default", False))})
        elif target.get("type") == "integer":
            minimum = target.get("minimum", target.get("exclusiveMinimum", -1) + 1)
            field.update({"widget": "number", "value_type": "int", "min": minimum, "step": 1})
        elif target.get("type") == "array":
            item = self._resolve(target["items"])
            field.update({"widget": "list", "field": {"name": "item", "label": prop["title"], "widget": "string"}})
            if "pattern" in item and _pattern_message(item["pattern"], self.t):
                field["field"]["pattern"] = [item["pattern"], _pattern_message(item["pattern"], self.t)]
        elif target.get("format") == "date":
            field.update(DATE)
        elif target.get("contentMediaType") == "text/markdown":
            field.update({"widget": "markdown", "minimal": True, "editor_components": [],
                          "buttons": ["bold", "italic", "link", "bulleted-list", "numbered-list"]})
        else:
            field["widget"] = "text" if (model, name) in PROSE else "string"
            message = _pattern_message(target.get("pattern", ""), self.t)
            if message:
                field["pattern"] = [target["pattern"], message]
        return field

    def _special(self, model: str, name: str) -> dict | None:
        """Fields whose allowed values come from the plan, not the schema."""
        if self.choices is None:
            return None
        edition = self.choices.edition
        if (model, name) == ("UpdateFile", "edition"):
            label = f"{edition.data.title} ({edition.data.period.display})"
            return {"widget": "select", "options": [{"label": label, "value": edition.id}], "default": edition.id}
        actions = [{"label": label, "value": ref} for ref, label in self.choices.actions]
        if (model, name) == ("UpdateFile", "action"):
            return {"widget": "select", "options": actions}
        if (model, name) == ("YouSaidWeDid", "actions"):
            return {"widget": "select", "options": actions, "multiple": True, "min": 0}
        if (model, name) == ("ProgressUpdate", "status"):
            return {"widget": "select", "options": list(self.choices.statuses)}
        return None


def _record_collection(builder: FormBuilder, update_schema: dict, *, name: str, kind: str, holder: str,
                       folder: str, identifier: str, summary: str, t: Translator) -> dict:
    fields = builder.fields(update_schema, "UpdateFile", only=("edition", "action", holder) if holder == "progress"
                            else ("edition", holder))
    for field in fields:
        if field["name"] in (holder, "action"):
            field["required"] = True  # the record itself, and the action a progress update is about
    return {
        "name": name,
        "label": t(f"editor.{name}.label"),
        "label_singular": t(f"editor.{name}.singular"),
        "description": t(f"editor.{name}.description"),
        "folder": folder,
        # The kind in the file name keeps each collection to its own records in the shared folder.
        "extension": f"{kind}.yaml",
        "format": "yml",
        "create": True,
        # Append-only: a published record is withdrawn by marking it draft, not by deleting it.
        "delete": False,
        "identifier_field": identifier,
        # The day it was made and the first words: long text must not make a file name too long.
        "slug": "{{year}}-{{month}}-{{day}}-{{slug | truncate(40, '')}}",
        "summary": summary,
        "editor": {"preview": False},
        "fields": fields,
    }


@lru_cache(maxsize=None)
def _schema(name: str) -> dict:
    """A record model's JSON Schema, made once per process; the forms only read it."""
    return build_schema(name)


def editable_edition(plans: PartnershipPlans) -> PlanEdition | None:
    """The edition new records go to: the current published one (only public plans are offered).

    A superseded edition shown while its successor is a draft takes no new records."""
    current = plans.current
    return current if current is not None and current.data.status is EditionStatus.PUBLISHED else None


def partnership_config(plans: PartnershipPlans, *, plans_path: str, backend: dict, site_url: str,
                       t: Translator | None = None) -> dict:
    """The config.yml of one partnership's editor. plans_path is the plans folder as the
    backend sees it (relative to the repository root), e.g. "plans"."""
    t = t or Translator()
    base = f"{plans_path}/{plans.slug}"
    edition = editable_edition(plans)
    collections = []
    if edition is not None:
        choices = Choices.for_edition(edition)
        update_schema = _schema("update")
        builder = FormBuilder(update_schema, choices, t)
        folder = f"{base}/updates"
        if choices.actions:
            collections.append(_record_collection(builder, update_schema, name="progress", kind="progress", holder="progress",
                                                  folder=folder, identifier="action",
                                                  summary="{{progress.date}}: {{action}}: {{progress.text | truncate(80)}}", t=t))
        collections.append(_record_collection(builder, update_schema, name="said", kind="said", holder="you_said_we_did",
                                              folder=folder, identifier="you_said_we_did.said",
                                              summary="{{you_said_we_did.date}}: {{you_said_we_did.said | truncate(80)}}", t=t))
        collections.append(_record_collection(builder, update_schema, name="meeting", kind="meeting", holder="meeting",
                                              folder=folder, identifier="meeting.title",
                                              summary="{{meeting.date}}: {{meeting.title}}", t=t))
    if contact_editable(plans):
        contact_schema = _schema("contact")
        collections.append({
            "name": "contact",
            "label": t("editor.contact.label"),
            "description": t("editor.contact.description"),
            "delete": False,
            "editor": {"preview": False},
            "files": [{"name": "contact", "label": t("editor.contact.label"), "file": f"{base}/contact.yaml",
                       "format": "yml", "fields": FormBuilder(contact_schema, None, t).fields(contact_schema, "Contact")}],
        })
    page = site_url.rstrip("/") + f"/{plans.slug}/"
    return {
        "backend": backend,
        "site_url": page,
        "display_url": page,
        "locale": "en",
        "show_preview_links": False,
        # Uploads are never published: the plans have no images, and a photo could carry personal data.
        "media_folder": f"{base}/media",
        "slug": {"encoding": "ascii", "clean_accents": True},
        "collections": collections,
    }


def contact_editable(plans: PartnershipPlans) -> bool:
    """The form edits contact.yaml; while partnership.yaml holds the contact details, saving
    would put them in two places (a build error), so the form is not offered."""
    return plans.data.contact is None or plans.contact_source is not None


def editor_paths(plans_dir: Path, project_root: Path) -> tuple[str, Path]:
    """(the plans folder as the editor's backend names it, the folder that backend works in).

    The GitHub and GitLab backends name files from the repository root, where mkdocs.yml is;
    decap-server (make edit) runs there too. Plans kept outside the project (PLANSITE_PLANS)
    are named from their parent folder, where decap-server is then started.
    """
    plans_dir, project_root = plans_dir.resolve(), project_root.resolve()
    try:
        return plans_dir.relative_to(project_root).as_posix(), project_root
    except ValueError:
        return plans_dir.name, plans_dir.parent


def backend_settings(environ: dict[str, str] | None = None, *, local: bool = False) -> dict:
    """Decap's backend from PLANSITE_EDITOR_* variables (README: "The form editor").

    local (make edit) always uses decap-server on this machine. Otherwise PLANSITE_EDITOR_BACKEND
    chooses github or gitlab; unset, the editor works only on this machine.
    """
    env = os.environ if environ is None else environ
    proxy = {"name": "proxy", "proxy_url": env.get("PLANSITE_EDITOR_PROXY_URL") or DEFAULT_PROXY}
    name = (env.get("PLANSITE_EDITOR_BACKEND") or "").strip().lower()
    if local or name in ("", "local", "proxy"):
        return proxy
    if name not in ("github", "gitlab"):
        raise ValueError(f"PLANSITE_EDITOR_BACKEND is '{name}'; use github, gitlab or local")
    repo = (env.get("PLANSITE_EDITOR_REPO") or "").strip()
    if not repo:
        raise ValueError(f"PLANSITE_EDITOR_BACKEND is {name}, so PLANSITE_EDITOR_REPO must name the repository, e.g. example/plans")
    backend: dict[str, Any] = {"name": name, "repo": repo, "branch": env.get("PLANSITE_EDITOR_BRANCH") or "main",
                               "commit_messages": {"create": "Add {{collection}} record {{slug}} (form editor)",
                                                   "update": "Change {{collection}} record {{slug}} (form editor)"}}
    optional = {"PLANSITE_EDITOR_BASE_URL": "base_url", "PLANSITE_EDITOR_AUTH_ENDPOINT": "auth_endpoint",
                "PLANSITE_EDITOR_API_ROOT": "api_root", "PLANSITE_EDITOR_APP_ID": "app_id",
                "PLANSITE_EDITOR_AUTH_TYPE": "auth_type"}
    for variable, key in optional.items():
        if env.get(variable):
            backend[key] = env[variable]
    if name == "gitlab" and backend.get("app_id") and "auth_type" not in backend:
        backend["auth_type"] = "pkce"  # GitLab's OAuth without a server of our own
    return backend
