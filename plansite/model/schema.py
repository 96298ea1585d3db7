"""JSON Schemas generated from the models, so editors can autocomplete and underline YAML."""
from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from . import Contact, Edition, Partnership, UpdateFile

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
SCHEMA_BASE_URI = "https://plansite.example/schemas/"
# What people write: checked as they type (plans/ files start with a yaml-language-server line).
MODELS: dict[str, type[BaseModel]] = {
    "partnership": Partnership,
    "edition": Edition,
    "update": UpdateFile,
    "contact": Contact,
}
# What the site publishes: the open-data JSON, described by the published view that makes it.
PUBLISHED = ("plan",)
NAMES = (*MODELS, *PUBLISHED)


def build_schema(name: str) -> dict:
    if name == "plan":
        from ..export.published import plan_schema

        return plan_schema(SCHEMA_BASE_URI)
    schema = _shared_text_forms(MODELS[name].model_json_schema(mode="validation"))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE_URI}{name}.schema.json",
        **schema,
    }


TEXT_FORMS = ("BilingualText", "BilingualMarkdown")


def _shared_text_forms(schema: dict) -> dict:
    """Every text field may be given in each language ({en, cy}); that form is defined once, in $defs."""
    defs = schema.setdefault("$defs", {})

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "object" and node.get("title") in TEXT_FORMS:
                # Neither language is required on its own (minProperties: 1), and neither has a default.
                properties = {k: {n: v for n, v in p.items() if n != "default"} for k, p in node["properties"].items()}
                defs.setdefault(node["title"], {**node, "properties": properties})
                return {"$ref": f"#/$defs/{node['title']}"}
            return {key: walk(value) for key, value in node.items()}
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    walked = walk({k: v for k, v in schema.items() if k != "$defs"})
    others = {name: walk(d) for name, d in list(defs.items()) if name not in TEXT_FORMS}
    walked["$defs"] = dict(sorted({**others, **{name: defs[name] for name in TEXT_FORMS if name in defs}}.items()))
    return walked


def schema_text(name: str) -> str:
    return json.dumps(build_schema(name), indent=2, ensure_ascii=False) + "\n"


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in NAMES:
        path = folder / f"{name}.schema.json"
        path.write_text(schema_text(name), encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(folder: Path = SCHEMA_DIR) -> list[str]:
    """Names of committed schemas that no longer match the models."""
    stale = []
    for name in NAMES:
        path = folder / f"{name}.schema.json"
        if not path.is_file() or path.read_text(encoding="utf-8") != schema_text(name):
            stale.append(name)
    return stale
