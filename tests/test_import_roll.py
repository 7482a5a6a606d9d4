"""A decision's roll lists the honoured in the order of its annex, when the honours came from an import."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from vinhdanh.project import Project
from vinhdanh.records.checks import checked_catalogue
from vinhdanh.records.load import load
from vinhdanh.views.decisions import decisions_of, roll_csv
from vinhdanh.views.relations import Relations

from .annexes import write_annex
from .conftest import write
from .test_import import HUNG, UNITS, run


@pytest.fixture
def site(records: Path) -> Project:
    write(records, {"units.yml": UNITS, "people/nguyen-van-hung.yml": HUNG})
    return Project(records.parent, records, records.parent / "docs", records.parent / "overrides")


def test_the_roll_and_its_csv_keep_the_annex_s_order(site: Project, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    rows = [["STT", "Tên tập thể, cá nhân", "Đơn vị"], ["A", "CÁ NHÂN", None],
            [1, "Trần Văn Xuân", "vks-bac-ninh"], [2, "Nguyễn Văn Hùng", "VKSND TP HCM"], [3, "Lê Văn An", "vks-hcm"],
            ["B", "TẬP THỂ", None], [1, "Phòng Tổ chức cán bộ", "vks-bac-ninh"],
            [2, "Phòng Thi đua – Khen thưởng", "vks-bac-ninh"]]
    annex = write_annex(tmp_path / "qd.xlsx", rows)
    status, _, err = run(site, annex, "--decision", "7/QĐ-VKSTC", "--date", "2026-01-15", "--title", "bk-vien-truong",
                         "--year", "2025", apply=True, capsys=capsys)
    assert (status, err) == (0, "")
    # An honour of the same decision written by hand, without a place in the list: after the annex's.
    write(site.exemplars, {"people/bui-van-ba.yml": "name: Bùi Văn Ba\nunit: vks-bac-ninh\nhonours:\n"
                           "  - {title: bk-vien-truong, year: 2025, decision: 7/QĐ-VKSTC, date: 2026-01-15}\n"})
    catalogue, _ = checked_catalogue(load(site.exemplars))
    rel = Relations(catalogue)
    decision = next(d for d in decisions_of(rel) if d.number == "7/QĐ-VKSTC")
    assert [(kind, [a.exemplar.name for a in awards]) for _, kinds in decision.roll() for kind, awards in kinds] == [
        ("person", ["Trần Văn Xuân", "Nguyễn Văn Hùng", "Lê Văn An", "Bùi Văn Ba"]),
        ("collective", ["Phòng Tổ chức cán bộ", "Phòng Thi đua – Khen thưởng"])]
    rows = list(csv.reader(io.StringIO(roll_csv(rel, decision).decode("utf-8-sig"))))
    assert [row[:2] for row in rows[1:]] == [
        ["1", "Trần Văn Xuân"], ["2", "Nguyễn Văn Hùng"], ["3", "Lê Văn An"], ["4", "Bùi Văn Ba"],
        ["5", "Phòng Tổ chức cán bộ"], ["6", "Phòng Thi đua – Khen thưởng"]]
