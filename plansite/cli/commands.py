"""The plansite command: validate plans, scaffold partnerships, and more."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from datetime import date

from ..load.loader import PlanErrors, display_path, load_plans

DEFAULT_PLANS = Path("plans")


SINGULAR = {"partnerships": "partnership", "editions": "edition", "priorities": "priority",
            "actions": "action", "indicators": "indicator", "warnings": "warning"}


def _plural(count: int, plural: str) -> str:
    return f"{count} {SINGULAR[plural] if count == 1 else plural}"


def cmd_validate(args: argparse.Namespace) -> int:
    try:
        catalogue = load_plans(args.path)
    except PlanErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    for warning in catalogue.warnings:
        print(f"{warning} (warning)", file=sys.stderr)
    counts = catalogue.counts()
    summary = ", ".join(_plural(counts[k], k) for k in ("partnerships", "editions", "priorities", "actions", "indicators"))
    if catalogue.warnings and args.strict:
        print(f"{_plural(len(catalogue.warnings), 'warnings')} with --strict: {summary}. Not valid.", file=sys.stderr)
        return 1
    suffix = f", with {_plural(len(catalogue.warnings), 'warnings')}" if catalogue.warnings else ""
    print(f"Valid: {summary}{suffix}.")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, scaffold_partnership

    try:
        if args.from_workbook:
            from ..build import build_date
            from .template import new_from_workbook

            if args.name:
                raise ScaffoldError("--name is taken from the workbook's Partnership sheet, so leave it out with --from")
            written = new_from_workbook(args.from_workbook, args.plans, args.slug, build_date())
        else:
            written = scaffold_partnership(args.plans, args.slug, name=args.name)
    except ScaffoldError as error:
        print(f"plansite new: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"plansite new: could not write in {args.plans}: {error.strerror}", file=sys.stderr)
        return 1
    for path in written:
        print(f"Created {path}")
    print(f"Next: fill in the files, then run 'plansite validate {args.plans}'.")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from ..model.schema import stale_schemas, write_schemas

    if args.check:
        stale = stale_schemas()
        if stale:
            print(f"Out of date: {', '.join(stale)}. Run 'plansite schema' to regenerate.", file=sys.stderr)
            return 1
        print("Schemas match the models.")
        return 0
    for path in write_schemas():
        print(f"Wrote {path}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from ..build import build_date
    from ..export import EXPORTERS, ExportOptions
    from ..export.fonts import MissingFont
    from ..export.runner import render_edition
    from ..pages.render import filesize
    from ..publish import public_catalogue
    from ..view.edition import edition_view

    def fail(message: str) -> int:
        print(f"plansite export: {message}", file=sys.stderr)
        return 1

    today = build_date()
    try:
        catalogue = public_catalogue(load_plans(args.plans), today)
    except PlanErrors as errors:
        print(errors.report(), file=sys.stderr)
        return 1
    plans = catalogue.get(args.partnership)
    if plans is None:
        return fail(f"no published partnership '{args.partnership}'. Choose one of: {', '.join(p.slug for p in catalogue.partnerships)}")
    edition = plans.edition(args.edition) if args.edition else plans.current
    if edition is None:
        return fail(f"no published edition '{args.edition}' for {plans.slug}. Choose one of: {', '.join(e.id for e in plans.editions)}")
    names = list(EXPORTERS) if "all" in args.format else args.format
    unknown = [n for n in names if n not in EXPORTERS]
    if unknown:
        return fail(f"unknown format '{unknown[0]}'. Choose from: all, {', '.join(EXPORTERS)}")
    if args.font_size < 16:
        return fail(f"large print must be at least 16 point (clear print guidance); {args.font_size:g} was asked for")
    view = edition_view(plans, edition, today=today)
    priority = None
    if args.priority:
        priority = view.priority(args.priority)
        if priority is None:
            return fail(f"no priority '{args.priority}' in {plans.slug} {edition.id}. Choose one of: "
                        + ", ".join(p.id for p in view.priorities))
    options = ExportOptions(font_size=args.font_size)
    if priority is not None:
        names = [n for n in names if EXPORTERS[n].per_priority] or ["priority-pdf"]
    elif "zip" in names:
        names = list(EXPORTERS)  # the zip holds every format, so every file is made
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        files = render_edition(view, options, names, args.out, priority)
    except OSError as error:
        return fail(f"could not write to {args.out}: {error.strerror}")
    except MissingFont as error:
        return fail(str(error))
    for f in files:
        pages = f", {f.pages} pages" if f.pages else ""
        print(f"Wrote {args.out / f.filename} ({EXPORTERS[f.exporter].format}, {filesize(f.size)}{pages})", flush=True)
    return 0


def _day(text: str) -> date:
    from pydantic_core import PydanticCustomError

    from ..model.base import iso_date

    try:
        return iso_date(text)
    except PydanticCustomError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def _report_saved(saved) -> int:
    print(f"Saved {display_path(saved.path)}")
    for warning in saved.warnings:
        print(f"{warning} (warning)", file=sys.stderr)
    print("Rebuild the site (make site) to publish it.")
    return 0


def cmd_update(args: argparse.Namespace) -> int:
    from ..build import build_date
    from .record import RecordRefused, record_progress

    try:
        saved = record_progress(args.plans, args.partnership, args.action_ref, note=args.note, status=args.status,
                                day=args.date or build_date(), significant=args.significant, edition=args.edition,
                                due=args.due, draft=args.draft, publish_from=args.publish_from, reason=args.reason)
    except RecordRefused as refused:
        print(f"plansite update: not saved.\n{refused}", file=sys.stderr)
        return 1
    return _report_saved(saved)


def cmd_said(args: argparse.Namespace) -> int:
    from ..build import build_date
    from .record import RecordRefused, record_said

    actions = [ref.strip() for ref in args.actions.split(",") if ref.strip()] if args.actions else []
    try:
        saved = record_said(args.plans, args.partnership, said=args.said, source=args.source, did=args.did, actions=actions,
                            day=args.date or build_date(), reached=args.reached, edition=args.edition,
                            significant=not args.minor, draft=args.draft, publish_from=args.publish_from)
    except RecordRefused as refused:
        print(f"plansite said: not saved.\n{refused}", file=sys.stderr)
        return 1
    return _report_saved(saved)


def cmd_workbook(args: argparse.Namespace) -> int:
    from ..build import build_date
    from .workbook import WorkbookError, check_destination, default_edition, site_folders, write_progress_workbook

    def fail(message: str) -> int:
        print(f"plansite workbook: {message}", file=sys.stderr)
        return 1

    try:
        check_destination(args.out, site_folders(args.plans))
    except WorkbookError as error:
        return fail(str(error))
    if args.blank:
        if args.partnership:
            return fail("--blank makes a template for a new plan, so give no partnership with it")
        from .template import write_blank_template

        try:
            path = write_blank_template(args.out)
        except OSError as error:
            return fail(f"could not write to {args.out}: {error.strerror}")
        print(f"Wrote {display_path(path)}")
        print("Fill it in, then make the plan with: plansite new <partnership-id> --from " + display_path(path))
        return 0
    if not args.partnership:
        return fail("say which partnership, e.g. plansite workbook calderdale (or --blank for a new plan)")
    try:
        catalogue = load_plans(args.plans)
    except PlanErrors as errors:
        print(errors.report("No workbook was made."), file=sys.stderr)
        return 1
    plans = catalogue.get(args.partnership)
    if plans is None:
        return fail(f"no partnership '{args.partnership}'. Choose one of: {', '.join(p.slug for p in catalogue.partnerships)}")
    edition = plans.edition(args.edition) if args.edition else default_edition(plans)
    if edition is None:
        return fail(f"no edition '{args.edition}' for {plans.slug}. Choose one of: {', '.join(e.id for e in plans.editions)}")
    try:
        path = write_progress_workbook(plans, edition, args.out, build_date())
    except OSError as error:
        return fail(f"could not write to {args.out}: {error.strerror}")
    print(f"Wrote {display_path(path)}: {len(edition.data.actions())} actions, "
          f"{sum(len(p.indicators) for p in edition.data.priorities)} indicators, for the team only (never publish it).")
    print(f"When it is filled in: plansite import {display_path(path)}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from ..build import build_date
    from .workbook_import import ImportRefused, import_workbook

    try:
        outcome = import_workbook(args.workbook, args.plans, build_date())
    except ImportRefused as refused:
        print(f"plansite import: nothing was saved.\n{refused}", file=sys.stderr)
        return 1
    for note in outcome.notes:
        print(f"Note: {note}.")
    for path, origin in outcome.saved:
        print(f"Saved {display_path(path)} (from {origin})")
    for warning in outcome.warnings:
        print(f"{warning} (warning)", file=sys.stderr)
    if outcome.skipped:
        print(f"Already imported, so not saved again: {', '.join(outcome.skipped)}")
    if outcome.saved:
        print(f"{_count(len(outcome.saved), 'record')} saved. Rebuild the site (make site) to publish them.")
    elif not outcome.skipped:
        print("Nothing to import: no filled-in cells in the columns to fill in.")
    else:
        print("Nothing new to import.")
    return 0


def cmd_import_docx(args: argparse.Namespace) -> int:
    from ..build import build_date
    from .import_docx import ImportError_, format_report, import_docx

    try:
        written, report = import_docx(args.document, args.plans, args.partnership, edition_id=args.edition,
                                      period=args.period, today=build_date())
    except ImportError_ as error:
        print(f"plansite import-docx: nothing was written.\n{error}", file=sys.stderr)
        return 1
    print(format_report(args.document, written, report))
    return 0


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def cmd_checklist(args: argparse.Namespace) -> int:
    from ..build import build_date, checklist_note, checklist_summary
    from ..publish.public import public_catalogue
    from ..view.checklist import checklist_gaps

    today = build_date()
    try:
        catalogue = public_catalogue(load_plans(args.plans), today)
    except PlanErrors as errors:
        print(errors.report("Fix these first: the checklist is worked out from valid plans."), file=sys.stderr)
        return 1
    if args.partnership and catalogue.get(args.partnership) is None:
        known = ", ".join(p.slug for p in catalogue.partnerships)
        print(f"plansite checklist: no published partnership '{args.partnership}'. Choose one of: {known}", file=sys.stderr)
        return 1
    gaps = [gap for gap in checklist_gaps(catalogue, today) if not args.partnership or gap[0].slug == args.partnership]
    for gap in gaps:
        print(checklist_note(*gap))
    if gaps:
        print(checklist_summary(gaps).replace(" or run 'plansite checklist'", ""))
    else:
        where = args.partnership or "every published plan"
        print(f"Publication checklist: every item is met for {where}.")
    return 0


def cmd_preview(args: argparse.Namespace) -> int:
    import os
    import subprocess

    env = {**os.environ, "PLANSITE_PREVIEW": "true", "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", args.address]
    print("Previewing drafts and embargoed records, each marked 'draft, not published'. Nothing here is public.")
    return subprocess.call(command, env=env)


def cmd_edit(args: argparse.Namespace) -> int:
    from .edit import run

    return run(Path.cwd(), args.address, args.editor_port)


def _record_arguments(command: argparse.ArgumentParser) -> None:
    """The options 'update' and 'said' share: which edition, and whether it is public yet."""
    command.add_argument("--edition", help="the edition's id (default: the current edition)")
    command.add_argument("--draft", action="store_true", help="save it, but keep it off the public site")
    command.add_argument("--publish-from", type=_day, help="embargo: keep it off the public site until this date")
    command.add_argument("--plans", type=Path, default=DEFAULT_PLANS, help="the plans folder (default: plans)")


def build_parser() -> argparse.ArgumentParser:
    from ..export import EXPORTERS  # here, not at the top: validate does not need the exporters

    parser = argparse.ArgumentParser(prog="plansite", description="Publish Community Safety Partnership plans as an accessible website.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check the plans and report every problem")
    validate.add_argument("path", nargs="?", type=Path, default=DEFAULT_PLANS, help="the plans folder (default: plans)")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.set_defaults(run=cmd_validate)

    new = commands.add_parser("new", help="create a new partnership with a commented example edition, or from a filled-in template")
    new.add_argument("slug", help="the partnership's folder name and web address, e.g. north-hertfordshire")
    new.add_argument("--name", help="the partnership's full name")
    new.add_argument("--from", dest="from_workbook", type=Path, metavar="WORKBOOK",
                     help="make it from a filled-in template (plansite workbook --blank) instead of the example")
    new.add_argument("--plans", type=Path, default=DEFAULT_PLANS, help="the plans folder (default: plans)")
    new.set_defaults(run=cmd_new)

    export = commands.add_parser("export", help="make a download on request: large print in any size, one priority, any format")
    export.add_argument("partnership", help="the partnership's folder name, e.g. calderdale")
    export.add_argument("--format", action="append", required=True, metavar="NAME",
                        help=f"a format from the registry ({', '.join(EXPORTERS)}) or 'all'; repeat for several")
    export.add_argument("--font-size", type=float, default=18.0, help="large print text size in points, 16 or more (default 18)")
    export.add_argument("--edition", help="the edition's id (default: the current edition)")
    export.add_argument("--priority", help="a priority's id, to make that priority on its own")
    export.add_argument("--out", type=Path, default=Path("downloads"), help="folder to write to (default: downloads)")
    export.add_argument("--plans", type=Path, default=DEFAULT_PLANS, help="the plans folder (default: plans)")
    export.set_defaults(run=cmd_export)

    update = commands.add_parser("update", help="publish a progress update on an action, without editing YAML")
    update.add_argument("partnership", help="the partnership's folder name, e.g. calderdale")
    update.add_argument("action_ref", metavar="action-ref", help="the action's ref, e.g. CS.1.1 (or priority-id/ref where refs repeat)")
    update.add_argument("--note", required=True, help="what happened, in plain English (published)")
    update.add_argument("--status", help="the action's status now: not started, in progress, at risk, completed, ongoing, "
                                          "not progressed, removed, or one of the partnership's own status words")
    update.add_argument("--date", type=_day, help="when it happened, YYYY-MM-DD (default: today)")
    update.add_argument("--reason", help="why, when the status is 'not progressed' or 'removed' (published)")
    update.add_argument("--due", help="a new due date, as written (the old one is shown as the original)")
    update.add_argument("--significant", action="store_true", help="list it in 'updates to this page' and the feeds")
    _record_arguments(update)
    update.set_defaults(run=cmd_update)

    said = commands.add_parser("said", help="publish a 'you said, we did' entry, without editing YAML")
    said.add_argument("partnership", help="the partnership's folder name, e.g. calderdale")
    said.add_argument("--said", required=True, help="what residents said")
    said.add_argument("--source", required=True, help="where they said it: a survey, meeting or consultation")
    said.add_argument("--did", required=True, help="what the partnership did in response")
    said.add_argument("--actions", help="refs of the actions it changed, separated by commas, e.g. CS.1.1,TC1.2")
    said.add_argument("--reached", help="who took part, e.g. '240 residents of Park ward'")
    said.add_argument("--date", type=_day, help="when, YYYY-MM-DD (default: today)")
    said.add_argument("--minor", action="store_true", help="do not list it in 'updates to this page' or the feeds")
    _record_arguments(said)
    said.set_defaults(run=cmd_said)

    workbook = commands.add_parser("workbook", help="make a progress workbook (.xlsx) for the team to fill in, or a blank template for a new plan")
    workbook.add_argument("partnership", nargs="?", help="the partnership's folder name, e.g. calderdale")
    workbook.add_argument("--edition", help="the edition's id (default: the current edition)")
    workbook.add_argument("--blank", action="store_true", help="a blank template for a new plan, for 'plansite new --from'")
    workbook.add_argument("--out", type=Path, default=Path("."), help="folder to write to (default: this folder)")
    workbook.add_argument("--plans", type=Path, default=DEFAULT_PLANS, help="the plans folder (default: plans)")
    workbook.set_defaults(run=cmd_workbook)

    imported = commands.add_parser("import", help="save the filled-in cells of a progress workbook as update records")
    imported.add_argument("workbook", type=Path, help="the workbook, e.g. calderdale-2008-2011-progress.xlsx")
    imported.add_argument("--plans", type=Path, default=DEFAULT_PLANS, help="the plans folder (default: plans)")
    imported.set_defaults(run=cmd_import)

    docx = commands.add_parser("import-docx", help="read a plan written in Word (its headings and tables) into a draft edition")
    docx.add_argument("document", type=Path, help="the plan, e.g. plan.docx")
    docx.add_argument("--partnership", required=True, help="the partnership's folder name; make it first with 'plansite new'")
    docx.add_argument("--edition", help="the new edition's id (default: its years, e.g. 2008-2011-imported)")
    docx.add_argument("--period", help="the plan's years, e.g. 2008-2011, if its title does not say")
    docx.add_argument("--plans", type=Path, default=DEFAULT_PLANS, help="the plans folder (default: plans)")
    docx.set_defaults(run=cmd_import_docx)
    checklist = commands.add_parser("checklist", help="list the publication checklist items each current plan does not meet")
    checklist.add_argument("partnership", nargs="?", help="only this partnership, e.g. calderdale")
    checklist.add_argument("--plans", type=Path, default=DEFAULT_PLANS, help="the plans folder (default: plans)")
    checklist.set_defaults(run=cmd_checklist)

    preview = commands.add_parser("preview", help="serve the site with drafts and embargoed records shown and marked")
    preview.add_argument("--address", default="127.0.0.1:8000", help="where to serve (default: 127.0.0.1:8000)")
    preview.set_defaults(run=cmd_preview)

    edit = commands.add_parser("edit", help="the form editor at /admin/ and the live preview together (make edit)")
    edit.add_argument("--address", default="127.0.0.1:8000", help="where to serve the preview and editor (default: 127.0.0.1:8000)")
    edit.add_argument("--editor-port", type=int, default=8081, help="the port of the editor's local backend (default: 8081)")
    edit.set_defaults(run=cmd_edit)

    schema = commands.add_parser("schema", help="regenerate the JSON Schemas from the models")
    schema.add_argument("--check", action="store_true", help="only check the committed schemas are current")
    schema.set_defaults(run=cmd_schema)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:  # pragma: no cover
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
