from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from vinhdanh.records.checks import check, checked_catalogue
from vinhdanh.records.load import load
from vinhdanh.records.problems import CatalogueError

from .conftest import PERSON, write


def problems_in(root: Path) -> list[str]:
    """Return every problem as printed, with paths relative to root's parent."""
    base = str(root.parent) + "/"
    return [("warning: " if p.warning else "") + str(p).replace(base, "") for p in check(load(root))]


def test_valid_catalogue_loads_into_typed_records(records: Path) -> None:
    catalogue, warnings = checked_catalogue(load(records))
    person = catalogue.people["nguyen-thi-thu-ha"]
    assert person.name == "Nguyễn Thị Thu Hà"
    assert person.honours[0].date == dt.date(2021, 1, 14)
    assert person.honours[0].year == "2020"
    assert person.private == {"phone": "0912 345 678"}
    assert catalogue.collectives["phong-tdkt"].members == ("nguyen-thi-thu-ha",)
    assert catalogue.units["vks-bac-giang"].successor == "vks-bac-ninh"
    assert catalogue.summary() == "3 units, 3 titles, 1 movements, 1 people, 1 collectives, 2 honours"
    assert warnings == []


def test_strings_are_nfc_and_eth_is_d_stroke(records: Path) -> None:
    decomposed = unicodedata.normalize("NFD", PERSON.replace("Nguyễn Thị Thu Hà", "Ðặng Thị Thuý"))
    (records / "people/nguyen-thi-thu-ha.yml").write_text(decomposed, encoding="utf-8")
    person = load(records).catalogue.people["nguyen-thi-thu-ha"]
    assert person.name == "Đặng Thị Thuý"
    assert unicodedata.is_normalized("NFC", person.position)


def mistake(records: Path, old: str, new: str, file: str = "people/nguyen-thi-thu-ha.yml") -> list[str]:
    path = records / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return problems_in(records)


P = "exemplars/people/nguyen-thi-thu-ha.yml"
NEXT = dt.date.today().year + 1


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("position:", "postion:",
     f"{P}:2: postion: unknown key (did you mean 'position'?); allowed: name, unit, photo, photo_credit, summary, "
     "honours, initiatives, story, published, private, family_name, given_name, position"),
    ("name: Nguyễn Thị Thu Hà\n", "", f"{P}:1: missing required key 'name'"),
    ("summary: Hoàn thành xuất sắc nhiệm vụ.", "summary: [a, b]", f"{P}:4: summary: expected text, got a list"),
    ("date: 2021-01-14", "date: 2021-02-30",
     f"{P}:9: honours[0].date: no such day: '2021-02-30'; check the day and month"),
    ("date: 2021-01-14", "date: 14/01/2021",
     f"{P}:9: honours[0].date: expected a date like 2021-01-14 (year-month-day), got '14/01/2021'"),
    ("year: 2020", "year: 20x0",
     f"{P}:7: honours[0].year: expected a year like 2020 (from 1945 to {dt.date.today().year + 1}), got '20x0'"),
    ("year: 2020", "year: 1930",
     f"{P}:7: honours[0].year: expected a year like 2020 (from 1945 to {dt.date.today().year + 1}), got 1930"),
    ("year: 2020", "year: 2020-2016",
     f"{P}:7: honours[0].year: expected a period like '2016-2020' (first year earlier, both from 1945), "
     "got '2020-2016'"),
    ("unit: vks-bac-ninh", "unit: VKS Bắc Ninh",
     f"{P}:3: unit: expected an id of lowercase letters, digits and '-', got 'VKS Bắc Ninh'; write 'vks-bac-ninh'"),
    ("unit: vks-bac-ninh", "unit: vks-bac-nin",
     f"{P}:3: unit: no unit with id 'vks-bac-nin' in units.yml (did you mean 'vks-bac-ninh'?); "
     "add it there or fix the id"),
    ("title: cstd-nganh", "title: cstd-ngnah",
     f"{P}:6: honours[0].title: no title with id 'cstd-ngnah' in titles.yml (did you mean 'cstd-nganh'?); "
     "add it there or fix the id"),
    ("movement: thi-dua-2020", "movement: thi-dua-2021",
     f"{P}:11: honours[0].movement: no movement with id 'thi-dua-2021' in movements.yml "
     "(did you mean 'thi-dua-2020'?); add it there or fix the id"),
    ("title: cstd-nganh", "title: tap-the-ldxs",
     f"{P}:6: honours[0].title: 'Tập thể lao động xuất sắc' is given only to collectives; "
     "check the title id or the record's folder (people/ or collectives/)"),
    ("summary: Hoàn thành xuất sắc nhiệm vụ.", "summary: Hoàn thành: xuất sắc",
     f"{P}:4: invalid YAML: mapping values are not allowed in this context; put text containing ': ' in quotes"),
    ("private:", "published: maybe\nprivate:", f"{P}:12: published: expected true or false, got 'maybe'"),
    ("movement: thi-dua-2020\n", "movement: thi-dua-2020\n  - title: cstd-nganh\n    year: 2020\n",
     f"{P}:12: honours[1]: the same honour (cstd-nganh, 2020) is already listed as honours[0]; remove one"),
    ("position:", "name: Lê Hà\nposition:", f"{P}:2: name: key written twice; keep one"),
])
def test_each_mistake_is_reported_with_line_and_fix(records: Path, old: str, new: str, expected: str) -> None:
    assert mistake(records, old, new) == [expected]


def test_collective_only_the_reverse_and_missing_member(records: Path) -> None:
    file = "collectives/phong-tdkt.yml"
    mistake(records, "title: tap-the-ldxs", "title: cstd-nganh", file)
    assert mistake(records, "[nguyen-thi-thu-ha]", "[nguyen-thi-thu-ha, tran-van-a]", file) == [
        "exemplars/collectives/phong-tdkt.yml:3: members[1]: no person with id 'tran-van-a' in people/; "
        "add it there or fix the id",
        "exemplars/collectives/phong-tdkt.yml:5: honours[0].title: 'Chiến sĩ thi đua ngành Kiểm sát nhân dân' is "
        "given only to individuals; check the title id or the record's folder (people/ or collectives/)",
    ]


def test_file_name_must_be_an_id(records: Path) -> None:
    write(records, {"people/Nguyễn Văn Đức.yml": "name: Nguyễn Văn Đức\nunit: vks-bac-ninh\n"})
    assert problems_in(records) == [
        "exemplars/people/Nguyễn Văn Đức.yml: the file name is the id and must be lowercase letters, digits and "
        "'-'; rename it to nguyen-van-duc.yml",
    ]


def test_unit_tree_duplicates_cycles_and_references(records: Path) -> None:
    (records / "units.yml").write_text(
        "- id: a\n  name: A\n  parent: b\n- id: b\n  name: B\n  parent: a\n"
        "- id: a\n  name: A again\n- id: c\n  name: C\n  parent: zz\n  successor: a\n",
        encoding="utf-8")
    (records / "people").joinpath("nguyen-thi-thu-ha.yml").unlink()
    (records / "collectives").joinpath("phong-tdkt.yml").unlink()
    assert problems_in(records) == [
        "exemplars/units.yml:3: parent: the unit tree loops: a → b → a; one of these parents is wrong",
        "exemplars/units.yml:6: parent: the unit tree loops: b → a → b; one of these parents is wrong",
        "exemplars/units.yml:7: [2].id: duplicate id 'a', first used at line 1; give each record its own id",
        "exemplars/units.yml:11: [3].parent: no unit with id 'zz' in units.yml; add it there or fix the id",
        "exemplars/units.yml:12: successor: a unit with a successor needs 'valid_to', the day it was dissolved",
    ]


def test_dissolved_current_unit_is_a_warning(records: Path) -> None:
    problems = mistake(records, "unit: vks-bac-ninh", "unit: vks-bac-giang")
    assert problems == [
        f"warning: {P}:3: unit: 'vks-bac-giang' was dissolved on 30/06/2025 but is still given as the current "
        "unit; its successor is 'vks-bac-ninh' (keep the old one in honours[].unit)",
    ]
    catalogue, warnings = checked_catalogue(load(records))
    assert len(warnings) == 1 and catalogue.people


def test_a_dozen_mistakes_all_reported_in_one_run(records: Path) -> None:
    write(records, {"people/le-van-a.yml": """\
        name: Lê Văn A
        postion: Kiểm tra viên
        unit: vks-khong-co
        honours:
          - title: tap-the-ldxs
            year: 20x0
            date: 2021-02-30
          - title: khong-co
            year: 2019
            movement: khong-co
        initiatives:
          - name: Số hóa hồ sơ
            year: 1900
            level: tinh
        published: có
        """, "people/broken.yml": "name: [unclosed\n", "collectives/bad.yml": "- just a list\n"})
    assert problems_in(records) == [
        "exemplars/collectives/bad.yml:1: expected a record (lines of 'key: value'), got a list",
        "exemplars/people/broken.yml:1: invalid YAML: the '[' after 'name:' opens a list that is never closed "
        "(the file ends before it is closed); end the list with ']', or put the whole value in quotes if it is text",
        "exemplars/people/le-van-a.yml:2: postion: unknown key (did you mean 'position'?); allowed: name, unit, photo, photo_credit, summary, honours, initiatives, story, published, private, family_name, given_name, position",
        "exemplars/people/le-van-a.yml:3: unit: no unit with id 'vks-khong-co' in units.yml (did you mean 'vks-toi-cao'?); add it there or fix the id",
        "exemplars/people/le-van-a.yml:5: honours[0].title: 'Tập thể lao động xuất sắc' is given only to collectives; check the title id or the record's folder (people/ or collectives/)",
        f"exemplars/people/le-van-a.yml:6: honours[0].year: expected a year like 2020 (from 1945 to {NEXT}), got '20x0'",
        "exemplars/people/le-van-a.yml:7: honours[0].date: no such day: '2021-02-30'; check the day and month",
        "exemplars/people/le-van-a.yml:8: honours[1].title: no title with id 'khong-co' in titles.yml; add it there or fix the id",
        "exemplars/people/le-van-a.yml:10: honours[1].movement: no movement with id 'khong-co' in movements.yml; add it there or fix the id",
        f'exemplars/people/le-van-a.yml:13: initiatives[0].year: expected a year like 2020 (from 1945 to {NEXT}), got 1900',
        "exemplars/people/le-van-a.yml:14: initiatives[0].level: expected one of co-so, nganh, toan-quoc, got 'tinh'",
        "exemplars/people/le-van-a.yml:15: published: expected true or false, got 'có'",
    ]
    with pytest.raises(CatalogueError) as caught:
        checked_catalogue(load(records))
    assert len(caught.value.problems) == 12


def test_missing_folder_is_one_clear_problem(tmp_path: Path) -> None:
    assert [str(p) for p in check(load(tmp_path / "nowhere"))] == [
        f"{tmp_path}/nowhere: folder not found; create it or set the plugin's 'exemplars' option",
    ]


def test_photo_outside_the_records_or_missing(records: Path) -> None:
    assert mistake(records, "summary:", "photo: ../../etc/passwd\nsummary:") == [
        f"{P}:4: photo: '../../etc/passwd' is outside exemplars/; put the photo under exemplars/photos/",
    ]
    assert mistake(records, "photo: ../../etc/passwd", "photo: photos/ha.jpg") == [
        f"{P}:4: photo: file not found: exemplars/photos/ha.jpg; the path is relative to exemplars/",
    ]


def test_not_utf8(records: Path) -> None:
    (records / "people/nguyen-thi-thu-ha.yml").write_bytes("name: Hà\nunit: x\n".encode("utf-16"))
    assert problems_in(records)[0] == f"{P}:1: the file is not UTF-8; save it as 'UTF-8' in the editor"


def test_a_decision_with_two_dates_or_issuers_in_one_year_is_reported_where_it_differs(records: Path) -> None:
    write(records, {
        "people/le-van-an.yml": """\
            name: Lê Văn An
            unit: vks-bac-ninh
            honours:
              - title: bk-vien-truong
                year: 2020
                decision: 123/QĐ-VKSTC
                date: 2021-01-15
                by: Viện trưởng Viện kiểm sát nhân dân tối cao
              - title: cstd-nganh
                year: 2020
                decision: 123/QD-VKSTC
                date: 2021-01-14
                by: Chủ tịch nước
            """,
        "people/tran-van-binh.yml": """\
            name: Trần Văn Bình
            unit: vks-bac-ninh
            honours:
              - {title: cstd-nganh, year: 2020, decision: 123/QĐ-VKSTC, date: 2021-01-14, by: Viện trưởng VKSND tối cao}
              - {title: bk-vien-truong, year: 2021, decision: 123/QĐ-VKSTC, date: 2022-03-01}
            """,
    })
    assert [p for p in problems_in(records) if "decision" in p] == [
        "exemplars/people/le-van-an.yml:7: honours[0].date: decision 123/QĐ-VKSTC is dated '14/01/2021' in 3 "
        "honour(s) (first at exemplars/people/le-van-an.yml:12) but '15/01/2021' here; one of them is wrong: "
        "correct the date or the number",
        "exemplars/people/le-van-an.yml:13: honours[1].by: decision 123/QD-VKSTC is issued by 'Viện trưởng Viện "
        "kiểm sát nhân dân tối cao' in 2 honour(s) (first at exemplars/people/le-van-an.yml:8) but 'Chủ tịch nước' "
        "here; one of them is wrong: correct the issuer or the number",
    ]
