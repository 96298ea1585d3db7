"""Build the published view of each plan edition (plansite.view.model) from the public plans.

Every decision a reader sees is made here, once, by the rules in plansite.view.rules: current
status and its reason, the due date with its drift, who leads (names only by opt-in), figures
with small counts hidden, each indicator's status judged on the true figures, dates at the
precision the plan states, "last updated", the history of changes. Pages and downloads are
laid out from the result and work nothing out themselves.
"""
from __future__ import annotations

import hashlib
from datetime import date

from ..dates import format_date
from ..i18n import Translator
from ..i18n.words import concat, join
from ..load.catalogue import Catalogue, PartnershipPlans, PlanEdition
from ..load.refs import ActionIndex
from ..model import ActionStatus, EditionStatus
from ..model import Action as ActionModel
from ..model import Indicator as IndicatorModel
from ..model import Lead as LeadModel
from ..model import Priority as PriorityModel
from ..model.base import FlexDate, Period
from ..model.edition import WAYS_OF_WORKING
from ..urls import action_anchor_for, edition_base, region_slug, slugify, tree_prefix
from . import rules
from .charts import indicator_chart
from .model import (
    Action, ActionLink, Assessment, Consultation, Contact, Development, Edition, EditionLink, Emerging, Entry, Fact,
    Figure, FigureRow, Finding, Flag, FormatRequest, Funding, Group, HistoryEntry, Indicator, Issue, LastUpdated, Lead,
    Link, Meeting, Member, Milestone, Organisation, Partnership, Priority, Ranked, RecentUpdate, RegionalAssessment,
    RegionalBoard, Rich, Section, Status, StatusCount, Theme, Update, WayOfWorking, When, Written,
)
from .model import StatusWord as ViewStatusWord

RECENT_UPDATES = 5
KEY_FINDINGS = 5


def when(day: date, precision: str | None, t: Translator) -> When:
    """A date at the precision it was stated: a month stays a month, a year stays a year."""
    precision = precision or "day"
    iso = {"day": day.isoformat(), "month": f"{day.year:04d}-{day.month:02d}", "year": f"{day.year:04d}"}[precision]
    return When(iso, format_date(day, precision, t.language), precision)


def written(value: FlexDate | None, t: Translator) -> Written | None:
    if value is None:
        return None
    return Written(value.as_written, when(value.parsed, value.precision, t) if value.parsed else None)


def rich(text: str | None) -> Rich | None:
    return Rich(text) if text else None


def period_text(period: Period, t: Translator) -> str:
    """A period as the plan labels it, else its first and last days: '1 April 2008 to 31 March 2011'."""
    if period.label:
        return period.label
    return t("period.range", start=format_date(period.start, "day", t.language), end=format_date(period.end, "day", t.language))


def page_prefix(plans: PartnershipPlans, language: str) -> str:
    """Where a partnership's pages are in a language's tree: cy/ for a partnership publishing in Welsh."""
    return tree_prefix(language) if any(language == lang.value for lang in plans.data.languages) else ""


def action_status(status: ActionStatus | None, t: Translator, word: str | None = None) -> Status:
    """An action's status in words, with the partnership's own word for it where the plan uses one."""
    key = status.value if status else "none"
    return Status("action", key, t(f"status.{key}"), word if status else None)


def indicator_status(key: str, t: Translator) -> Status:
    return Status("indicator", key, t(f"istatus.{key}"))


def checklist_status(key: str, t: Translator) -> Status:
    return Status("checklist", key, t(f"checklist.{key}"))


def lead(model: LeadModel, t: Translator) -> Lead:
    name = model.public_name
    return Lead(rules.lead_text(model) or t("action.named_officer"), model.role, model.organisation, name)


class _EditionBuilder:
    """Builds one edition's view. Holds what its parts share: translations, addresses, the action index."""

    def __init__(self, plans: PartnershipPlans, edition: PlanEdition, t: Translator, today: date, previews: bool):
        self.plans, self.edition, self.t, self.today, self.previews = plans, edition, t, today, previews
        self.data = edition.data
        self.prefix = page_prefix(plans, t.language)
        self.base = edition_base(plans.slug, None if edition.is_current else edition.id, self.prefix)
        self.index = ActionIndex(self.data, edition.id)
        self.flags = {f.key: Flag(f.key, f.label, f.symbol) for f in self.data.flags}
        self.suppress = plans.data.settings.suppress_below
        self.actions: dict[int, Action] = {}  # id(model action) -> its view, for links from elsewhere

    # -- small pieces --------------------------------------------------------------------------

    def unpublished(self, record) -> str | None:
        """In a preview, why a record is not public yet; never anything in a public build."""
        if not self.previews:
            return None
        if getattr(record, "draft", False):
            return self.t("updates.draft")
        publish_from = getattr(record, "publish_from", None)
        if publish_from and publish_from > self.today:
            return self.t("updates.embargoed", date=format_date(publish_from, "day", self.t.language))
        return None

    def update(self, model) -> Update:
        return Update(
            text=model.text, when=written(model.date, self.t),
            status=action_status(model.status, self.t, model.status_word) if model.status else None,
            status_reason=model.status_reason, due=written(model.due, self.t),
            significant=model.significant, unpublished=self.unpublished(model))

    def action_link(self, model: ActionModel) -> ActionLink:
        action = self.actions[id(model)]
        return ActionLink(action.url, action.ref, action.text, action.status, action.latest)

    def figure(self, value, indicator: IndicatorModel, *, result: bool = False) -> Figure:
        if result and value.withheld:
            return Figure(value.period, None, self.t("indicator.fewer_than", threshold=self.suppress), value.note, True)
        if value.text:
            shown = value.text
        elif value.value is not None:
            shown = rules.format_measure(value.value, indicator.unit, indicator.unit_label, self.t)
        else:  # pragma: no cover - a value always has a number or words
            shown = ""
        number = None if value.value is None else str(value.value)
        return Figure(value.period, number, shown, value.note)

    # -- actions ---------------------------------------------------------------------------------

    def action(self, priority: PriorityModel, model: ActionModel, position: int, anchor: str) -> Action:
        t = self.t
        updates = tuple(self.update(u) for u in rules.ordered_updates(model))
        history = rules.due_history(model)
        due, original = (history[-1], history[0] if len(history) > 1 else None) if history else (None, None)
        if len(history) > 2:
            due_text = t("action.drift_via", due=due.as_written, original=original.as_written,
                         via=", ".join(d.as_written for d in history[1:-1]))
        elif due and original:
            due_text = t("action.drift", due=due.as_written, original=original.as_written)
        elif due:
            due_text = due.as_written
        else:
            due_text = None if model.milestones else t("action.no_due")
        milestones = tuple(
            Milestone(m.target, written(m.due, t), action_status(m.status, t, m.status_word) if m.status else None,
                      tuple(lead(x, t) for x in m.lead))
            for m in model.milestones)
        heading = t("action.action_number", ref=model.ref) if model.ref else t("action.action_unnumbered", number=position)
        leads = tuple(lead(x, t) for x in model.lead)
        if leads:
            lead_text = join("; ", (x.text for x in leads))
        else:
            lead_text = t("action.leads_on_milestones") if any(m.lead for m in model.milestones) else t("action.no_lead")
        view = Action(
            anchor=anchor, url=f"{self.base}priorities/{priority.id}/#{anchor}", priority_id=priority.id,
            ref=model.ref, heading=heading, text=model.text,
            status=action_status(rules.current_status(model), t, rules.current_status_word(model)),
            status_reason=rules.status_reason(model),
            recorded=self.recorded_status(model),
            leads=leads, lead_text=lead_text, executive=tuple(lead(x, t) for x in model.executive),
            partners=tuple(model.partners), due=written(due, t), original_due=written(original, t), due_text=due_text,
            milestones=milestones, flags=tuple(self.flags[k] for k in model.flags), updates=updates,
            latest=updates[-1] if updates else None)
        self.actions[id(model)] = view
        return view

    def recorded_status(self, model: ActionModel) -> str | None:
        """The plan's own status for an action, where a later update's status has replaced it."""
        if (model.status is None and not model.status_reason) or not any(u.status for u in model.updates):
            return None
        words = self.t(f"status.{model.status.value}") if model.status else self.t("status.none")
        if model.status and model.status_word:
            words = self.t("status.with_word", status=words, word=model.status_word)
        return words + (f". {self.t('action.reason')}: {model.status_reason}" if model.status_reason else "")

    def status_counts(self, actions) -> tuple[StatusCount, ...]:
        return tuple(StatusCount(action_status(s, self.t), n) for s, n in rules.status_counts(actions))

    # -- indicators ----------------------------------------------------------------------------

    def indicator(self, priority: PriorityModel, model: IndicatorModel) -> Indicator:
        t = self.t
        judged = rules.judge_indicator(model)
        baseline = tuple(self.figure(v, model) for v in model.baseline)
        targets = tuple(self.figure(v, model) for v in model.targets)
        actuals = tuple(self.figure(v, model, result=True) for v in model.actuals)
        shown = {id(v): f for v, f in zip(model.actuals, actuals)}
        latest = shown.get(id(judged.actual)) if judged.actual is not None else None
        if judged.status == "no data yet":
            sentence = t("indicator.sentence_no_data")
        elif judged.status == "target not set":
            sentence = t("indicator.sentence_no_target", actual=latest.text, period=latest.period)
        else:
            target = self.figure(judged.target, model)
            sentence = t("indicator.sentence", actual=latest.text, period=latest.period, target=target.text,
                         target_period=target.period, direction=t(f"direction.name.{model.direction.value}"),
                         status=t(f"istatus.{judged.status}").lower())
        heading = t("indicator.heading", code=model.code, name=model.name) if model.code else model.name
        anchor = f"indicator-{priority.id}-{slugify(model.key)}"
        links = []
        for ref in model.actions:
            found, _ = self.index.resolve(ref)
            if found:
                links.append(self.action_link(found[1]))
        return Indicator(
            anchor=anchor, code=model.code, name=model.name, heading=heading,
            unit=(model.unit_label if model.unit.value == "other" else t(f"unit.name.{model.unit.name.lower()}")) if model.unit else None,
            direction=t(f"direction.name.{model.direction.value}") if model.direction else None, source=model.source,
            status=indicator_status(judged.status, t), sentence=sentence,
            baseline=baseline, targets=targets, actuals=actuals,
            baseline_text=join("; ", (concat(f.text, f" ({f.period})" if f.period and f.period not in f.text else "")
                                      for f in baseline)) or t("indicator.none_value"),
            latest_text=concat(latest.text, f" ({latest.period})") if latest else t("indicator.none_value"),
            rows=self.figure_rows(baseline, targets, actuals, model), notes=tuple(model.notes), actions=tuple(links),
            chart=indicator_chart(model, baseline, targets, actuals, t),
            unit_key=model.unit.value if model.unit else None, direction_key=model.direction.value if model.direction else None)

    def figure_rows(self, baseline, targets, actuals, model: IndicatorModel) -> tuple[FigureRow, ...]:
        def cell(figures, period):
            return join("; ", (concat(f.text, " ", _parenthesise(f.note)) if f.note else f.text
                               for f in figures if f.period == period))

        rows = []
        if any(f.period is None for f in (*baseline, *targets)):
            rows.append(FigureRow(self.t("indicator.period_not_stated"), cell(baseline, None), cell(targets, None), ""))
        for period in rules.indicator_periods(model):
            rows.append(FigureRow(period, cell(baseline, period), cell(targets, period), cell(actuals, period)))
        return tuple(rows)

    # -- priorities --------------------------------------------------------------------------------

    def issues(self, model: PriorityModel) -> tuple[Issue, ...]:
        """The priority's issues with their actions' views, numbered in the plan's order."""
        issues, position, anchors = [], 0, set()
        for number, issue in enumerate(model.issues, start=1):
            views = []
            for action in issue.actions:
                position += 1
                anchor = action_anchor_for(action.ref, position)
                if anchor in anchors:  # a ref the plan gives twice in one priority (PS7.1): PS7.1#2
                    anchor = f"{anchor}-{sum(1 for a in model.actions()[:position] if a.ref == action.ref)}"
                anchors.add(anchor)
                views.append(self.action(model, action, position, anchor))
            heading = " ".join(p for p in (issue.ref, issue.title) if p) or None
            issues.append(Issue(f"issue-{number}", issue.ref, issue.title, heading, tuple(views)))
        return tuple(issues)

    def priority(self, model: PriorityModel, issues: tuple[Issue, ...], entries: tuple[Entry, ...],
                 entry_actions: dict[str, set[int]]) -> Priority:
        t = self.t
        own = {id(a) for a in model.actions()}
        return Priority(
            id=model.id, url=f"{self.base}priorities/{model.id}/", ref=model.ref, title=model.title,
            summary=rich(model.summary), why=rich(model.why),
            strands=tuple(t(f"strand.{s.value}") for s in model.strands), strand_keys=tuple(s.value for s in model.strands),
            rank=self.rank_text(model), issues=issues, actions=tuple(a for i in issues for a in i.actions),
            status_counts=self.status_counts(model.actions()), activities=tuple(model.activities),
            success_criteria=tuple(model.success_criteria), associated_success_criteria=tuple(model.associated_success_criteria),
            indicators=tuple(self.indicator(model, i) for i in model.indicators),
            related=tuple(Link(l.title, l.url, l.note) for l in model.related_strategies),
            notes=tuple(model.notes), you_said=tuple(e for e in entries if entry_actions.get(e.id, set()) & own))

    def rank_text(self, model: PriorityModel) -> str | None:
        if not model.consultation_rank:
            return None
        ranking = self.ranking_consultation()
        if ranking is not None and ranking.reached:
            return self.t("overview.consultation_rank_by", rank=model.consultation_rank, reached=ranking.reached)
        return self.t("overview.consultation_rank", rank=model.consultation_rank)

    def ranking_consultation(self):
        """The consultation the plan says ranked its priorities, if it says so."""
        return next((c for c in self.data.consultations if c.ranks_priorities), None)

    # -- records ---------------------------------------------------------------------------------------

    def entries(self) -> tuple[tuple[Entry, ...], dict[str, set[int]]]:
        t = self.t
        views, linked = [], {}
        dated = all(e.date for e in self.data.you_said_we_did)
        ordered = sorted(self.data.you_said_we_did, key=lambda e: e.date, reverse=True) if dated else self.data.you_said_we_did
        for model in ordered:
            entry_id = rules.entry_id(model)
            found = [match for ref in model.actions for match in [self.index.resolve(ref)[0]] if match]
            linked[entry_id] = {id(a) for _, a in found}
            views.append(Entry(
                id=entry_id, url=f"{self.base}you-said-we-did/#{entry_id}", said=model.said, did=model.did,
                source=model.source, when=when(model.date, "day", t) if model.date else None, reached=model.reached,
                actions=tuple(self.action_link(a) for _, a in found), significant=model.significant,
                unpublished=self.unpublished(model)))
        return tuple(views), linked

    def assessment(self) -> Assessment | None:
        sa = self.data.strategic_assessment
        if sa is None or not (sa.themes or sa.summary):
            return None
        t = self.t
        titles = {p.id: p for p in self.data.priorities}
        themes, findings, measured = [], [], []
        for theme in sa.themes:
            items = []
            for f in theme.findings:
                change = None
                if f.change:
                    c = f.change
                    change = t("assessment.change", metric=c.metric, change=rules.describe_change(c, t),
                               before_period=c.before_period, after_period=c.after_period)
                finding = Finding(f.text, change)
                items.append(finding)
                (measured if change else findings).append(finding)
            informs = titles.get(theme.priority) if theme.priority else None
            themes.append(Theme(f"theme-{slugify(theme.title)}", theme.title, tuple(items),
                                Link(informs.title, f"{self.base}priorities/{informs.id}/") if informs else None))
        key = tuple((measured or findings)[:KEY_FINDINGS])
        return Assessment(sa.title, written(sa.date, t), sa.source, rich(sa.summary), tuple(themes), key)

    # -- the partnership -----------------------------------------------------------------------------

    def partnership(self) -> Partnership:
        p, t = self.plans.data, self.t
        contact = p.contact
        route = contact.alternative_formats if contact and contact.alternative_formats else None
        email = (route.email if route and route.email else None) or (contact.email if contact else None)
        phone = (route.phone if route and route.phone else None) or (contact.phone if contact else None)
        if email or phone:
            response = t("format.response", days=route.response_days) if route and route.response_days else t("format.no_response_time")
            no_route = None
        else:
            response = t("format.no_response_time")
            no_route = t("format.no_route", authority=t("format.council", area=p.area.local_authority), title=self.data.title)
        links = []
        if p.links:
            if p.links.website:
                links.append(Link(t("contact.website"), p.links.website))
            if p.links.police_and_crime_plan:
                links.append(Link(t("contact.pcp"), p.links.police_and_crime_plan))
            if p.links.scrutiny:
                links.append(Link(t("contact.scrutiny"), p.links.scrutiny))
            links += [Link(l.title, l.url, l.note) for l in p.links.other]
        board = p.regional_board
        return Partnership(
            slug=self.plans.slug, url=f"{self.prefix}{self.plans.slug}/", name=p.name, short_name=p.short_name, region=p.region,
            region_url=f"{tree_prefix(t.language)}regions/{region_slug(p.region)}/", local_authority=p.area.local_authority,
            country=t(f"country.{p.area.country.value}"), places=tuple(p.area.places), wards=tuple(p.area.wards),
            description=rich(p.description),
            authorities=tuple(_organisation(o) for o in p.responsible_authorities),
            partners=tuple(_organisation(o) for o in p.partners),
            governance=tuple(Group(g.name, g.kind, g.purpose, g.membership_note,
                                   tuple(Member(rules.lead_text(m) or t("overview.named_member"), m.remit) for m in g.members),
                                   tuple(g.remits)) for g in p.governance),
            funding=tuple(Funding(f.summary, f.period, f.amount, tuple(f.funders)) for f in p.funding),
            contact=Contact(contact.team, contact.email, contact.phone, tuple(contact.address))
            if contact and (contact.team or contact.email or contact.phone or contact.address) else None,
            request=FormatRequest(email, phone, response, route.note if route else None, no_route),
            links=tuple(links),
            status_words=tuple(ViewStatusWord(w.word, action_status(w.status, t), w.meaning) for w in p.status_words),
            regional_board=RegionalBoard(board.name, board.area, board.url, board.note) if board else None,
            languages=tuple(lang.value for lang in p.languages))

    # -- history -------------------------------------------------------------------------------------------

    def history(self, priorities: tuple[Priority, ...], entries: tuple[Entry, ...]) -> tuple[HistoryEntry, ...]:
        t, data, slug, eid = self.t, self.data, self.plans.slug, self.edition.id
        out = []
        if data.published and data.published.parsed:
            out.append(HistoryEntry(f"{slug}/{eid}/published", when(data.published.parsed, data.published.precision, t),
                                    "edition", t("history.published", title=data.title), data.summary or data.title, self.base))
        for change in data.changes:
            if change.significant:
                out.append(HistoryEntry(f"{slug}/{eid}/change/{_hash(change.date, change.note)}", when(change.date, "day", t),
                                        "change", change.note, change.note, self.base))
        for priority, model in zip(priorities, data.priorities):
            for action, action_model in zip(priority.actions, model.actions()):
                label = action.ref or action.text[:60]
                for update in action_model.updates:
                    if not (update.significant and update.date and update.date.parsed):
                        continue
                    status = ""
                    if update.status:
                        words = t(f"status.{update.status.value}")
                        status = concat(" (", t("status.with_word", status=words, word=update.status_word) if update.status_word else words, ")")
                    out.append(HistoryEntry(
                        f"{slug}/{eid}/progress/{_hash(model.id, action_model.ref, action_model.text, update.date.as_written, update.text)}",
                        when(update.date.parsed, update.date.precision, t), "progress",
                        concat(t("history.progress", action=label), status), update.text, action.url, priority.id))
        for entry in entries:
            if entry.significant and entry.when:
                out.append(HistoryEntry(f"{slug}/{eid}/said/{entry.id}", entry.when, "said", t("history.said", said=entry.said),
                                        f"{t('yswd.did')}: {entry.did}", entry.url))
        return tuple(sorted(out, key=lambda e: (e.when.iso, e.id), reverse=True))

    # -- the whole edition ------------------------------------------------------------------------------------

    def build(self, editions: tuple[EditionLink, ...], replaced_by: EditionLink | None) -> Edition:
        t, data = self.t, self.data
        # Actions first: entries, indicators and the overview all point to them.
        issues = [self.issues(p) for p in data.priorities]
        entries, entry_actions = self.entries()
        priorities = tuple(self.priority(p, i, entries, entry_actions) for p, i in zip(data.priorities, issues))
        updated, precision, stated = rules.edition_last_updated(data)
        last_updated = None
        if updated:
            moment = when(updated, precision, t)
            last_updated = LastUpdated(moment, stated, rules.stated_last_updated(data).as_written if stated else moment.text)
        status = self.edition_status()
        notice = None
        if data.status is EditionStatus.DRAFT:
            notice = t("edition.draft")
        elif not self.edition.is_current or data.status is EditionStatus.SUPERSEDED:
            notice = t("edition.superseded") if replaced_by else t("edition.superseded_unpublished")
        facts = (
            Fact(t("facts.partnership"), self.plans.data.name),
            Fact(t("facts.area"), self.plans.data.area.local_authority),
            Fact(t("facts.region"), self.plans.data.region),
            Fact(t("facts.period"), period_text(data.period, t)),
            Fact(t("facts.status"), status.label),
            Fact(t("facts.first_published"), data.published.as_written if data.published else t("facts.not_stated")),
            Fact(t("facts.last_updated"), _last_updated_text(last_updated, t)),
            Fact(t("facts.next_review"), data.next_review.as_written if data.next_review else t("facts.not_stated")),
        )
        recent = []
        for priority, model in zip(priorities, data.priorities):
            for action, action_model in zip(priority.actions, model.actions()):
                for update in action.updates:
                    if update.when and update.when.when:
                        recent.append((update.when.when.iso, RecentUpdate(self.action_link(action_model), update)))
        recent.sort(key=lambda item: item[0], reverse=True)
        ranked = tuple(Ranked(p.consultation_rank, p.title, f"{self.base}priorities/{p.id}/")
                       for p in sorted((p for p in data.priorities if p.consultation_rank), key=lambda p: p.consultation_rank))
        source, source_url = None, None
        if data.source_document:
            source_url = data.source_document.url
            s = data.source_document
            source = join(", ", (x for x in (s.title, s.publisher, s.date.as_written if s.date else None) if x))
            if s.note:
                source = concat(source, ". ", s.note)
        return Edition(
            id=self.edition.id, url=self.base, language=t.language, partnership=self.partnership(), title=data.title,
            is_current=self.edition.is_current, status=status, notice=notice, replaced_by=replaced_by,
            period=period_text(data.period, t), strategy_period=period_text(data.strategy_period, t) if data.strategy_period else None,
            published=written(data.published, t), last_updated=last_updated, next_review=written(data.next_review, t),
            facts=facts, summary=rich(data.summary), vision=data.vision, vision_detail=tuple(data.vision_detail),
            mission=data.mission, objectives=tuple(data.objectives), priorities_intro=data.priorities_intro,
            priorities=priorities, status_counts=self.status_counts(data.actions()),
            emerging=tuple(Emerging(i.title, i.summary) for i in data.emerging_issues),
            assessment=self.assessment(), you_said=entries,
            meetings=tuple(Meeting(when(m.date, "day", t), m.title, m.location, tuple(m.attendees), rich(m.summary), m.public)
                           for m in sorted(data.meetings, key=lambda m: m.date, reverse=True)),
            consultations=tuple(Consultation(c.title, written(c.date, t), c.method, c.reached, rich(c.summary))
                                for c in data.consultations),
            ranked=ranked,
            development=tuple(Development(d.text, d.note, d.hallmark) for d in data.development),
            sections=tuple(Section(f"section-{slugify(s.title)}", s.title, Rich(s.body)) for s in data.sections),
            flags=tuple(self.flags.values()), history=self.history(priorities, entries),
            recent=tuple(r for _, r in recent[:RECENT_UPDATES]), source_document=source, source_url=source_url,
            editions=editions, regional_assessment=self.regional_assessment(), ways_of_working=self.ways_of_working())

    def regional_assessment(self) -> RegionalAssessment | None:
        ra = self.data.regional_assessment
        if ra is None:
            return None
        return RegionalAssessment(ra.title, ra.area, ra.board, written(ra.date, self.t), ra.url, rich(ra.summary))

    def ways_of_working(self) -> tuple[WayOfWorking, ...]:
        ways = self.data.ways_of_working
        if ways is None:
            return ()
        return tuple(WayOfWorking(key, self.t(f"ways.{key}"), rich(getattr(ways, key))) for key in WAYS_OF_WORKING)

    def edition_status(self) -> Status:
        data, t = self.data, self.t
        key = "current" if self.edition.is_current and data.status is EditionStatus.PUBLISHED else data.status.value
        label = t("edition.current") if key == "current" else t(f"edition.status.{key}")
        return Status("edition", key, label)


def _last_updated_text(last: LastUpdated | None, t: Translator) -> str:
    if last is None:
        return t("facts.not_stated")
    return last.text if last.stated else t("updated.derived", date=last.text)


def _organisation(o) -> Organisation:
    """'Hertfordshire Constabulary (North Hertfordshire; Police)': the kind of body only where the name does not say it."""
    extra = [x for x in (o.note, o.type if o.type and o.type.lower() not in o.name.lower() else None) if x]
    return Organisation(concat(o.name, " (", join("; ", extra), ")") if extra else o.name, o.name, o.type, o.note)


def _parenthesise(text: str) -> str:
    """Wrap a note in brackets unless the plan already wrote it that way: "(Target-16%)"."""
    return text if text.startswith("(") and text.endswith(")") else concat("(", text, ")")


def _hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:16]


def _edition_link(plans: PartnershipPlans, edition: PlanEdition, t: Translator) -> EditionLink:
    data = edition.data
    current = edition.is_current
    key = "current" if current and data.status is EditionStatus.PUBLISHED else data.status.value
    status = Status("edition", key, t("edition.current") if key == "current" else t(f"edition.status.{key}"))
    return EditionLink(edition.id, edition_base(plans.slug, None if current else edition.id, page_prefix(plans, t.language)),
                       data.title, period_text(data.period, t), status, current)


def edition_view(plans: PartnershipPlans, edition: PlanEdition, *, today: date, t: Translator | None = None,
                 previews: bool = False) -> Edition:
    """The published view of one edition of a public partnership (from plansite.publish.public_catalogue)."""
    t = t or Translator()
    links = {e.id: _edition_link(plans, e, t) for e in plans.editions}
    ordered = tuple(links[e.id] for e in ([plans.current] if plans.current else []) + plans.earlier)
    successor = edition.data.superseded_by
    replaced_by = links.get(successor) if successor else None
    return _EditionBuilder(plans, edition, t, today, previews).build(ordered, replaced_by)


def edition_views(catalogue: Catalogue, *, today: date, t: Translator | None = None,
                  previews: bool = False) -> dict[tuple[str, str], Edition]:
    """The view of every public edition, by (partnership slug, edition id)."""
    t = t or Translator()
    return {(plans.slug, edition.id): edition_view(plans, edition, today=today, t=t, previews=previews)
            for plans in catalogue.partnerships for edition in plans.editions}
