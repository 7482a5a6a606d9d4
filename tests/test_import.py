"""`vinhdanh import`: real-looking annexes in every format, bad rows, bad files, all or nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import textwrap
import unicodedata
from pathlib import Path

import pytest

from vinhdanh.checks import checked_catalogue
from vinhdanh.importer.run import Where, import_annex
from vinhdanh.load import load

from .annexes import Formula, write_annex
from .conftest import write

UNITS = """\
- id: vks-toi-cao
  name: Viện kiểm sát nhân dân tối cao
  short: VKSND tối cao
- id: van-phong
  name: Văn phòng Viện kiểm sát nhân dân tối cao
  short: Văn phòng VKSND tối cao
  parent: vks-toi-cao
- id: vks-bac-giang
  name: Viện kiểm sát nhân dân tỉnh Bắc Giang
  short: VKSND tỉnh Bắc Giang
  parent: vks-toi-cao
  valid_to: 2025-06-30
  successor: vks-bac-ninh
- id: vks-bac-ninh
  name: Viện kiểm sát nhân dân tỉnh Bắc Ninh
  short: VKSND tỉnh Bắc Ninh
  parent: vks-toi-cao
- id: vks-hcm
  name: Viện kiểm sát nhân dân Thành phố Hồ Chí Minh
  short: VKSND TP Hồ Chí Minh
  parent: vks-toi-cao
"""
HUNG = """\
# Hồ sơ do Phòng Tổ chức lập; giữ nguyên chú thích này.
name: Nguyễn Văn Hùng
position: Trưởng phòng
unit: vks-hcm
honours:
  - title: bk-vien-truong   # bằng khen đầu tiên
    year: 2019
    decision: 964/QĐ-VKSTC
    date: 2020-02-09
initiatives:
  - {name: Quy trình kiểm sát tạm giữ, year: 2022, level: co-so}
"""
TITLE_ROWS = [
    ["VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO", None, None, None, None],
    ["DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG DANH HIỆU CHIẾN SĨ THI ĐUA NGÀNH KIỂM SÁT NHÂN DÂN NĂM 2025", None, None, None, None],
    ["(Kèm theo Quyết định số 412/QĐ-VKSTC ngày 15/01/2026 của Viện trưởng VKSND tối cao)", None, None, None, None],
    [None, None, None, None, None],
    ["STT", "Họ  và tên", "CHỨC DANH", "Đơn vị công tác", "Ghi chú"],
    ["(1)", "(2)", "(3)", "(4)", "(5)"],
]
NFD = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731 - text as macOS and some Word copies save it


def annex_rows(bad_row: bool = True, merged: bool = True) -> tuple[list[list[object]], list[tuple[int, int, int, int]]]:
    """Return the rows and merged ranges of a real-looking annex (sheet rows 7 to 11 are people)."""
    rows = [list(r) for r in TITLE_ROWS] + [
        [1.0, NFD("Nguyễn Thị Thu Hà"), "Kiểm sát viên trung cấp", "Viện KSND tỉnh Bắc Giang", None],
        [2, "Nguyễn Văn Hùng", "Kiểm sát viên", "VKSND TP. Hồ Chí Minh", None],
        [3, "Lê  Văn Mới ", "Chuyên viên", None if merged else "VKSND TP. Hồ Chí Minh", "mới"],
        [4, "Nguyễn Văn Hùng", "Kiểm tra viên", "Văn phòng VKSND tối cao", None],
    ]
    if bad_row:
        rows.append([5, "Ðặng Văn Sai", "Kiểm sát viên", "VKSND tỉnh Hà Giang", None])
    rows += [[None] * 5, [f"Danh sách này có {5 if bad_row else 4} cá nhân./.", None, None, None, None],
             [None, None, None, "VIỆN TRƯỞNG", None], [None, None, None, "Lê Minh Trí", None]]
    merges = [(0, 0, 0, 4), (1, 0, 1, 4), (2, 0, 2, 4)] + ([(7, 3, 8, 3)] if merged else [])
    if merged:
        rows[-2][0] = None
    return rows, merges if merged else []


@pytest.fixture
def site(records: Path) -> Where:
    write(records, {"units.yml": UNITS, "people/nguyen-van-hung.yml": HUNG})
    return Where(records, records.parent / "docs", "")


def run(site: Where, annex: Path, *args: str, apply: bool = False, capsys: pytest.CaptureFixture[str]
        ) -> tuple[int, str, str]:
    options = dict(zip(args[::2], args[1::2]))
    status = import_annex(annex, site, {k.lstrip("-"): v for k, v in options.items()}, apply)
    out, err = capsys.readouterr()
    return status, out, err


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()}


FORMATS = [".xlsx", ".xls", ".ods", ".csv"]


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_bad_row_stops_the_whole_file_and_is_named_with_its_fix(site: Where, tmp_path: Path, suffix: str,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    rows, merges = annex_rows(bad_row=True, merged=suffix != ".csv")
    annex = write_annex(tmp_path / f"qd-412{suffix}", rows, merges)
    before = snapshot(site.exemplars)
    status, out, err = run(site, annex, apply=True, capsys=capsys)
    where = f"{annex}:Phụ lục" if suffix != ".csv" else str(annex)
    assert status == 1
    assert err.splitlines() == [
        f"{where}:11: Đơn vị công tác: no unit 'VKSND tỉnh Hà Giang' in units.yml (did you mean 'VKSND tỉnh Bắc "
        "Giang'?); write the unit's name as in units.yml (or its id), or add the unit there",
        "1 error(s); nothing was written. Fix them and run the import again.",
    ]
    assert "5 row(s): 4 new honour(s), 2 persons to create, 0 already recorded, 1 row(s) with errors." in out
    assert snapshot(site.exemplars) == before


@pytest.mark.parametrize("suffix", FORMATS)
def test_an_annex_is_imported_row_by_row_then_nothing_changes(site: Where, tmp_path: Path, suffix: str,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    rows, merges = annex_rows(bad_row=False, merged=suffix != ".csv")
    annex = write_annex(tmp_path / f"qd-412{suffix}", rows, merges)
    before = snapshot(site.exemplars)
    status, out, err = run(site, annex, capsys=capsys)
    assert (status, err) == (0, "")
    assert snapshot(site.exemplars) == before  # a dry run writes nothing
    sheet = "Phụ lục:" if suffix != ".csv" else ""
    table = [line[len(sheet):].split() for line in out.splitlines() if line.startswith(tuple(sheet + n for n in ("7 ", "8 ", "9 ", "10 ")))]
    assert [(r[0], " ".join(r[1:3]), r[3]) for r in table] == [
        ("7", "new honour", "nguyen-thi-thu-ha"), ("8", "new honour", "nguyen-van-hung"),
        ("9", "new person", "le-van-moi"), ("10", "new person", "nguyen-van-hung-2")]
    assert "namesake of nguyen-van-hung (VKSND TP Hồ Chí Minh)" in out
    assert "Decision 412/QĐ-VKSTC of 15/01/2026, Viện trưởng VKSND tối cao: Chiến sĩ thi đua ngành Kiểm sát nhân " \
           "dân 2025 (4)" in out
    assert "Dry run: nothing written. Run again with --apply to write these changes." in out

    status, out, err = run(site, annex, apply=True, capsys=capsys)
    assert (status, err) == (0, "")
    assert out.endswith(f"Wrote 4 record(s), 2 of them new:\n  {site.exemplars}/people/le-van-moi.yml  (add a photo, "
                        f"a summary, a story)\n  {site.exemplars}/people/nguyen-van-hung-2.yml  (add a photo, a "
                        "summary, a story)\n")
    people = site.exemplars / "people"
    assert (people / "nguyen-van-hung.yml").read_text(encoding="utf-8") == HUNG.replace(
        "initiatives:", textwrap.dedent("""\
          - title: cstd-nganh
            year: 2025
            decision: 412/QĐ-VKSTC
            date: 2026-01-15
            by: Viện trưởng VKSND tối cao
            position: Kiểm sát viên
        initiatives:"""), 1)
    assert (people / "le-van-moi.yml").read_text(encoding="utf-8") == textwrap.dedent(f"""\
        # Created by `vinhdanh import` from {annex}:{sheet}9: add a photo, a summary and a story.
        name: Lê Văn Mới
        position: Chuyên viên
        unit: vks-hcm
        honours:
          - title: cstd-nganh
            year: 2025
            decision: 412/QĐ-VKSTC
            date: 2026-01-15
            by: Viện trưởng VKSND tối cao
        published: true   # a decision is public
        """)
    catalogue, _ = checked_catalogue(load(site.exemplars))
    ha = catalogue.people["nguyen-thi-thu-ha"].honours[-1]
    assert (ha.title, ha.year, ha.unit, ha.position, ha.date) == ("cstd-nganh", "2025", "vks-bac-giang", "",
                                                                   dt.date(2026, 1, 15))
    assert catalogue.people["nguyen-van-hung-2"].unit == "van-phong"

    after = snapshot(site.exemplars)
    status, out, err = run(site, annex, apply=True, capsys=capsys)
    assert (status, err) == (0, "")
    assert "0 new honour(s), 4 already recorded" in out and "Nothing to write" in out
    assert snapshot(site.exemplars) == after
