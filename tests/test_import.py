"""`vinhdanh import`: real-looking annexes in every format, bad rows, bad files, all or nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import textwrap
import time
import unicodedata
from pathlib import Path

import pytest

from vinhdanh.importer.run import import_annex
from vinhdanh.project import Project
from vinhdanh.records.checks import checked_catalogue
from vinhdanh.records.load import load

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
def site(records: Path) -> Project:
    write(records, {"units.yml": UNITS, "people/nguyen-van-hung.yml": HUNG})
    return Project(records.parent, records, records.parent / "docs", records.parent / "overrides")


def run(site: Project, annex: Path, *args: str, apply: bool = False, capsys: pytest.CaptureFixture[str]
        ) -> tuple[int, str, str]:
    options = dict(zip(args[::2], args[1::2]))
    status = import_annex(annex, site, {k.lstrip("-"): v for k, v in options.items()}, apply)
    out, err = capsys.readouterr()
    return status, out, err


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()}


FORMATS = [".xlsx", ".xls", ".ods", ".csv"]


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_bad_row_stops_the_whole_file_and_is_named_with_its_fix(site: Project, tmp_path: Path, suffix: str,
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
def test_an_annex_is_imported_row_by_row_then_nothing_changes(site: Project, tmp_path: Path, suffix: str,
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
            roll: 2
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
            roll: 3
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


def refused(site: Project, path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Import path with --apply; assert it fails cleanly, without a traceback or a write; return stderr."""
    before = snapshot(site.exemplars)
    status, out, err = run(site, path, apply=True, capsys=capsys)
    assert status == 1 and "Traceback" not in err + out
    assert snapshot(site.exemplars) == before
    return err


def test_bad_files_each_get_a_clear_message(site: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import zipfile

    from .annexes import compound_file, encrypted_ods

    cases: dict[str, tuple[Path, str]] = {}

    def case(name: str, content: bytes, expected: str) -> None:
        path = tmp_path / name
        path.write_bytes(content)
        cases[name] = (path, expected)

    case("empty.xlsx", b"", "the file is empty")
    case("photo.xlsx", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4, "not a spreadsheet: vinhdanh reads .xlsx, .xls, "
         ".ods, and .csv or .txt (UTF-8 or UTF-16) files")
    case("cut.txt", "STT\tHọ và tên\r\n".encode("utf-16")[:-1], "the file is not valid UTF-16 text (it is cut short, "
         "or not text); save it again as 'Unicode Text' or 'CSV UTF-8'")
    case("report.xls", "<html><body><table><tr><td>Họ và tên</td></tr></table></body></html>".encode(),
         "this is a web page (HTML or XML) saved under a spreadsheet's name")
    case("old.csv", "STT,Tên,Đơn vị\n1,Ơn,Bắc Ninh\n".encode("cp1258", errors="replace"),
         "line 1 is not UTF-8 (Excel's plain 'CSV' saves Windows-1258); save it as 'CSV UTF-8 (Comma delimited)'")
    case("huge.csv", ("STT,Họ và tên,Đơn vị\n" + "1,Nguyễn Văn A,VKSND tỉnh Bắc Ninh\n" * 100_000).encode(),
         "100,001 lines; an honour list is refused past 20,000 rows: split it into several files")
    case("truncated.xlsx", (tmp_path / "ok.xlsx").read_bytes()[:300] if write_annex(
        tmp_path / "ok.xlsx", *annex_rows()) else b"", "the file is damaged")
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 << 20))
    cases["bomb.xlsx"] = (bomb, "refused: the file would unpack to 300 MB (xl/worksheets/sheet1.xml shrunk")
    cases["locked.xlsx"] = (compound_file(tmp_path / "locked.xlsx", {"EncryptionInfo": b"\4\0\4\0",
                                                                     "EncryptedPackage": b"x" * 5000}),
                            "the file is encrypted (protected by a password); open it in Excel, remove the password")
    cases["locked.ods"] = (encrypted_ods(tmp_path / "locked.ods"), "the file is encrypted")
    cases["words.doc"] = (compound_file(tmp_path / "words.doc", {"WordDocument": b"x" * 5000}),
                          "an Office document but not a spreadsheet")
    cases["no-header.xlsx"] = (write_annex(tmp_path / "no-header.xlsx", [["Danh sách"], ["Nguyễn Văn A", "x"]]),
                               "no list found: no sheet has a header row naming its columns")
    for name, (path, expected) in cases.items():
        err = refused(site, path, capsys)
        assert err.startswith(f"{path}: ") and expected in err, (name, err)


def test_a_zip_bomb_is_refused_before_it_is_decompressed(site: Project, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A member that says it is small but inflates to much more never reaches the reader."""
    import struct
    import zipfile
    import zlib

    bomb = tmp_path / "liar.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 << 20))
    data = bytearray(bomb.read_bytes())
    assert len(data) < 200_000
    # Declare the member 4 bytes long (with the CRC of those 4 bytes): it inflates to 50 MB all the same.
    local = data.index(b"PK\x03\x04", 10)
    central = data.index(b"PK\x01\x02", data.index(b"PK\x01\x02") + 4)
    struct.pack_into("<I", data, local + 14, zlib.crc32(b"\0" * 4))
    struct.pack_into("<I", data, local + 22, 4)
    struct.pack_into("<I", data, central + 16, zlib.crc32(b"\0" * 4))
    struct.pack_into("<I", data, central + 24, 4)
    bomb.write_bytes(bytes(data))
    started = time.perf_counter()
    err = refused(site, bomb, capsys)
    assert time.perf_counter() - started < 2
    assert "the file cannot be read" in err  # the reader saw the 4 bytes checked, never the 50 MB


def test_formulas_in_the_columns_read_are_refused_with_the_fix(site: Project, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    for suffix in (".xlsx", ".xls", ".ods"):
        rows, merges = annex_rows(bad_row=False)
        rows[7][0] = Formula("A7+1", 2)  # numbering by formula is harmless
        rows[7][2] = Formula('"Kiểm sát viên"', "Kiểm sát viên")
        annex = write_annex(tmp_path / f"formula{suffix}", rows, merges)
        err = refused(site, annex, capsys)
        assert err.splitlines()[0] == (
            f"{annex}:Phụ lục:8: CHỨC DANH: the cell holds a formula; replace formulas by their values (select the "
            "column, Copy, then Paste Special → Values) and import again"), (suffix, err)
        assert len(err.splitlines()) == 2


def test_namesakes_in_one_unit_are_told_apart_by_position_or_named_as_candidates(
        site: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(site.exemplars, {"people/hung-ks.yml": "name: Nguyễn Văn Hùng\nposition: Kiểm sát viên\nunit: vks-bac-ninh\n",
                           "people/hung-ktv.yml": "name: Nguyễn Văn Hùng\nposition: Kiểm tra viên\nunit: vks-bac-ninh\n"})
    rows = [["STT", "Họ tên", "Chức vụ", "Đơn vị"], [1, "NGUYỄN VĂN HÙNG", None, "VKSND Bắc Ninh"],
            [2, "Nguyễn Văn Hùng", "Kiểm tra viên", "Viện kiểm sát nhân dân tỉnh Bắc Ninh"]]
    annex = write_annex(tmp_path / "hung.csv", rows)
    err = refused(site, annex, capsys)
    assert err.splitlines()[:4] == [
        f"{annex}: decision: no decision number; give it with --decision 412/QĐ-VKSTC (or a column 'Số quyết định')",
        f"{annex}: date: no decision date; give it with --date 2026-01-15 (or a column 'Ngày quyết định')",
        f"{annex}: title: no title; give it with --title ID from titles.yml (or a column 'Danh hiệu', or a heading "
        "above the rows)",
        f"{annex}: year: no achievement year; give it with --year 2025 (or a column 'Năm')",
    ]
    status, out, err = run(site, annex, "--decision", "5/QĐ-VKSTC", "--date", "05/01/2026", "--title", "CSTĐ ngành",
                           "--year", "2025", capsys=capsys)
    assert status == 1
    assert out.splitlines()[-1] == "2 row(s): 1 new honour(s), 0 already recorded, 1 row(s) with errors."
    assert re.search(r"^3 +new honour +hung-ktv ", out, re.MULTILINE)
    assert err.splitlines()[0] == (
        f"{annex}:2: 'NGUYỄN VĂN HÙNG' in 'VKSND Bắc Ninh' may be any of 2 records: hung-ks (Kiểm sát viên, VKSND "
        "tỉnh Bắc Ninh); hung-ktv (Kiểm tra viên, VKSND tỉnh Bắc Ninh); write the unit, or the position, as in one of "
        "these records")


def test_options_that_disagree_with_the_sheet_stop_the_import(site: Project, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    annex = write_annex(tmp_path / "qd.xlsx", *annex_rows(bad_row=False))
    status, out, err = run(site, annex, "--decision", "413/QĐ-VKSTC", "--date", "2026-01-16", "--year", "2024",
                           capsys=capsys)
    assert status == 1
    assert err.splitlines()[:3] == [
        f"{annex}:Phụ lục:3: decision: the sheet says '412/QĐ-VKSTC' but --decision says '413/QĐ-VKSTC'; correct "
        "one of them",
        f"{annex}:Phụ lục:3: date: the sheet says '15/01/2026' but --date says '16/01/2026'; correct one of them",
        f"{annex}:Phụ lục:2: year: the sheet says '2025' but --year says '2024'; correct one of them",
    ]
    status, out, err = run(site, annex, "--date", "2026-01-15", "--by", "Viện trưởng Viện kiểm sát nhân dân tối cao",
                           "--title", "cstd-nganh", capsys=capsys)
    assert (status, err) == (0, ""), err  # the same values written another way agree


def test_a_decision_already_recorded_with_another_date_is_caught_before_writing(
        site: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    annex = write_annex(tmp_path / "qd.csv", [["STT", "Họ và tên", "Đơn vị"], [1, "Nguyễn Văn Hùng", "VKSND TP HCM"]])
    status, out, err = run(site, annex, "--decision", "964/QĐ-VKSTC", "--date", "2020-02-10", "--title", "cstd-nganh",
                           "--year", "2019", apply=True, capsys=capsys)
    assert status == 1
    assert err.splitlines()[0] == (
        f"{annex}:2: date: the records already give decision 964/QĐ-VKSTC the date '09/02/2020' "
        f"({site.exemplars}/people/nguyen-van-hung.yml); correct --date (or the sheet), or the record")


@pytest.mark.parametrize(("layout", "expected"), [
    ("name: A\nunit: vks-bac-ninh\nhonours: []   # none yet\n#  - title: cstd-nganh\npublished: true\n",
     "name: A\nunit: vks-bac-ninh\nhonours:   # none yet\n  - title: cstd-nganh\n    year: 2025\n"
     "    decision: 7/QĐ-VKSTC\n    date: 2026-01-15\n    roll: 1\n#  - title: cstd-nganh\npublished: true\n"),
    ("name: A\r\nunit: vks-bac-ninh\r\nhonours:\r\n- {title: bk-vien-truong, year: 2019}\r\n",
     "name: A\r\nunit: vks-bac-ninh\r\nhonours:\r\n- {title: bk-vien-truong, year: 2019}\r\n"
     "- {title: cstd-nganh, year: 2025, decision: 7/QĐ-VKSTC, date: '2026-01-15', roll: 1}\r\n"),
    ("\ufeffname: A\nunit: vks-bac-ninh\ninitiatives:\n    -   name: X\n        year: 2020\n",
     "\ufeffname: A\nunit: vks-bac-ninh\ninitiatives:\n    -   name: X\n        year: 2020\nhonours:\n"
     "    -   title: cstd-nganh\n        year: 2025\n        decision: 7/QĐ-VKSTC\n        date: 2026-01-15\n"
     "        roll: 1\n"),
    ("name: A\nunit: vks-bac-ninh\nhonours: [{title: bk-vien-truong, year: 2019}]\nstory: |\n  Dòng một.\n",
     "name: A\nunit: vks-bac-ninh\nhonours: [{title: bk-vien-truong, year: 2019}, {title: cstd-nganh, year: 2025, "
     "decision: 7/QĐ-VKSTC, date: '2026-01-15', roll: 1}]\nstory: |\n  Dòng một.\n"),
])
def test_the_honour_is_appended_in_the_file_s_own_style(site: Project, tmp_path: Path, layout: str, expected: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    record = site.exemplars / "people/a.yml"
    record.write_bytes(layout.encode("utf-8"))
    annex = write_annex(tmp_path / "qd.csv", [["STT", "Họ và tên", "Đơn vị"], [1, "A", "vks-bac-ninh"]])
    status, _, err = run(site, annex, "--decision", "7/QĐ-VKSTC", "--date", "2026-01-15", "--title", "cstd-nganh",
                         "--year", "2025", apply=True, capsys=capsys)
    assert (status, err) == (0, "")
    assert record.read_bytes().decode("utf-8") == expected


def test_headings_give_the_title_and_the_kind_and_the_closing_count_is_checked(
        site: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [["(Kèm theo Quyết định số 9/QĐ-VKSTC ngày 20 tháng 01 năm 2026)", None, None],
            ["STT", "Tên tập thể, cá nhân", "Đơn vị"],
            ["A", "TẬP THỂ", None], ["I", "Bằng khen của Viện trưởng VKSND tối cao", None],
            [1, "Phòng Thi đua – Khen thưởng", "VKSND tỉnh Bắc Ninh"],
            ["B", "CÁ NHÂN", None], ["I", "CSTĐ ngành", None],
            [1, "Nguyễn Văn Hùng", "VKSND TP Hồ Chí Minh"], [None, "Trần Văn Quên", "VKSND TP Hồ Chí Minh"],
            [2, "Nguyễn Thị Thu Hà", "vks-bac-ninh"],
            ["Tổng cộng: 4 tập thể, cá nhân", None, None]]
    annex = write_annex(tmp_path / "mixed.xlsx", rows, [(0, 0, 0, 2)])
    status, out, err = run(site, annex, "--year", "2025", capsys=capsys)
    assert status == 1
    assert err.splitlines()[:2] == [
        f"{annex}:Phụ lục:9: STT: a name but no number; number the row, or delete it if it is not in the decision",
        f"{annex}:Phụ lục:11: the list says it has 4 but 3 numbered rows were read; look for a row without its "
        "number in the first column, or a row too many",
    ]
    assert "Decision 9/QĐ-VKSTC of 20/01/2026: Bằng khen của Viện trưởng VKSND tối cao 2025 (1); Chiến sĩ thi đua " \
           "ngành Kiểm sát nhân dân 2025 (2)" in out
    assert "new honour  phong-tdkt" in out


def test_a_long_file_draws_a_progress_bar_on_a_terminal_only(site: Project, tmp_path: Path) -> None:
    import fcntl
    import os
    import pty
    import select
    import struct
    import subprocess
    import sys
    import termios

    rows = [["STT", "Họ và tên", "Đơn vị"]] + [[n, f"Người Số {n}", "VKSND tỉnh Bắc Ninh"] for n in range(1, 401)]
    annex = write_annex(tmp_path / "long.csv", rows)
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ntheme: material\nplugins:\n  - vinhdanh\n", encoding="utf-8")
    command = [Path(sys.executable).parent / "vinhdanh", "import", str(annex), "--decision", "1/QĐ-VKSTC", "--date",
               "2026-01-05", "--title", "cstd-nganh", "--year", "2025"]
    piped = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert (piped.returncode, piped.stderr) == (0, "")
    assert "400 row(s): 400 new honour(s), 400 persons to create" in piped.stdout
    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal 100 columns wide
    process = subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=terminal)
    drawn = b""
    # The terminal stays open here until the end: Linux drops what is unread once its last holder closes it.
    while process.poll() is None or select.select([controller], [], [], 0)[0]:
        if select.select([controller], [], [], 0.1)[0]:
            drawn += os.read(controller, 65536)
    os.close(terminal)
    os.close(controller)
    assert process.returncode == 0
    assert b"| 0/400 [" in drawn and b" rows/s]" in drawn


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".ods"])
def test_too_many_rows_in_a_spreadsheet_are_refused(site: Project, tmp_path: Path, suffix: str,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("vinhdanh.importer.workbook.MAX_ROWS", 10)  # 20,000 in use; 12 rows here
    annex = write_annex(tmp_path / f"long{suffix}", *annex_rows(bad_row=False))
    err = refused(site, annex, capsys)
    assert f"{annex}: sheet 'Phụ lục' has " in err and " rows; an honour list is refused past 10 rows: split it" in err
