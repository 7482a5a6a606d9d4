"""`vinhdanh edit`: start `mkdocs serve` on a loopback port, and the editor's server in front of it."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from ..project import Project
from .backend import Backend
from .server import Backends, EditorServer

DEFAULT_NODE_MODULES = Path("editor/node_modules")
"""Where `make edit` installs Decap CMS (npm ci), relative to the site's folder."""


class EditError(Exception):
    """The editor cannot start; the message says why and what to do."""


def run(project: Project, config_file: Path, port: int, node_modules: Path | None = None) -> int:
    """Serve the editor and the preview on 127.0.0.1:port until interrupted."""
    modules = (node_modules or project.root / DEFAULT_NODE_MODULES).resolve()
    bundle = modules / "decap-cms/dist/decap-cms.js"
    if not bundle.is_file():
        raise EditError(f"{bundle} is missing: run `make edit` (it installs the editor with npm ci)")
    backend = Backend(project)
    threading.Thread(target=backend.warm_up, daemon=True).start()
    try:
        front = EditorServer(port, Backends(backend, bundle.parent, free_port()))
    except OSError as err:
        raise EditError(f"127.0.0.1:{port} is busy ({err.strerror}); stop what uses it or pass --port") from None
    if not backend.repository:
        print("The site's folder is not a git repository: saves are written without commits", file=sys.stderr)
    child = preview(config_file, front.backends.preview_port, front.access.address("/"))
    # The secret is shown once, here: whoever has this address can edit the site.
    print(f"Trình biên tập: {front.access.address()}\n(Ctrl+C để dừng; địa chỉ đổi sau mỗi lần chạy)", flush=True)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        front.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        front.server_close()
        stop(child)
    return 0


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt  # `kill` ends the editor as Ctrl+C does: the helpers are stopped too


def free_port() -> int:
    """Return a port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def preview(config_file: Path, port: int, address: str) -> subprocess.Popen[bytes]:
    """Start `mkdocs serve` on 127.0.0.1:port (it shows drafts, and problems instead of stopping)."""
    # --dirty: after a save, only what it changed is rebuilt (the whole site would take a minute at 3,000 people).
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", str(config_file),
               "--dev-addr", f"127.0.0.1:{port}"]
    child = subprocess.Popen(command, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stderr=subprocess.PIPE)
    threading.Thread(target=_relay, args=(child, address), daemon=True).start()
    return child


def _relay(child: subprocess.Popen[bytes], address: str) -> None:
    """Pass on MkDocs' messages, but name the address to open rather than its own port."""
    assert child.stderr is not None
    for raw in child.stderr:
        line = raw.decode("utf-8", "replace")
        if "Serving on http" in line:
            line = f"Bản xem trước sẵn sàng: {address}\n"
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
