"""`vinhdanh edit` on a copy of the demo site, a git repository of its own, for the editor's tests."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

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


def wait_for(url: str, seconds: float, accept: tuple[int, ...] = (200,), cookie: str = "") -> None:
    """Wait until url answers with one of the accepted statuses."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(urllib.request.Request(url, headers={"Cookie": cookie}), timeout=5) as response:
                if response.status in accept:
                    return
        except (urllib.error.URLError, OSError):
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"{url} did not answer in {seconds} s")
        time.sleep(0.5)


@dataclass
class Running:
    """A running `vinhdanh edit`: where it serves, and the address with its secret that it printed."""

    base: str
    address: str

    @property
    def cookie(self) -> str:
        """Return the cookie the address gives the officer's browser."""
        port = urlsplit(self.base).port
        return f"vinhdanh-editor-{port}={parse_qs(urlsplit(self.address).query)['token'][0]}"

    def read(self, path: str) -> str:
        """Return the page at path, as the officer's browser gets it."""
        request = urllib.request.Request(self.base + path, headers={"Cookie": self.cookie})
        with urllib.request.urlopen(request, timeout=30) as response:
            return str(response.read().decode("utf-8"))

    def post(self, path: str, data: dict[str, Any]) -> tuple[int, Any]:
        """Send data as the editor's page does; return the status and the JSON answer."""
        headers = {"Cookie": self.cookie, "Content-Type": "application/json", "Origin": self.base.rstrip("/"),
                   "X-Vinhdanh-Tab": "test", "X-Vinhdanh-Officer": "Test"}
        request = urllib.request.Request(self.base + path, json.dumps(data).encode(), headers)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as err:
            return err.code, json.load(err)


@contextmanager
def editor_running(project: Path, log: Path, preview_seconds: float = 90) -> Iterator[Running]:
    """Run `vinhdanh edit` in project on a free port; yield where, once the preview is built; stop it after."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    command = [sys.executable, "-m", "vinhdanh.cli", "edit", "--port", str(port), "--node-modules", str(NODE_MODULES)]
    with log.open("wb") as output:
        process = subprocess.Popen(command, cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
        try:
            running = Running(f"http://127.0.0.1:{port}/", _printed_address(log, 30))
            wait_for(running.base + "admin/", 30, cookie=running.cookie)
            wait_for(running.base, preview_seconds, cookie=running.cookie)  # the first build of the preview
            yield running
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _printed_address(log: Path, seconds: float) -> str:
    """Return the address with its secret that `vinhdanh edit` prints first."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = re.search(r"Trình biên tập: (http://\S+\?token=\S+)", log.read_text(encoding="utf-8", errors="replace"))
        if found:
            return found[1]
        time.sleep(0.2)
    raise TimeoutError(f"vinhdanh edit printed no address in {seconds} s: {log.read_text(errors='replace')}")
