"""The publication checklist: what the duties and good practice ask a partnership to publish."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..load.catalogue import Catalogue, PartnershipPlans, PlanEdition
from ..i18n import Translator
from ..model import ActionStatus, Country, Strand
from .rules import current_status

# "About 12 months": an assessment done in one November supports a plan published the next
# autumn, so allow a month's grace before calling it out of date.
FRESH_FOR = timedelta(days=396)
# The Serious Violence Duty brought serious violence into partnership plans from 31 January 2023.
SERIOUS_VIOLENCE_FROM = date(2023, 1, 31)

# Legal references are citations, so they stay in their own words in every language.
CDA = "Crime and Disorder Act 1998 s.6"
REG12 = "SI 2007/1830 reg 12 (as made)"
PSBAR = "Public Sector Bodies Accessibility Regulations 2018 regs 8, 9 and 12"
EQA = "Equality Act 2010 s.20(6)"
WLS = "Welsh Language Standards (No. 1) Regulations 2015 (SI 2015/996)"
WFGA = "Well-being of Future Generations (Wales) Act 2015 s.5"
GOOD_PRACTICE = "good practice"  # a translation key, not a citation


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    title: str
    reference: str
    status: str  # "met", "partly met", "missing", "out of date", "not applicable"
    detail: str

    @property
    def ok(self) -> bool:
        return self.status in ("met", "not applicable")


class _Items:
    def __init__(self, t: Translator):
        self.t = t

    def __call__(self, key: str, reference: str, status: str, detail: str, **values: object) -> ChecklistItem:
        reference = self.t("checklist.good_practice") if reference == GOOD_PRACTICE else reference
        return ChecklistItem(key, self.t(f"checklist.title.{key}"), reference, status, self.t(f"checklist.detail.{detail}", **values))


def publication_checklist(plans: PartnershipPlans, edition: PlanEdition, today: date,
                          t: Translator | None = None, untranslated: int | None = None) -> list[ChecklistItem]:
    """What should be published, and whether it is. The partnership's country decides which duties apply:
    in Wales, the Welsh Language Standards and the Well-being of Future Generations Act's ways of working too.

    untranslated: how many of the edition's fields have no Welsh (plansite.view.localise), where known;
    it must be counted on the public plans, before their text is put in any one language.
    """
    item = _Items(t or Translator())
    data = edition.data
    published = bool(data.priorities or data.summary)
    wales = plans.data.area.country is Country.WALES
    items = [
        _assessment(item, data, edition.is_current, today),
        item("html", f"{CDA}; {PSBAR}", "met" if published else "missing", "html_met" if published else "html_missing"),
        _strands(item, data),
        _actions(item, data),
        _measures(item, data),
        _consultation(item, data),
        _meeting(item, data, edition.is_current, today),
        _contact(item, plans),
        item("review", CDA, "met" if data.next_review else "missing",
             "review_met" if data.next_review else "review_missing", when=data.next_review.as_written if data.next_review else ""),
        _police_and_crime_plan(item, plans),
    ]
    if wales:
        items += [_welsh(item, plans, edition, untranslated), _ways(item, data, item.t)]
    return items


def _assessment(item: _Items, data, current: bool, today: date) -> ChecklistItem:
    sa = data.strategic_assessment
    if (sa is None or not (sa.themes or sa.summary)) and data.regional_assessment is not None:
        return _regional_assessment(item, data.regional_assessment, current, today)
    if sa is None or not (sa.themes or sa.summary):
        return item("assessment", CDA, "missing", "assessment_missing")
    if sa.date is None or sa.date.deadline is None:
        return item("assessment", CDA, "partly met", "assessment_undated")
    when = sa.date.as_written
    if not current:
        return item("assessment", CDA, "met", "assessment_earlier", when=when)
    if today - sa.date.deadline > FRESH_FOR:
        return item("assessment", CDA, "out of date", "assessment_old", when=when)
    return item("assessment", CDA, "met", "assessment_met", when=when)


def _regional_assessment(item: _Items, regional, current: bool, today: date) -> ChecklistItem:
    """A plan in Wales may rest on a strategic assessment made for the whole region (North Wales, South Wales)."""
    title = regional.title
    if regional.date is None or regional.date.deadline is None:
        return item("assessment", CDA, "partly met", "assessment_regional_undated", title=title)
    when = regional.date.as_written
    if not current:
        return item("assessment", CDA, "met", "assessment_regional_earlier", when=when, title=title)
    if today - regional.date.deadline > FRESH_FOR:
        return item("assessment", CDA, "out of date", "assessment_regional_old", when=when, title=title)
    return item("assessment", CDA, "met", "assessment_regional_met", when=when, title=title)


def _strands(item: _Items, data) -> ChecklistItem:
    covered = {s for p in data.priorities for s in p.strands}
    required = [Strand.CRIME_AND_DISORDER, Strand.SUBSTANCE_MISUSE, Strand.REOFFENDING]
    if data.period.end >= SERIOUS_VIOLENCE_FROM:
        required.append(Strand.SERIOUS_VIOLENCE)
    missing = [s for s in required if s not in covered]
    words = lambda strands: ", ".join(item.t(f"strand.short.{s.value}") for s in strands)  # noqa: E731
    if not missing:
        return item("strands", CDA, "met", "strands_met", strands=words(required))
    return item("strands", CDA, "missing" if len(missing) == len(required) else "partly met", "strands_missing",
                strands=words(missing))


def _actions(item: _Items, data) -> ChecklistItem:
    actions = [a for a in data.actions() if current_status(a) is not ActionStatus.REMOVED]
    if not actions:
        return item("actions", GOOD_PRACTICE, "missing", "actions_none")
    no_lead = sum(1 for a in actions if not a.lead and not any(m.lead for m in a.milestones))
    no_when = sum(1 for a in actions if a.due is None and not a.milestones)
    if not no_lead and not no_when:
        return item("actions", GOOD_PRACTICE, "met", "actions_met", count=len(actions))
    status = "missing" if no_lead == len(actions) and no_when == len(actions) else "partly met"
    return item("actions", GOOD_PRACTICE, status, "actions_gaps", count=len(actions), no_lead=no_lead, no_when=no_when)


def _measures(item: _Items, data) -> ChecklistItem:
    indicators = sum(len(p.indicators) for p in data.priorities)
    criteria = sum(len(p.success_criteria) for p in data.priorities)
    if indicators or criteria:
        return item("measures", GOOD_PRACTICE, "met", "measures_met", indicators=indicators, criteria=criteria)
    return item("measures", GOOD_PRACTICE, "missing", "measures_missing")


def _consultation(item: _Items, data) -> ChecklistItem:
    consultations, said = len(data.consultations), len(data.you_said_we_did)
    if consultations or said:
        return item("consultation", REG12, "met", "consultation_met", consultations=consultations, said=said)
    return item("consultation", REG12, "missing", "consultation_missing")


def _meeting(item: _Items, data, current: bool, today: date) -> ChecklistItem:
    meetings = [m for m in data.meetings if m.public and m.summary]
    if not meetings:
        return item("meeting", REG12, "missing", "meeting_missing")
    latest = max(m.date for m in meetings).isoformat()
    if current and today - max(m.date for m in meetings) > timedelta(days=366):
        return item("meeting", REG12, "out of date", "meeting_latest", when=latest)
    return item("meeting", REG12, "met", "meeting_latest", when=latest)


def _contact(item: _Items, plans: PartnershipPlans) -> ChecklistItem:
    contact = plans.data.contact
    general = contact is not None and bool(contact.email or contact.phone or contact.address)
    formats = contact is not None and contact.alternative_formats is not None and bool(
        contact.alternative_formats.email or contact.alternative_formats.phone)
    reference = f"{EQA}; {PSBAR}"
    if general and formats:
        return item("contact", reference, "met", "contact_met")
    if formats:
        return item("contact", reference, "partly met", "contact_no_general")
    if general:
        return item("contact", reference, "partly met", "contact_no_formats")
    return item("contact", reference, "missing", "contact_missing")


def _police_and_crime_plan(item: _Items, plans: PartnershipPlans) -> ChecklistItem:
    # Every police force area of England and Wales has a police and crime commissioner and a plan.
    links = plans.data.links
    if links and links.police_and_crime_plan:
        return item("pcp", GOOD_PRACTICE, "met", "pcp_met")
    return item("pcp", GOOD_PRACTICE, "missing", "pcp_missing")


def _welsh(item: _Items, plans: PartnershipPlans, edition: PlanEdition, untranslated: int | None) -> ChecklistItem:
    """Welsh Language Standards: a Welsh page no less favourable than the English one, so the whole plan in Welsh."""
    if not any(lang.value == "cy" for lang in plans.data.languages):
        return item("welsh", WLS, "missing", "welsh_missing")
    if untranslated is None:
        from .localise import localise

        untranslated = len(localise(plans, "cy", [edition]).untranslated)
    if untranslated == 1:
        return item("welsh", WLS, "partly met", "welsh_partly_one")
    if untranslated:
        return item("welsh", WLS, "partly met", "welsh_partly", count=untranslated)
    return item("welsh", WLS, "met", "welsh_met")


def _ways(item: _Items, data, t: Translator) -> ChecklistItem:
    """The five ways of working of the Well-being of Future Generations (Wales) Act 2015."""
    from ..model.edition import WAYS_OF_WORKING

    ways = data.ways_of_working
    missing = [key for key in WAYS_OF_WORKING if ways is None or not getattr(ways, key)]
    if not missing:
        return item("ways", WFGA, "met", "ways_met")
    if len(missing) == len(WAYS_OF_WORKING):
        return item("ways", WFGA, "missing", "ways_missing")
    return item("ways", WFGA, "partly met", "ways_partly", ways=", ".join(t(f"ways.{key}").lower() for key in missing))


def checklist_gaps(catalogue: Catalogue, today: date) -> list[tuple[PartnershipPlans, PlanEdition, ChecklistItem]]:
    """Items not met for each partnership's current edition."""
    gaps = []
    for plans in catalogue.partnerships:
        edition = plans.current
        if edition is None:
            continue
        gaps += [(plans, edition, item) for item in publication_checklist(plans, edition, today) if not item.ok]
    return gaps
