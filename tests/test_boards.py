"""Honour boards: each year's highest honours, people before collectives, by rank then name."""

from __future__ import annotations

import re
from pathlib import Path

from vinhdanh.project import Project
from vinhdanh.records.checks import checked_catalogue
from vinhdanh.records.load import load
from vinhdanh.views import boards

from .conftest import TITLES as FIXTURE_TITLES
from .conftest import write

TITLES = FIXTURE_TITLES + """\
- {id: hc, name: Huân chương Lao động hạng Ba, kind: award, for: both, level: nha-nuoc, rank: 300}
- {id: cstd, name: Chiến sĩ thi đua ngành, kind: title, for: individual, level: nganh, rank: 120}
- {id: bk, name: Bằng khen ngành, kind: award, for: both, level: nganh, rank: 100}
- {id: ldtt, name: Lao động tiên tiến, kind: title, for: individual, level: co-so, rank: 10}
"""
RECORDS = {
    "titles.yml": TITLES,
    "people/an.yml": "name: Lê Văn An\nposition: Kiểm sát viên\nunit: vks-bac-ninh\nhonours:\n"
                     "  - {title: bk, year: 2025}\n  - {title: cstd, year: 2025, position: Kiểm tra viên}\n",
    "people/binh.yml": "name: Trần Thị Bình\nunit: vks-toi-cao\nhonours:\n  - {title: bk, year: 2025}\n",
    "people/chi.yml": "name: Phạm Chi\nunit: vks-toi-cao\nhonours:\n  - {title: ldtt, year: 2025}\n"
                      "  - {title: hc, year: 2024}\n",
    "collectives/phong.yml": "name: Phòng 1\nunit: vks-bac-ninh\nhonours:\n  - {title: hc, year: 2025}\n",
}


def rendered(records: Path) -> dict[str, str]:
    catalogue, _ = checked_catalogue(load(records))
    project = Project(records.parent, records, records.parent / "content", records.parent / "overrides")
    return {p.src_uri: p.inline() for p in project.renderer(catalogue).pages()}


def cards(page: str) -> list[tuple[str, str]]:
    """Return (name, title) of each card, in order."""
    return re.findall(r'class="vd-board__name" href="[^"]+">([^<]+)</a>.*?class="vd-board__honour"><a [^>]+>([^<]+)<',
                      page, re.S)


def test_a_year_shows_each_exemplar_once_with_its_highest_honour_people_first(records: Path) -> None:
    write(records, RECORDS)
    pages = rendered(records)
    page = pages["bang-vang/2025.md"]
    assert cards(page) == [("Lê Văn An", "Chiến sĩ thi đua ngành"), ("Trần Thị Bình", "Bằng khen ngành"),
                           ("Phòng 1", "Huân chương Lao động hạng Ba")]
    assert page.index("## Cá nhân (2)") < page.index("## Tập thể (1)")
    assert "Kiểm tra viên" in page  # the position at the time of the honour
    assert "Phạm Chi" not in page  # a grassroots title only
    assert '<span class="vd-board__photo vd-board__photo--none" aria-hidden="true">A</span>' in page
    assert cards(pages["bang-vang/2024.md"]) == [("Phạm Chi", "Huân chương Lao động hạng Ba")]
    assert cards(pages["bang-vang/2020.md"]) == [("Nguyễn Thị Thu Hà", "Chiến sĩ thi đua ngành Kiểm sát nhân dân")]
    index = pages["bang-vang/index.md"]
    assert index.index("bang-vang/2025/") < index.index("bang-vang/2024/")


def test_a_long_board_is_cut_into_pages(records: Path, monkeypatch: object) -> None:
    write(records, RECORDS)
    monkeypatch.setattr(boards, "CARDS_PER_PAGE", 1)  # type: ignore[attr-defined]
    pages = rendered(records)
    assert [cards(pages[uri]) for uri in ("bang-vang/2025.md", "bang-vang/2025/2.md", "bang-vang/2025/3.md")] == [
        [("Lê Văn An", "Chiến sĩ thi đua ngành")], [("Trần Thị Bình", "Bằng khen ngành")],
        [("Phòng 1", "Huân chương Lao động hạng Ba")]]


def test_no_board_without_high_honours(records: Path) -> None:
    pages = rendered(records)
    assert "Chưa có khen thưởng cấp ngành trở lên nào được công bố." not in pages["bang-vang/index.md"]
    assert "bang-vang/2020.md" in pages  # the fixture's cstd-nganh is sector level; its collective's title is not
    write(records, {"people/nguyen-thi-thu-ha.yml": "name: Nguyễn Thị Thu Hà\nunit: vks-bac-ninh\n",
                    "collectives/phong-tdkt.yml": "name: Phòng\nunit: vks-bac-ninh\n"})
    assert "Chưa có khen thưởng cấp ngành trở lên nào được công bố." in rendered(records)["bang-vang/index.md"]


def test_a_year_of_more_than_sixty_portraits_takes_several_pages(records: Path) -> None:
    many = {f"people/p{n:03}.yml": f"name: Nguyễn Văn P{n:03}\nunit: vks-bac-ninh\nhonours:\n  - {{title: bk, year: 2025}}\n"
            for n in range(boards.CARDS_PER_PAGE + 5)}
    write(records, {**RECORDS, **many})
    pages = rendered(records)
    assert boards.CARDS_PER_PAGE <= 60  # 300 portraits on a page were too many to look through
    assert [len(cards(pages[uri])) for uri in ("bang-vang/2025.md", "bang-vang/2025/2.md", "bang-vang/2025/3.md")] == [
        boards.CARDS_PER_PAGE, 5 + 2, 1]  # people, the rest of them, the collective
    assert 'rel="next"' in pages["bang-vang/2025.md"] and 'rel="prev"' in pages["bang-vang/2025/2.md"]
