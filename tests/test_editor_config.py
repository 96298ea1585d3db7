"""The form editor's configuration follows the models, and what the form saves is checked like any record."""
from __future__ import annotations

import json
import textwrap

import pytest
import yaml

from plansite.editor.config import backend_settings, partnership_config
from plansite.editor.site import editor_files
from plansite.load.loader import PlanErrors, load_plans
from plansite.load.refs import ActionIndex
from plansite.model import ActionStatus
from plansite.model.schema import SCHEMA_DIR

from .conftest import EDITION, PARTNERSHIP, PLANS, write_plans

LOCAL = backend_settings({}, local=True)


def _config(slug: str = "calderdale", plans=PLANS) -> dict:
    catalogue = load_plans(plans)
    return partnership_config(catalogue.get(slug), plans_path="plans", backend=LOCAL, site_url="https://plansite.example/")


def _committed(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def _resolve(node: dict, defs: dict) -> dict:
    while True:
        options = [n for n in node.get("anyOf", [node]) if n.get("type") != "null"]
        node = options[-1]
        if "$ref" not in node:
            return node
        node = defs[node["$ref"].rsplit("/", 1)[1]]


def _compare(schema: dict, fields: list[dict], defs: dict, where: str, problems: list[str], *, partial: bool = False) -> set[str]:
    """Every schema property has a form field with its title as label and description as hint."""
    by_name = {f["name"]: f for f in fields}
    for name, prop in schema["properties"].items():
        field = by_name.get(name)
        if field is None:
            if not partial and name != "status_word":  # filled in by the loader from status
                problems.append(f"{where}.{name}: not in the form")
            continue
        if field["label"] != prop["title"]:
            problems.append(f"{where}.{name}: label {field['label']!r}, schema title {prop['title']!r}")
        if field.get("hint") != prop.get("description"):
            problems.append(f"{where}.{name}: hint {field.get('hint')!r}, schema description {prop.get('description')!r}")
        target = _resolve(prop, defs)
        if "properties" in target and target.get("title") != "FlexDate":
            _compare(target, field.get("fields", []), defs, f"{where}.{name}", problems)
    extra = set(by_name) - set(schema["properties"])
    problems += [f"{where}.{name}: in the form but not in the schema" for name in sorted(extra)]
    return set(by_name) & set(schema["properties"])


def test_every_record_field_is_in_the_form_with_the_schema_label_and_help():
    config = _config()
    update, contact = _committed("update"), _committed("contact")
    collections = {c["name"]: c for c in config["collections"]}
    assert list(collections) == ["progress", "said", "meeting", "contact"]
    problems: list[str] = []
    covered: set[str] = set()
    for name in ("progress", "said", "meeting"):
        covered |= _compare(update, collections[name]["fields"], update["$defs"], name, problems, partial=True)
    from plansite.editor.config import NOT_OFFERED

    problems += [f"update.{name}: in no form" for name in sorted(set(update["properties"]) - covered - NOT_OFFERED)]
    _compare(contact, collections["contact"]["files"][0]["fields"], contact["$defs"], "contact", problems)
    assert problems == []
    # Spot checks that the comparison reads what a person sees.
    note = next(f for f in collections["progress"]["fields"][2]["fields"] if f["name"] == "text")
    assert (note["label"], note["hint"], note["widget"]) == ("Note", "What happened, in plain English. This is published.", "text")


def test_the_action_is_chosen_from_the_current_editions_refs_and_the_status_from_the_allowed_words():
    catalogue = load_plans(PLANS)
    calderdale = catalogue.get("calderdale")
    fields = {f["name"]: f for f in _config()["collections"][0]["fields"]}
    index = ActionIndex(calderdale.current.data, calderdale.current.id)
    expected = [index.key(p, a) for p in calderdale.current.data.priorities for a in p.actions() if a.ref]
    assert fields["edition"]["options"] == [{"label": "Calderdale’s Partnership Plan for Safer and Stronger Communities 2008-2011 (2008-2011)",
                                             "value": "2008-2011"}]
    assert fields["action"]["widget"] == "select" and fields["action"]["required"] is True
    assert [o["value"] for o in fields["action"]["options"]] == expected
    assert {"label": "TC1.1: Awareness / Education re: protecting from Hanoi’s (locks, keys upstairs, etc) sneak in bu…",
            "value": "TC1.1"} in fields["action"]["options"]
    assert "CS9.9" not in expected
    progress = {f["name"]: f for f in fields["progress"]["fields"]}
    assert progress["status"]["widget"] == "select"
    assert progress["status"]["options"] == [s.value for s in ActionStatus]
    assert progress["date"]["widget"] == "datetime" and progress["date"]["format"] == "YYYY-MM-DD"
    assert progress["publish_from"]["widget"] == "datetime" and progress["publish_from"]["required"] is False
    assert (progress["significant"]["widget"], progress["significant"]["default"]) == ("boolean", False)
    said = {f["name"]: f for f in _config()["collections"][1]["fields"][1]["fields"]}
    assert said["actions"]["multiple"] is True and [o["value"] for o in said["actions"]["options"]] == expected
    assert said["significant"]["default"] is True


def test_refs_used_in_two_priorities_are_offered_with_the_priority():
    config = _config("south-derbyshire")
    values = [o["value"] for o in config["collections"][0]["fields"][1]["options"]]
    assert "1.1" not in values and any(v.endswith("/1.1") for v in values)


def test_collections_write_one_new_file_per_record_and_never_the_large_files():
    config = _config()
    for collection in config["collections"][:3]:
        assert collection["folder"] == "plans/calderdale/updates"
        assert collection["extension"] == f"{collection['name']}.yaml" and collection["format"] == "yml"
        assert (collection["create"], collection["delete"]) == (True, False)
    assert config["collections"][3]["files"][0]["file"] == "plans/calderdale/contact.yaml"
    text = yaml.safe_dump(config)
    assert "partnership.yaml" not in text and "editions/" not in text
    assert config["backend"] == {"name": "proxy", "proxy_url": "http://127.0.0.1:8081/api/v1"}
    assert config["display_url"] == "https://plansite.example/calderdale/"


def test_a_partnership_without_a_published_plan_is_not_in_the_editor(in_tmp):
    # The editor's files are public like the site: a draft plan's actions must not be listed there.
    draft = EDITION.replace("status: published", "status: draft").replace("Run a burglary awareness campaign.", "Secret draft action")
    plans = write_plans(in_tmp, editions={"2008-2011": draft})
    write_plans(in_tmp, slug="southtown", partnership=PARTNERSHIP.replace("Northtown", "Southtown"))
    from datetime import date

    from plansite.publish.public import public_catalogue
    public = public_catalogue(load_plans(plans), date(2026, 11, 21))
    files = editor_files(public, plans_path="plans", backend=LOCAL, site_url="/", site_name="Plans")
    assert sorted(p for p in files if p.endswith("config.yml")) == ["admin/southtown/config.yml"]
    assert "Secret draft action" not in "".join(files.values())


def test_records_go_only_to_a_published_edition(in_tmp):
    # An old superseded plan stays readable, but new records are not added to it; while its
    # successor is a draft, the form offers only the contact details.
    old = EDITION.replace("status: published", "status: superseded\nsuperseded_by: 2011-2014")
    draft = EDITION.replace("status: published", "status: draft").replace("2008-2011", "2011-2014")
    plans = write_plans(in_tmp, editions={"2008-2011": old, "2011-2014": draft})
    from datetime import date

    from plansite.publish.public import public_catalogue
    public = public_catalogue(load_plans(plans), date(2026, 11, 21))
    config = partnership_config(public.get("northtown"), plans_path="plans", backend=LOCAL, site_url="/")
    assert [c["name"] for c in config["collections"]] == ["contact"]
    files = editor_files(public, plans_path="plans", backend=LOCAL, site_url="/", site_name="Plans")
    assert "no published plan yet, so only contact details can be edited" in files["admin/index.html"]


def test_editor_pages_escape_plan_text(in_tmp):
    hostile = PARTNERSHIP.replace("short_name: Northtown", 'short_name: "<script>alert(1)</script> & \\"Co\\""')
    edition = EDITION.replace("Run a burglary awareness campaign.", '"<img src=x onerror=alert(1)>: yes"')
    plans = write_plans(in_tmp, partnership=hostile, editions={"2008-2011": edition})
    files = editor_files(load_plans(plans), plans_path="plans", backend=LOCAL, site_url="/", site_name='Plans <b>"here"</b>')
    index, page = files["admin/index.html"], files["admin/northtown/index.html"]
    assert "<script>alert" not in index and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;" in index
    assert "<b>" not in page and "Edit &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;: Plans &lt;b&gt;&quot;here&quot;&lt;/b&gt;" in page
    config = yaml.safe_load(files["admin/northtown/config.yml"])
    labels = [o["label"] for o in config["collections"][0]["fields"][1]["options"]]
    assert "1.1: <img src=x onerror=alert(1)>: yes" in labels  # data for Decap, which shows it as text


@pytest.mark.parametrize("env, expected", [
    ({}, {"name": "proxy", "proxy_url": "http://127.0.0.1:8081/api/v1"}),
    ({"PLANSITE_EDITOR_BACKEND": "github", "PLANSITE_EDITOR_REPO": "example/plans",
      "PLANSITE_EDITOR_BASE_URL": "https://auth.example.org"},
     {"name": "github", "repo": "example/plans", "branch": "main", "base_url": "https://auth.example.org"}),
    ({"PLANSITE_EDITOR_BACKEND": "gitlab", "PLANSITE_EDITOR_REPO": "council/plans", "PLANSITE_EDITOR_BRANCH": "live",
      "PLANSITE_EDITOR_APP_ID": "abc123"},
     {"name": "gitlab", "repo": "council/plans", "branch": "live", "app_id": "abc123", "auth_type": "pkce"}),
])
def test_backend_settings_come_from_the_environment(env, expected):
    backend = backend_settings(env)
    backend.pop("commit_messages", None)
    assert backend == expected


@pytest.mark.parametrize("env, message", [
    ({"PLANSITE_EDITOR_BACKEND": "github"},
     "PLANSITE_EDITOR_BACKEND is github, so PLANSITE_EDITOR_REPO must name the repository, e.g. example/plans"),
    ({"PLANSITE_EDITOR_BACKEND": "bitbucket", "PLANSITE_EDITOR_REPO": "a/b"},
     "PLANSITE_EDITOR_BACKEND is 'bitbucket'; use github, gitlab or local"),
])
def test_backend_settings_say_what_is_missing(env, message):
    with pytest.raises(ValueError) as caught:
        backend_settings(env)
    assert str(caught.value) == message


def test_make_edit_always_uses_the_local_backend():
    env = {"PLANSITE_EDITOR_BACKEND": "github", "PLANSITE_EDITOR_REPO": "example/plans",
           "PLANSITE_EDITOR_PROXY_URL": "http://127.0.0.1:9999/api/v1"}
    assert backend_settings(env, local=True) == {"name": "proxy", "proxy_url": "http://127.0.0.1:9999/api/v1"}


# -- What the form saves is checked by the build like any other record ---------------------------
# These are the files Decap CMS 3.16 wrote in the browser test, field order and all.

DECAP_PROGRESS = """\
edition: 2008-2011
action: "1.1"
progress:
  significant: true
  draft: false
  text: Campaign launched in every ward.
  status: at risk
  date: 2009-11-20
"""
DECAP_SAID = """\
edition: 2008-2011
you_said_we_did:
  significant: true
  draft: false
  said: Street lights are out in Park ward.
  source: Park ward forum
  did: The council repaired them within a week.
  actions:
    - "1.10"
  date: 2009-11-21
"""
DECAP_MEETING = """\
edition: 2008-2011
meeting:
  public: true
  date: 2009-12-01
  title: Annual public meeting
  attendees:
    - Community Safety Manager, Northtown Council
  summary: The partnership reported on its **first year**.
"""


def test_records_saved_by_the_form_load_into_the_plan(in_tmp):
    plans = write_plans(in_tmp, updates={"a.progress": DECAP_PROGRESS, "b.said": DECAP_SAID, "c.meeting": DECAP_MEETING})
    (plans / "northtown" / "contact.yaml").write_text("team: Community Safety Team\nemail: safer@northtown.gov.uk\n")
    catalogue = load_plans(plans)
    plans_ = catalogue.get("northtown")
    edition = plans_.current.data
    action = edition.priorities[0].issues[0].actions[0]
    assert [u.text for u in action.updates] == ["Campaign launched in every ward."]
    assert [e.said for e in edition.you_said_we_did] == ["Street lights are out in Park ward."]
    assert [(m.title, m.date.isoformat()) for m in edition.meetings] == [("Annual public meeting", "2009-12-01")]
    assert plans_.data.contact.email == "safer@northtown.gov.uk"
    assert plans_.contact_source.path == "plans/northtown/contact.yaml"


@pytest.mark.parametrize("name, text, expected", [
    ("a.progress", DECAP_PROGRESS.replace("status: at risk", "status: finished"),
     "plans/northtown/updates/a.progress.yaml:7:11: progress.status: 'finished' is not a recognised action status. "
     "Use one of: not started, in progress, at risk, completed, ongoing, not progressed, removed. If it is your plan's own word, declare it in status_words in partnership.yaml, with the standard status it means."),
    ("a.progress", DECAP_PROGRESS.replace('action: "1.1"', 'action: "9.9"'),
     "plans/northtown/updates/a.progress.yaml:2:9: action: no action with ref '9.9' in edition '2008-2011'."),
    ("a.progress", DECAP_PROGRESS.replace("status: at risk", "status: removed"),
     "plans/northtown/updates/a.progress.yaml:4:3: progress: status 'removed' needs a status_reason saying why"),
    ("a.said", DECAP_PROGRESS,
     "plans/northtown/updates/a.said.yaml:1:1: the file name says it holds a said record, but it holds a progress record; "
     "rename it to a.progress.yaml"),
    ("c.meeting", DECAP_MEETING.replace("edition: 2008-2011\n", 'edition: 2008-2011\naction: "1.1"\n'),
     "plans/northtown/updates/c.meeting.yaml:1:1: a meeting is not about one action: leave out action"),
    ("d", DECAP_MEETING + DECAP_SAID.replace("edition: 2008-2011\n", ""),
     "plans/northtown/updates/d.yaml:1:1: an update file holds one record, but this one has you_said_we_did and meeting; put each in its own file"),
])
def test_a_record_with_a_mistake_is_refused_with_its_place(in_tmp, name, text, expected):
    plans = write_plans(in_tmp, updates={name: text})
    with pytest.raises(PlanErrors) as caught:
        load_plans(plans)
    assert [str(p) for p in caught.value.problems] == [expected]


def test_contact_details_in_both_places_are_one_clear_error(in_tmp):
    partnership = PARTNERSHIP + "contact:\n  team: Community Safety Team\n"
    plans = write_plans(in_tmp, partnership=partnership)
    (plans / "northtown" / "contact.yaml").write_text("team: Safer Northtown\n")
    with pytest.raises(PlanErrors) as caught:
        load_plans(plans)
    assert [str(p) for p in caught.value.problems] == [
        "plans/northtown/contact.yaml:1:1: contact details are given here and in plans/northtown/partnership.yaml "
        "(contact, line 7); keep them in one place: delete the contact block from plans/northtown/partnership.yaml, or this file"]


def test_contact_file_is_checked_like_the_partnership(in_tmp):
    plans = write_plans(in_tmp)
    (plans / "northtown" / "contact.yaml").write_text(textwrap.dedent("""\
        email: not an address
        alternative_formats:
          response_days: 0
        teem: x
    """))
    with pytest.raises(PlanErrors) as caught:
        load_plans(plans)
    assert [str(p) for p in caught.value.problems] == [
        "plans/northtown/contact.yaml:1:8: email: 'not an address' is not an email address",
        "plans/northtown/contact.yaml:3:18: alternative_formats.response_days: 0 is too small: it must be at least 1",
        "plans/northtown/contact.yaml:4:1: teem: 'teem' is not a field Plansite knows. Did you mean 'team'?",
    ]


def test_a_build_without_the_editor_installed_says_it_was_left_out(tmp_path, caplog):
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    from .test_serve_errors import _hooks

    hooks = _hooks()
    (tmp_path / "mkdocs.yml").write_text("")
    files = {"admin/index.html": "<p>editor</p>"}
    config = SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml"), extra={"plansite": {"editor": "auto"}})
    with caplog.at_level("INFO", logger="mkdocs.hooks.plansite"):
        hooks._write_editor(config, tmp_path / "site", files)
    assert caplog.messages == ["The form editor (/admin/) was left out: Decap CMS is not installed. "
                               "Run tools/install-editor.sh (it needs npm), or make site, which runs it."]
    assert not (tmp_path / "site").exists()
    config.extra["plansite"]["editor"] = "true"
    with pytest.raises(PluginError):
        hooks._write_editor(config, tmp_path / "site", files)


def test_a_build_with_half_set_backend_settings_stops_before_building(tmp_path):
    from .conftest import build_site

    result = build_site(tmp_path / "site", extra_env={"PLANSITE_EDITOR_BACKEND": "github", "PLANSITE_EDITOR_REPO": ""})
    assert result.returncode == 1
    assert ("ERROR   -  The form editor cannot be set up: PLANSITE_EDITOR_BACKEND is github, so PLANSITE_EDITOR_REPO "
            "must name the repository, e.g. example/plans") in result.stderr
    assert not (tmp_path / "site").exists()
