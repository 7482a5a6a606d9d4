"""`vinhdanh edit`: start decap-server and `mkdocs serve` on loopback ports, and the editor's server in front."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from ..project import Project
from .server import Backends, EditorServer

DEFAULT_NODE_MODULES = Path("editor/node_modules")
"""Where `make edit` installs Decap CMS and decap-server (npm ci), relative to the site's folder."""


class EditError(Exception):
    """The editor cannot start; the message says why and what to do."""


def run(project: Project, config_file: Path, port: int, node_modules: Path | None = None) -> int:
    """Serve the editor and the preview on 127.0.0.1:port until interrupted."""
    modules = (node_modules or project.root / DEFAULT_NODE_MODULES).resolve()
    node = shutil.which("node")
    if not node:
        raise EditError("Node.js is needed for the editor: install it (apt-get install nodejs npm) and run make edit")
    for needed in (modules / "decap-cms/dist/decap-cms.js", modules / "decap-server/dist/index.js"):
        if not needed.is_file():
            raise EditError(f"{needed} is missing: run `make edit` (it installs the editor with npm ci)")
    try:
        front = EditorServer(port, Backends(project, modules / "decap-cms/dist", free_port(), free_port(),
                                            git_branch(project.root) or "main"))
    except OSError as err:
        raise EditError(f"127.0.0.1:{port} is busy ({err.strerror}); stop what uses it or pass --port") from None
    backends = front.backends
    children = [decap_server(node, modules, project.root, backends.decap_port),
                preview(config_file, backends.preview_port, front.base_url)]
    print(f"Trình biên tập: {front.base_url}admin/   Bản xem trước: {front.base_url}   (Ctrl+C để dừng)",
          flush=True)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        front.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        front.server_close()
        for child in children:
            stop(child)
    return 0


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt  # `kill` ends the editor as Ctrl+C does: the helpers are stopped too


def free_port() -> int:
    """Return a port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def git_branch(root: Path) -> str | None:
    """Return the checked-out branch of the site's repository, or None where it is not one."""
    result = subprocess.run(["git", "-C", str(root), "symbolic-ref", "--short", "-q", "HEAD"],
                            capture_output=True, text=True, check=False)
    return result.stdout.strip() or None


def decap_server(node: str, modules: Path, root: Path, port: int) -> subprocess.Popen[bytes]:
    """Start decap-server on 127.0.0.1:port; in git mode (each save a commit) inside a repository."""
    branch = git_branch(root)
    env = {**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "git" if branch else "fs",
           "GIT_REPO_DIRECTORY": str(root), "LOG_LEVEL": "warn"}
    if branch and not _git_config(root, "user.email"):  # commits need an author; say who made them
        env |= {"GIT_AUTHOR_NAME": "Trình biên tập", "GIT_AUTHOR_EMAIL": "bien-tap@localhost",
                "GIT_COMMITTER_NAME": "Trình biên tập", "GIT_COMMITTER_EMAIL": "bien-tap@localhost"}
    if not branch:
        print("The site's folder is not a git repository: saves are written without commits (decap-server fs mode)",
              file=sys.stderr)
    # Its working folder holds no .env file, which decap-server would read.
    return subprocess.Popen([node, str(modules / "decap-server/dist/index.js")], cwd=modules, env=env)


def _git_config(root: Path, key: str) -> str:
    result = subprocess.run(["git", "-C", str(root), "config", key], capture_output=True, text=True, check=False)
    return result.stdout.strip()


def preview(config_file: Path, port: int, address: str) -> subprocess.Popen[bytes]:
    """Start `mkdocs serve` on 127.0.0.1:port (it shows drafts, and problems instead of stopping)."""
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config_file), "--dev-addr", f"127.0.0.1:{port}"]
    child = subprocess.Popen(command, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stderr=subprocess.PIPE)
    threading.Thread(target=_relay, args=(child, address), daemon=True).start()
    return child


def _relay(child: subprocess.Popen[bytes], address: str) -> None:
    """Pass on MkDocs' messages, but name the address to open rather than its own port."""
    assert child.stderr is not None
    for raw in child.stderr:
        line = raw.decode("utf-8", "replace")
        if "Serving on http" in line:
            line = f"Bản xem trước sẵn sàng: {address}   Trình biên tập: {address}admin/\n"
        sys.stderr.write(line)
        sys.stderr.flush()


def stop(child: subprocess.Popen[bytes]) -> None:
    """End a helper this command started, waiting a little for it to finish its work."""
    if child.poll() is None:
        child.terminate()
        deadline = time.monotonic() + 10
        while child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        if child.poll() is None:
            child.kill()
