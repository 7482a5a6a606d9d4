"""A decision imported from its annex, then built: the roll, its CSV, its print layout."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from vinhdanh.views.csvfile import csv_bytes

from .sitebuild import ROOT, broken_links, build_site, copy_project

EXAMPLE = ROOT / "examples/quyet-dinh-412.xlsx"
ROLL = "quyet-dinh/412-qd-vkstc-2026"
VINHDANH = Path(sys.executable).parent / "vinhdanh"


@pytest.fixture(scope="session")
def imported_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Import the guides' example annex into a copy of the demo, then build it strictly."""
    project = copy_project(tmp_path_factory.mktemp("imported"))
    run = subprocess.run([VINHDANH, "import", str(EXAMPLE), "--apply"], cwd=project, capture_output=True, text=True,
                         check=False)
    assert run.returncode == 0, run.stderr
    return build_site(project)


@pytest.mark.parametrize("guide", ["docs/admin-guide.md", "docs/huong-dan.md"])
def test_the_guide_shows_the_example_s_real_dry_run(guide: str) -> None:
    run = subprocess.run([VINHDANH, "import", "examples/quyet-dinh-412.xlsx"], cwd=ROOT, capture_output=True,
                         text=True, check=False)
    assert (run.returncode, run.stderr) == (0, "")
    text = (ROOT / guide).read_text(encoding="utf-8")
    assert f"$ vinhdanh import examples/quyet-dinh-412.xlsx\n{run.stdout}$ vinhdanh import" in text


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
    assert '<a href="../quyet-dinh/412-qd-vkstc-2026/"><span class="vd-nowrap">412/QĐ-VKSTC</span></a>' in index
    profile = (imported_site / "ca-nhan/nguyen-thi-thu-ha/index.html").read_text(encoding="utf-8")
    assert ('<a href="../../quyet-dinh/412-qd-vkstc-2026/"><span class="vd-nowrap">412/QĐ-VKSTC</span> ngày '
            '15/01/2026</a>') in profile
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


FORMULAS = {"name": '=HYPERLINK("http://example.com/x","Bấm vào đây")', "position": "+84 912 345 678",
            "decision": "@SUM(1+1)/QĐ", "by": "=cmd|' /C calc'!A0", "citation": "-2+3 thành tích"}


def test_the_csv_roll_never_holds_a_formula(records: Path, tmp_path: Path) -> None:
    """OWASP's CSV injection advice: a cell starting with = + - @ tab or CR gets a leading ' and quotes."""
    q = json.dumps  # a JSON string is a YAML string, whatever it holds
    person = (records / "people/nguyen-thi-thu-ha.yml").read_text(encoding="utf-8")
    for field in ("name", "position"):
        person = re.sub(rf"^{field}: .*$", lambda _, f=field: f"{f}: {q(FORMULAS[f])}", person, count=1,
                        flags=re.MULTILINE)
    person = person.replace("decision: 123/QĐ-VKSTC", f"decision: {q(FORMULAS['decision'])}\n"
                            f"    by: {q(FORMULAS['by'])}\n    citation: {q(FORMULAS['citation'])}")
    (records / "people/nguyen-thi-thu-ha.yml").write_text(person, encoding="utf-8")
    other = {"name": "@Lê Văn Tư", "position": "-Phó Viện trưởng", "decision": "+7/QĐ-VKSTC"}
    (records / "people/tab.yml").write_text(
        f"name: {q(other['name'])}\nposition: {q(other['position'])}\nunit: vks-bac-ninh\nhonours:\n"
        f"  - title: cstd-nganh\n    year: 2021\n    decision: {q(other['decision'])}\n    date: 2022-01-10\n",
        encoding="utf-8")
    project = tmp_path / "p"
    project.mkdir()
    site = build_site(copy_project(project, records))
    rolls = sorted((site / "quyet-dinh").rglob("*.csv"))
    rows = [row for roll in rolls for row in csv.reader(io.StringIO(roll.read_bytes().decode("utf-8-sig")))]
    cells = {cell for row in rows for cell in row}
    for value in [*FORMULAS.values(), *other.values()]:
        if value != FORMULAS["citation"]:  # the roll has no citation column
            assert "'" + value in cells, value
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    raw = b"".join(roll.read_bytes() for roll in rolls).decode("utf-8-sig")
    assert '"\'=HYPERLINK(""http://example.com/x"",""Bấm vào đây"")"' in raw
    assert "\n1," in raw  # numbers stay numbers


def test_a_cell_starting_with_a_tab_or_a_carriage_return_is_neutralised_too() -> None:
    """Records strip them from the ends of values; the CSV writer does not rely on it."""
    data = csv_bytes([["STT", "Tên"], [1, "\t=1+2"], [2, "\rVề đầu"], [3, "Bình thường"], [4, "a=b"]])
    assert data.decode("utf-8-sig") == '"STT","Tên"\r\n1,"\'\t=1+2"\r\n2,"\'\rVề đầu"\r\n3,"Bình thường"\r\n4,"a=b"\r\n'
