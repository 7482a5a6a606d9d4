"""`vinhdanh import`: who a row is — exact names, forms of address, collectives, second awards, counts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vinhdanh.importer.resolve import name_key
from vinhdanh.project import Project
from vinhdanh.records.checks import check, checked_catalogue
from vinhdanh.records.load import load

from .annexes import write_annex
from .conftest import write
from .test_import import HUNG, UNITS, run, snapshot


@pytest.fixture
def site(records: Path) -> Project:
    write(records, {"units.yml": UNITS, "people/nguyen-van-hung.yml": HUNG})
    return Project(records.parent, records, records.parent / "docs", records.parent / "overrides")


OPTIONS = ("--decision", "7/QĐ-VKSTC", "--date", "2026-01-15", "--title", "cstd-nganh", "--year", "2025")


def lines_of(out: str, number: int) -> str:
    """Return the dry run's table line for a row."""
    return next(line for line in out.splitlines() if re.match(rf"{number} ", line))


def test_names_are_compared_with_their_marks_and_one_tone_placement() -> None:
    assert name_key("NGUYỄN  VĂN HÙNG") == name_key("Nguyễn Văn Hùng")
    assert name_key("Đỗ Văn Hoà") == name_key("đỗ văn hòa") == name_key("Ðỗ Văn Hoà")  # old, new, eth
    assert name_key("Thuỳ") == name_key("Thùy") and name_key("Khoẻ") == name_key("Khỏe")
    for a, b in (("Hưng", "Hùng"), ("Hoa", "Hòa"), ("Lê", "Lệ"), ("Quý", "Qúy"), ("Đức", "Dức")):
        assert name_key(a) != name_key(b), (a, b)


def test_a_name_differing_by_a_mark_is_a_new_record_with_a_suggestion(site: Project, tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    write(site.exemplars, {"people/do-van-hoa.yml": "name: Đỗ Văn Hoà\nunit: vks-bac-ninh\n",
                           "people/phung-thi-le.yml": "name: Phùng Thị Lệ\nunit: vks-bac-ninh\n"})
    rows = [["STT", "Họ và tên", "Đơn vị"], [1, "Nguyễn Văn Hưng", "VKSND TP HCM"],
            [2, "ĐỖ VĂN HÒA", "VKSND tỉnh Bắc Ninh"], [3, "Phùng Thị Lê", "VKSND tỉnh Bắc Ninh"],
            [4, "Nguyễn văn  Hùng", "VKSND TP HCM"]]
    annex = write_annex(tmp_path / "hung.csv", rows)
    status, out, err = run(site, annex, *OPTIONS, apply=True, capsys=capsys)
    assert (status, err) == (0, "")
    assert lines_of(out, 2).split()[:4] == ["2", "new", "person", "nguyen-van-hung-2"]
    assert lines_of(out, 2).endswith("cstd-nganh — did you mean nguyen-van-hung (Nguyễn Văn Hùng, VKSND TP Hồ Chí "
                                     "Minh)?")
    assert lines_of(out, 3).split()[:4] == ["3", "new", "honour", "do-van-hoa"]
    assert lines_of(out, 4).split()[:4] == ["4", "new", "person", "phung-thi-le-2"]
    assert lines_of(out, 4).endswith("did you mean phung-thi-le (Phùng Thị Lệ, VKSND tỉnh Bắc Ninh)?")
    assert lines_of(out, 5).split()[:4] == ["5", "new", "honour", "nguyen-van-hung"]
    people = site.exemplars / "people"
    assert "name: Nguyễn Văn Hưng\n" in (people / "nguyen-van-hung-2.yml").read_text(encoding="utf-8")
    assert "name: Phùng Thị Lê\n" in (people / "phung-thi-le-2.yml").read_text(encoding="utf-8")
    assert (people / "do-van-hoa.yml").read_text(encoding="utf-8").startswith("name: Đỗ Văn Hoà\n")


def test_two_new_people_differing_by_a_mark_stay_two(site: Project, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    rows = [["STT", "Họ và tên", "Đơn vị"], [1, "Trần Thị Hoa", "vks-bac-ninh"], [2, "Trần Thị Hòa", "vks-bac-ninh"],
            [3, "TRẦN THỊ HOÀ", "vks-bac-ninh"]]
    annex = write_annex(tmp_path / "hoa.csv", rows)
    status, out, err = run(site, annex, *OPTIONS, capsys=capsys)
    assert status == 1
    assert [lines_of(out, n).split()[1:4] for n in (2, 3)] == [["new", "person", "tran-thi-hoa"],
                                                               ["new", "person", "tran-thi-hoa-2"]]
    assert lines_of(out, 4).split()[1] == "error"  # Hoà is Hòa: the same person twice
    assert err.splitlines()[0] == (f"{annex}:4: repeats {annex}:3 (the same honour for the same record); "
                                   "delete one row")


def test_forms_of_address_are_left_out_of_names_and_matching(site: Project, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    rows = [["STT", "Họ và tên", "Đơn vị"], [1, "Đồng chí Thượng tá Nguyễn Văn Hùng", "VKSND TP HCM"],
            [2, "Đ/c: Trần Thị Mai", "vks-bac-ninh"], [3, "Ông Lê Văn Tám", "vks-bac-ninh"],
            [4, "Đại uý Phạm Văn Sáu", "vks-bac-ninh"]]
    annex = write_annex(tmp_path / "ranks.xlsx", rows)
    status, out, err = run(site, annex, *OPTIONS, apply=True, capsys=capsys)
    assert (status, err) == (0, "")
    table = [line.split("  ") for line in out.splitlines() if line.startswith("Phụ lục:")]
    assert [[cell.strip() for cell in line if cell.strip()][:4] for line in table] == [
        ["Phụ lục:2", "new honour", "nguyen-van-hung", "Nguyễn Văn Hùng"],
        ["Phụ lục:3", "new person", "tran-thi-mai", "Trần Thị Mai"],
        ["Phụ lục:4", "new person", "le-van-tam", "Lê Văn Tám"],
        ["Phụ lục:5", "new person", "pham-van-sau", "Phạm Văn Sáu"]]
    assert "name: Trần Thị Mai\n" in (site.exemplars / "people/tran-thi-mai.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("collectives", "people"), [
    (["A.", "TẬP THỂ"], ["B.", "CÁ NHÂN"]), (["I. Tập thể", None], ["II. Cá nhân", None]),
    ([None, "Tập thể:"], [None, "Cá nhân:"]),
])
def test_rows_under_a_collectives_heading_are_collectives_matched_like_people(
        site: Project, tmp_path: Path, collectives: list[object], people: list[object],
        capsys: pytest.CaptureFixture[str]) -> None:
    rows = [["STT", "Họ và tên", "Đơn vị"], [*collectives, None],
            [1, "Phòng Thi đua – Khen thưởng", "VKSND tỉnh Bắc Ninh"], [2, "Phòng Tổ chức cán bộ", "vks-bac-ninh"],
            [*people, None], [1, "Nguyễn Văn Hùng", "VKSND TP HCM"]]
    annex = write_annex(tmp_path / "mixed.xlsx", rows)
    status, out, err = run(site, annex, *OPTIONS[:4], "--title", "bk-vien-truong", "--year", "2025", apply=True,
                           capsys=capsys)
    assert (status, err) == (0, "")
    table = [line.removeprefix("Phụ lục:").split() for line in out.splitlines() if line.startswith("Phụ lục:")]
    assert [line[:4] for line in table] == [
        ["3", "new", "honour", "phong-tdkt"], ["4", "new", "collective", "phong-to-chuc-can-bo"],
        ["6", "new", "honour", "nguyen-van-hung"]]
    assert (site.exemplars / "collectives/phong-tdkt.yml").read_text(encoding="utf-8").endswith(
        "  - title: bk-vien-truong\n    year: 2025\n    decision: 7/QĐ-VKSTC\n    date: 2026-01-15\n    roll: 1\n")
    assert (site.exemplars / "collectives/phong-to-chuc-can-bo.yml").is_file()
    assert not (site.exemplars / "people/phong-to-chuc-can-bo.yml").exists()


def test_a_title_for_the_other_kind_stays_an_error(site: Project, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    rows = [["STT", "Họ và tên", "Đơn vị"], ["A.", "TẬP THỂ", None], [1, "Phòng Thi đua – Khen thưởng", "vks-bac-ninh"],
            ["B.", "CÁ NHÂN", None], [1, "Nguyễn Văn Hùng", "VKSND TP HCM"]]
    annex = write_annex(tmp_path / "mixed.csv", rows)
    for title, row, kind in (("tap-the-ldxs", 5, "people"), ("cstd-nganh", 3, "collectives")):
        before = snapshot(site.exemplars)
        status, out, err = run(site, annex, *OPTIONS[:4], "--title", title, "--year", "2025", apply=True,
                               capsys=capsys)
        assert status == 1 and snapshot(site.exemplars) == before
        name = {"people": "Tập thể lao động xuất sắc",
                                   "collectives": "Chiến sĩ thi đua ngành Kiểm sát nhân dân"}[kind]
        assert err.splitlines()[0] == (f"{annex}:{row}: Họ và tên: {name!r} is not given to {kind}; check the "
                                       "title or the column the name is in")


def test_a_second_award_of_a_title_in_a_year_by_another_decision_is_another_honour(
        site: Project, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(site.exemplars, {"people/le-van-tam.yml": "name: Lê Văn Tám\nunit: vks-bac-ninh\nhonours:\n"
                           "  - title: bk-vien-truong\n    year: 2019\n"})
    rows = [["STT", "Họ và tên", "Đơn vị"], [1, "Nguyễn Văn Hùng", "VKSND TP HCM"]]
    annex = write_annex(tmp_path / "second.csv", rows)
    award = ("--title", "bk-vien-truong", "--year", "2019")
    status, out, err = run(site, annex, "--decision", "15/QĐ-VKSTC", "--date", "2020-05-04", *award, apply=True,
                           capsys=capsys)
    assert (status, err) == (0, "")
    assert lines_of(out, 2).split()[:4] == ["2", "new", "honour", "nguyen-van-hung"]
    catalogue, _ = checked_catalogue(load(site.exemplars))
    assert [(h.title, h.year, h.decision) for h in catalogue.people["nguyen-van-hung"].honours] == [
        ("bk-vien-truong", "2019", "964/QĐ-VKSTC"), ("bk-vien-truong", "2019", "15/QĐ-VKSTC")]
    for decision, date in (("15/QĐ-VKSTC", "2020-05-04"), ("964/QĐ-VKSTC", "2020-02-09")):
        status, out, err = run(site, annex, "--decision", decision, "--date", date, *award, apply=True, capsys=capsys)
        assert (status, err) == (0, "") and "0 new honour(s), 0 already recorded" not in out
        assert "1 already recorded" in out and "Nothing to write" in out
    annex = write_annex(tmp_path / "tam.csv", [["STT", "Họ và tên", "Đơn vị"], [1, "Lê Văn Tám", "vks-bac-ninh"]])
    status, out, err = run(site, annex, "--decision", "15/QĐ-VKSTC", "--date", "2020-05-04", *award, capsys=capsys)
    assert status == 1
    assert err.splitlines()[0] == (
        f"{annex}:2: le-van-tam holds bk-vien-truong for 2019 without a decision number (honours[0] in "
        f"{site.exemplars}/people/le-van-tam.yml): if it is this one, write 'decision: 15/QĐ-VKSTC' there; if not, "
        "write its own number; then import again")


def test_records_may_hold_a_title_twice_in_a_year_from_two_decisions(records: Path) -> None:
    honour = "  - title: cstd-nganh\n    year: 2020\n    decision: {}\n    date: 2021-01-14\n"
    write(records, {"people/a.yml": "name: A\nunit: vks-bac-ninh\nhonours:\n" + honour.format("1/QĐ-VKSTC")
                    + honour.format("2/QĐ-VKSTC")})
    assert check(load(records)) == []
    write(records, {"people/a.yml": "name: A\nunit: vks-bac-ninh\nhonours:\n" + honour.format("1/QĐ-VKSTC")
                    + honour.format("1/QĐ-VKSTC")})
    assert [str(p) for p in check(load(records))] == [
        f"{records}/people/a.yml:8: honours[1]: the same honour (cstd-nganh, 2020) is already listed as honours[0]; "
        "remove one"]


@pytest.mark.parametrize("closing", [
    "Danh sách này có 02 tập thể và 03 cá nhân./.", "Danh sách này có 03 cá nhân và 02 tập thể.",
    "Danh sách này có 2 tập thể, 3 cá nhân", "Danh sách này có 05 tập thể, cá nhân./.",
    "Danh sách gồm 02 (hai) tập thể và 03 (ba) cá nhân./.",
])
def test_the_closing_count_of_each_kind_is_read_and_checked(site: Project, tmp_path: Path, closing: str,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    rows = [["STT", "Tên tập thể, cá nhân", "Đơn vị"], ["A", "TẬP THỂ", None],
            [1, "Phòng Thi đua – Khen thưởng", "vks-bac-ninh"], [2, "Phòng Tổ chức cán bộ", "vks-bac-ninh"],
            ["B", "CÁ NHÂN", None], [1, "Nguyễn Văn Hùng", "VKSND TP HCM"], [2, "Trần Văn Ba", "vks-bac-ninh"],
            [3, "Lê Thị Tư", "vks-bac-ninh"], [closing, None, None]]
    options = (*OPTIONS[:4], "--title", "bk-vien-truong", "--year", "2025")
    annex = write_annex(tmp_path / "count.xlsx", rows)
    status, out, err = run(site, annex, *options, capsys=capsys)
    assert (status, err) == (0, ""), err
    rows[6:7] = []  # one person fewer than the line says
    annex = write_annex(tmp_path / "short.xlsx", rows)
    status, out, err = run(site, annex, *options, capsys=capsys)
    assert status == 1
    expected = ("the list says it has 5 but 4 numbered rows were read" if "05 tập thể, cá nhân" in closing
                else "the list says it has 3 people but 2 numbered rows of people were read")
    assert err.splitlines()[0] == (f"{annex}:Phụ lục:8: {expected}; look for a row without its number in the first "
                                   "column, or a row too many")
