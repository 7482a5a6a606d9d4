"""Printing, checked in Chromium's print-to-PDF: profiles on at most two A4 pages, lists as tables, boards as posters."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

A4_PORTRAIT = rb"/MediaBox \[0 0 59[45]\.\d+ 841\.\d+\]"
A4_LANDSCAPE = rb"/MediaBox \[0 0 841\.\d+ 59[45]\.\d+\]"


@pytest.fixture(scope="module")
def page(browser: Any, site_url: str) -> Iterator[Any]:
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    yield tab
    tab.close()


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_every_profile_prints_on_one_or_two_a4_pages(page: Any, site_url: str, demo_site: Path) -> None:
    profiles = sorted(p.parent.relative_to(demo_site).as_posix()
                      for section in ("ca-nhan", "tap-the") for p in (demo_site / section).glob("*/index.html")
                      if p.parent.name != "chu-cai")
    assert len(profiles) > 40
    for profile in profiles:
        page.goto(f"{site_url}{profile}/")
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
        assert re.search(A4_PORTRAIT, pdf) and 1 <= pdf_pages(pdf) <= 2, profile


def test_a_printed_profile_is_its_content_alone_with_the_honours_table_whole(page: Any, site_url: str) -> None:
    page.goto(site_url + "ca-nhan/ngo-quang-vinh/")
    page.emulate_media(media="print")
    try:
        for hidden in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
                       ".vd-search-box", ".md-search"):
            assert all(not element.is_visible() for element in page.locator(hidden).all()), hidden
        table = page.locator("table.vd-honours").first
        assert table.evaluate("t => getComputedStyle(t).breakInside") == "avoid"
        assert table.locator("td").first.evaluate("td => getComputedStyle(td).borderTopStyle") == "solid"
    finally:
        page.emulate_media(media="null")  # back to no emulation: pdf() prints in print media


@pytest.mark.parametrize("path", ["nam/2024/", "danh-hieu/cstd-nganh/", "quyet-dinh/", "don-vi/vksnd-tinh-bac-ninh/"])
def test_lists_print_as_tables_with_their_header_on_each_page(page: Any, site_url: str, demo_site: Path,
                                                              path: str) -> None:
    if path == "quyet-dinh/":  # a decision's roll
        path = next((demo_site / "quyet-dinh").glob("*/index.html")).parent.relative_to(demo_site).as_posix() + "/"
    page.set_viewport_size({"width": 700, "height": 990})  # about the printable width of A4
    page.goto(site_url + path)
    page.emulate_media(media="print")
    try:
        table = page.locator("table.vd-honours").first
        assert table.evaluate("t => getComputedStyle(t).display") == "table"
        assert table.locator("thead").evaluate("t => getComputedStyle(t).display") == "table-header-group"
        assert table.locator("tr").nth(1).evaluate("r => getComputedStyle(r).breakInside") == "avoid"
        assert re.search(A4_PORTRAIT, page.pdf(format="A4", prefer_css_page_size=True))
    finally:
        page.emulate_media(media="null")  # back to no emulation: pdf() prints in print media
        page.set_viewport_size({"width": 1280, "height": 900})


def test_a_board_prints_as_an_a4_landscape_poster(page: Any, site_url: str) -> None:
    page.goto(site_url + "bang-vang/2024/")
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert re.search(A4_LANDSCAPE, pdf) and not re.search(A4_PORTRAIT, pdf)
    page.emulate_media(media="print")
    try:
        columns = page.locator("ul.vd-board").first.evaluate("u => getComputedStyle(u).gridTemplateColumns")
        assert len(columns.split()) == 8
    finally:
        page.emulate_media(media="null")  # back to no emulation: pdf() prints in print media


# --- "In / Lưu PDF" on every article (Decree 42/2022/NĐ-CP) ---------------------------------------------------

ARTICLES = ["ca-nhan/nguyen-thi-thu-ha/", "tap-the/vu-16-vkstc/", "quyet-dinh/15-qd-vkstc-2021/", "gioi-thieu/",
            "news/2021/01/14/vu-thi-dua-khen-thuong-trien-khai-cong-tac-nam-2021/", "lien-he/", "nam/2024/"]
PRINT_BUTTON = '<button type="button" class="vd-print vd-noprint" data-vd-print>'


def test_every_article_has_one_print_button_and_the_home_and_search_pages_none(demo_site: Path) -> None:
    for path in ARTICLES:
        html = (demo_site / path / "index.html").read_text(encoding="utf-8")
        assert html.count(PRINT_BUTTON) == 1, path
        assert re.search(r"data-vd-print>\s*<span class=\"vd-print__icon\" aria-hidden=\"true\"><svg.*?</svg></span>"
                         r"\s*<span>In / Lưu PDF</span>\s*</button>", html, re.DOTALL), path
    for path in ("index.html", "tim-kiem/index.html", "news/index.html", "404.html"):
        assert "data-vd-print" not in (demo_site / path).read_text(encoding="utf-8"), path


@pytest.mark.parametrize("width", [1280, 390])
def test_the_print_button_opens_the_print_dialog_and_is_not_printed(browser: Any, site_url: str, width: int) -> None:
    tab = browser.new_page(viewport={"width": width, "height": 900})
    try:
        for path in ARTICLES[:5]:
            tab.goto(site_url + path)
            tab.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
            button = tab.get_by_role("button", name="In / Lưu PDF")
            assert button.is_visible(), path
            box = button.bounding_box()
            assert box and box["x"] + box["width"] <= width and box["height"] >= 24, path  # on screen, easy to hit
            button.click()
            button.focus()
            tab.keyboard.press("Enter")
            assert tab.evaluate("window.printed") == 2, path
            tab.emulate_media(media="print")
            assert not button.is_visible(), path
            tab.emulate_media(media="null")
    finally:
        tab.close()


def test_without_scripts_the_print_button_is_hidden(browser: Any, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(site_url + ARTICLES[0])
        assert tab.locator("[data-vd-print]").count() == 1
        assert not tab.locator("[data-vd-print]").is_visible()
    finally:
        context.close()
