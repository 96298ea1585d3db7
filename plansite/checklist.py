"""The publication checklist: what the duties and good practice ask a partnership to publish."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .catalogue import Catalogue, PartnershipPlans, PlanEdition
from .model import ActionStatus, Country, Strand
from .views import current_status

# "About 12 months": an assessment done in one November supports a plan published the next
# autumn, so allow a month's grace before calling it out of date.
FRESH_FOR = timedelta(days=396)
# The Serious Violence Duty brought serious violence into partnership plans from 31 January 2023.
SERIOUS_VIOLENCE_FROM = date(2023, 1, 31)

CDA = "Crime and Disorder Act 1998 s.6"
REG12 = "SI 2007/1830 reg 12 (as made)"
PSBAR = "Public Sector Bodies Accessibility Regulations 2018 regs 8, 9 and 12"
EQA = "Equality Act 2010 s.20(6)"
GOOD_PRACTICE = "Good practice"


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


def _item(key: str, title: str, reference: str, status: str, detail: str) -> ChecklistItem:
    return ChecklistItem(key, title, reference, status, detail)


def publication_checklist(plans: PartnershipPlans, edition: PlanEdition, today: date) -> list[ChecklistItem]:
    data = edition.data
    current = edition.is_current
    items = [
        _assessment(data, current, today),
        _item("html", "Plan summary published as web pages, not only a PDF", f"{CDA}; {PSBAR}",
              "met" if data.priorities or data.summary else "missing",
              "This site publishes the plan as accessible web pages." if data.priorities or data.summary
              else "The edition has no summary or priorities to publish."),
        _strands(data),
        _actions(data),
        _measures(data),
        _consultation(data),
        _meeting(data, current, today),
        _contact(plans),
        _item("review", "A next review date", CDA, "met" if data.next_review else "missing",
              f"Next review: {data.next_review.as_written}." if data.next_review else "No next review date is given."),
        _police_and_crime_plan(plans),
    ]
    return items


def _assessment(data, current: bool, today: date) -> ChecklistItem:
    title = "Strategic assessment summary, no more than about 12 months old"
    sa = data.strategic_assessment
    if sa is None or not (sa.themes or sa.summary):
        return _item("assessment", title, CDA, "missing", "No strategic assessment summary is published with this edition.")
    when = sa.date.as_written if sa.date else "an unstated date"
    if not current:
        return _item("assessment", title, CDA, "met", f"Summary of the assessment of {when} (earlier edition, so its age is not checked).")
    if sa.date is None or sa.date.deadline is None:
        return _item("assessment", title, CDA, "partly met", "A summary is published, but its date is not stated.")
    if today - sa.date.deadline > FRESH_FOR:
        return _item("assessment", title, CDA, "out of date", f"The summary is of the assessment of {when}, more than 12 months ago.")
    return _item("assessment", title, CDA, "met", f"Summary of the assessment of {when}.")


def _strands(data) -> ChecklistItem:
    title = "Priorities cover the statutory strands"
    covered = {s for p in data.priorities for s in p.strands}
    required = [Strand.CRIME_AND_DISORDER, Strand.SUBSTANCE_MISUSE, Strand.REOFFENDING]
    if data.period.end >= SERIOUS_VIOLENCE_FROM:
        required.append(Strand.SERIOUS_VIOLENCE)
    missing = [s.value for s in required if s not in covered]
    if not missing:
        return _item("strands", title, CDA, "met", "Covers " + ", ".join(s.value for s in required) + ".")
    status = "missing" if len(missing) == len(required) else "partly met"
    return _item("strands", title, CDA, status, "Not covered: " + ", ".join(missing) + ".")


def _actions(data) -> ChecklistItem:
    title = "Actions with leads and targets or due dates"
    actions = [a for a in data.actions() if current_status(a) is not ActionStatus.REMOVED]
    if not actions:
        return _item("actions", title, GOOD_PRACTICE, "missing", "The edition lists no actions.")
    no_lead = sum(1 for a in actions if not a.lead)
    no_when = sum(1 for a in actions if a.due is None and not a.milestones)
    if not no_lead and not no_when:
        return _item("actions", title, GOOD_PRACTICE, "met", f"All {len(actions)} actions have a lead and a due date or target.")
    status = "missing" if no_lead == len(actions) and no_when == len(actions) else "partly met"
    return _item("actions", title, GOOD_PRACTICE, status,
                 f"Of {len(actions)} actions, {no_lead} have no lead and {no_when} have no due date or target.")


def _measures(data) -> ChecklistItem:
    indicators = sum(len(p.indicators) for p in data.priorities)
    criteria = sum(len(p.success_criteria) for p in data.priorities)
    ok = indicators or criteria
    detail = f"{indicators} indicators and {criteria} success criteria." if ok else "No indicators or success criteria."
    return _item("measures", "Indicators or success criteria", GOOD_PRACTICE, "met" if ok else "missing", detail)


def _consultation(data) -> ChecklistItem:
    consultations, yswd = len(data.consultations), len(data.you_said_we_did)
    ok = consultations or yswd
    detail = (f"{consultations} consultation records and {yswd} 'you said, we did' entries." if ok
              else "No consultation or 'you said, we did' records.")
    return _item("consultation", "Consultation or 'you said, we did' records", REG12, "met" if ok else "missing", detail)


def _meeting(data, current: bool, today: date) -> ChecklistItem:
    title = "At least one public meeting in the last 12 months, with its date and a summary"
    meetings = [m for m in data.meetings if m.public and m.summary]
    if not meetings:
        return _item("meeting", title, REG12, "missing", "No public meetings are recorded with a summary.")
    latest = max(m.date for m in meetings)
    if current and today - latest > timedelta(days=366):
        return _item("meeting", title, REG12, "out of date", f"The latest public meeting recorded was on {latest.isoformat()}.")
    return _item("meeting", title, REG12, "met", f"The latest public meeting recorded was on {latest.isoformat()}.")


def _contact(plans: PartnershipPlans) -> ChecklistItem:
    title = "Contact details and a route to ask for other formats"
    contact = plans.data.contact
    general = contact is not None and bool(contact.email or contact.phone or contact.address)
    formats = contact is not None and contact.alternative_formats is not None and bool(
        contact.alternative_formats.email or contact.alternative_formats.phone)
    reference = f"{EQA}; {PSBAR}"
    if general and formats:
        return _item("contact", title, reference, "met", "Both a contact route and an alternative-formats route are published.")
    if general or formats:
        missing = "an alternative-formats route" if general else "a general contact route"
        return _item("contact", title, reference, "partly met", f"Missing {missing}.")
    return _item("contact", title, reference, "missing", "No contact details are published.")


def _police_and_crime_plan(plans: PartnershipPlans) -> ChecklistItem:
    title = "Link to the police and crime plan (England)"
    if plans.data.area.country is not Country.ENGLAND:
        return _item("pcp", title, GOOD_PRACTICE, "not applicable", "Applies to partnerships in England.")
    links = plans.data.links
    if links and links.police_and_crime_plan:
        return _item("pcp", title, GOOD_PRACTICE, "met", "Linked.")
    return _item("pcp", title, GOOD_PRACTICE, "missing", "No link to the police and crime plan.")


def checklist_gaps(catalogue: Catalogue, today: date) -> list[tuple[PartnershipPlans, PlanEdition, ChecklistItem]]:
    """Items not met for each partnership's current edition."""
    gaps = []
    for plans in catalogue.partnerships:
        edition = plans.current
        if edition is None:
            continue
        gaps += [(plans, edition, item) for item in publication_checklist(plans, edition, today) if not item.ok]
    return gaps
