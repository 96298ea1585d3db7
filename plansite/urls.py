"""Where each page lives. One place decides the address scheme, so links cannot drift."""
from __future__ import annotations

import posixpath
import re


def slugify(text: str) -> str:
    # Plan text on a Welsh page is Welsh, but its address and anchors come from the text the model
    # holds (plansite.i18n.words.source), so every page has the same address in each language.
    text = getattr(text, "source", text)
    text = re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")
    return text or "item"


def region_slug(region: str) -> str:
    return slugify(region)


def tree_prefix(language: str) -> str:
    """Where a language's pages live: English at the root, Welsh under cy/."""
    return "" if language == "en" else f"{language}/"


def edition_base(slug: str, edition_id: str | None, prefix: str = "") -> str:
    """The folder of an edition's pages: the current edition lives at the partnership's root."""
    return prefix + (f"{slug}/" if edition_id is None else f"{slug}/editions/{edition_id}/")


def relative(from_url: str, to_url: str) -> str:
    """A relative link between two site URLs ("a/b/" style, "" for the home page; "#x" alone is on this page)."""
    to_path, hash_, anchor = to_url.partition("#")
    base = from_url if from_url.endswith("/") or from_url == "" else posixpath.dirname(from_url) + "/"
    # "" is the home page, unless it is only an anchor: "#x" is on the page itself.
    target = base if (not to_path and hash_) else to_path
    rel = posixpath.relpath("/" + target, "/" + base) if target != base else "."
    if (target.endswith("/") or target == "") and rel != ".":
        rel += "/"
    elif rel == ".":
        rel = "./"
    return rel + (hash_ + anchor if hash_ else "")


def action_anchor_for(ref: str | None, position: int) -> str:
    """The id of an action on its priority's page: by ref, or by its position (from 1) where it has none."""
    return f"action-{slugify(ref)}" if ref else f"action-n{position}"
