"""The overview pages in real builds: the demo (today's date decides its notices) and an empty catalogue."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from vinhdanh.text import VIETNAM

from .sitebuild import broken_links, build_site, copy_project

PAGES = ["thong-ke/index.html", "bang-vang/index.html", "sang-kien/index.html", "lay-y-kien/index.html"]


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def test_demo_has_every_overview_page_under_300_kb(demo_site: Path) -> None:
    for page in PAGES + ["bang-vang/2025/index.html", "lay-y-kien/bk-thu-tuong-2025/index.html"]:
        assert (demo_site / page).stat().st_size < 300_000, page


def test_demo_notices_follow_the_build_day(demo_site: Path) -> None:
    today = dt.datetime.now(VIETNAM).date()
    home, index = read(demo_site, "index.html"), read(demo_site, "lay-y-kien/index.html")
    closed = index[index.index('id="da-het-han-lay-y-kien"'):]
    assert "bk-thu-tuong-2025/" in closed and "bk-thu-tuong-2025" not in home
    open_now = dt.date(2026, 11, 20) <= today <= dt.date(2026, 12, 4)
    assert ("hc-lao-dong-hang-ba-2026/" in home) == open_now
    assert ("hc-lao-dong-hang-ba-2026/" in closed) == (today > dt.date(2026, 12, 4))
    profile = read(demo_site, "ca-nhan/do-van-hoa/index.html")
    assert "Huân chương Lao động hạng Ba" not in profile  # nominated, not honoured


def test_initiative_pages_are_indexed_and_lists_are_not(demo_site: Path) -> None:
    page = next((demo_site / "sang-kien").glob("*-20*/index.html")).read_text(encoding="utf-8")
    assert 'data-pagefind-filter="cap_sang_kien:' in page and 'data-pagefind-filter="loai:Sáng kiến"' in page
    for index in PAGES:  # lists would match every query: only their entries are indexed
        assert "vd-search-data" not in read(demo_site, index), index


def test_nav_groups_the_browse_pages_under_one_tab(demo_site: Path) -> None:
    tabs = read(demo_site, "thong-ke/index.html")
    tabs = tabs[tabs.index('<nav class="md-tabs"'):]
    labels = re.findall(r'class="md-tabs__link[^"]*">\s*([^<]+?)\s*</a>', tabs[:tabs.index("</nav>")])
    assert labels == ["Trang chủ", "Cá nhân", "Tập thể", "Khen thưởng", "Sáng kiến", "Thống kê", "Tin bài", "Tìm kiếm",
                      "Giới thiệu"]


def test_empty_catalogue_has_every_overview_page(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "p").mkdir()
    site = build_site(copy_project(tmp_path / "p", tmp_path / "empty"))
    assert "Chưa có khen thưởng nào được công bố, nên chưa có số liệu." in read(site, "thong-ke/index.html")
    assert "<svg" not in read(site, "thong-ke/index.html").split("md-content")[1].split("md-footer")[0]
    assert "Chưa có sáng kiến nào được công bố." in read(site, "sang-kien/index.html")
    assert "Chưa có khen thưởng cấp ngành trở lên nào được công bố." in read(site, "bang-vang/index.html")
    assert "Hiện không có danh sách nào đang lấy ý kiến." in read(site, "lay-y-kien/index.html")
    assert broken_links(site) == []
