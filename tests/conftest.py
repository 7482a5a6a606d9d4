"""Shared fixtures: a small valid catalogue written into tmp_path."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

UNITS = """\
- id: vks-toi-cao
  name: Viện kiểm sát nhân dân tối cao
  short: VKSND tối cao
- id: vks-bac-giang
  name: Viện kiểm sát nhân dân tỉnh Bắc Giang
  parent: vks-toi-cao
  valid_to: 2025-06-30
  successor: vks-bac-ninh
- id: vks-bac-ninh
  name: Viện kiểm sát nhân dân tỉnh Bắc Ninh
  parent: vks-toi-cao
"""
TITLES = """\
- id: cstd-nganh
  name: Chiến sĩ thi đua ngành Kiểm sát nhân dân
  kind: title
  for: individual
  level: nganh
  rank: 120
  aliases: [CSTĐ ngành]
- id: tap-the-ldxs
  name: Tập thể lao động xuất sắc
  kind: title
  for: collective
  level: co-so
  rank: 55
- id: bk-vien-truong
  name: Bằng khen của Viện trưởng VKSND tối cao
  kind: award
  for: both
  level: nganh
  rank: 100
"""
MOVEMENTS = """\
- id: thi-dua-2020
  name: Phong trào thi đua năm 2020
  kind: annual
  start: 2020-01-17
  end: 2020-12-31
"""
PERSON = """\
name: Nguyễn Thị Thu Hà
position: Kiểm sát viên trung cấp
unit: vks-bac-ninh
summary: Hoàn thành xuất sắc nhiệm vụ.
honours:
  - title: cstd-nganh
    year: 2020
    decision: 123/QĐ-VKSTC
    date: 2021-01-14
    unit: vks-bac-giang
    movement: thi-dua-2020
private:
  phone: "0912 345 678"
"""
COLLECTIVE = """\
name: Phòng Thi đua – Khen thưởng
unit: vks-bac-ninh
members: [nguyen-thi-thu-ha]
honours:
  - title: tap-the-ldxs
    year: 2020
"""


def write(root: Path, files: dict[str, str]) -> Path:
    """Write files (relative path → dedented text) under root; return root."""
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the repository's demo site once per test run; return its site folder."""
    from .sitebuild import build_site, copy_project

    return build_site(copy_project(tmp_path_factory.mktemp("demo")))


@pytest.fixture(scope="session")
def second_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build a second, synthetic catalogue once per test run (the accessibility checks use it)."""
    from .sitebuild import build_second_catalogue

    return build_second_catalogue(tmp_path_factory.mktemp("second"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Yield one headless Chromium for the whole run (skipped where Chromium is missing)."""
    from .browser import chromium

    with chromium() as browser:
        yield browser


@pytest.fixture(scope="session")
def site_url(demo_site: Path) -> Iterator[str]:
    """Serve the demo site on 127.0.0.1 for the whole run; yield its address."""
    from .browser import served

    with served(demo_site) as url:
        yield url


@pytest.fixture
def records(tmp_path: Path) -> Path:
    """Return an exemplars/ folder holding a small valid catalogue."""
    return write(tmp_path / "exemplars", {
        "units.yml": UNITS, "titles.yml": TITLES, "movements.yml": MOVEMENTS,
        "people/nguyen-thi-thu-ha.yml": PERSON, "collectives/phong-tdkt.yml": COLLECTIVE,
    })
