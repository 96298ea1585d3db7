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


# The 22 principal areas of Wales, by the words of their names in English and in Welsh, to tell from
# a new partnership's name that it is in Wales. (Newport is left out: there are Newports in England.)
WELSH_AREAS = {
    "anglesey": "Isle of Anglesey", "ynys-mon": "Isle of Anglesey", "gwynedd": "Gwynedd", "conwy": "Conwy",
    "denbighshire": "Denbighshire", "sir-ddinbych": "Denbighshire", "flintshire": "Flintshire", "sir-y-fflint": "Flintshire",
    "wrexham": "Wrexham", "wrecsam": "Wrexham", "powys": "Powys", "ceredigion": "Ceredigion", "pembrokeshire": "Pembrokeshire",
    "sir-benfro": "Pembrokeshire", "carmarthenshire": "Carmarthenshire", "sir-gaerfyrddin": "Carmarthenshire",
    "swansea": "Swansea", "abertawe": "Swansea", "neath-port-talbot": "Neath Port Talbot",
    "castell-nedd-port-talbot": "Neath Port Talbot", "bridgend": "Bridgend", "pen-y-bont-ar-ogwr": "Bridgend",
    "vale-of-glamorgan": "Vale of Glamorgan", "bro-morgannwg": "Vale of Glamorgan", "rhondda-cynon-taf": "Rhondda Cynon Taf",
    "merthyr-tydfil": "Merthyr Tydfil", "merthyr-tudful": "Merthyr Tydfil", "caerphilly": "Caerphilly",
    "caerffili": "Caerphilly", "blaenau-gwent": "Blaenau Gwent", "torfaen": "Torfaen", "tor-faen": "Torfaen",
    "monmouthshire": "Monmouthshire", "sir-fynwy": "Monmouthshire", "casnewydd": "Newport", "cardiff": "Cardiff",
    "caerdydd": "Cardiff",
}
COUNTRIES = ("england", "wales")


def welsh_area(slug: str) -> str | None:
    """The principal area of Wales a partnership's folder name names, if it names one (conwy-and-denbighshire)."""
    padded = f"-{slug}-"
    return next((area for words, area in WELSH_AREAS.items() if f"-{words}-" in padded), None)


def check_new(plans: Path, slug: str, name: str | None = None) -> Path:
    """The new partnership's folder, if the folder name and the full name can be used and the folder is free."""
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
    return folder


def scaffold_partnership(plans: Path, slug: str, *, name: str | None = None, today: date | None = None,
                         country: str = "england") -> list[Path]:
    """A new partnership in England or Wales. One in Wales publishes in English and Welsh, and its
    example edition has the Well-being of Future Generations (Wales) Act's ways of working to fill in."""
    if country not in COUNTRIES:
        raise ScaffoldError(f"'{country}' is not a country Plansite knows: use england or wales")
    folder = check_new(plans, slug, name)
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
        "country": country,
        "languages": "[en, cy]     # English and Welsh: give text as {en: ..., cy: ...}; Welsh pages are under /cy/"
        if country == "wales" else "[en]          # add cy to publish in Welsh too, with text as {en: ..., cy: ...}",
        "wales_partnership": _fill("wales-partnership.yaml") if country == "wales" else "",
        "wales_edition": _fill("wales-edition.yaml") if country == "wales" else "",
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
