"""A failed, crashed or interrupted build never touches the published site."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import write
from .sitebuild import copy_project

VINHDANH = Path(sys.executable).parent / "vinhdanh"


def snapshot(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture
def published(records: Path, tmp_path: Path) -> Path:
    project = tmp_path / "p"
    project.mkdir()
    copy_project(project, records)
    run = subprocess.run([VINHDANH, "build"], cwd=project, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == f"Published {project / 'site'}"
    return project


def break_a_record(project: Path) -> None:
    person = project / "exemplars/people/nguyen-thi-thu-ha.yml"
    person.write_text(person.read_text(encoding="utf-8").replace("year: 2020", "year: 20x0"), encoding="utf-8")


def test_bad_record_leaves_the_site_untouched(published: Path) -> None:
    before = snapshot(published / "site")
    break_a_record(published)
    run = subprocess.run([VINHDANH, "build"], cwd=published, capture_output=True, text=True, check=False)
    assert run.returncode == 1
    assert "honours[0].year: expected a year like 2020" in run.stderr
    assert run.stderr.rstrip().endswith("The build failed: site/ was left as it was.")
    assert snapshot(published / "site") == before
    assert not list(published.glob(".site.building-*"))


def test_crash_in_a_template_leaves_the_site_untouched(published: Path) -> None:
    before = snapshot(published / "site")
    write(published, {"overrides/vinhdanh/home.md": "{{ no_such_variable.attribute }}\n"})
    run = subprocess.run([VINHDANH, "build"], cwd=published, capture_output=True, text=True, check=False)
    assert run.returncode != 0 and "left as it was" in run.stderr
    assert snapshot(published / "site") == before


def test_interrupted_build_leaves_the_site_untouched(published: Path) -> None:
    before = snapshot(published / "site")
    (published / "content/index.md").unlink(missing_ok=True)
    build = subprocess.Popen([VINHDANH, "build"], cwd=published, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 30
    while not list(published.glob(".site.building-*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(build.pid, signal.SIGKILL)  # as a power cut or `kill -9` would
    build.wait()
    assert snapshot(published / "site") == before
    run = subprocess.run([VINHDANH, "build"], cwd=published, capture_output=True, text=True, check=False)
    assert run.returncode == 0 and not list(published.glob(".site.building-*"))  # the leftover is cleared


def test_a_good_build_replaces_the_site(published: Path) -> None:
    person = published / "exemplars/people/nguyen-thi-thu-ha.yml"
    person.write_text(person.read_text(encoding="utf-8").replace("Nguyễn Thị Thu Hà", "Nguyễn Thị Thu Hằng"),
                      encoding="utf-8")
    run = subprocess.run([VINHDANH, "build"], cwd=published, capture_output=True, text=True, check=False)
    assert run.returncode == 0
    assert "Nguyễn Thị Thu Hằng" in (published / "site/ca-nhan/nguyen-thi-thu-ha/index.html").read_text("utf-8")
    assert oct((published / "site").stat().st_mode & 0o777) == "0o755"
