"""`vinhdanh import`: text annexes in every encoding Excel saves, and rows named as the spreadsheet numbers them."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from vinhdanh.project import Project

from .annexes import write_annex, write_text_annex
from .conftest import write
from .test_import import HUNG, TITLE_ROWS, UNITS, run, snapshot


@pytest.fixture
def site(records: Path) -> Project:
    write(records, {"units.yml": UNITS, "people/nguyen-van-hung.yml": HUNG})
    return Project(records.parent, records, records.parent / "docs", records.parent / "overrides")


def text_rows() -> list[list[object]]:
    """Return an annex with title rows, the columns' numbers, two people, a unit with a comma in it, the count."""
    return [list(r) for r in TITLE_ROWS] + [
        [1, "Nguyễn Văn Hùng", "Kiểm sát viên, Phòng 7", "VKSND TP. Hồ Chí Minh", None],
        [2, "Lê Văn Mới", "Chuyên viên", "Viện KSND tỉnh Bắc Giang", None],
        [None] * 5, ["Danh sách này có 02 cá nhân./.", None, None, None, None]]


@pytest.mark.parametrize(("suffix", "encoding", "delimiter", "bom"), [
    (".txt", "utf-16-le", "\t", codecs.BOM_UTF16_LE),  # Excel: Save as 'Unicode Text'
    (".csv", "utf-16-le", "\t", codecs.BOM_UTF16_LE),
    (".csv", "utf-16-be", "\t", codecs.BOM_UTF16_BE),
    (".csv", "utf-16-le", ",", codecs.BOM_UTF16_LE),
    (".csv", "utf-16-le", "\t", b""),
    (".csv", "utf-8", ",", codecs.BOM_UTF8),  # Excel: 'CSV UTF-8 (Comma delimited)'
    (".csv", "utf-8", ",", b""),
    (".txt", "utf-8", "\t", b""),
    (".csv", "utf-8", ";", codecs.BOM_UTF8),
])
def test_text_annexes_in_utf8_or_utf16_with_tabs_or_commas(site: Project, tmp_path: Path, suffix: str,
                                                           encoding: str, delimiter: str, bom: bytes,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    annex = write_text_annex(tmp_path / f"qd{suffix}", text_rows(), encoding, delimiter)
    annex.write_bytes(bom + annex.read_bytes())
    status, out, err = run(site, annex, capsys=capsys)
    assert (status, err) == (0, ""), err
    table = [line.split() for line in out.splitlines() if line[:2] in ("7 ", "8 ")]
    assert [line[:4] for line in table] == [["7", "new", "honour", "nguyen-van-hung"],
                                           ["8", "new", "person", "le-van-moi"]]
    assert "Decision 412/QĐ-VKSTC of 15/01/2026" in out


def table_of(out: str, sheet: str) -> list[list[str]]:
    """Return the row and the first word of the action of each line of the dry run's table."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("ROW "))
    end = lines.index("", start)
    return [line.removeprefix(sheet).split()[:2] for line in lines[start + 1:end]]


def spaced_rows() -> tuple[list[list[object]], list[tuple[int, int, int, int]], set[int]]:
    """Return an annex with title rows (one of two lines), blank rows (two in a row), hidden rows, merged cells.

    The people are on sheet rows 10, 12, 13, 14 (a unit not in units.yml) and 15.
    """
    rows: list[list[object]] = [
        ["VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO", None, None, None, None], [None] * 5,
        ["DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG DANH HIỆU\nCHIẾN SĨ THI ĐUA NGÀNH KIỂM SÁT NHÂN DÂN NĂM 2025", None, None, None,
         None],
        ["(Kèm theo Quyết định số 412/QĐ-VKSTC ngày 15/01/2026 của Viện trưởng VKSND tối cao)", None, None, None, None],
        [None] * 5, [None] * 5, ["Bản lưu nội bộ", None, None, None, None],
        ["STT", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Ghi chú"], [None] * 5,
        [1, "Nguyễn Văn Hùng", "Kiểm sát viên", "VKSND TP HCM", None],
        [None, None, None, None, "đã chuyển công tác"],
        [2, "Lê Văn Mới", "Chuyên viên", "VKSND TP HCM", None], [3, "Trần Thị Ba", "Chuyên viên", None, None],
        [4, "Đặng Văn Sai", "Kiểm sát viên", "VKSND tỉnh Hà Giang", None], [5, "Phạm Văn Năm", None, "vks-bac-ninh", None],
        [None] * 5, ["Danh sách này có 05 cá nhân./.", None, None, None, None]]
    merges = [(0, 0, 0, 4), (2, 0, 2, 4), (3, 0, 3, 4), (11, 3, 12, 3), (16, 0, 16, 4)]
    return rows, merges, {6, 10}


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".ods", ".csv"])
def test_rows_are_named_by_the_numbers_the_spreadsheet_shows(site: Project, tmp_path: Path, suffix: str,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    rows, merges, hidden = spaced_rows()
    if suffix == ".csv":
        rows[12][3], merges = "VKSND TP HCM", []  # a CSV has no merged cells; its title cell keeps its line break
    annex = write_annex(tmp_path / f"qd{suffix}", rows, merges, hidden=hidden)
    status, out, err = run(site, annex, capsys=capsys)
    sheet = "Phụ lục:" if suffix != ".csv" else ""
    assert status == 1
    assert err.splitlines()[0] == (f"{annex}:{sheet}14: Đơn vị công tác: no unit 'VKSND tỉnh Hà Giang' in units.yml "
                                   "(did you mean 'VKSND tỉnh Bắc Giang'?); write the unit's name as in units.yml (or "
                                   "its id), or add the unit there")
    assert table_of(out, sheet) == [["10", "new"], ["12", "new"], ["13", "new"], ["14", "error"], ["15", "new"]]
    assert f"--year 2025  (row 3{' of sheet' if sheet else ''}" in out and "--date 15/01/2026  (row 4" in out

    rows[3] = [None] * 5  # no decision: every row is in error, and each is still named
    annex = write_annex(tmp_path / f"none{suffix}", rows, merges, hidden=hidden)
    status, out, err = run(site, annex, capsys=capsys)
    assert status == 1
    assert table_of(out, sheet) == [["10", "error"], ["12", "error"], ["13", "error"], ["14", "error"],
                                    ["15", "error"]]


def test_cells_longer_than_what_they_hold_are_refused_each_on_its_line(site: Project, tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    long_name = "Nguyễn Văn " + "Tư " * 50
    rows = [["STT", "Họ và tên", "Đơn vị", "Thành tích"], [1, "Nguyễn Văn Hùng", "VKSND TP HCM", "Hoàn thành."],
            [2, long_name, "VKSND TP HCM", None], [3, "Lê Văn Ba", "VKSND tỉnh Bắc Ninh, " * 12, "Giỏi. " * 200],
            [4, "Lê Văn Bốn", "vks-bac-ninh", None]]
    annex = write_annex(tmp_path / "long.xlsx", rows)
    before = snapshot(site.exemplars)
    status, out, err = run(site, annex, "--decision", "7/QĐ-VKSTC", "--date", "2026-01-15", "--title", "cstd-nganh",
                           "--year", "2025", apply=True, capsys=capsys)
    assert status == 1 and snapshot(site.exemplars) == before
    assert err.splitlines() == [
        f"{annex}:Phụ lục:3: Họ và tên: {len(long_name.strip()):,} characters, more than a person's name can have (at "
        "most 100); check that the cell holds only a person's name, not a note or another column pasted into it",
        f"{annex}:Phụ lục:4: Đơn vị: 251 characters, more than a unit's name can have (at most 200); check that the "
        "cell holds only a unit's name, not a note or another column pasted into it",
        f"{annex}:Phụ lục:4: Thành tích: 1,199 characters, more than a cell of an honour list should hold (at most "
        "1,000); check that the cell holds only what its column says, not a text pasted into it",
        "3 error(s); nothing was written. Fix them and run the import again.",
    ]
    assert table_of(out, "Phụ lục:")[1:3] == [["3", "error"], ["4", "error"]]
