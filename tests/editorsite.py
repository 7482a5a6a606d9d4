"""`vinhdanh edit` on a copy of the demo site, a git repository of its own, for the editor's tests."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .sitebuild import ROOT, copy_project

NODE_MODULES = ROOT / "editor" / "node_modules"


def require_editor() -> None:
    """Skip the calling test, with one line, where Node.js or the installed editor is missing."""
    if not shutil.which("node") or not (NODE_MODULES / "decap-cms/dist/decap-cms.js").is_file():
        pytest.skip("editor tests need Node.js and the editor installed by `make test` (npm ci in editor/); "
                    "install nodejs and npm")


def git(project: Path, *args: str) -> str:
    """Run git in project; return what it printed."""
    identity = ["-c", "user.name=Test", "-c", "user.email=test@localhost"]
    return subprocess.run(["git", "-C", str(project), *identity, *args], check=True, capture_output=True,
                          text=True).stdout


def demo_repository(target: Path) -> Path:
    """Copy the demo site to target as a git repository with one commit, as an organisation keeps it."""
    target.mkdir(parents=True)
    copy_project(target)
    shutil.copy(ROOT / ".gitignore", target / ".gitignore")
    git(target, "init", "-q", "-b", "main")
    git(target, "add", "-A")
    git(target, "commit", "-q", "-m", "Trang điển hình tiên tiến")
    return target


def free_port() -> int:
    """Return a free port of 127.0.0.1."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(url: str, seconds: float, accept: tuple[int, ...] = (200,)) -> None:
    """Wait until url answers with one of the accepted statuses."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status in accept:
                    return
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url} did not answer in {seconds} s")
        time.sleep(0.5)


@contextmanager
def editor_running(project: Path, log: Path) -> Iterator[str]:
    """Run `vinhdanh edit` in project on a free port; yield its address; stop it (and its helpers) after."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    command = [sys.executable, "-m", "vinhdanh.cli", "edit", "--port", str(port), "--node-modules", str(NODE_MODULES)]
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}/"
        try:
            wait_for(base + "admin/", 30)
            wait_for(base, 90)  # the first build of the preview
            yield base
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
