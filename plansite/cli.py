"""The plansite command: validate plans, scaffold partnerships, and more."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .loader import PlanErrors, load_plans

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
        written = scaffold_partnership(args.plans, args.slug, name=args.name)
    except ScaffoldError as error:
        print(f"plansite new: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"Created {path}")
    print(f"Next: fill in the files, then run 'plansite validate {args.plans}'.")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import stale_schemas, write_schemas

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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="plansite", description="Publish Community Safety Partnership plans as an accessible website.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check the plans and report every problem")
    validate.add_argument("path", nargs="?", type=Path, default=DEFAULT_PLANS, help="the plans folder (default: plans)")
    validate.add_argument("--strict", action="store_true", help="treat warnings as errors")
    validate.set_defaults(run=cmd_validate)

    new = commands.add_parser("new", help="create a new partnership with a commented example edition")
    new.add_argument("slug", help="the partnership's folder name and web address, e.g. north-hertfordshire")
    new.add_argument("--name", help="the partnership's full name")
    new.add_argument("--plans", type=Path, default=DEFAULT_PLANS, help="the plans folder (default: plans)")
    new.set_defaults(run=cmd_new)

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
