"""Stage 2, publish: keep only what may be public today (drafts, embargoes, internal notes and names removed)."""
from .public import HeldBack, public_catalogue

__all__ = ["HeldBack", "public_catalogue"]
