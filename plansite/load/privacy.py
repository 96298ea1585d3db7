"""Privacy checks: personal email addresses, phone numbers and names in published text.

They run in `plansite validate` and in every build, as warnings naming file:line:column.
A build with --strict (as `make site` runs it) fails on them.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from .catalogue import PartnershipPlans, SourceFile
from ..model.base import shown
from .fields import field_label
from .yamlsafe import Path, Problem

# Every pattern here is linear in the length of the text. The look-behind lets a match start only
# where a run of address characters starts; without it, a long word with no '@' was tried from
# every one of its letters, each time to its end (5,000,000 letters took minutes).
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# UK numbers: 01xxx xxxxxx, 020 xxxx xxxx, 07xxx xxxxxx, 0800 xxx xxxx, +44 ..., with spaces or hyphens.
PHONE = re.compile(r"(?<![\d/.])(?:\+44\s?\(?0?\)?\s?|0)(?:\d[\s-]?){8,9}\d(?![\d/.])")
TITLED_NAME = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Cllr|Councillor|PC|PCSO|Sgt|Sergeant|DC|DS|DI|DCI|Inspector|Superintendent)\.?"
    r"\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?\s+[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")
# Mailboxes a team shares: these are role addresses, not people's own.
SHARED_MAILBOXES = {
    "info", "enquiries", "enquiry", "contact", "contactus", "service", "services", "admin", "team", "office", "hello",
    "help", "support", "feedback", "complaints", "accessibility", "foi", "press", "media", "communications", "comms",
    "reception", "customer.services", "customerservices", "community.safety", "communitysafety", "csp", "safer",
    "saferneighbourhoods", "crime.reduction", "partnership", "partnerships", "webmaster", "digital", "council",
}
# first.last, first_last, first.m.last: the shapes of a person's own address.
PERSONAL_LOCAL_PART = re.compile(r"^[a-z]+[._-][a-z]+(?:[._-][a-z]+)?\d*$")
CONTACT_FIELDS = {"email", "phone"}


def _strings(value, path: Path = ()) -> Iterator[tuple[Path, str]]:
    if isinstance(value, dict):
        # A lead or member given by name alone ({name: Dawn Gaukrodger}) is a person too: its name is
        # stored, not published text.
        person = any(k in value for k in ("role", "organisation", "publish_name")) or (
            len(path) >= 2 and path[-2] in ("lead", "executive", "members"))
        for key, item in value.items():
            if key == "internal_notes" or (key == "name" and person):
                continue  # never published, or checked as a stored name
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, path + (index,))
    elif isinstance(value, str):
        yield path, value


def _stored_names(value) -> set[str]:
    names = set()
    if isinstance(value, dict):
        if value.get("name") and str(value.get("publish_name", "false")).lower() != "true" and \
                any(k in value for k in ("role", "organisation", "publish_name")):
            names.add(str(value["name"]))
        for item in value.values():
            names |= _stored_names(item)
    elif isinstance(value, list):
        for item in value:
            names |= _stored_names(item)
    return names


def names_pattern(names: set[str]) -> re.Pattern | None:
    """A pattern finding any of the names as whole words, longest first.

    Written as a trie (names sharing a start share a branch), so the work at each place in the text
    is bounded by the length of the longest name, not the number of names: an alternation of
    thousands of names would try every one of them at every character.
    """
    trie: dict = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[""] = {}
    if not trie:
        return None

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        ends = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and not ends else "(?:" + "|".join(branches) + ")"
        return body + "?" if ends else body  # longer names are tried before the shorter one they start with

    return re.compile(r"\b(" + pattern(trie) + r")\b")


def _digits(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    return "0" + digits[2:] if digits.startswith("44") else digits


def _warn(source: SourceFile, path: Path, message: str) -> Problem:
    where = source.parsed.where(path)
    return Problem(source.path, where.line, where.column, field_label(path, source.parsed.data), message, "warning", path)


def personal_email(address: str, shared: set[str]) -> bool:
    local = address.split("@", 1)[0].lower()
    if local in shared or any(local.startswith(s + ".") or local.endswith("." + s) for s in shared):
        return False
    return bool(PERSONAL_LOCAL_PART.match(local))


def partnership_privacy_warnings(plans: PartnershipPlans) -> list[Problem]:
    warnings: list[Problem] = []
    shared = SHARED_MAILBOXES | {p.lower() for p in plans.data.settings.shared_mailbox_patterns}
    sources = plans.sources
    contact = plans.data.contact
    own_numbers = {_digits(n) for n in (contact.phone if contact else None,
                                        contact.alternative_formats.phone if contact and contact.alternative_formats else None) if n}
    names = set().union(*(_stored_names(s.parsed.data) for s in sources))
    name_pattern = names_pattern(names)
    for source in sources:
        for path, text in _strings(source.parsed.data):
            field = path[-1] if path else ""
            for address in EMAIL.findall(text):
                if personal_email(address, shared):
                    warnings.append(_warn(source, path,
                        f"'{shown(address)}' looks like a personal email address. Publish a shared or role mailbox instead, "
                        "or add its first part to settings.shared_mailbox_patterns if it is shared."))
            if field not in CONTACT_FIELDS:
                for number in PHONE.findall(text):
                    if _digits(number) in own_numbers:
                        continue  # the partnership's own published number
                    warnings.append(_warn(source, path,
                        f"'{shown(number)}' looks like a phone number in published text. Put the partnership's "
                        "number in contact.phone, and leave out anyone's own number."))
            if name_pattern and (found := name_pattern.search(text)):
                warnings.append(_warn(source, path,
                    f"'{shown(found[1])}' is the name of a lead who has not agreed to be named (publish_name is not true), "
                    "and this text is published. Use their role instead."))
            if (found := TITLED_NAME.search(text)) and not (name_pattern and name_pattern.search(found[0])):
                warnings.append(_warn(source, path,
                    f"'{shown(found[0])}' looks like a person's name in published text. Use their role, or store the name "
                    "in a lead's name field, which is published only with publish_name: true."))
    return warnings
