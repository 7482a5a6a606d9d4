"""The Makefile's targets, as `make -n` prints them: what each installs, and on which port it serves."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE_ONLY = "-c requirements.lock -e .\n"
WITH_TESTS = "-c requirements.lock -e '.[test]'"
VENV_PIP = ".venv/bin/python -m pip install"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Return a folder holding the Makefile and the files its venv depends on, without a venv."""
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    for name in ("Makefile", "pyproject.toml", "requirements.lock", "editor/package.json",
                 "editor/package-lock.json", "tests/a11y/package.json", "tests/a11y/package-lock.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def dry_run(folder: Path, *args: str) -> str:
    """Return the commands `make` would run in folder, without running them."""
    run = subprocess.run(["make", "-n", *args], cwd=folder, capture_output=True, text=True, check=True)
    return run.stdout


def ready(folder: Path, *markers: str) -> None:
    """Mark the venv as set up, newer than the files it depends on."""
    (folder / ".venv/bin").mkdir(parents=True, exist_ok=True)
    later = time.time() + 5
    for marker in markers:
        (folder / ".venv" / marker).touch()
        os.utime(folder / ".venv" / marker, (later, later))


@pytest.mark.parametrize("target", ["serve", "site", "check", "edit"])
def test_the_first_run_installs_only_what_the_site_needs(folder: Path, target: str) -> None:
    commands = dry_run(folder, target)
    assert SITE_ONLY in commands
    assert WITH_TESTS not in commands


@pytest.mark.parametrize("target", ["test", "bench", "bench-search", "bench-import", "install"])
def test_tests_and_benchmarks_install_the_test_toolchain(folder: Path, target: str) -> None:
    commands = dry_run(folder, target)
    assert commands.index(SITE_ONLY) < commands.index(WITH_TESTS)


def test_serve_after_test_installs_nothing_and_test_after_serve_adds_the_extras(folder: Path) -> None:
    (folder / ".venv-properdocs").mkdir()
    ready(folder, ".ready", ".ready-test", "../.venv-properdocs/.ready")  # after `make test`
    assert VENV_PIP not in dry_run(folder, "serve")
    assert VENV_PIP not in dry_run(folder, "test")
    (folder / ".venv/.ready-test").unlink()  # after a fresh `make serve`
    assert VENV_PIP not in dry_run(folder, "serve")
    commands = dry_run(folder, "test")
    assert WITH_TESTS in commands and SITE_ONLY not in commands


def test_serve_and_edit_listen_on_port_8000_or_the_one_given(folder: Path) -> None:
    ready(folder, ".ready")
    assert "mkdocs serve --dirty --dev-addr 127.0.0.1:8000\n" in dry_run(folder, "serve")
    assert "mkdocs serve --dirty --dev-addr 127.0.0.1:8080\n" in dry_run(folder, "serve", "PORT=8080")
    (folder / "editor/node_modules").mkdir(parents=True)
    ready(folder, "../editor/node_modules/.ready")
    assert "vinhdanh edit --port 8000\n" in dry_run(folder, "edit")
    assert "vinhdanh edit --port 8123\n" in dry_run(folder, "edit", "PORT=8123")
