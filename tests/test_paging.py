"""Long lists are cut into pages, each exemplar two clicks from its index; short lists stay whole."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

from vinhdanh.views.paging import Group, cut, span_label

from .browser import served
from .sitebuild import ROOT, broken_links, build_site, copy_project


def test_cut_keeps_groups_whole_and_cuts_big_ones() -> None:
    groups = [(2025, list(range(3))), (2024, list(range(4))), (2023, list(range(12))), (2022, [1])]
    pages = cut(groups, 5)
    assert [[(g.key, len(g.items), g.part) for g in page] for page in pages] == [
        [(2025, 3, 0)], [(2024, 4, 0)], [(2023, 5, 1)], [(2023, 5, 2)], [(2023, 2, 3)], [(2022, 1, 0)]]
    assert [span_label(p, lambda y: f"Năm {y}") for p in pages] == [
        "Năm 2025", "Năm 2024", "Năm 2023 (phần 1)", "Năm 2023 (phần 2)", "Năm 2023 (phần 3)", "Năm 2022"]
    assert span_label([Group(2025, [1]), Group(2024, [2])], str) == "2025 – 2024"
    assert cut([], 5) == [[]]


@pytest.fixture(scope="module")
def small_pages_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 150-person catalogue built with pages of at most 25 names and 20 honours."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from gen_catalogue import synthetic_catalogue

    root = tmp_path_factory.mktemp("paging")
    records = root / "records"
    synthetic_catalogue(records, 150, 20)
    for name in ("titles.yml", "movements.yml"):
        (records / name).write_bytes((ROOT / "exemplars" / name).read_bytes())
    (root / "p").mkdir()
    project = copy_project(root / "p", records)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("vinhdanh.views.pages.NAMES_PER_PAGE", 25)
        patch.setattr("vinhdanh.views.pages.ROWS_PER_PAGE", 20)
        return build_site(project)


def links(page: Path) -> set[Path]:
    """Return the pages a page links to, as files."""
    out = set()
    for target in re.findall(r'href="([^"#]+)', page.read_text(encoding="utf-8")):
        if ":" not in target and not target.endswith((".css", ".js", ".xml", ".svg")):  # no http:, mailto:, tel:
            path = (page.parent / target).resolve()
            out.add(path / "index.html" if path.is_dir() else path)
    return out


def test_every_exemplar_is_two_clicks_from_its_a_to_z(small_pages_site: Path) -> None:
    site = small_pages_site
    for section in ("ca-nhan", "tap-the"):
        index = site / section / "index.html"
        reached = set().union(*(links(p) for p in links(index) | {index}))
        profiles = {p for p in (site / section).glob("*/index.html") if p.parent.name not in ("chu-cai",)}
        assert profiles and profiles <= reached, section
    assert (site / "ca-nhan/chu-cai").is_dir() and not (site / "tap-the/chu-cai").exists()  # 20 collectives: one page


def test_long_honour_lists_are_paged_with_counts(small_pages_site: Path) -> None:
    site = small_pages_site
    first = (site / "danh-hieu/cstd-co-so/index.html").read_text(encoding="utf-8")
    assert 'class="vd-pager"' in first
    assert re.search(r'aria-current="page"><span class="vd-pager__number"><span class="vd-visually-hidden">Trang </span>1'
                     r'</span> <span class="vd-pager__label">Năm ', first)
    assert (site / "danh-hieu/cstd-co-so/2/index.html").exists()
    for page in site.glob("danh-hieu/*/**/index.html"):
        html = page.read_text(encoding="utf-8")
        assert html.count("<tr>") - html.count("<thead") <= 20, page
    assert broken_links(site) == []


def test_the_pager_marks_the_page_and_steps_back_and_forth(small_pages_site: Path, browser: Any) -> None:
    with served(small_pages_site) as base:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(base + "danh-hieu/cstd-co-so/2/")
        pager = page.get_by_role("navigation", name="Các trang của danh sách", exact=True)
        assert pager.get_by_role("link", name="Trang 2 Năm 2023").get_attribute("aria-current") == "page"
        assert page.get_by_role("navigation", name="Các trang của danh sách, cuối danh sách").count() == 1
        for link in pager.get_by_role("link").all():  # large enough for a finger
            assert link.bounding_box()["height"] >= 44
        previous, following = pager.locator("a[rel=prev]"), pager.locator("a[rel=next]")
        assert previous.text_content() == "‹ Trang trước: Năm 2025 – Năm 2024"  # what it is, for screen readers too
        assert following.text_content() == "Trang sau: Năm 2021 ›"
        previous.focus()  # by keyboard: Enter follows the link
        page.keyboard.press("Enter")
        page.wait_for_url("**/danh-hieu/cstd-co-so/")
        pager = page.get_by_role("navigation", name="Các trang của danh sách", exact=True)
        assert pager.locator("a[rel=prev]").count() == 0 and pager.locator("a[rel=next]").count() == 1
        page.close()
