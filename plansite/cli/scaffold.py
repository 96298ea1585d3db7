"""`plansite new`: a commented partnership that validates, ready to fill in."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from string import Template

from ..load.loader import MAX_SLUG, RESERVED
from ..load.yamlsafe import FORBIDDEN
from ..model.base import SLUG_PATTERN

TEMPLATES = Path(__file__).parent / "templates"


class ScaffoldError(Exception):
    pass


def _fill(template: str, **values: str) -> str:
    return Template((TEMPLATES / template).read_text(encoding="utf-8")).substitute(values)


def scaffold_partnership(plans: Path, slug: str, *, name: str | None = None, today: date | None = None) -> list[Path]:
    if not re.match(SLUG_PATTERN, slug):
        raise ScaffoldError(f"'{slug}' cannot be used: use lower-case letters, digits and single hyphens, like 'north-hertfordshire'")
    if len(slug) > MAX_SLUG:
        raise ScaffoldError(f"'{slug}' is {len(slug)} characters long; a partnership's folder name can be at most {MAX_SLUG}")
    if slug in RESERVED:
        raise ScaffoldError(f"'{slug}' is the address of one of the site's own pages; choose another, such as '{slug}-partnership'")
    if name is not None and (not name.strip() or len(name) > 200 or FORBIDDEN.search(name) or "\n" in name):
        raise ScaffoldError("--name must be the partnership's full name on one line, at most 200 characters")
    folder = plans / slug
    if folder.exists() or folder.is_symlink():
        raise ScaffoldError(f"{folder} already exists; choose another name or edit the files there")
    today = today or date.today()
    first = today.year if today.month >= 4 else today.year - 1
    short_name = " ".join(word.capitalize() for word in slug.split("-"))
    values = {
        "slug": slug,
        "name": _yaml_text(name or f"Safer {short_name} Partnership"),
        "short_name": _yaml_text(short_name),
        "edition_id": f"{first}-{first + 3}",
        "period_label": f"{first}-{first + 3}",
        "start": f"{first}-04-01",
        "end": f"{first + 3}-03-31",
        "next_review_year": str(first + 1),
    }
    (folder / "editions").mkdir(parents=True)
    partnership = folder / "partnership.yaml"
    edition = folder / "editions" / f"{values['edition_id']}.yaml"
    contact = folder / "contact.yaml"
    partnership.write_text(_fill("partnership.yaml", **values), encoding="utf-8")
    contact.write_text(_fill("contact.yaml", **values), encoding="utf-8")
    edition.write_text(_fill("edition.yaml", **values), encoding="utf-8")
    return [partnership, contact, edition]


def _yaml_text(text: str) -> str:
    # Quote anything YAML could misread (a colon, a leading symbol); plain words stay plain. A JSON
    # string is a valid YAML double-quoted one, with every special character escaped.
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9 ,.'()&-]*", text) and ": " not in text:
        return text
    return json.dumps(text, ensure_ascii=False)
