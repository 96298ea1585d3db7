"""Reading a built site's Pagefind index as the tests need it.

Pagefind writes its index gzip-compressed (fragments are JSON, the word index and filters CBOR,
each after a "pagefind_dcd" signature). Tests that look for text in every output (privacy, drafts,
payloads) read these unpacked, so the search index is checked like every other file.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


def unpacked(path: Path) -> bytes:
    """A Pagefind data file's contents, unpacked (other files as they are)."""
    data = path.read_bytes()
    if path.suffix.startswith(".pf_"):
        data = gzip.decompress(data)
        if data.startswith(SIGNATURE):
            data = data[len(SIGNATURE):]
    return data


def index_text(site: Path) -> str:
    """Everything in the search index, as text."""
    return "\n".join(unpacked(p).decode("utf-8", errors="replace")
                     for p in sorted((site / "pagefind").rglob("*.pf_*")))


def fragments(site: Path) -> list[dict]:
    """One record per indexed page: url, content (the words indexed), meta, filters, anchors."""
    return [json.loads(unpacked(p)) for p in sorted((site / "pagefind").rglob("fragment/*.pf_fragment"))]
