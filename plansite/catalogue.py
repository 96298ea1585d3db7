"""The loaded plans: partnerships with their editions, ready for checks and rendering."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .model import Edition, EditionStatus, Partnership
from .yamlsafe import Parsed


@dataclass
class SourceFile:
    """Where a model came from, so later checks can point at lines."""

    path: str  # as shown to people, e.g. plans/calderdale/partnership.yaml
    parsed: Parsed


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

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "data":
            raise AttributeError(name)
        return getattr(self.data, name)

    @property
    def current(self) -> PlanEdition | None:
        """The published edition in force: the latest published one not superseded."""
        live = [e for e in self.editions if e.data.status is EditionStatus.PUBLISHED]
        return max(live, key=lambda e: e.data.period.start) if live else None

    @property
    def earlier(self) -> list[PlanEdition]:
        current = self.current
        return sorted((e for e in self.editions if e is not current), key=lambda e: e.data.period.start, reverse=True)

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
