"""Public nominations: read and checked like any record, shown while open, archived after, never an honour."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from vinhdanh.project import Project
from vinhdanh.records.checks import checked_catalogue
from vinhdanh.records.load import load
from vinhdanh.records.nominations import earliest_deadline, visible, working_days

from .conftest import write
from .test_load import problems_in
from .test_pages import GOLDEN

NOTICE = """\
title: Lấy ý kiến về đề nghị tặng Bằng khen năm 2026
award: bk-vien-truong
posted: 2026-11-20
deadline: 2026-12-04
council: Hội đồng Thi đua – Khen thưởng
contact: Vụ Thi đua – Khen thưởng
nominees:
  - person: nguyen-thi-thu-ha
  - name: Lò Văn Pá
    position: Kiểm sát viên trung cấp
    unit: vks-bac-ninh
    achievements: |
      Hai lần đạt *Chiến sĩ thi đua ngành*.
"""


def vn(day: str, hour: int = 12) -> dt.datetime:
    """Return a moment of a day in Vietnam, given in UTC as a server would see it."""
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=dt.UTC) - dt.timedelta(hours=7)


def test_a_notice_is_read_into_a_nomination(records: Path) -> None:
    write(records, {"nominations/bk-2026.yml": NOTICE})
    catalogue, warnings = checked_catalogue(load(records))
    notice = catalogue.nominations["bk-2026"]
    assert (notice.award, notice.posted, notice.deadline) == ("bk-vien-truong", dt.date(2026, 11, 20),
                                                              dt.date(2026, 12, 4))
    assert [n.person or n.name for n in notice.nominees] == ["nguyen-thi-thu-ha", "Lò Văn Pá"]
    assert warnings == []
    assert catalogue.summary().endswith(", 1 nominations")


def test_every_problem_of_a_notice_is_reported_at_its_line(records: Path) -> None:
    write(records, {"collectives/hidden.yml": "name: Ẩn\nunit: vks-bac-ninh\npublished: false\n",
                    "nominations/Bad Notice.yml": """\
        title: x
        award: bk-vien-truongg
        posted: 2026-12-04
        deadline: 2026-11-20
        nominees:
          - person: nguyen-thi-thu-haa
          - name: Lò Văn Pá
          - person: a
            name: b
          - collective: hidden
          - name: C
            unit: vks-bac-ninhh
            achievements: <script>alert(1)</script>
        """})
    path = "exemplars/nominations/Bad Notice.yml"
    assert problems_in(records) == [
        f"{path}: the file name is the id and must be lowercase letters, digits and '-'; rename it to "
        "bad-notice.yml",
        f"{path}:2: award: no title with id 'bk-vien-truongg' in titles.yml (did you mean 'bk-vien-truong'?); "
        "add it there or fix the id",
        f"{path}:4: deadline: the deadline (20/11/2026) must come after the day the notice is posted (04/12/2026); "
        "fix one of the dates",
        f"{path}:6: nominees[0].person: no person with id 'nguyen-thi-thu-haa' in people/ (did you mean "
        "'nguyen-thi-thu-ha'?); fix the id, or write the nominee with 'name' and 'unit'",
        f"{path}:7: nominees[1]: a nominee given by name needs 'unit', the id of the unit in units.yml",
        f"{path}:8: nominees[2]: a nominee needs exactly one of 'person' (an id in people/), 'collective' (an id "
        "in collectives/) or 'name' (someone without a record); got person, name",
        f"{path}:10: nominees[3].collective: 'hidden' is not published (published: false), so the notice could "
        "not show it; publish the record or write the nominee with 'name'",
        f"{path}:12: nominees[4].unit: no unit with id 'vks-bac-ninhh' in units.yml (did you mean "
        "'vks-bac-ninh'?); add it there or fix the id",
        f"{path}:14: nominees[4].achievements: <script> is not allowed in Markdown here; remove it",
    ]


def test_missing_keys_and_a_title_for_the_wrong_kind(records: Path) -> None:
    write(records, {"nominations/n.yml": "title: x\naward: tap-the-ldxs\nnominees:\n  - person: nguyen-thi-thu-ha\n"})
    assert problems_in(records) == [
        "exemplars/nominations/n.yml:1: missing required key 'posted'",
        "exemplars/nominations/n.yml:1: missing required key 'deadline'",
    ]
    write(records, {"nominations/n.yml": NOTICE.replace("bk-vien-truong", "tap-the-ldxs")})
    assert problems_in(records) == [
        "exemplars/nominations/n.yml:8: nominees[0].person: 'Tập thể lao động xuất sắc' is given only to "
        "collectives; check the award or the nominee",
    ]


def test_fewer_than_ten_working_days_is_a_warning(records: Path) -> None:
    write(records, {"nominations/n.yml": NOTICE.replace("2026-12-04", "2026-12-03")})
    assert problems_in(records) == [
        "warning: exemplars/nominations/n.yml:4: deadline: only 9 working day(s) from 20/11/2026 to 03/12/2026; "
        "allow at least 10 for comments (the earliest such deadline is 04/12/2026)",
    ]


def test_working_days_count_mondays_to_fridays_after_posting() -> None:
    assert working_days(dt.date(2026, 11, 20), dt.date(2026, 12, 4)) == 10  # Friday to Friday, two weeks
    assert working_days(dt.date(2026, 11, 21), dt.date(2026, 11, 22)) == 0  # a weekend
    assert working_days(dt.date(2026, 11, 27), dt.date(2026, 11, 30)) == 1
    assert earliest_deadline(dt.date(2026, 11, 21)) == dt.date(2026, 12, 4)


@pytest.mark.parametrize(("moment", "status"), [
    (vn("2026-11-19", 23), "upcoming"), (vn("2026-11-20", 0), "open"), (vn("2026-12-04", 23), "open"),
    (vn("2026-12-05", 0), "closed"),
])
def test_open_from_the_day_posted_to_the_end_of_the_deadline_in_vietnam(records: Path, moment: dt.datetime,
                                                                        status: str) -> None:
    write(records, {"nominations/n.yml": NOTICE})
    catalogue, _ = checked_catalogue(load(records))
    open_, closed = visible(catalogue, moment)
    assert ("open" if open_ else "closed" if closed else "upcoming") == status


def pages_at(records: Path, moment: dt.datetime) -> dict[str, str]:
    catalogue, _ = checked_catalogue(load(records))
    project = Project(records.parent, records, records.parent / "content", records.parent / "overrides")
    return {p.src_uri: p.inline() for p in project.renderer(catalogue, moment).pages()}


def test_open_notice_is_on_the_home_page_then_archived_and_never_an_honour(records: Path) -> None:
    write(records, {"nominations/n.yml": NOTICE, "nominations/later.yml": NOTICE.replace("2026-11-20", "2026-12-10").replace("2026-12-04", "2026-12-31")
                    .replace("Bằng khen năm 2026", "Thông báo chưa đăng")})
    before = pages_at(records, vn("2026-11-28"))
    assert "lay-y-kien/n/" in before["index.md"] and "đến hết ngày <strong>04/12/2026</strong>" in before["index.md"]
    assert "Đang lấy ý kiến</strong> từ ngày 20/11/2026" in before["lay-y-kien/n.md"]
    assert "Lò Văn Pá" in before["lay-y-kien/n.md"] and "<em>" not in before["lay-y-kien/n.md"]
    index = before["lay-y-kien/index.md"]
    assert index.index("lay-y-kien/n/") < index.index("## Đã hết hạn") and "Chưa có thông báo nào hết hạn" in index
    after = pages_at(records, vn("2026-12-05"))
    assert "lay-y-kien" not in after["index.md"]
    assert after["lay-y-kien/index.md"].index("## Đã hết hạn") < after["lay-y-kien/index.md"].index("lay-y-kien/n/")
    assert "Đã hết hạn lấy ý kiến</strong>" in after["lay-y-kien/n.md"]
    for pages in (before, after):
        assert "lay-y-kien/later.md" not in pages  # not posted yet: nowhere
        assert not any("Thông báo chưa đăng" in text for text in pages.values())
        others = {uri: text for uri, text in pages.items() if not uri.startswith("lay-y-kien/") and uri != "index.md"}
        assert not any("Lò Văn Pá" in text or "Lấy ý kiến" in text for text in others.values())


@pytest.mark.parametrize("uri", ["lay-y-kien/index.md", "lay-y-kien/n.md", "index.md"])
def test_notice_pages_match_golden(records: Path, uri: str) -> None:
    write(records, {"nominations/n.yml": NOTICE, "nominations/old.yml": NOTICE.replace("2026-11-20", "2025-11-20")
                    .replace("2026-12-04", "2025-12-04").replace("năm 2026", "năm 2025")})
    page = pages_at(records, vn("2026-11-28"))[uri]
    golden = GOLDEN / ("nominations__" + uri.replace("/", "__"))
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(page, encoding="utf-8")
    assert page == golden.read_text(encoding="utf-8")
