"""A plan as a linear document: one reading order for PDF, large print, text, Word and ODT.

The document is laid out from the published view (plansite.view.model.Edition), the same view
the web pages show, and chooses nothing: every update, lead, group, flag, note and milestone
the view holds is placed here, in reading order. The renderers (renderers.py) then only turn
these blocks into each format's markup.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..i18n import LANGUAGE_TAGS, Translator
from ..i18n.words import concat, join
from ..view.model import Action, Edition, Indicator, Link, Priority, Rich, Update, Written


@dataclass
class Heading:
    level: int
    text: str
    page_break: bool = False  # start a new page in paged formats


@dataclass
class Paragraph:
    text: str
    emphasis: bool = False  # shown bold: a notice the reader must not miss
    markdown: bool = False  # True only for fields the model declares Markdown; other text is published as written


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


def _rich(value: Rich | None) -> Paragraph | None:
    return Paragraph(value.markdown, markdown=True) if value else None


def _text(value: str | None) -> Paragraph | None:
    return Paragraph(value) if value else None


def _link(link: Link) -> str:
    text = link.title + (f" ({link.note})" if link.note else "")
    return f"{text}: {link.url}" if link.url else text


def _written(value: Written | None) -> str:
    return value.text if value else ""


def status_words(status, t: Translator) -> str:
    """A status in words, with the partnership's own word beside it: 'At risk or delayed (amber)'."""
    return t("status.with_word", status=status.label, word=status.term) if status.term else status.label


def update_line(update: Update, t: Translator) -> str:
    """One progress update in words: date, status, what happened, reason and any new due date."""
    parts = []
    head = update.when.text if update.when else t("action.undated")
    if update.status:
        head += f", {status_words(update.status, t)}"
    if update.unpublished:
        head += f" [{update.unpublished}]"
    parts.append(f"{head}: {update.text}")
    if update.status_reason:
        parts.append(f"{t('action.reason')}: {update.status_reason}")
    if update.due:
        parts.append(f"{t('action.due')}: {update.due.text}")
    return " ".join(parts)


def _leads(leads, t: Translator) -> str:
    return "; ".join(lead.text for lead in leads) or t("action.no_lead")


def _status(status, reason: str | None, t: Translator) -> str:
    words = status_words(status, t)
    return f"{words}. {t('action.reason')}: {reason}" if reason else words


def _action(doc: Document, action: Action, level: int, t: Translator) -> None:
    doc.add(Heading(level, action.heading), Paragraph(action.text))
    pairs = [(t("action.status"), _status(action.status, action.status_reason, t))]
    if action.recorded:
        pairs.append((t("action.recorded"), action.recorded))
    pairs.append((t("action.lead"), action.lead_text))
    if action.executive:
        pairs.append((t("action.executive"), _leads(action.executive, t)))
    if action.partners:
        pairs.append((t("action.partners"), "; ".join(action.partners)))
    if action.due_text:
        pairs.append((t("action.due"), action.due_text))
    if action.flags:
        pairs.append((t("action.flags"), "; ".join(f"{f.symbol} {f.label}" if f.symbol else f.label for f in action.flags)))
    doc.add(Facts(t("action.facts_caption", action=action.heading), pairs))
    if action.milestones:
        items = []
        for m in action.milestones:
            text = m.target + (f": {m.due.text}" if m.due else "")
            if m.status:
                text += f" ({status_words(m.status, t)})"
            if m.leads:
                text += f". {t('action.lead')}: {_leads(m.leads, t)}"
            items.append(text)
        doc.add(Heading(level + 1, t("action.milestones")), BulletList(items))
    if action.updates:
        doc.add(Heading(level + 1, t("action.updates")), BulletList([update_line(u, t) for u in action.updates]))


def _counts(counts, t: Translator) -> str:
    return ", ".join(f"{c.status.label}: {c.count}" for c in counts)


def _indicator(doc: Document, indicator: Indicator, level: int, t: Translator) -> None:
    doc.add(Heading(level, indicator.heading), Paragraph(f"{indicator.status.label}. {indicator.sentence}"))
    facts = [(t("indicator.unit"), indicator.unit or ""), (t("indicator.direction"), indicator.direction or ""),
             (t("indicator.source"), indicator.source or ""), (t("indicator.baseline"), indicator.baseline_text),
             (t("indicator.latest"), indicator.latest_text)]
    if indicator.actions:
        facts.append((t("indicator.actions"), "; ".join(f"{a.ref or a.text}: {status_words(a.status, t)}" for a in indicator.actions)))
    doc.add(Facts(t("indicator.facts_caption", name=indicator.name), [(k, v) for k, v in facts if v]))
    if indicator.rows:
        doc.add(Table(t("indicator.table_caption", name=indicator.name),
                      [t("indicator.period"), t("indicator.baseline"), t("indicator.target"), t("indicator.actual")],
                      [[r.period, r.baseline, r.target, r.actual] for r in indicator.rows]))
    if indicator.notes:
        doc.add(BulletList(list(indicator.notes)))


def _priority(doc: Document, edition: Edition, priority: Priority, t: Translator, level: int, page_break: bool) -> None:
    doc.add(Heading(level, priority.title, page_break=page_break))
    if priority.ref:
        doc.add(Paragraph(t("priority.number", ref=priority.ref)))
    if page_break:
        # Each priority starts a page and can be printed on its own, so say where it comes from.
        updated = edition.last_updated.text if edition.last_updated else t("facts.not_stated")
        doc.add(Paragraph(t("downloads.from_plan", title=edition.title, period=edition.period, updated=updated)))
    if priority.summary:
        doc.add(Heading(level + 1, t("priority.summary")), _rich(priority.summary))
    if priority.why:
        doc.add(Heading(level + 1, t("priority.why")), _rich(priority.why))
    doc.add(Paragraph(f"{t('priority.strands')}: {'; '.join(priority.strands) or t('priority.no_strands')}"))
    if priority.rank:
        doc.add(Paragraph(priority.rank))
    doc.add(Heading(level + 1, t("priority.actions")))
    if priority.actions:
        doc.add(Paragraph(f"{t('priority.status_summary')}: {_counts(priority.status_counts, t)}."))
        for issue in priority.issues:
            inner = level + 2
            if issue.heading:
                doc.add(Heading(level + 2, issue.heading))
                inner = level + 3
            for action in issue.actions:
                _action(doc, action, inner, t)
    else:
        doc.add(Paragraph(t("priority.no_actions")))
    if priority.activities:
        doc.add(Heading(level + 1, t("priority.activities")), BulletList(list(priority.activities)))
    if priority.indicators or priority.success_criteria or priority.associated_success_criteria:
        doc.add(Heading(level + 1, t("priority.indicators")))
    if priority.success_criteria:
        doc.add(Heading(level + 2, t("priority.success_criteria")), BulletList(list(priority.success_criteria)))
    if priority.associated_success_criteria:
        doc.add(Heading(level + 2, t("priority.associated_success_criteria")), BulletList(list(priority.associated_success_criteria)))
    for indicator in priority.indicators:
        _indicator(doc, indicator, level + 2, t)
    if priority.you_said:
        doc.add(Heading(level + 1, t("priority.you_said")),
                BulletList([f"{t('yswd.said')}: {e.said} {t('yswd.did')}: {e.did}" for e in priority.you_said]))
    if priority.related:
        doc.add(Heading(level + 1, t("priority.related")), BulletList([_link(l) for l in priority.related]))
    if priority.notes:
        doc.add(Heading(level + 1, t("priority.notes")), BulletList(list(priority.notes)))


def request_text(edition: Edition, t: Translator) -> str:
    request = edition.partnership.request
    parts = [t("format.text"), t("format.free")]
    if request.no_route:
        parts.append(request.no_route)
    else:
        if request.email:
            parts.append(f"{t('contact.email')}: {request.email}.")
        if request.phone:
            parts.append(f"{t('contact.phone')}: {request.phone}.")
        parts.append(request.response)
    if request.note:
        parts.append(request.note)
    return " ".join(parts)


def _cover(doc: Document, edition: Edition, t: Translator, title: str) -> None:
    doc.add(Heading(1, title))
    doc.add(Paragraph(edition.partnership.name))
    if edition.notice:
        doc.add(Paragraph(edition.notice, emphasis=True))
        if edition.replaced_by:
            doc.add(Paragraph(t("edition.replaced_by", title=edition.replaced_by.title, period=edition.replaced_by.period)))
    doc.add(Facts(t("facts.heading"), [(f.label, f.value) for f in edition.facts]))
    doc.add(Heading(2, t("format.heading")), Paragraph(request_text(edition, t)))


def _document(edition: Edition, title: str, subject: str, keywords: list[str]) -> Document:
    modified = date.fromisoformat(edition.last_updated.when.iso) if edition.last_updated and edition.last_updated.when.precision == "day" else None
    return Document(title, edition.partnership.name, LANGUAGE_TAGS.get(edition.language, edition.language), subject, keywords, modified)


def build_plan_document(edition: Edition, t: Translator | None = None) -> Document:
    """The whole public plan, in reading order."""
    t = t or Translator(edition.language)
    p = edition.partnership
    doc = _document(edition, edition.title, t("title.overview", name=p.short_name), [p.short_name, p.region, "community safety"])
    _cover(doc, edition, t, edition.title)
    if p.description:
        doc.add(_rich(p.description))
    if edition.summary:
        doc.add(Heading(2, t("overview.summary")), _rich(edition.summary))
    if edition.vision or edition.mission or edition.objectives:
        doc.add(Heading(2, t("overview.vision")))
        doc.add(_text(edition.vision))
        if edition.vision_detail:
            doc.add(BulletList(list(edition.vision_detail)))
        if edition.mission:
            doc.add(Heading(3, t("overview.mission")), Paragraph(edition.mission))
        if edition.objectives:
            doc.add(Heading(3, t("overview.objectives")), BulletList(list(edition.objectives)))
    doc.add(Heading(2, t("overview.priorities")))
    doc.add(_text(edition.priorities_intro))
    doc.add(BulletList([p_.title + (f" ({p_.rank})" if p_.rank else "") for p_ in edition.priorities]))
    if edition.status_counts:
        doc.add(Paragraph(f"{t('action.counts_caption')}: {_counts(edition.status_counts, t)}."))
    if edition.emerging:
        doc.add(Heading(2, t("overview.emerging")))
        for issue in edition.emerging:
            doc.add(Heading(3, issue.title), _text(issue.summary))
    _ways_of_working(doc, edition, t)
    for priority in edition.priorities:
        _priority(doc, edition, priority, t, 2, page_break=True)
    _performance(doc, edition, t)
    _assessment(doc, edition, t)
    _involvement(doc, edition, t)
    _who(doc, edition, t)
    if edition.sections:
        doc.add(Heading(2, t("overview.about_plan"), page_break=True))
        for section in edition.sections:
            doc.add(Heading(3, section.title), _rich(section.body))
    _record(doc, edition, t)
    return doc


def build_priority_document(edition: Edition, priority: Priority, t: Translator | None = None) -> Document:
    """One priority on its own, for printing."""
    t = t or Translator(edition.language)
    p = edition.partnership
    title = t("title.priority", name=p.short_name, priority=priority.title)
    doc = _document(edition, title, edition.title, [p.short_name, priority.title])
    _cover(doc, edition, t, title)
    doc.add(Paragraph(f"{t('facts.edition')}: {edition.title}"))
    _priority(doc, edition, priority, t, 2, page_break=False)
    return doc


def _performance(doc: Document, edition: Edition, t: Translator) -> None:
    indicators = edition.indicators
    if not indicators:
        return
    doc.add(Heading(2, t("nav.performance"), page_break=True), Paragraph(t("indicator.performance_intro")))
    doc.add(Table(t("indicator.summary_caption"),
                  [t("indicator.name"), t("indicator.baseline"), t("indicator.latest"), t("indicator.status")],
                  [[i.heading, i.baseline_text, i.latest_text, i.status.label] for i in indicators]))


def _ways_of_working(doc: Document, edition: Edition, t: Translator) -> None:
    """How the plan applies the Well-being of Future Generations (Wales) Act's five ways of working."""
    if not edition.ways_of_working:
        return
    doc.add(Heading(2, t("ways.heading")), Paragraph(t("ways.intro")))
    for way in edition.ways_of_working:
        doc.add(Heading(3, way.title), _rich(way.how) or Paragraph(t("ways.not_recorded")))


def _regional_assessment(doc: Document, edition: Edition, t: Translator) -> None:
    ra = edition.regional_assessment
    if ra is None:
        return
    doc.add(Heading(3 if edition.assessment else 2, t("assessment.regional"), page_break=edition.assessment is None),
            Paragraph(t("assessment.regional_intro")))
    doc.add(Facts(t("assessment.regional"), [(k, v) for k, v in (
        (t("facts.source"), ra.title), (t("assessment.regional_area"), ra.area or ""), (t("assessment.regional_board"), ra.board or ""),
        (t("assessment.date"), _written(ra.when)), (t("assessment.regional_link"), ra.url or "")) if v]))
    if ra.summary:
        doc.add(_rich(ra.summary))


def _assessment(doc: Document, edition: Edition, t: Translator) -> None:
    sa = edition.assessment
    if sa is None:
        _regional_assessment(doc, edition, t)
        return
    doc.add(Heading(2, t("nav.assessment"), page_break=True), Paragraph(t("assessment.intro")))
    doc.add(Facts(t("facts.heading"), [(k, v) for k, v in (
        (t("assessment.date"), _written(sa.when) or t("facts.not_stated")), (t("assessment.source"), sa.source or ""),
        (t("facts.source"), sa.title or "")) if v]))
    if sa.summary:
        doc.add(_rich(sa.summary))
    if sa.key_findings:
        doc.add(Heading(3, t("overview.key_findings")),
                BulletList([f.text + (f" {f.change}" if f.change else "") for f in sa.key_findings]))
    for theme in sa.themes:
        doc.add(Heading(3, theme.title), BulletList([f.text + (f" {f.change}" if f.change else "") for f in theme.findings]))
        if theme.priority:
            doc.add(Paragraph(t("assessment.informs", priority=theme.priority.title)))
    _regional_assessment(doc, edition, t)


def _entry_action(link, t: Translator) -> str:
    text = f"{link.ref}: {link.text}" if link.ref else link.text
    text += f" ({status_words(link.status, t)})"
    if link.latest:
        text += f". {t('action.latest')}: {update_line(link.latest, t)}"
    return text


def _involvement(doc: Document, edition: Edition, t: Translator) -> None:
    if edition.you_said:
        doc.add(Heading(2, t("nav.you_said"), page_break=True))
        for entry in edition.you_said:
            doc.add(Heading(3, f"{t('yswd.said')}: {entry.said}"))
            if entry.unpublished:
                doc.add(Paragraph(entry.unpublished, emphasis=True))
            doc.add(Facts(t("yswd.caption"), [(k, v) for k, v in (
                (t("yswd.did"), entry.did), (t("yswd.source"), entry.source), (t("yswd.date"), entry.when.text if entry.when else ""),
                (t("yswd.reached"), entry.reached or "")) if v]))
            if entry.actions:
                doc.add(Heading(4, t("yswd.actions")), BulletList([_entry_action(a, t) for a in entry.actions]))
    if edition.meetings or edition.consultations or edition.development or edition.ranked:
        doc.add(Heading(2, t("nav.get_involved"), page_break=not edition.you_said))
    if edition.meetings:
        doc.add(Heading(3, t("involved.meetings")))
        for meeting in edition.meetings:
            doc.add(Heading(4, f"{meeting.when.text}: {meeting.title}"))
            doc.add(Facts(t("involved.meeting_caption"), [(k, v) for k, v in (
                (t("contact.address"), meeting.location or ""), (t("involved.attended"), "; ".join(meeting.attendees))) if v]))
            doc.add(_rich(meeting.summary))
    if edition.consultations:
        doc.add(Heading(3, t("involved.consultation")))
        for c in edition.consultations:
            doc.add(Heading(4, c.title))
            doc.add(Facts(t("involved.consultation_caption"), [(k, v) for k, v in (
                (t("involved.date"), _written(c.when)), (t("involved.method"), c.method or ""), (t("involved.reached"), c.reached or "")) if v]))
            doc.add(_rich(c.summary))
    if edition.ranked:
        doc.add(Table(t("involved.ranking_caption"), [t("involved.priority"), t("involved.rank")],
                      [[r.title, str(r.rank)] for r in edition.ranked]))
    if edition.development:
        doc.add(Heading(3, t("involved.development")),
                BulletList([d.text + (f" ({d.note})" if d.note else "") + (f" {t('involved.hallmark')}: {d.hallmark}" if d.hallmark else "")
                            for d in edition.development]))


def _who(doc: Document, edition: Edition, t: Translator) -> None:
    p = edition.partnership
    doc.add(Heading(2, t("overview.who"), page_break=True))
    area = [(t("facts.partnership"), p.name), (t("facts.known_as"), p.short_name), (t("facts.area"), p.local_authority), (t("facts.country"), p.country), (t("facts.region"), p.region),
            (t("facts.places"), ", ".join(p.places)), (t("facts.wards"), ", ".join(p.wards))]
    doc.add(Facts(t("facts.area_caption"), [(k, v) for k, v in area if v]))
    if p.authorities:
        doc.add(Heading(3, t("overview.responsible_authorities")), BulletList([o.text for o in p.authorities]))
    if p.partners:
        doc.add(Heading(3, t("overview.partners")), BulletList([o.text for o in p.partners]))
    if p.governance:
        doc.add(Heading(3, t("overview.governance")))
    for group in p.governance:
        doc.add(Heading(4, group.name + (f" ({group.kind})" if group.kind else "")))
        doc.add(_text(group.purpose), _text(group.membership_note))
        if group.members:
            doc.add(BulletList([m.text + (f": {m.remit}" if m.remit else "") for m in group.members]))
        if group.remits:
            doc.add(Paragraph(f"{t('overview.group_remits')}: {'; '.join(group.remits)}"))
    if p.funding:
        doc.add(Heading(3, t("overview.funding")))
        for fund in p.funding:
            doc.add(Paragraph(fund.summary))
            details = [(t("funding.period"), fund.period or ""), (t("funding.amount"), fund.amount or ""),
                       (t("funding.funders"), "; ".join(fund.funders))]
            if any(v for _, v in details):
                doc.add(Facts(t("funding.caption"), [(k, v) for k, v in details if v]))
    if p.regional_board:
        board = p.regional_board
        doc.add(Heading(3, t("facts.regional_board")),
                Paragraph(concat(board.name, concat(" (", board.area, ")") if board.area else "", f": {board.url}" if board.url else "")))
        doc.add(_text(board.note))
    doc.add(Heading(3, t("contact.heading")))
    if p.contact:
        c = p.contact
        doc.add(Facts(t("contact.caption"), [(k, v) for k, v in (
            (t("contact.team"), c.team or ""), (t("contact.email"), c.email or ""), (t("contact.phone"), c.phone or ""),
            (t("contact.address"), ", ".join(c.address))) if v]))
    else:
        doc.add(Paragraph(t("contact.none")))
    if p.links:
        doc.add(Heading(3, t("contact.links")), BulletList([_link(l) for l in p.links]))


def _record(doc: Document, edition: Edition, t: Translator) -> None:
    """Where the plan came from, its editions and its change history."""
    doc.add(Heading(2, t("document.record"), page_break=True))
    if edition.editions:
        doc.add(Table(t("nav.editions"), [t("facts.edition"), t("facts.period"), t("facts.status")],
                      [[e.title, e.period, e.status.label] for e in edition.editions]))
    if edition.strategy_period:
        doc.add(Paragraph(f"{t('facts.strategy_period')}: {edition.strategy_period}"))
    if edition.partnership.status_words:
        doc.add(Table(t("action.status_words_caption"), [t("action.status_word"), t("action.status_means"), t("rules.meaning")],
                      [[w.word, w.status.label, w.meaning] for w in edition.partnership.status_words]))
    if edition.flags:
        doc.add(Heading(3, t("document.flags")),
                BulletList([f"{f.symbol}: {f.label}" if f.symbol else f.label for f in edition.flags]))
    doc.add(Heading(3, t("updated.history")))
    if edition.history:
        doc.add(BulletList([f"{e.when.text}: {e.title}. {e.summary}" for e in edition.history]))
    else:
        doc.add(Paragraph(t("updated.no_history")))
    if edition.source_document:
        doc.add(Paragraph(f"{t('facts.source')}: {edition.source_document}." + (f" {edition.source_url}" if edition.source_url else "")))
