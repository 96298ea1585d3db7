"""The loaded plans: partnerships with their editions, ready for checks and rendering."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model import Edition, EditionStatus, Partnership
from .yamlsafe import Parsed


@dataclass
class SourceFile:
    """Where a model came from, so later checks can point at lines.

    The parse, with a YAML node for every value, is large; it is dropped once the file is checked
    and made again from the bytes only if a later message needs a line number.
    """

    path: str  # as shown to people, e.g. plans/calderdale/partnership.yaml
    raw: bytes = field(repr=False)
    _parsed: Parsed | None = field(default=None, repr=False)

    @property
    def parsed(self) -> Parsed:
        if self._parsed is None:
            from .yamlsafe import parse_yaml

            self._parsed = parse_yaml(self.raw, self.path)[0] or Parsed({})
        return self._parsed

    def release(self) -> None:
        self._parsed = None


@dataclass
class PlanEdition:
    id: str
    data: Edition
    source: SourceFile
    partnership: PartnershipPlans = field(repr=False)

    def __getattr__(self, name: str) -> Any:
        # Templates read edition.title rather than edition.data.title.
        if name.startswith("__") or name == "data":
            raise AttributeError(name)
        return getattr(self.data, name)

    @property
    def is_current(self) -> bool:
        return self is self.partnership.current

    @property
    def superseded(self) -> bool:
        return self.data.status is EditionStatus.SUPERSEDED


@dataclass
class PartnershipPlans:
    slug: str
    data: Partnership
    source: SourceFile
    editions: list[PlanEdition] = field(default_factory=list)
    # (UpdateFile, SourceFile) pairs from plans/<slug>/updates/, merged into editions by the checks.
    update_files: list[tuple[Any, SourceFile]] = field(default_factory=list, repr=False)
    # plans/<slug>/contact.yaml, when the contact details are kept there rather than in partnership.yaml.
    contact_source: SourceFile | None = field(default=None, repr=False)
    # Records merged in from updates/ (by id of the record's model): the file and path they came from,
    # so a later message about one (an untranslated field) names its own file.
    record_sources: dict[int, tuple[SourceFile, tuple]] = field(default_factory=dict, repr=False)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name in ("data", "contact_source", "record_sources"):
            raise AttributeError(name)
        return getattr(self.data, name)

    @property
    def current(self) -> PlanEdition | None:
        """The edition shown at the partnership's own address.

        The published edition in force; or, where there is none (the one replacing a superseded
        edition is still a draft), the latest edition there is, which its pages mark as replaced.
        """
        live = [e for e in self.editions if e.data.status is EditionStatus.PUBLISHED]
        chosen = live or self.editions
        return max(chosen, key=lambda e: e.data.period.start) if chosen else None

    @property
    def earlier(self) -> list[PlanEdition]:
        current = self.current
        return sorted((e for e in self.editions if e is not current), key=lambda e: e.data.period.start, reverse=True)

    @property
    def sources(self) -> list[SourceFile]:
        """Every file this partnership was read from: partnership, editions, update records."""
        found = [self.source, self.contact_source, *(e.source for e in self.editions), *(s for _, s in self.update_files)]
        return [s for s in found if s is not None]

    def edition(self, edition_id: str) -> PlanEdition | None:
        return next((e for e in self.editions if e.id == edition_id), None)


@dataclass
class Catalogue:
    partnerships: list[PartnershipPlans]
    warnings: list[Any] = field(default_factory=list)

    def get(self, slug: str) -> PartnershipPlans | None:
        return next((p for p in self.partnerships if p.slug == slug), None)

    @property
    def regions(self) -> dict[str, list[PartnershipPlans]]:
        regions: dict[str, list[PartnershipPlans]] = {}
        for p in sorted(self.partnerships, key=lambda p: p.data.short_name.lower()):
            regions.setdefault(p.data.region, []).append(p)
        return dict(sorted(regions.items()))

    def counts(self) -> dict[str, int]:
        editions = [e for p in self.partnerships for e in p.editions]
        return {
            "partnerships": len(self.partnerships),
            "editions": len(editions),
            "priorities": sum(len(e.data.priorities) for e in editions),
            "actions": sum(len(e.data.actions()) for e in editions),
            "indicators": sum(len(pr.indicators) for e in editions for pr in e.data.priorities),
        }
