"""`plansite edit` (make edit): the form editor and the live preview together, on this computer.

Two servers, started together and stopped together (Ctrl-C stops both):
- decap-server, Decap CMS's local backend, which saves what the form sends as files under
  plans/ (it listens on 127.0.0.1 only);
- `mkdocs serve`, the live preview, which serves the editor at /admin/ and rebuilds the public
  pages whenever a file under plans/ changes.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from ..editor.config import editor_paths

SERVER = Path(".cache/editor/server/node_modules/.bin/decap-server")


class EditUnavailable(Exception):
    pass


def commands(root: Path, address: str, editor_port: int, environ: dict[str, str] | None = None
             ) -> list[tuple[list[str], dict[str, str], Path]]:
    """(command, environment, working folder) of decap-server and of the preview."""
    env = dict(os.environ if environ is None else environ)
    server = root / SERVER
    if not server.is_file():
        raise EditUnavailable(f"the form editor is not installed ({SERVER} is missing). "
                              "Run bash tools/install-editor.sh (it needs npm), or make edit, which runs it.")
    if not (root / "mkdocs.yml").is_file():
        raise EditUnavailable(f"there is no mkdocs.yml in {root}; run this in the project folder")
    plans = root / env.get("PLANSITE_PLANS", "plans")
    _, backend_root = editor_paths(plans, root)
    proxy_url = f"http://127.0.0.1:{editor_port}/api/v1"
    decap_env = {**env, "PORT": str(editor_port), "BIND_HOST": "127.0.0.1", "MODE": "fs",
                 "GIT_REPO_DIRECTORY": str(backend_root), "LOG_LEVEL": env.get("LOG_LEVEL", "info")}
    preview_env = {**env, "PLANSITE_EDITOR_PROXY_URL": proxy_url, "NO_MKDOCS_2_WARNING": "1"}
    return [
        ([str(server)], decap_env, backend_root),
        ([sys.executable, "-m", "mkdocs", "serve", "-a", address], preview_env, root),
    ]


def run(root: Path, address: str, editor_port: int) -> int:
    try:
        planned = commands(root, address, editor_port)
    except EditUnavailable as error:
        print(f"plansite edit: {error}", file=sys.stderr)
        return 1
    # Stop both servers whichever way this process is asked to stop (a shell may have started it
    # with Ctrl-C ignored, as it does for background jobs).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    running: list[subprocess.Popen] = []
    print(f"Edit the plans at http://{address}/admin/ and see each change at http://{address}/ "
          "(it appears once the preview has rebuilt). Press Ctrl-C to stop.", flush=True)
    try:
        for command, env, cwd in planned:
            running.append(subprocess.Popen(command, env=env, cwd=cwd))
        while all(process.poll() is None for process in running):
            time.sleep(0.3)
        stopped = next(p for p in running if p.poll() is not None)
        print(f"plansite edit: {Path(stopped.args[0]).name if stopped is running[0] else 'the preview'} stopped "
              f"(exit status {stopped.returncode}), so the other server is stopped too.", file=sys.stderr)
        code = stopped.returncode or 1
    except KeyboardInterrupt:
        code = 0
    finally:
        for process in running:
            if process.poll() is None:
                process.terminate()
        for process in running:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    return code
