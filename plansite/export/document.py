"""A plan as a linear document: one reading order for PDF, large print, text, Word and ODT.

Every format is rendered from the same blocks, so a figure in the PDF is the figure in
the text file and on the web page.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..load.catalogue import PartnershipPlans, PlanEdition
from ..i18n import Translator
from ..model import Priority
from ..load.refs import ActionIndex
from ..view import rules as views


@dataclass
class Heading:
    level: int
    text: str
    page_break: bool = False  # start a new page in paged formats


@dataclass
class Paragraph:
    text: str
    emphasis: bool = False  # shown bold: a notice the reader must not miss


@dataclass
class BulletList:
    items: list[str]


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]  # the first cell of each row is its header


@dataclass
class Facts:
    """Key facts: a two-column table in paged formats, 'Key: value' lines in text."""

    caption: str
    pairs: list[tuple[str, str]]


@dataclass
class Document:
    title: str
    author: str  # the partnership, never a person or the machine's user
    language: str
    subject: str
    keywords: list[str]
    modified: date | None
    blocks: list = field(default_factory=list)

    def add(self, *blocks) -> None:
        self.blocks.extend(b for b in blocks if b is not None)


def _when(edition: PlanEdition) -> tuple[date | None, str]:
    updated, precision = edition.last_updated
    return updated, views.format_when(updated, precision) or ""


def _lead_cell(leads, t: Translator) -> str:
    return "; ".join(views.lead_text(lead) or t("action.named_officer") for lead in leads) or t("action.no_lead")


def _due_cell(action, t: Translator) -> str:
    due, original = views.current_due(action), views.original_due(action)
    text = t("action.drift", due=due.as_written, original=original.as_written) if due and original else (
        due.as_written if due else "")
    milestones = "; ".join(f"{m.target}: {m.due.as_written}" if m.due else m.target for m in action.milestones)
    return "; ".join(part for part in (text, milestones) if part) or t("action.no_due")


def _status_cell(action, t: Translator) -> str:
    words = views.status_words(views.current_status(action), views.current_status_word(action), t)
    reason = views.status_reason(action)
    return f"{words} ({reason})" if reason else words


def _latest_cell(action, t: Translator) -> str:
    latest = views.latest_update(action)
    if latest is None:
        return t("action.no_update")
    return f"{latest.date.as_written}: {latest.text}" if latest.date else latest.text


def action_rows(actions, t: Translator) -> list[list[str]]:
    return [[a.ref or "–", a.text, _lead_cell(a.lead, t), _due_cell(a, t), _status_cell(a, t), _latest_cell(a, t)]
            for a in actions]


ACTION_HEADERS = ("action.ref", "action.action", "action.lead", "action.due", "action.status", "action.latest")


def _priority_blocks(doc: Document, plans: PartnershipPlans, edition: PlanEdition, priority: Priority, t: Translator,
                     level: int, page_break: bool) -> None:
    suppress = plans.data.settings.suppress_below
    doc.add(Heading(level, priority.title, page_break=page_break))
    if page_break:
        # Each priority starts a page and can be printed on its own, so say where it comes from.
        _, updated = _when(edition)
        doc.add(Paragraph(t("downloads.from_plan", title=edition.data.title, period=edition.data.period.display,
                            updated=updated or t("facts.not_stated"))))
    if priority.summary:
        doc.add(Paragraph(priority.summary))
    if priority.why:
        doc.add(Heading(level + 1, t("priority.why")), Paragraph(priority.why))
    strands = "; ".join(t("strand." + s.value) for s in priority.strands) or t("priority.no_strands")
    doc.add(Paragraph(f"{t('priority.strands')}: {strands}"))
    if priority.consultation_rank:
        doc.add(Paragraph(t("overview.consultation_rank", rank=priority.consultation_rank)))
    if priority.actions():
        doc.add(Heading(level + 1, t("priority.actions")))
        counts = ", ".join(f"{t('status.' + (s.value if s else 'none'))}: {n}" for s, n in views.status_counts(priority.actions()))
        doc.add(Paragraph(f"{t('priority.status_summary')}: {counts}."))
        for issue in priority.issues:
            if issue.title or issue.ref:
                doc.add(Heading(level + 2, " ".join(p for p in (issue.ref, issue.title) if p)))
            doc.add(Table(t("action.table_caption", priority=issue.title or priority.title),
                          [t(h) for h in ACTION_HEADERS], action_rows(issue.actions, t)))
    if priority.activities:
        doc.add(Heading(level + 1, t("priority.activities")), BulletList(list(priority.activities)))
    if priority.indicators or priority.success_criteria:
        doc.add(Heading(level + 1, t("priority.indicators")))
    if priority.success_criteria:
        doc.add(Heading(level + 2, t("priority.success_criteria")), BulletList(list(priority.success_criteria)))
    if priority.associated_success_criteria:
        doc.add(Heading(level + 2, t("priority.associated_success_criteria")), BulletList(list(priority.associated_success_criteria)))
    for indicator in priority.indicators:
        assessment = views.assess_indicator(indicator, suppress)
        title = f"{indicator.code}: {indicator.name}" if indicator.code else indicator.name
        doc.add(Heading(level + 2, title),
                Paragraph(f"{t('istatus.' + assessment.status)}. {assessment.sentence}"))
        rows = []
        undated = [b for b in indicator.baseline if not b.period]
        if undated:
            rows.append([t("indicator.period_not_stated"), "; ".join(views.value_text(b, indicator) for b in undated), "", ""])
        for period in views.indicator_periods(indicator):
            rows.append([
                period,
                "; ".join(views.value_text(v, indicator) for v in indicator.baseline if v.period == period),
                "; ".join(views.value_text(v, indicator) + (f" {_paren(v.note)}" if v.note else "") for v in indicator.targets if v.period == period),
                "; ".join(views.display_actual(v, indicator, suppress) for v in indicator.actuals if v.period == period),
            ])
        if rows:
            doc.add(Table(t("indicator.table_caption", name=indicator.name),
                          [t("indicator.period"), t("indicator.baseline"), t("indicator.target"), t("indicator.actual")], rows))
        if indicator.notes:
            doc.add(BulletList(list(indicator.notes)))
    if priority.related_strategies:
        doc.add(Heading(level + 1, t("priority.related")),
                BulletList([f"{l.title} ({l.note})" if l.note else l.title for l in priority.related_strategies]))
    if priority.notes:
        doc.add(Heading(level + 1, t("priority.notes")), BulletList(list(priority.notes)))


def _paren(text: str) -> str:
    return text if text.startswith("(") and text.endswith(")") else f"({text})"


def _cover(doc: Document, plans: PartnershipPlans, edition: PlanEdition, t: Translator, title: str) -> None:
    data = edition.data
    _, updated = _when(edition)
    doc.add(Heading(1, title))
    doc.add(Paragraph(plans.data.name))
    doc.add(Facts(t("facts.heading"), [
        (t("facts.period"), data.period.display),
        (t("facts.last_updated"), updated or t("facts.not_stated")),
        (t("facts.first_published"), data.published.as_written if data.published else t("facts.not_stated")),
        (t("facts.next_review"), data.next_review.as_written if data.next_review else t("facts.not_stated")),
        (t("facts.status"), t("edition.status." + data.status.value)),
        (t("facts.area"), plans.data.area.local_authority),
    ]))
    if edition.superseded:
        doc.add(Paragraph(t("edition.superseded"), emphasis=True))
    doc.add(Paragraph(request_text(plans, title, t)))


def request_text(plans: PartnershipPlans, title: str, t: Translator) -> str:
    contact = plans.data.contact
    route = contact.alternative_formats if contact and contact.alternative_formats else None
    email = (route.email if route and route.email else None) or (contact.email if contact else None)
    phone = (route.phone if route and route.phone else None) or (contact.phone if contact else None)
    parts = [t("format.text"), t("format.free")]
    if email or phone:
        parts += [f"{t('contact.email')}: {email}." if email else "", f"{t('contact.phone')}: {phone}." if phone else ""]
        parts.append(t("format.response", days=route.response_days) if route and route.response_days else t("format.no_response_time"))
    else:
        parts.append(t("format.no_route", authority=t("format.council", area=plans.data.area.local_authority), title=title))
    return " ".join(p for p in parts if p)


def build_plan_document(plans: PartnershipPlans, edition: PlanEdition, t: Translator | None = None) -> Document:
    """The whole public plan, in reading order."""
    t = t or Translator()
    data = edition.data
    modified, _ = _when(edition)
    doc = Document(data.title, plans.data.name, "en-GB", t("title.overview", name=plans.data.short_name),
                   [plans.data.short_name, plans.data.region, "community safety"], modified)
    _cover(doc, plans, edition, t, data.title)
    if data.summary:
        doc.add(Heading(2, t("overview.summary")), Paragraph(data.summary))
    if data.vision or data.mission or data.objectives:
        doc.add(Heading(2, t("overview.vision")))
        if data.vision:
            doc.add(Paragraph(data.vision))
        if data.vision_detail:
            doc.add(BulletList(list(data.vision_detail)))
        if data.mission:
            doc.add(Heading(3, t("overview.mission")), Paragraph(data.mission))
        if data.objectives:
            doc.add(Heading(3, t("overview.objectives")), BulletList(list(data.objectives)))
    doc.add(Heading(2, t("overview.priorities")))
    if data.priorities_intro:
        doc.add(Paragraph(data.priorities_intro))
    doc.add(BulletList([p.title for p in data.priorities]))
    if data.emerging_issues:
        doc.add(Heading(2, t("overview.emerging")))
        for issue in data.emerging_issues:
            doc.add(Heading(3, issue.title), Paragraph(issue.summary) if issue.summary else None)
    for priority in data.priorities:
        _priority_blocks(doc, plans, edition, priority, t, 2, page_break=True)
    _assessment(doc, edition, t)
    _involvement(doc, edition, ActionIndex(data, edition.id), t)
    _who(doc, plans, t)
    if data.sections:
        doc.add(Heading(2, t("overview.about_plan"), page_break=True))
        for section in data.sections:
            doc.add(Heading(3, section.title), Paragraph(section.body))
    if data.source_document:
        source = data.source_document
        details = ", ".join(p for p in (source.title, source.publisher, source.date.as_written if source.date else None) if p)
        doc.add(Paragraph(f"{t('facts.source')}: {details}."))
    return doc


def build_priority_document(plans: PartnershipPlans, edition: PlanEdition, priority: Priority, t: Translator | None = None) -> Document:
    """One priority on its own, for printing."""
    t = t or Translator()
    modified, _ = _when(edition)
    title = t("title.priority", name=plans.data.short_name, priority=priority.title)
    doc = Document(title, plans.data.name, "en-GB", edition.data.title, [plans.data.short_name, priority.title], modified)
    _cover(doc, plans, edition, t, title)
    doc.add(Paragraph(f"{t('facts.edition')}: {edition.data.title}"))
    _priority_blocks(doc, plans, edition, priority, t, 2, page_break=False)
    return doc


def _assessment(doc: Document, edition: PlanEdition, t: Translator) -> None:
    sa = edition.data.strategic_assessment
    if not sa or not (sa.themes or sa.summary):
        return
    doc.add(Heading(2, t("nav.assessment"), page_break=True), Paragraph(t("assessment.intro")))
    doc.add(Facts(t("facts.heading"), [(t("assessment.date"), sa.date.as_written if sa.date else t("facts.not_stated"))]
                  + ([(t("assessment.source"), sa.source)] if sa.source else [])))
    if sa.summary:
        doc.add(Paragraph(sa.summary))
    for theme in sa.themes:
        items = []
        for finding in theme.findings:
            text = finding.text
            if finding.change:
                c = finding.change
                text += " " + t("assessment.change", metric=c.metric, change=views.describe_change(c),
                                before_period=c.before_period, after_period=c.after_period)
            items.append(text)
        doc.add(Heading(3, theme.title), BulletList(items))


def _involvement(doc: Document, edition: PlanEdition, index: ActionIndex, t: Translator) -> None:
    data = edition.data
    if data.you_said_we_did:
        doc.add(Heading(2, t("nav.you_said"), page_break=True))
        for entry in data.you_said_we_did:
            linked = "; ".join(f"{a.ref}: {views.status_words(views.current_status(a), views.current_status_word(a), t)}"
                               for _, a in views.linked_actions(entry, index))
            doc.add(Facts(f"{t('yswd.said')}: {entry.said}", [
                (t("yswd.said"), entry.said), (t("yswd.did"), entry.did), (t("yswd.source"), entry.source),
                (t("yswd.date"), views.format_when(entry.date) or ""), (t("yswd.reached"), entry.reached or ""),
                (t("yswd.actions"), linked)]))
    if data.consultations or data.meetings or data.development:
        doc.add(Heading(2, t("nav.get_involved"), page_break=not data.you_said_we_did))
        for meeting in data.meetings:
            doc.add(Heading(3, f"{views.format_when(meeting.date)}: {meeting.title}"),
                    Paragraph(meeting.summary) if meeting.summary else None)
        for consultation in data.consultations:
            doc.add(Heading(3, consultation.title), Paragraph(consultation.summary) if consultation.summary else None)
        if data.development:
            doc.add(Heading(3, t("involved.development")),
                    BulletList([f"{d.text} ({d.note})" if d.note else d.text for d in data.development]))


def _who(doc: Document, plans: PartnershipPlans, t: Translator) -> None:
    p = plans.data
    if not (p.responsible_authorities or p.partners or p.governance or p.funding):
        return
    doc.add(Heading(2, t("overview.who"), page_break=True))
    if p.responsible_authorities:
        doc.add(Heading(3, t("overview.responsible_authorities")),
                BulletList([f"{o.name} ({o.note})" if o.note else o.name for o in p.responsible_authorities]))
    if p.partners:
        doc.add(Heading(3, t("overview.partners")), BulletList([o.name for o in p.partners]))
    for group in p.governance:
        doc.add(Heading(3, group.name))
        for text in (group.purpose, group.membership_note):
            if text:
                doc.add(Paragraph(text))
        if group.members:
            doc.add(BulletList([(views.lead_text(m) or t("overview.named_member")) + (f": {m.remit}" if m.remit else "")
                                for m in group.members]))
    for fund in p.funding:
        doc.add(Heading(3, t("overview.funding")), Paragraph(fund.summary))
