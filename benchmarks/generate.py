#!/usr/bin/env python3
"""Write N synthetic partnerships shaped like the seed plans: valid, realistic and deterministic.

    python benchmarks/generate.py OUT_DIR --partnerships 300 [--seed 1]

Each has 4-7 priorities, 20-60 actions with dated updates (spreading them over issues can
add up to 12 more), 5-20 indicators with yearly targets and results, strategic assessment findings with measured changes, "you said, we did"
entries and a public meeting; about a third also have an earlier, superseded edition.
The same seed always writes the same files.
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
from pathlib import Path

REGIONS = ("Avon and Somerset Bedfordshire Cambridgeshire Cheshire Cleveland Cumbria Derbyshire Devon-and-Cornwall Dorset "
           "Durham Dyfed-Powys Essex Gloucestershire Gwent Hampshire Hertfordshire Humberside Kent Lancashire "
           "Leicestershire Lincolnshire Merseyside Norfolk North-Wales Northamptonshire Northumbria North-Yorkshire "
           "Nottinghamshire South-Wales South-Yorkshire Staffordshire Suffolk Surrey Sussex Thames-Valley Warwickshire "
           "West-Mercia West-Midlands West-Yorkshire Wiltshire").split()
PLACE_PARTS = ("Ash Bar Brook Cal Dun Elm Fen Glen Hart Ing Kirk Lea Mar Nor Oak Pen Red Sel Thorn Wal Wick Whit "
               "Brad Stan Mill Hol Ley Cot").split()
PLACE_ENDS = "by ford ham ton ley field wick worth bury dale mouth stead well chester".split()
THEMES = [
    ("Anti-social behaviour", ["crime and disorder"]), ("Violent crime and domestic abuse", ["crime and disorder", "serious violence"]),
    ("Drug and alcohol misuse", ["substance misuse"]), ("Reducing reoffending", ["reoffending", "crime and disorder"]),
    ("Acquisitive crime", ["crime and disorder"]), ("Serious violence and knife crime", ["serious violence"]),
    ("Confidence and reassurance", ["crime and disorder"]), ("Criminal damage and arson", ["crime and disorder"]),
    ("Night-time economy", ["crime and disorder", "substance misuse"]), ("Hate crime and cohesion", ["crime and disorder"]),
]
VERBS = "Deliver Review Extend Develop Promote Establish Evaluate Target Support Publish Train Expand".split()
OBJECTS = ("the youth diversion programme;the Safer Streets patrols;test purchasing at licensed premises;a repeat-victim "
           "referral scheme;the Pubwatch scheme;target hardening for vulnerable homes;the integrated offender management "
           "cohort;awareness sessions in secondary schools;CCTV coverage at hotspot locations;a domestic abuse helpline "
           "campaign;the ward-level tasking meetings;information sharing between partners;the street drinking protocol;"
           "mediation for neighbour disputes;the arson reduction partnership").split(";")
PLACES_IN = "in hotspot wards;across the borough;in the town centre;with local schools;with housing providers;at peak times".split(";")
ROLES = [("Community Safety Manager", "Borough Council"), ("Chief Inspector, Neighbourhood Policing", "Police"),
         ("Head of Housing", "Borough Council"), ("Station Manager", "Fire and Rescue Service"),
         ("Substance Misuse Commissioner", "Public Health"), ("Head of Service", "Probation Service"),
         ("Youth Justice Manager", "Youth Justice Service"), ("Licensing Manager", "Borough Council")]
STATUSES = ["not started", "in progress", "in progress", "completed", "completed", "ongoing", "at risk"]
MONTHS = "January February March April May June July August September October November December".split()
INDICATORS = [("Anti-social behaviour incidents reported to police", "count", "lower is better", 2400),
              ("Violence with injury rate", "rate per 1,000 population", "lower is better", 9.5),
              ("Residents who feel safe after dark", "percentage", "higher is better", 62.0),
              ("Domestic burglary offences", "count", "lower is better", 480),
              ("Proven reoffending rate", "percentage", "lower is better", 27.5),
              ("People in effective drug treatment", "count", "higher is better", 650),
              ("Deliberate fires", "count", "lower is better", 210),
              ("Hate incidents reported", "count", "higher is better", 140),
              ("Knife crime offences", "count", "lower is better", 95),
              ("Satisfaction with how ASB was dealt with", "percentage", "higher is better", 58.0)]


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def sentence(rng: random.Random, words: int) -> str:
    vocab = ("partners will work with residents to reduce crime and disorder improve feelings of safety and support "
             "victims through targeted activity evidence from the strategic assessment shows").split()
    return " ".join(rng.choice(vocab) for _ in range(words)).capitalize() + "."


def place(rng: random.Random) -> str:
    return rng.choice(PLACE_PARTS) + rng.choice(PLACE_ENDS)


def fy(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def edition_yaml(rng: random.Random, name: str, start: int, status: str, successor: str | None, scale: float) -> str:
    lines = ["# yaml-language-server: $schema=../../../plansite/schemas/edition.schema.json",
             f"title: {q(f'{name} Community Safety Plan {start}-{start + 3}')}",
             f"period: {{label: {q(f'{start}-{start + 3}')}, start: {start}-04-01, end: {start + 3}-03-31}}",
             f"status: {status}"]
    if successor:
        lines.append(f"superseded_by: {q(successor)}")
    lines += [f"published: {q(f'{rng.randint(1, 28)} March {start}')}", f"next_review: {q(f'March {start + 1}')}",
              f"summary: {q(sentence(rng, 40))}", f"vision: {q(sentence(rng, 18))}",
              "strategic_assessment:", f"  date: {q(f'November {start - 1}')}", "  source: Police recorded crime and resident surveys",
              "  themes:"]
    themes = rng.sample(THEMES, rng.randint(4, 7))
    ids = [t[0].lower().replace(" ", "-").replace(",", "") for t in themes]
    for (title, _), pid in zip(themes, ids):
        lines += [f"    - title: {q(title)}", f"      priority: {pid}", "      findings:"]
        for _ in range(rng.randint(2, 4)):
            before = rng.randint(200, 3000)
            after = max(1, before + rng.randint(-before // 4, before // 6))
            lines += [f"        - text: {q(sentence(rng, 16))}",
                      f"          change: {{metric: {q(title + ' offences')}, before: {before}, before_period: {q(f'April to September {start - 2}')}, "
                      f"after: {after}, after_period: {q(f'April to September {start - 1}')}}}"]
    lines.append("priorities:")
    total_actions = int(rng.randint(20, 60) * scale)
    per_priority = max(1, total_actions // len(themes))
    indicator_count = max(len(themes), int(rng.randint(5, 20) * scale))
    refs = []
    for p, ((title, strands), pid) in enumerate(zip(themes, ids), start=1):
        lines += [f"  - id: {pid}", f"    ref: {q(str(p))}", f"    title: {q(title)}", f"    summary: {q(sentence(rng, 35))}",
                  f"    why: {q(sentence(rng, 30))}", f"    strands: [{', '.join(strands)}]", "    issues:"]
        issues = rng.randint(1, 3)
        for i in range(1, issues + 1):
            lines += [f"      - ref: {q(f'{p}.{i}')}", f"        title: {q(sentence(rng, 5)[:-1])}", "        actions:"]
            for a in range(1, per_priority // issues + 2):
                ref = f"{p}.{i}.{a}"
                refs.append(ref)
                role, org = rng.choice(ROLES)
                due_year = start + rng.randint(0, 2)
                lines += [f"          - ref: {q(ref)}",
                          f"            text: {q(f'{rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(PLACES_IN)}.')}",
                          f"            lead: [{{role: {q(role)}, organisation: {q(name + ' ' + org)}}}]",
                          "            executive: [{role: Community Safety Partnership Board}]",
                          f"            due: {q(rng.choice([f'{rng.choice(MONTHS)} {due_year}', 'Ongoing', f'31/03/{due_year % 100:02d}']))}",
                          f"            status: {rng.choice(STATUSES)}"]
                updates = rng.randint(0, 3)
                if updates:
                    lines.append("            updates:")
                for u in range(updates):
                    day = f"{start + u}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                    lines += [f"              - date: {day}", f"                text: {q(sentence(rng, 20))}"]
                    if rng.random() < 0.3:
                        lines.append("                significant: true")
        lines.append("    indicators:")
        for n in range(indicator_count // len(themes) + (1 if p <= indicator_count % len(themes) else 0)):
            iname, unit, direction, base = INDICATORS[(p + n) % len(INDICATORS)]
            step = (-1 if direction == "lower is better" else 1) * base * 0.03
            fmt = (lambda v: f"{v:.1f}") if isinstance(base, float) else (lambda v: str(int(round(v))))
            lines += [f"      - code: {q(f'L{p}{n:02d}')}", f"        name: {q(iname)}", f"        unit: {q(unit)}",
                      f"        direction: {q(direction)}", "        source: Police recorded crime",
                      f"        baseline: {{period: {q(fy(start - 1))}, value: {fmt(base)}}}", "        targets:"]
            lines += [f"          - {{period: {q(fy(start + y))}, value: {fmt(base + step * (y + 1))}}}" for y in range(3)]
            lines.append("        actuals:")
            lines += [f"          - {{period: {q(fy(start + y))}, value: {fmt(base + step * (y + 1) * rng.uniform(0.2, 1.6))}}}"
                      for y in range(rng.randint(1, 3))]
    lines.append("you_said_we_did:")
    for s in range(rng.randint(2, 5)):
        linked = ", ".join(q(r) for r in rng.sample(refs, min(2, len(refs))))
        lines += [f"  - date: {start + 1}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", f"    said: {q(sentence(rng, 14))}",
                  f"    source: {q(f'{place(rng)} ward forum')}", f"    reached: {q(f'{rng.randint(20, 400)} residents')}",
                  f"    did: {q(sentence(rng, 16))}", f"    actions: [{linked}]"]
    lines += ["meetings:", f"  - date: {start + 1}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
              "    title: Annual public meeting of the partnership board",
              "    attendees: [Community Safety Manager, Neighbourhood Inspector, Housing Manager]",
              f"    summary: {q(sentence(rng, 30))}"]
    return "\n".join(lines) + "\n"


def partnership_yaml(rng: random.Random, name: str, region: str) -> str:
    places = sorted({place(rng) for _ in range(rng.randint(3, 8))})
    domain = name.lower().replace(" ", "")
    return "\n".join([
        "# yaml-language-server: $schema=../../plansite/schemas/partnership.schema.json",
        f"name: {q(f'Safer {name} Partnership')}", f"short_name: {q(name)}", f"region: {q(region.replace('-', ' '))}",
        "area:", f"  local_authority: {q(name)}", "  country: england", f"  places: [{', '.join(q(p) for p in places)}]",
        f"  wards: [{', '.join(q(p + ' ward') for p in places[:3])}]",
        "responsible_authorities:",
        *[f"  - {{name: {q(f'{name} {kind}')}, type: {q(kind)}}}" for kind in ("Council", "Police", "Fire and Rescue Service", "Probation Service")],
        "contact:", "  team: Community Safety Team", f"  email: {q(f'community.safety@{domain}.example')}",
        "  phone: 01234 567890", "  alternative_formats:", f"    email: {q(f'community.safety@{domain}.example')}",
        "    response_days: 10",
        "links:", f"  website: {q(f'https://{domain}.example/community-safety')}",
        f"  police_and_crime_plan: {q(f'https://{region.lower()}-pcc.example/plan')}",
        "governance:", "  - name: Community Safety Partnership Board", "    kind: Strategic group",
        "    members:", "      - {role: Chair, organisation: Borough Council}", "      - {role: Vice-chair, organisation: Police}",
    ]) + "\n"


def generate(out: Path, partnerships: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    shutil.rmtree(out, ignore_errors=True)
    written, names = [], set()
    for i in range(partnerships):
        name = place(rng)
        while name in names:
            name = place(rng) + rng.choice(("", " East", " West", " North", " South")) + str(rng.randint(2, 9))
        names.add(name)
        slug = name.lower().replace(" ", "-")
        folder = out / slug / "editions"
        folder.mkdir(parents=True)
        region = REGIONS[i % len(REGIONS)]
        (out / slug / "partnership.yaml").write_text(partnership_yaml(rng, name, region), encoding="utf-8")
        current = rng.choice((2022, 2023, 2024))
        (folder / f"{current}-{current + 3}.yaml").write_text(
            edition_yaml(rng, name, current, "published", None, 1.0), encoding="utf-8")
        if rng.random() < 0.33:
            (folder / f"{current - 3}-{current}.yaml").write_text(
                edition_yaml(rng, name, current - 3, "superseded", f"{current}-{current + 3}", 0.6), encoding="utf-8")
        written.append(out / slug)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--partnerships", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.out, args.partnerships, args.seed)


if __name__ == "__main__":
    main()
