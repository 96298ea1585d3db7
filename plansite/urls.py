"""Where each page lives. One place decides the address scheme, so links cannot drift."""
from __future__ import annotations

import posixpath
import re


def slugify(text: str) -> str:
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return text or "item"


def region_slug(region: str) -> str:
    return slugify(region)


def edition_base(slug: str, edition_id: str | None) -> str:
    """The folder of an edition's pages: the current edition lives at the partnership's root."""
    return f"{slug}/" if edition_id is None else f"{slug}/editions/{edition_id}/"


def relative(from_url: str, to_url: str) -> str:
    """A relative link between two site URLs ("a/b/" style, "" for the home page).

    "#anchor" alone is on the page linked from; "" alone is the home page."""
    to_path, hash_, anchor = to_url.partition("#")
    base = from_url if from_url.endswith("/") or from_url == "" else posixpath.dirname(from_url) + "/"
    target = to_path if to_path or not hash_ else base
    rel = posixpath.relpath("/" + target, "/" + base) if target != base else "."
    if (target.endswith("/") or target == "") and rel != ".":
        rel += "/"
    elif rel == ".":
        rel = "./"
    return rel + (hash_ + anchor if hash_ else "")


def action_anchor_for(ref: str | None, position: int) -> str:
    """The id of an action on its priority's page: by ref, or by its position (from 1) where it has none."""
    return f"action-{slugify(ref)}" if ref else f"action-n{position}"
