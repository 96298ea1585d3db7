"""Checks across files and references, run after every file has validated on its own."""
from __future__ import annotations

from collections.abc import Iterator

from .catalogue import Catalogue, PartnershipPlans, PlanEdition, SourceFile
from ..dates import parse_period
from ..model import Action, ActionStatus, EditionStatus
from ..model.actions import normalise_word
from ..model.base import closest
from .refs import ActionIndex
from ..model.base import shown
from ..urls import region_slug
from .fields import field_label
from .yamlsafe import Path, Problem


def _problem(source: SourceFile, path: Path, message: str, *, key: bool = False, severity: str = "error") -> Problem:
    where = source.parsed.where(path, key=key)
    return Problem(source.path, where.line, where.column, field_label(path, source.parsed.data), message, severity, path)


def iter_actions(edition: PlanEdition) -> Iterator[tuple[Path, Action]]:
    for p, priority in enumerate(edition.data.priorities):
        for i, issue in enumerate(priority.issues):
            for a, action in enumerate(issue.actions):
                yield ("priorities", p, "issues", i, "actions", a), action


def check_catalogue(catalogue: Catalogue) -> list[Problem]:
    """Errors in references across the loaded plans."""
    errors: list[Problem] = _check_names(catalogue)
    for plans in catalogue.partnerships:
        errors += _check_status_words(plans)
        errors += _check_editions(plans)
        records: dict[int, SourceFile] = {}
        errors += _merge_update_files(plans, records)
        for edition in plans.editions:
            errors += _check_edition(edition, records)
    return errors


def _check_names(catalogue: Catalogue) -> list[Problem]:
    """Names that become one web address or one menu entry must not clash across partnerships."""
    errors = []
    regions: dict[str, tuple[str, PartnershipPlans]] = {}
    short_names: dict[tuple[str, str], PartnershipPlans] = {}
    for plans in catalogue.partnerships:
        region = plans.data.region
        address = region_slug(region)
        first = regions.setdefault(address, (region, plans))
        if first[0] != region:
            errors.append(_problem(plans.source, ("region",),
                                   f"the region '{shown(region)}' would have the same web address (regions/{address}/) "
                                   f"as '{shown(first[0])}' in {first[1].source.path}; write the region the same way in both"))
        key = (region, plans.data.short_name.lower())
        other = short_names.setdefault(key, plans)
        if other is not plans:
            errors.append(_problem(plans.source, ("short_name",),
                                   f"'{shown(plans.data.short_name)}' is also the short name of the partnership in "
                                   f"{other.source.path}, in the same region; residents tell partnerships apart by it"))
    return errors


def _check_editions(plans: PartnershipPlans) -> list[Problem]:
    errors = []
    ids = {e.id for e in plans.editions}
    for edition in plans.editions:
        successor = edition.data.superseded_by
        if successor is not None and successor not in ids:
            errors.append(_problem(edition.source, ("superseded_by",),
                                   f"there is no edition '{successor}' for this partnership (editions: {', '.join(sorted(ids))})"))
        elif successor == edition.id:
            errors.append(_problem(edition.source, ("superseded_by",), "an edition cannot supersede itself"))
    live = [e for e in plans.editions if e.data.status is EditionStatus.PUBLISHED]
    if len(live) > 1:
        names = ", ".join(e.id for e in live)
        for edition in live[1:]:
            errors.append(_problem(edition.source, ("status",),
                                   f"more than one edition is published and current ({names}); mark the older ones superseded"))
    return errors


def _check_status_words(plans: PartnershipPlans) -> list[Problem]:
    """A partnership's own status words must be new words, each declared once."""
    errors = []
    seen: dict[str, int] = {}
    standard = {status.value for status in ActionStatus}
    for n, item in enumerate(plans.data.status_words):
        key = normalise_word(item.word)
        if key in standard:
            errors.append(_problem(plans.source, ("status_words", n, "word"),
                                   f"'{shown(item.word)}' is already a standard status, so it cannot be given another meaning; "
                                   "leave it out, or use the plan's own word for it"))
        elif key in seen:
            errors.append(_problem(plans.source, ("status_words", n, "word"),
                                   f"the status word '{shown(item.word)}' is declared twice (first as status word {seen[key] + 1})"))
        else:
            seen[key] = n
    return errors


def _merge_update_files(plans: PartnershipPlans, records: dict[int, SourceFile]) -> list[Problem]:
    """Attach records from updates/ to their editions, reporting any that point nowhere.

    `records` is filled with the file each merged "you said, we did" entry came from, so that a
    problem found in it later names that file, not the edition's.
    """
    errors = []
    indexes: dict[str, ActionIndex] = {}  # one per edition, however many records point at it
    for update, source in plans.update_files:
        edition = plans.edition(update.edition) if update.edition else (plans.current or _latest(plans))
        if edition is None:
            ids = ", ".join(e.id for e in plans.editions)
            errors.append(_problem(source, ("edition",), f"there is no edition '{update.edition}' for this partnership (editions: {ids})"))
            continue
        if update.result is not None:
            error = _merge_result(edition, update, source)
            if error:
                errors.append(error)
        elif update.you_said_we_did is not None:
            edition.data.you_said_we_did.append(update.you_said_we_did)
            records[id(update.you_said_we_did)] = source
        elif update.meeting is not None:
            edition.data.meetings.append(update.meeting)
        else:
            index = indexes.get(edition.id) or indexes.setdefault(edition.id, ActionIndex(edition.data, edition.id))
            found, message = index.resolve(update.action)
            if found is None:
                errors.append(_problem(source, ("action",), message))
                continue
            if update.progress is not None:
                found[1].updates.append(update.progress)
            found[1].internal_notes.extend(update.internal_notes)
    return errors


def _merge_result(edition: PlanEdition, update, source: SourceFile) -> Problem | None:
    """Add a result record to its indicator's results; it never replaces one already given."""
    indicators = [i for p in edition.data.priorities for i in p.indicators]
    wanted = update.indicator
    indicator = next((i for i in indicators if i.code == wanted), None) or next((i for i in indicators if i.name == wanted), None)
    if indicator is None:
        hint = closest(wanted, [i.key for i in indicators])
        suggestion = f" Did you mean '{hint}'?" if hint else ""
        return _problem(source, ("indicator",), f"no indicator '{shown(wanted)}' in edition '{edition.id}'.{suggestion}")
    result = update.result
    earlier = next((a for a in indicator.actuals if a.period == result.period), None)
    if earlier is not None:
        given = earlier.text or format(earlier.value, "f")
        return _problem(source, ("result", "period"),
                        f"indicator '{shown(indicator.key)}' already has a result for {shown(result.period)} ({shown(given)}); a record cannot "
                        "replace it. To correct a figure, change it where it was first written.")
    indicator.actuals.append(result)
    return None


def _latest(plans: PartnershipPlans) -> PlanEdition | None:
    return max(plans.editions, key=lambda e: e.data.period.start) if plans.editions else None


def _check_edition(edition: PlanEdition, records: dict[int, SourceFile]) -> list[Problem]:
    data, source = edition.data, edition.source
    errors: list[Problem] = []

    flag_keys = {f.key for f in data.flags}
    for path, action in iter_actions(edition):
        for f, flag in enumerate(action.flags):
            if flag not in flag_keys:
                known = ", ".join(sorted(flag_keys)) or "none are defined"
                errors.append(_problem(source, path + ("flags", f),
                                       f"'{shown(flag)}' is not a flag defined in this edition's flags ({known})"))

    index = ActionIndex(data, edition.id)
    priority_ids: dict[str, int] = {}
    codes: dict[str, Path] = {}
    for p, priority in enumerate(data.priorities):
        if priority.id in priority_ids:
            errors.append(_problem(source, ("priorities", p, "id"), f"priority id '{priority.id}' is used twice in this edition"))
        priority_ids[priority.id] = p
        for n, indicator in enumerate(priority.indicators):
            here = ("priorities", p, "indicators", n)
            if indicator.code:
                if indicator.code in codes:
                    first = source.parsed.where(codes[indicator.code])
                    errors.append(_problem(source, here + ("code",),
                                           f"indicator code '{indicator.code}' is used twice in this edition (first on line {first.line})"))
                else:
                    codes[indicator.code] = here + ("code",)
            for r, ref in enumerate(indicator.actions):
                found, message = index.resolve(ref)
                if found is None:
                    errors.append(_problem(source, here + ("actions", r), message))
            window = _target_window(edition, indicator)
            for t, target in enumerate(indicator.targets):
                bounds = parse_period(target.period) if target.period else None
                if bounds and (bounds.end < window[0] or bounds.start > window[1]):
                    errors.append(_problem(source, here + ("targets", t, "period"),
                                           f"target period {target.period} is outside the plan period "
                                           f"({_describe_window(edition)})"))

    if data.strategic_assessment:
        for t, theme in enumerate(data.strategic_assessment.themes):
            if theme.priority and theme.priority not in priority_ids:
                errors.append(_problem(source, ("strategic_assessment", "themes", t, "priority"),
                                       f"there is no priority with id '{theme.priority}' in this edition"))

    seen_ids: set[str] = set()
    for y, entry in enumerate(data.you_said_we_did):
        # An entry from a record in updates/ is reported in that record's file, at its own fields.
        record = records.get(id(entry))
        where, here = (record, ("you_said_we_did",)) if record is not None else (source, ("you_said_we_did", y))
        if entry.id and entry.id in seen_ids:
            errors.append(_problem(where, here + ("id",), f"'you said, we did' id '{entry.id}' is used twice"))
        if entry.id:
            seen_ids.add(entry.id)
        for r, ref in enumerate(entry.actions):
            found, message = index.resolve(ref)
            if found is None:
                errors.append(_problem(where, here + ("actions", r), message))
    return errors


def _target_window(edition: PlanEdition, indicator):
    """Targets may run from the indicator's baseline to the end of the plan or its strategy.

    A Year 1 action plan carries its strategy's trajectory (2003/04 benchmark to
    2007/08), so the strategy period and baselines widen the window; anything
    beyond is almost always a typing slip such as 2018/19 for 2008/09.
    """
    data = edition.data
    start, end = data.period.start, data.period.end
    if data.strategy_period:
        start, end = min(start, data.strategy_period.start), max(end, data.strategy_period.end)
    for baseline in indicator.baseline:
        bounds = parse_period(baseline.period) if baseline.period else None
        if bounds:
            start = min(start, bounds.start)
    return start, end


def _describe_window(edition: PlanEdition) -> str:
    data = edition.data
    text = data.period.display
    if data.strategy_period:
        text += f", within the strategy period {data.strategy_period.display}"
    return text
