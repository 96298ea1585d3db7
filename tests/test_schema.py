"""The committed JSON Schemas match the models, and describe the YAML people write."""
from __future__ import annotations

import json

import jsonschema
import yaml

from plansite.model.schema import MODELS, SCHEMA_DIR, build_schema, stale_schemas

from .conftest import EDITION, PLANS


def test_committed_schemas_match_the_models():
    # Regenerate with: .venv/bin/plansite schema
    assert stale_schemas() == []


def test_every_field_has_a_description():
    missing = []
    for name in MODELS:
        schema = build_schema(name)
        for def_name, definition in {name: schema, **schema.get("$defs", {})}.items():
            for field, spec in definition.get("properties", {}).items():
                if "description" not in spec:
                    missing.append(f"{def_name}.{field}")
    assert missing == []


def test_models_forbid_unknown_fields():
    for name in MODELS:
        schema = build_schema(name)
        objects = [schema, *schema.get("$defs", {}).values()]
        assert all(o.get("additionalProperties") is False for o in objects if o.get("type") == "object"), name


def test_schema_accepts_the_yaml_people_write():
    # YAML 1.2 reading, as editors do: dates stay strings only when quoted, so load with
    # the JSON-compatible subset by round-tripping through json.
    data = json.loads(json.dumps(yaml.safe_load(EDITION), default=str))
    data["priorities"][0]["indicators"][0]["baseline"]["period"] = "2007/08"
    data["priorities"][0]["indicators"][0]["targets"][0]["period"] = "2008/09"
    jsonschema.validate(data, json.loads((SCHEMA_DIR / "edition.schema.json").read_text()))


def test_example_files_point_editors_at_the_schema():
    for path in sorted(PLANS.glob("*/partnership.yaml")):
        assert path.read_text().startswith("# yaml-language-server: $schema=../../plansite/schemas/partnership.schema.json"), path
    for path in sorted(PLANS.glob("*/editions/*.yaml")):
        assert path.read_text().startswith("# yaml-language-server: $schema=../../../plansite/schemas/edition.schema.json"), path
