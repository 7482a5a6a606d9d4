"""A decision imported from its annex, then built: the roll, its CSV, its print layout."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .sitebuild import ROOT, broken_links, build_site, copy_project

EXAMPLE = ROOT / "examples/quyet-dinh-412.xlsx"
ROLL = "quyet-dinh/412-qd-vkstc-2026"
VINHDANH = Path(sys.executable).parent / "vinhdanh"


@pytest.fixture(scope="session")
def imported_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Import the README's example annex into a copy of the demo, then build it strictly."""
    project = copy_project(tmp_path_factory.mktemp("imported"))
    run = subprocess.run([VINHDANH, "import", str(EXAMPLE), "--apply"], cwd=project, capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0, run.stderr
    return build_site(project)


def test_the_readme_shows_the_example_s_real_dry_run() -> None:
    run = subprocess.run([VINHDANH, "import", "examples/quyet-dinh-412.xlsx"], cwd=ROOT, capture_output=True,
                         text=True, check=False)
    assert (run.returncode, run.stderr) == (0, "")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"$ vinhdanh import examples/quyet-dinh-412.xlsx\n{run.stdout}$ vinhdanh import" in readme


def test_the_built_site_shows_the_decision_s_roll(imported_site: Path) -> None:
    page = (imported_site / ROLL / "index.html").read_text(encoding="utf-8")
    assert "<h1" in page and "Quyết định số 412/QĐ-VKSTC" in page
    assert "Ngày 15/01/2026 · Viện trưởng Viện kiểm sát nhân dân tối cao · 8 lượt khen thưởng" in page
    rows = re.findall(r'<td data-label="STT">(\d+)</td><td data-label="Họ và tên"><a href="([^"]+)">([^<]+)</a>',
                      page)
    names = [name for _, _, name in rows]
    assert [int(n) for n, _, _ in rows] == list(range(1, 9))
    assert names == ["Nguyễn Thị Thu Hà", "Đào Đức Thắng", "Nguyễn Văn Hùng", "Nguyễn Văn Hùng", "Tôn Nữ Thị Ninh",
                     "Đỗ Văn Hoà", "Phùng Thị Lệ", "Trịnh Minh Khôi"]  # the annex's order, not the alphabet's
    assert {href for _, href, _ in rows} >= {"../../ca-nhan/phung-thi-le/", "../../ca-nhan/nguyen-van-hung-2/"}
    assert "Phó Viện trưởng" in page  # the position the annex gives, not the record's
    index = (imported_site / "quyet-dinh/index.html").read_text(encoding="utf-8")
    assert '<a href="../quyet-dinh/412-qd-vkstc-2026/">412/QĐ-VKSTC</a>' in index
    profile = (imported_site / "ca-nhan/nguyen-thi-thu-ha/index.html").read_text(encoding="utf-8")
    assert '<a href="../../quyet-dinh/412-qd-vkstc-2026/">412/QĐ-VKSTC ngày 15/01/2026</a>' in profile
    assert 'href="../quyet-dinh/"' in (imported_site / "nam/index.html").read_text(encoding="utf-8")  # the nav tab
    data = (imported_site / ROLL / "412-qd-vkstc-2026.csv").read_bytes()
    lines = data.decode("utf-8-sig").splitlines()
    assert data.startswith(b"\xef\xbb\xbf") and len(lines) == 9 and lines[1].startswith("1,")
    assert broken_links(imported_site) == []


def test_the_roll_prints_as_a_plain_a4_table(browser: Any, imported_site: Path) -> None:
    from .browser import served

    with served(imported_site) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + ROLL + "/")
        page.emulate_media(media="print")
        for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".vd-noprint"):
            assert page.locator(hidden).first.is_hidden(), hidden
        cell = page.locator("table.vd-roll td").first
        assert cell.evaluate("td => getComputedStyle(td).borderTopStyle") == "solid"
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
        assert re.search(rb"/MediaBox \[0 0 59[45]\.\d+ 841\.\d+\]", pdf)  # A4 portrait: 210 × 297 mm in points
        page.set_viewport_size({"width": 700, "height": 990})  # about the printable width of A4
        assert page.locator("table.vd-roll").evaluate("t => getComputedStyle(t).display") == "table"
        assert page.locator("table.vd-roll thead").evaluate("t => getComputedStyle(t).display") == "table-header-group"
        page.close()
