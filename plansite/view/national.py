"""The views across partnerships: regions, the strands compared, the publication checklist,
places A to Z and the routes for other formats. Built from each edition's view, so the
national pages say exactly what the partnerships' own pages say.
"""
from __future__ import annotations

from datetime import date

from ..i18n import Translator
from ..load.catalogue import Catalogue
from ..model import Strand
from ..urls import region_slug, tree_prefix
from . import rules
from .checklist import publication_checklist
from .edition import action_status, checklist_status, indicator_status, page_prefix
from .model import Edition, FormatRequest, Link, Status, view


@view
class Member:
    """A partnership as a region's page lists it, with its current plan."""

    slug: str
    url: str
    name: str
    short_name: str
    edition: Edition | None
    """Its current plan; none when it has no published plan."""


@view
class Region:
    name: str
    slug: str
    url: str
    members: tuple[Member, ...]

    @property
    def current(self) -> tuple[Member, ...]:
        return tuple(m for m in self.members if m.edition is not None)


@view
class StrandCount:
    strand: str
    count: int
    total: int


@view
class StrandCover:
    """How many of a partnership's current priorities cover one strand."""

    strand: str
    priorities: int


@view
class CompareRow:
    member: Member
    covers: tuple[StrandCover, ...]


@view
class CompareRegion:
    region: Region
    counts: tuple[StrandCount, ...]
    """How many partnerships in the region cover each strand."""
    rows: tuple[CompareRow, ...]


@view
class ChecklistItem:
    key: str
    title: str
    status: Status
    detail: str
    reference: str
    ok: bool


@view
class ChecklistEdition:
    slug: str
    short_name: str
    edition_id: str
    title: str
    is_current: bool
    status: Status
    items: tuple[ChecklistItem, ...]
    met: int

    @property
    def total(self) -> int:
        return len(self.items)


@view
class ChecklistRegion:
    region: Region
    editions: tuple[ChecklistEdition, ...]
    met: int
    """Items met across the region's current plans."""
    total: int


@view
class Place:
    name: str
    kind: str | None
    partnership: Link


@view
class Letter:
    letter: str
    slug: str
    places: tuple[Place, ...]


@view
class FormatRoute:
    partnership: Link
    request: FormatRequest
    local_authority: str


@view
class National:
    regions: tuple[Region, ...]
    strands: tuple[str, ...]
    """The statutory strands, in words, in the order the tables show them."""
    compare: tuple[CompareRegion, ...]
    checklist: tuple[ChecklistRegion, ...]
    letters: tuple[Letter, ...]
    formats: tuple[FormatRoute, ...]


def national_view(catalogue: Catalogue, views: dict[tuple[str, str], Edition], today: date,
                  t: Translator | None = None, untranslated: dict[tuple[str, str], int] | None = None) -> National:
    """The national pages' view in t's language. Addresses lead to the pages in that language where a
    partnership publishes in it, else to its pages in English. untranslated: for each (slug, edition id)
    of a partnership publishing in Welsh, how many of its fields have no Welsh (the checklist counts them)."""
    t = t or Translator()
    home = tree_prefix(t.language)
    regions = []
    for name, partnerships in catalogue.regions.items():
        members = tuple(Member(p.slug, f"{page_prefix(p, t.language)}{p.slug}/", p.data.name, p.data.short_name,
                               views.get((p.slug, p.current.id)) if p.current else None) for p in partnerships)
        slug = region_slug(name)
        regions.append(Region(name, slug, f"{home}regions/{slug}/", members))
    strands = [s.value for s in Strand]
    compare = []
    for region in regions:
        current = region.current
        counts = tuple(StrandCount(t(f"strand.{s}"), sum(1 for m in current if any(s in p.strand_keys for p in m.edition.priorities)),
                                   len(current)) for s in strands)
        rows = tuple(CompareRow(m, tuple(StrandCover(t(f"strand.{s}"), sum(1 for p in m.edition.priorities if s in p.strand_keys))
                                         for s in strands)) for m in current)
        compare.append(CompareRegion(region, counts, rows))
    checklist = []
    by_slug = {p.slug: p for p in catalogue.partnerships}
    for region in regions:
        editions = []
        for member in region.members:
            plans = by_slug[member.slug]
            for edition in ([plans.current] if plans.current else []) + plans.earlier:
                view_ = views[(plans.slug, edition.id)]
                count = (untranslated or {}).get((plans.slug, edition.id))
                items = tuple(ChecklistItem(i.key, i.title, checklist_status(i.status, t), i.detail, i.reference, i.ok)
                              for i in publication_checklist(plans, edition, today, t, count))
                editions.append(ChecklistEdition(plans.slug, plans.data.short_name, edition.id, view_.title, edition.is_current,
                                                 view_.status, items, sum(1 for i in items if i.ok)))
        current = [e for e in editions if e.is_current]
        checklist.append(ChecklistRegion(region, tuple(editions), sum(e.met for e in current), sum(e.total for e in current)))
    formats = tuple(FormatRoute(Link(m.short_name, f"{m.url}contact/"), m.edition.partnership.request, m.edition.partnership.local_authority)
                    for region in regions for m in region.members if m.edition is not None)
    return National(tuple(regions), tuple(t(f"strand.{s}") for s in strands), tuple(compare), tuple(checklist),
                    place_letters(catalogue, t), formats)


def place_letters(catalogue: Catalogue, t: Translator) -> tuple[Letter, ...]:
    """Places, wards and council areas named in the plans, A to Z, with their partnership."""
    entries = set()
    for plans in catalogue.partnerships:
        area = plans.data.area
        entries.add((area.local_authority, t("site.kind_council"), plans.slug))
        entries.update((place, None, plans.slug) for place in area.places)
        entries.update((ward, t("site.kind_ward"), plans.slug) for ward in area.wards)
    by_slug = {p.slug: p for p in catalogue.partnerships}
    letters: dict[str, list[Place]] = {}
    for place, kind, slug in sorted(entries, key=lambda e: (e[0].lower(), e[1] or "", e[2])):
        plans = by_slug[slug]
        letters.setdefault(_letter(place), []).append(
            Place(place, kind, Link(plans.data.short_name, f"{page_prefix(plans, t.language)}{slug}/")))
    return tuple(Letter(letter, _letter_slug(letter), tuple(items)) for letter, items in sorted(letters.items()))


def _letter(place: str) -> str:
    first = place[:1].upper()
    return first if first.isalpha() else "#"


def _letter_slug(letter: str) -> str:
    # The letter is a web address: anything but a plain letter (a digit, a symbol) is filed under "other".
    return letter.lower() if letter.isascii() and letter.isalpha() else "other"


@view
class RuleRow:
    status: Status
    meaning: str


@view
class Rules:
    """The rules page, from the definitions the view applies (plansite.view.rules)."""

    actions: tuple[RuleRow, ...]
    indicators: tuple[RuleRow, ...]
    """In the order they are applied: the first that applies decides."""
    dates: tuple[str, ...]


def rules_view(t: Translator | None = None) -> Rules:
    t = t or Translator()
    actions = tuple(RuleRow(action_status(s, t), t(f"rules.meaning.{s.value if s else 'none'}")) for s in rules.STATUS_ORDER)
    indicators = tuple(RuleRow(indicator_status(r.status, t), t(f"rules.indicator.{r.id}")) for r in rules.INDICATOR_RULES)
    return Rules(actions, indicators, tuple(t(key) for key in rules.DATE_RULES))
