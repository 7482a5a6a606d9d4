"""WCAG 2.1 AA: axe-core finds nothing on every page type, light and dark, desktop and phone.

Run on the demo and on a second, synthetic catalogue the templates were not written against.
Each page is loaded once per (scheme, width), in four tabs that axe-core runs in side by
side; the search page is checked with its results and facets shown and, on desktop, the
header's drop-down open; on phones, one page with the navigation drawer open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from .axe import require_axe, results, start
from .browser import served

SCHEMES = ["light", "dark"]
WIDTHS = [1280, 390]
QUERY = "kiem sat"
MENU_OPEN = "gioi-thieu/"  # on phones, checked with the navigation drawer open
# Every page type of the demo, and the index pages between them.
DEMO_PAGES = [
    "", "ca-nhan/", "tap-the/", "ca-nhan/nguyen-thi-thu-ha/", "ca-nhan/do-van-hoa/", "tap-the/vu-16-vkstc/",
    "nam/", "nam/2024/", "danh-hieu/", "danh-hieu/cstd-nganh/", "don-vi/", "don-vi/vksnd-tinh-bac-giang/",
    "phong-trao/", "phong-trao/thi-dua-2020/", "news/", "news/category/hoi-nghi/",
    "news/2021/01/14/vu-thi-dua-khen-thuong-trien-khai-cong-tac-nam-2021/", "gioi-thieu/",
    f"tim-kiem/?q={QUERY}", "404.html",
    # The overview pages: decisions, statistics, honour boards, initiatives, nominations.
    "quyet-dinh/", "quyet-dinh/15-qd-vkstc-2021/", "thong-ke/", "bang-vang/", "bang-vang/2025/", "sang-kien/",
    "sang-kien/bo-cau-hoi-nghiep-vu-thi-hanh-an-dan-su-2019/", "lay-y-kien/", "lay-y-kien/hc-lao-dong-hang-ba-2026/",
    # The agency's pages (Decree 42/2022/NĐ-CP): contact, the page in English, documents, the search for them.
    "lien-he/", "en/", "van-ban/", "van-ban/21-kh-vkstc-2023/", "tim-kiem/?loai=V%C4%83n+b%E1%BA%A3n",
]


def second_pages(site: Path) -> list[str]:
    """Pick one page of each type from the second catalogue's site."""
    def first(pattern: str, keep: Callable[[Path], bool] = lambda _: True) -> str:
        found = sorted(p for p in site.glob(pattern) if keep(p))
        assert found, pattern
        return found[0].parent.relative_to(site).as_posix() + "/"

    def has(text: str) -> Callable[[Path], bool]:
        return lambda p: text in p.read_text(encoding="utf-8")

    return ["", "ca-nhan/", "tap-the/", first("ca-nhan/*/index.html", has('class="vd-avatar"')),
            first("ca-nhan/*/index.html", has("vd-avatar--none")), first("tap-the/*/index.html"),
            first("nam/*/index.html"), first("danh-hieu/*/index.html"), first("don-vi/*/index.html"),
            first("phong-trao/*/index.html"), "news/", first("news/20*/*/*/*/index.html", has("<figure")),
            f"tim-kiem/?q={QUERY}", "404.html"]


def prepare(page: Any, path: str, width: int) -> None:
    """Bring the page into the state to check: on the search page, results and facets shown."""
    if path == MENU_OPEN and width < 1000:
        page.click(".md-header label[for='__drawer']")
        page.wait_for_timeout(300)  # the drawer slides in
    if not path.startswith("tim-kiem/"):
        return
    page.wait_for_selector("#vd-search-page[data-state=done] .vd-result")
    if page.locator(".vd-facets__open").count():  # with a filter in the address, the facets are shown already
        page.click(".vd-facets__open")
    page.wait_for_selector("#vd-search-page[data-state=done] .vd-facet")
    if width > 1000:  # phones get a link to this page instead of the header's box
        page.fill("#vd-search-input", QUERY)
        page.wait_for_selector("#vd-search-suggest .vd-result")


def audit(browser: Any, base: str, paths: list[str]) -> list[str]:
    """Load each page once per scheme and width; return what axe-core and the layout check find."""
    tabs = {(scheme, width): browser.new_page(viewport={"width": width, "height": 900}, color_scheme=scheme)
            for scheme in SCHEMES for width in WIDTHS}
    found = []
    try:
        for path in paths:
            for (_, width), tab in tabs.items():
                tab.goto(base + path)
                prepare(tab, path, width)
                start(tab)
            for (scheme, width), tab in tabs.items():
                where = f"{scheme} {width}px /{path}"
                found += [f"{where}: {line}" for line in results(tab)]
                wide = tab.evaluate("document.documentElement.scrollWidth")
                if wide > width:
                    found.append(f"{where}: the page scrolls sideways ({wide} px wide)")
    finally:
        for tab in tabs.values():
            tab.close()
    return found


@pytest.fixture(scope="session")
def axe() -> None:
    """Skip, with one line, where axe-core is not installed (no npm)."""
    require_axe()


@pytest.fixture(scope="session")
def second_url(second_site: Path) -> Iterator[str]:
    with served(second_site) as url:
        yield url


@pytest.mark.parametrize("catalogue", ["demo", "second"])
def test_no_accessibility_violations(axe: None, browser: Any, catalogue: str, request: pytest.FixtureRequest) -> None:
    if catalogue == "demo":
        found = audit(browser, request.getfixturevalue("site_url"), DEMO_PAGES)
    else:
        site = request.getfixturevalue("second_site")
        found = audit(browser, request.getfixturevalue("second_url"), second_pages(site))
    assert found == [], "\n".join(found)
