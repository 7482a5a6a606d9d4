"""Search in headless Chromium: Vietnamese matching, facets, the search box, and what must never be found."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from .browser import served
from .conftest import write
from .sitebuild import build_site, copy_project


@pytest.fixture
def page(browser: Any, site_url: str) -> Iterator[Any]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(site_url) or r.url.startswith("data:") else outside.append(r.url))
    yield page
    assert outside == []
    page.close()


def search(page: Any, base: str, query: str) -> list[str]:
    """Search on the search page; return the titles shown, in order."""
    page.goto(f"{base}tim-kiem/?q={quote(query)}")
    page.wait_for_selector("#vd-search-page[data-state=done]")
    return [t.inner_text() for t in page.query_selector_all(".vd-result__title")]


@pytest.mark.parametrize(("query", "expected"), [
    ("nguyen hai tram", "Vụ Thi đua – Khen thưởng triển khai công tác năm 2021"),  # unaccented
    ("dao duc thang", "Đào Đức Thắng"),                                            # d finds đ
    ("Đào Đức Thắng", "Đào Đức Thắng"),
    ("hòa", "Đỗ Văn Hoà"),                                                         # tone placement
    ("hoà", "Vũ Thị Hòa"),
    ("Hằng", "Đinh Thị Hằng"),                                                     # record saved in NFD
    ("thói quen ghi chép riêng", 'Người nữ kiểm sát viên "đọc kỹ từng trang hồ sơ"'),  # story saved in NFD
    ("vien ksnd thanh hoa", "Đỗ Văn Hoà"),                                          # Viện KSND ↔ VKSND
    ("cstd toan quoc", "Trần Công Tuấn"),                                           # CSTĐ ↔ Chiến sĩ thi đua
])
def test_vietnamese_queries_find_their_pages(page: Any, site_url: str, query: str, expected: str) -> None:
    assert expected in search(page, site_url, query)[:8]


def test_abbreviation_reaches_the_full_title(page: Any, site_url: str, demo_site: Path) -> None:
    search(page, site_url, "CSTĐ ngành")
    found = [a.get_attribute("href") for a in page.query_selector_all(".vd-result__link")][:5]
    assert len(found) == 5
    for url in found:  # each of the first results holds the title, written in full on its page
        html = (demo_site / url.split(site_url, 1)[-1].lstrip("/").split("#")[0] / "index.html").read_text("utf-8")
        assert "Chiến sĩ thi đua ngành Kiểm sát nhân dân" in html, url


def test_decomposed_query_is_normalised(page: Any, site_url: str) -> None:
    import unicodedata

    assert "Đinh Thị Hằng" in search(page, site_url, unicodedata.normalize("NFD", "Đinh Thị Hằng"))[:3]


INDEXED = """async (query) => {
  const pagefind = await import(new URL("pagefind/pagefind.js", location.href).href);
  const found = await pagefind.search(query);
  return Promise.all(found.results.map(async (result) => (await result.data()).content));
}"""
"""The text Pagefind holds of each page a query finds."""


def test_only_page_content_is_indexed(page: Any, site_url: str) -> None:
    assert search(page, site_url, "Giới thiệu")[0] == "Giới thiệu"  # a tab, and the page itself
    page.goto(site_url)
    indexed = page.evaluate(INDEXED, "thi đua khen thưởng")
    assert len(indexed) > 20
    for text in indexed:  # neither the tabs nor the footer's line
        assert "Trang chủ Cá nhân Tập thể" not in text and "Dữ liệu minh họa, nhân vật hư cấu" not in text, text[:80]


def test_facets_and_sort(page: Any, site_url: str) -> None:
    search(page, site_url, "VKSND")
    assert page.locator("input[name=loai]").count() == 0      # facets load on demand with words
    page.locator(".vd-facets__open").click()
    page.wait_for_selector("input[name=loai][value='Tập thể']")
    page.locator("input[name=loai][value='Tập thể']").check()
    page.wait_for_selector("#vd-search-page[data-state=done]")
    assert "loai=T%E1%BA%ADp+th%E1%BB%83" in page.url
    links = [a.get_attribute("href") for a in page.query_selector_all(".vd-result__link")]
    assert links and all("/tap-the/" in link for link in links)
    page.goto(f"{site_url}tim-kiem/?loai=Tin+b%C3%A0i&sap_xep=moi")
    page.wait_for_selector("#vd-search-page[data-state=done]")
    dates = [m.inner_text() for m in page.query_selector_all(".vd-result__meta")]
    assert dates[0].startswith("10/03/2026") and dates[-1].startswith("14/01/2021") and len(dates) == 8


def test_results_show_each_page_s_own_picture_and_words_apart(page: Any, site_url: str) -> None:
    search(page, site_url, "Phạm Ngọc Mai")
    result = page.locator(".vd-result").first  # no photo: not the portrait of her Youth Union on her page
    assert result.locator(".vd-result__title").inner_text() == "Phạm Ngọc Mai"
    assert result.locator(".vd-result__thumb--none").count() == 1 and result.locator("img").count() == 0
    assert result.locator(".vd-result__excerpt").inner_text().startswith("Phạm Ngọc")  # not her placeholder's "M"
    search(page, site_url, "bộ câu hỏi nghiệp vụ thi hành án")
    excerpts = " ".join(e.inner_text() for e in page.query_selector_all(".vd-result__excerpt"))
    assert "Cấp Cấp ngành" in excerpts or "Cấp Cấp cơ sở" in excerpts
    runs = [excerpts[i:i + 2] for i in range(len(excerpts) - 1) if excerpts[i].islower() and excerpts[i + 1].isupper()]
    assert runs == []  # "CấpCấp", "vịViện": words of two blocks run together


def test_header_box_keyboard(page: Any, site_url: str) -> None:
    page.goto(site_url + "ca-nhan/")
    page.focus("#vd-search-input")  # no one-key shortcut: they fire by mistake under speech input (WCAG 2.1.4)
    page.keyboard.type("nguyen thi thu ha")
    page.wait_for_selector("#vd-search-suggest .vd-result")
    assert page.locator("#vd-search-suggest .vd-result__title").first.inner_text() == "Nguyễn Thị Thu Hà"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/ca-nhan/nguyen-thi-thu-ha/")
    page.focus("#vd-search-input")
    page.keyboard.type("dao duc")
    page.wait_for_selector("#vd-search-suggest .vd-search-box__all a")
    page.keyboard.press("Escape")
    assert page.locator("#vd-search-suggest").is_hidden()


def test_phone_width_and_dark_scheme(browser: Any, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, color_scheme="dark")
    search(page, site_url, "thu ha")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator(".vd-search-box__link").is_visible() and page.locator(".vd-search-box__input").is_hidden()
    assert page.locator(".vd-result").first.is_visible()
    page.close()


def test_private_unpublished_and_drafts_are_never_found(browser: Any, tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    records = project / "exemplars/people"
    person = (records / "nguyen-thi-thu-ha.yml").read_text(encoding="utf-8")
    (records / "nguyen-thi-thu-ha.yml").write_text(
        person.replace("private:\n", "private:\n  note: zqsentinelprivate\n"), encoding="utf-8")
    write(project, {
        "exemplars/people/zq-an.yml": "name: Zqsentinelunpublished An\nunit: vksnd-tp-ha-noi\npublished: false\n",
        "content/news/posts/zq.md": "---\ntitle: Zqsentineldraft\ndate: 2024-01-01\ndraft: true\n---\n\n"
                                    "zqsentineldraftbody\n\n<!-- more -->\n",
    })
    site = build_site(project)
    with served(site) as url:
        page = browser.new_page()
        for sentinel in ("zqsentinelprivate", "zqsentinelunpublished", "zqsentineldraft", "zqsentineldraftbody"):
            assert search(page, url, sentinel) == []
        assert search(page, url, "nguyen thi thu ha")  # the index works
