"""Fuzz: mutated records and stories end in a clear `path:line:` error or a valid build, never worse.

A few hundred seeded, deterministic mutations (truncation, byte flips, shuffled indentation,
wrong types, lines moved) go through `vinhdanh check` in-process; a sample of them through
the real, atomic `vinhdanh build`. Each must finish within a time limit, without a
traceback, and leave `site/` either as it was or wholly rebuilt.
"""

from __future__ import annotations

import functools
import hashlib
import io
import random
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from vinhdanh import cli

from .conftest import COLLECTIVE, PERSON, UNITS, write
from .sitebuild import copy_project, drop_setting

VINHDANH = Path(sys.executable).parent / "vinhdanh"
RANDOM_CASES = 200
BUILDS = 6
SECONDS_PER_CHECK = 10
STORY = """\
---
title: Hội nghị tổng kết công tác thi đua năm 2020
date: 2021-01-14 14:30:00+07:00
authors: [minh-nhat]
categories: [Hội nghị]
description: Vụ Thi đua – Khen thưởng tổng kết công tác năm 2020.
cover:
  image: ../images/hoi-nghi.jpg
  alt: Toàn cảnh hội nghị
  credit: Thiên Thanh
exemplars: [nguyen-thi-thu-ha, phong-tdkt]
movement: thi-dua-2020
---

Sáng 14/01/2021, Vụ Thi đua – Khen thưởng tổ chức **hội nghị** tổng kết.

<!-- more -->

![Đồng chí Vụ trưởng phát biểu](../images/hoi-nghi.jpg "Ảnh: Thiên Thanh")

Hội nghị đã [biểu dương](../../index.md) các tập thể, cá nhân.
"""
AUTHORS = """\
authors:
  minh-nhat:
    name: Minh Nhật
    description: Phóng viên
    avatar: news/authors/minh-nhat.png
  thien-thanh:
    name: Thiên Thanh
    description: Phóng viên ảnh
    avatar: news/authors/thien-thanh.png
"""
"""The blog's own authors file, which a site may keep instead of the settings' `authors`."""
DOCUMENT = """\
kind: quyet-dinh
number: 123/QĐ-VKSTC
date: 2021-01-14
by: Viện trưởng VKSND tối cao
summary: Về việc tặng danh hiệu Chiến sĩ thi đua ngành năm 2020
file: documents/123-qd-vkstc-2021.pdf
published: true
"""
TARGETS = {"exemplars/people/nguyen-thi-thu-ha.yml": PERSON, "exemplars/collectives/phong-tdkt.yml": COLLECTIVE,
           "exemplars/units.yml": UNITS, "content/news/posts/2021-01-14-hoi-nghi.md": STORY,
           "content/news/.authors.yml": AUTHORS, "exemplars/documents/123-qd-vkstc-2021.yml": DOCUMENT}
WRONG = ["[a, b]", "{x: 1}", "12", "-7", "3.5", "true", "null", "~", "''", "2021-02-30", "*alias", "&anchor x",
         "!!python/object:os.system [ls]", "!!int abc", "!!binary zz", '"unterminated', "[unclosed", "9" * 5000,
         "|\n  khối\n  văn bản", "- a\n- b", "x" * 3000, "../../../etc/passwd", "<script>alert(1)</script>",
         "2030-01-01 08:00:00", "đ" * 200, "\\x00", "0x1F", ".inf", "? x"]
YAML_AGAIN = ['"[unclosed"', "'*alias'", '"&a [*a, *a]"', "'{a: 1'", '"' + "[" * 3000 + '"', "'!!python/object:x {}'"]
"""Text that is YAML again, for code that would parse a value a second time."""
SPECIAL = b"\x00\xff\xc3\xa1:[]{}\"'-&*!\t\n#|>%@`,? "


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data))]


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        out[rng.randrange(len(out))] = rng.choice(SPECIAL) if rng.random() < 0.7 else rng.randrange(256)
    return bytes(out)


def shuffle_indentation(rng: random.Random, data: bytes) -> bytes:
    lines = data.split(b"\n")
    for _ in range(rng.randint(1, 3)):
        index = rng.randrange(len(lines))
        lines[index] = rng.choice([b"", b" ", b"  ", b"   ", b"    ", b"\t", b"      "]) + lines[index].lstrip()
    return b"\n".join(lines)


def keyed_lines(data: bytes) -> list[int]:
    """Return the indexes of the lines that hold a key."""
    return [i for i, line in enumerate(data.split(b"\n")) if re.match(rb"\s*(- )?[a-z_]+:", line)]


def with_value(data: bytes, index: int, value: str) -> bytes:
    """Return data with the value of the key on line index replaced."""
    lines = data.split(b"\n")
    lines[index] = lines[index].split(b":", 1)[0] + b": " + value.encode("utf-8")
    return b"\n".join(lines)


def wrong_type(rng: random.Random, data: bytes) -> bytes:
    keyed = keyed_lines(data)
    return with_value(data, rng.choice(keyed), rng.choice(WRONG + YAML_AGAIN)) if keyed else data


def move_lines(rng: random.Random, data: bytes) -> bytes:
    lines = data.split(b"\n")
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    action = rng.choice(["swap", "duplicate", "delete"])
    if action == "swap":
        lines[i], lines[j] = lines[j], lines[i]
    elif action == "duplicate":
        lines.insert(j, lines[i])
    else:
        del lines[i]
    return b"\n".join(lines)


def markup_run(rng: random.Random, data: bytes) -> bytes:
    """Insert a run of markup that Python-Markdown and html.parser take quadratic time over."""
    unit = rng.choice([b"[", b"![x](", b"<a ", b"<a b='>' ", b"<!--", b"<![CDATA[ > ", b"[a][", b"<http:"])
    at = rng.randrange(len(data))
    return data[:at] + unit * rng.choice([50, 2000, 20000]) + data[at:]


MUTATIONS: list[Callable[[random.Random, bytes], bytes]] = [
    truncate, flip_bytes, shuffle_indentation, wrong_type, move_lines, markup_run]


@dataclass(frozen=True)
class Case:
    number: int
    target: str
    mutated: bytes
    how: str


def cases(seed: int = 15) -> Iterator[Case]:
    """Yield the same cases on every run: RANDOM_CASES random mutations, then every key given wrong values."""
    rng = random.Random(seed)
    for number in range(RANDOM_CASES):
        target = list(TARGETS)[number % len(TARGETS)]
        data = TARGETS[target].encode("utf-8")
        chosen = rng.sample(MUTATIONS, rng.choice([1, 1, 2, 3]))
        for mutation in chosen:
            data = mutation(rng, data) if data else data
        yield Case(number, target, data, "+".join(m.__name__ for m in chosen))
    number = RANDOM_CASES
    for target, text in TARGETS.items():
        data = text.encode("utf-8")
        for index in keyed_lines(data):
            for value in [*rng.sample(WRONG, 2), rng.choice(YAML_AGAIN)]:
                yield Case(number, target, with_value(data, index, value), f"line {index + 1}: {value[:20]}")
                number += 1


class TooSlow(BaseException):
    """Raised by the alarm: a check that takes too long (a BaseException, so nothing catches it)."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def alarm(signum: int, frame: object) -> None:
        raise TooSlow(f"more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


PROBLEM = re.compile(r"(warning: )?[^\s:][^:]*?(:\d+)?: \S.*")
SUMMARY = re.compile(r"\d+ error\(s\), \d+ warning\(s\); fix them and run again\.")


def check_output_is_clear(case: Case, status: int, out: str, err: str) -> None:
    """Assert that a check's output is a summary line, or problems each on one short `path:line:` line."""
    where = f"case {case.number} ({case.how} on {case.target}): {case.mutated[:300]!r}"
    assert status in (0, 1), where
    if status == 0:
        assert out.startswith("OK: "), where
    lines = err.splitlines()
    problems = lines[:-1] if status == 1 else lines
    if status == 1:
        assert SUMMARY.fullmatch(lines[-1]) and problems, where
    for line in problems:
        assert PROBLEM.fullmatch(line) and len(line) < 600, f"{where}\n{line}"


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small site: the catalogue of conftest, one story with its photo, a document with its PDF, published once."""
    from .conftest import MOVEMENTS, TITLES

    root = tmp_path_factory.mktemp("fuzz")
    records = write(root / "records", {"units.yml": UNITS, "titles.yml": TITLES, "movements.yml": MOVEMENTS,
                                       "people/nguyen-thi-thu-ha.yml": PERSON,
                                       "collectives/phong-tdkt.yml": COLLECTIVE})
    project = root / "site-repo"
    project.mkdir()
    drop_setting(copy_project(project, records), "authors")
    write(project, {"content/news/posts/2021-01-14-hoi-nghi.md": STORY, "content/news/.authors.yml": AUTHORS,
                    "exemplars/documents/123-qd-vkstc-2021.yml": DOCUMENT})
    (project / "exemplars/documents/123-qd-vkstc-2021.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    Image.new("RGB", (64, 48), "red").save(project / "content/news/images/hoi-nghi.jpg")
    config = project / "mkdocs.yml"  # the index is not what is tested here; it would double each build's time
    config.write_text(config.read_text(encoding="utf-8").replace("      news: news\n",
                                                                 "      news: news\n      search: false\n"),
                      encoding="utf-8")
    run = subprocess.run([VINHDANH, "build"], cwd=project, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    return project


def run_check(project: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err), time_limit(SECONDS_PER_CHECK):
        status = cli.main(["-f", str(project / "mkdocs.yml"), "check"])
    return status, out.getvalue(), err.getvalue()


def snapshot(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_mutated_records_and_stories_end_in_a_clear_error_or_a_valid_build(
        fuzz_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(fuzz_project)
    # mkdocs.yml is not mutated: read it once.
    monkeypatch.setattr(cli, "load_project", functools.lru_cache(cli.load_project))
    assert run_check(fuzz_project)[0] == 0
    outcomes: list[tuple[Case, int]] = []
    start = time.perf_counter()
    for case in cases():
        path = fuzz_project / case.target
        path.write_bytes(case.mutated)
        try:
            status, out, err = run_check(fuzz_project)
        finally:
            path.write_text(TARGETS[case.target], encoding="utf-8")
        check_output_is_clear(case, status, out, err)
        outcomes.append((case, status))
    checking = time.perf_counter() - start
    refused = sum(status for _, status in outcomes)
    assert len(outcomes) > 300 and 0.3 * len(outcomes) < refused < 0.97 * len(outcomes), refused  # both outcomes
    start = time.perf_counter()
    for case, status in sample(outcomes):
        build_once(fuzz_project, case, must_fail=status == 1)
    print(f"{len(outcomes)} checks in {checking:.1f} s ({refused} refused), {BUILDS} builds in "
          f"{time.perf_counter() - start:.1f} s")


def sample(outcomes: list[tuple[Case, int]]) -> list[tuple[Case, int]]:
    """Return BUILDS cases: half refused by the check, half accepted, each half from different files."""
    chosen: list[tuple[Case, int]] = []
    for wanted in (1, 0):
        targets: set[str] = set()
        for case, status in outcomes:
            if status == wanted and case.target not in targets and len(targets) < BUILDS // 2:
                targets.add(case.target)
                chosen.append((case, status))
    return chosen


def build_once(project: Path, case: Case, must_fail: bool) -> None:
    """Build with case applied: a refused case leaves site/ as it was, an accepted one replaces it whole."""
    where = f"case {case.number} ({case.how} on {case.target}): {case.mutated[:300]!r}"
    before = snapshot(project / "site")
    path = project / case.target
    path.write_bytes(case.mutated)
    try:
        run = subprocess.run([VINHDANH, "build"], cwd=project, capture_output=True, text=True, check=False,
                             timeout=120)
    finally:
        path.write_text(TARGETS[case.target], encoding="utf-8")
    assert "Traceback" not in run.stderr, f"{where}\n{run.stderr}"
    assert not list(project.glob(".site.building-*")), where
    if run.returncode == 0:
        assert not must_fail, f"{where}: `vinhdanh check` refused it, the build published it"
        assert (project / "site/index.html").exists() and (project / "site/sitemap.xml").exists(), where
    else:
        assert snapshot(project / "site") == before, where
        assert run.stderr.rstrip().endswith("The build failed: site/ was left as it was."), where
        assert re.search(r"^(ERROR|WARNING) +- .*\S+(:\d+)?: ", run.stderr, re.MULTILINE), f"{where}\n{run.stderr}"
