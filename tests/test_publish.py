"""A failed, crashed or interrupted build never touches the published site."""

from __future__ import annotations

import fcntl
import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from vinhdanh.mkdocs_plugin.pagefind import SearchIndexer, index_problem
from vinhdanh.publish import swap as publish

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


def test_the_new_site_is_readable_before_it_is_swapped_in(published: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Even a crash right after the swap leaves a site the web server (another user) can read."""
    seen: dict[str, str] = {}
    real_exchange = publish.exchange

    def exchange(fresh: Path, site: Path) -> None:
        seen.update({str(p.relative_to(fresh)): oct(p.stat().st_mode & 0o777) for p in [fresh, *fresh.rglob("*")]})
        real_exchange(fresh, site)

    monkeypatch.setattr(publish, "exchange", exchange)
    monkeypatch.chdir(published)
    old_umask = os.umask(0o077)  # a careful builder's umask: everything it writes is private
    try:
        assert publish.build_site(Path("mkdocs.yml"), Path("site")) == 0
    finally:
        os.umask(old_umask)
    assert seen["."] == "0o755" and seen["ca-nhan"] == "0o755" and seen["index.html"] == "0o644"
    assert {mode for mode in seen.values()} == {"0o755", "0o644"}
    assert {oct(p.stat().st_mode & 0o777) for p in [published / "site", *(published / "site").rglob("*")]} == {
        "0o755", "0o644"}


def test_a_second_build_waits_for_the_first_and_says_so(published: Path) -> None:
    lock = (published / ".site.lock").open("a+")
    fcntl.flock(lock, fcntl.LOCK_EX)  # as a build under way holds it
    second = subprocess.Popen([VINHDANH, "build"], cwd=published, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    try:
        assert second.stderr is not None
        assert second.stderr.readline() == "Another build of site/ is under way: waiting for it to finish…\n"
        time.sleep(1)
        assert second.poll() is None and not list(published.glob(".site.building-*"))
    finally:
        lock.close()  # the first build ends
    out, err = second.communicate(timeout=120)
    assert second.returncode == 0, err
    assert out.strip() == f"Published {published / 'site'}"


def test_two_builds_at_once_publish_one_whole_site(published: Path) -> None:
    # Pagefind names its filter files differently each time (docs/admin-guide.md, "Reproducible").
    names = lambda: {n for n in snapshot(published / "site") if not n.endswith((".pf_filter", ".pf_meta"))}  # noqa: E731
    before, count = names(), len(snapshot(published / "site"))
    builds = [subprocess.Popen([VINHDANH, "build"], cwd=published, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True) for _ in range(2)]
    results = [build.communicate(timeout=180) for build in builds]
    assert [build.returncode for build in builds] == [0, 0], results
    assert sum("waiting for it to finish" in err for _, err in results) == 1
    assert names() == before and len(snapshot(published / "site")) == count
    assert not list(published.glob(".site.building-*"))


FILL_THE_DISK = '''\
"""Fill the disk holding the site just before Pagefind writes its index, leaving 64 KB."""
import os

from mkdocs.plugins import event_priority


@event_priority(100)  # before vinhdanh's, which writes the feed (4 KB), then the index (640 KB)
def on_post_build(config):
    fd = os.open(os.path.join(os.path.dirname(config.site_dir), "filler"), os.O_WRONLY | os.O_CREAT)
    written = 0
    try:
        while True:
            written += os.write(fd, bytes(1 << 16))
    except OSError:
        os.ftruncate(fd, max(written - (1 << 16), 0))
    finally:
        os.close(fd)
'''


@contextmanager
def small_disk(folder: Path, size: str) -> Iterator[Path]:
    """Mount a tmpfs of size on folder (root only), as a small disk that can be filled up."""
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                             capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"a full disk is tested on a small tmpfs, which needs root: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk_while_pagefind_writes_fails_the_build(published: Path, tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", "12m") as disk:
        run = subprocess.run([VINHDANH, "build", "--site-dir", str(disk / "site")], cwd=published,
                             capture_output=True, text=True, check=False)
        assert run.returncode == 0, run.stderr
        before = snapshot(disk / "site")
        (published / "fill_the_disk.py").write_text(FILL_THE_DISK, encoding="utf-8")
        with (published / "mkdocs.yml").open("a", encoding="utf-8") as config:
            config.write("\nhooks:\n  - fill_the_disk.py\n")
        run = subprocess.run([VINHDANH, "build", "--site-dir", str(disk / "site")], cwd=published,
                             capture_output=True, text=True, check=False)
        assert run.returncode == 1, run.stderr
        assert "the search index was not written whole: " in run.stderr and "Traceback" not in run.stderr
        assert run.stderr.rstrip().endswith("The build failed: site/ was left as it was.")
        assert snapshot(disk / "site") == before
        assert not list(disk.glob(".site.building-*"))


def test_an_index_cut_short_or_missing_is_found(tmp_path: Path) -> None:
    indexer = SearchIndexer(tmp_path / "pagefind")
    for number in range(3):
        indexer.add(f"/trang-{number}/", f"Trang {number}", f"<p>Nội dung thứ {number}</p>")
    indexer.finish()
    assert index_problem(tmp_path / "pagefind") is None
    fragment = sorted((tmp_path / "pagefind/fragment").iterdir())[0]
    fragment.write_bytes(b"")
    assert index_problem(tmp_path / "pagefind") == f"fragment/{fragment.name} is empty"
    (tmp_path / "pagefind/pagefind-entry.json").write_text('{"version": "1.5.2", "lang', encoding="utf-8")
    assert index_problem(tmp_path / "pagefind") == "its entry file (pagefind-entry.json) is missing or cut short"
