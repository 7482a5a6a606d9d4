"""The initiatives index: one entry per initiative, co-authors together, grouped by year, searchable by facets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vinhdanh.project import Project
from vinhdanh.records.checks import checked_catalogue
from vinhdanh.records.load import load
from vinhdanh.views import initiatives
from vinhdanh.views.initiatives import gather
from vinhdanh.views.relations import Relations

from .conftest import write

RECORDS = {
    "people/a.yml": "name: Trần Văn A\nunit: vks-bac-ninh\ninitiatives:\n"
                    "  - {name: Sổ tay kiểm sát, year: 2024, level: co-so}\n"
                    "  - {name: Phần mềm quản lý án, year: 2022}\n",
    "people/b.yml": "name: Lê Thị B\nunit: vks-toi-cao\ninitiatives:\n"
                    "  - {name: 'sổ tay  kiểm sát', year: 2024, level: nganh}\n",
    "people/hidden.yml": "name: Ẩn\nunit: vks-toi-cao\npublished: false\ninitiatives:\n"
                         "  - {name: Sáng kiến bí mật, year: 2024, level: toan-quoc}\n",
    "collectives/phong.yml": "name: Phòng 7\nunit: vks-bac-ninh\ninitiatives:\n"
                             "  - {name: Sổ tay kiểm sát, year: 2023, level: toan-quoc}\n",
}


def rendered(records: Path) -> dict[str, object]:
    catalogue, _ = checked_catalogue(load(records))
    project = Project(records.parent, records, records.parent / "content", records.parent / "overrides")
    return {p.src_uri: p for p in project.renderer(catalogue).pages()}


def test_co_authors_make_one_initiative_at_the_highest_level_written(records: Path) -> None:
    write(records, RECORDS)
    catalogue, _ = checked_catalogue(load(records))
    entries = gather(Relations(catalogue))
    assert [(e.slug, e.name, e.year, e.level, [a.id for a in e.authors], e.units) for e in entries] == [
        ("so-tay-kiem-sat-2024", "Sổ tay kiểm sát", 2024, "nganh", ["a", "b"], ["vks-bac-ninh", "vks-toi-cao"]),
        ("so-tay-kiem-sat-2023", "Sổ tay kiểm sát", 2023, "toan-quoc", ["phong"], ["vks-bac-ninh"]),
        ("phan-mem-quan-ly-an-2022", "Phần mềm quản lý án", 2022, "", ["a"], ["vks-bac-ninh"]),
    ]


def test_index_groups_by_year_and_links_authors_and_units(records: Path) -> None:
    write(records, RECORDS)
    pages = rendered(records)
    index = pages["sang-kien/index.md"].inline()  # type: ignore[attr-defined]
    assert re.findall(r"^## Năm (\d+) \((\d+)\)", index, re.M) == [("2024", "1"), ("2023", "1"), ("2022", "1")]
    assert "3 sáng kiến của các tập thể, cá nhân điển hình: toàn quốc 1; cấp ngành 1; chưa ghi cấp 1." in index
    assert ('<a href="../ca-nhan/a/">Trần Văn A</a>, <a href="../ca-nhan/b/">Lê Thị B</a></td>'  # by given name
            '<td data-label="Đơn vị"><a href="../don-vi/vks-bac-ninh/">Viện kiểm sát nhân dân tỉnh Bắc Ninh</a>, '
            '<a href="../don-vi/vks-toi-cao/">VKSND tối cao</a>') in index
    assert "bí mật" not in "".join(p.inline() for p in pages.values())  # type: ignore[attr-defined]
    assert pages["sang-kien/index.md"].search_data == ""  # type: ignore[attr-defined]


def test_each_initiative_is_searchable_with_year_level_and_unit_facets(records: Path) -> None:
    write(records, RECORDS)
    page = rendered(records)["sang-kien/so-tay-kiem-sat-2024.md"]
    found = re.findall(r'data-pagefind-(filter|meta)="([^"]+)"', page.search_data)  # type: ignore[attr-defined]
    assert ("filter", "loai:Sáng kiến") in found and ("filter", "nam:2024") in found
    assert ("filter", "cap_sang_kien:Cấp ngành") in found
    assert ("filter", "don_vi:Viện kiểm sát nhân dân tỉnh Bắc Ninh") in found and ("filter", "don_vi:VKSND tối cao") in found


def test_a_long_index_is_cut_into_pages(records: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(records, RECORDS)
    monkeypatch.setattr(initiatives, "INITIATIVES_PER_PAGE", 1)
    pages = rendered(records)
    assert {"sang-kien/index.md", "sang-kien/2.md", "sang-kien/3.md"} <= set(pages)
    assert re.findall(r"^## Năm (\d+)", pages["sang-kien/2.md"].inline(), re.M) == ["2023"]  # type: ignore[attr-defined]


def test_an_empty_catalogue_says_so(records: Path) -> None:
    assert "Chưa có sáng kiến nào được công bố." in rendered(records)["sang-kien/index.md"].inline()  # type: ignore[attr-defined]
