"""`vinhdanh import`: text annexes in every encoding Excel saves, and rows named as the spreadsheet numbers them."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from vinhdanh.project import Project

from .annexes import write_text_annex
from .conftest import write
from .test_import import HUNG, TITLE_ROWS, UNITS, run


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
