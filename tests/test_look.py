"""What a visitor and a designer see on the demo site: the theme's parts, headings, tables, pagers."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import jinja2

THEME = Path(__file__).resolve().parent.parent / "src/vinhdanh/mkdocs_plugin/theme"


def announce(**vinhdanh: object) -> str:
    """Return what the theme's announce block renders (Material shows its bar when it is not empty)."""
    template = jinja2.Environment(loader=jinja2.FileSystemLoader(THEME)).get_template("base.html")
    return "".join(template.blocks["announce"](template.new_context({"vinhdanh": vinhdanh})))


def test_the_announce_bar_shows_only_under_the_preview(demo_site: Path) -> None:
    assert announce(preview=False) == ""
    assert "Bản xem trước" in announce(preview=True)
    assert "md-banner" not in (demo_site / "index.html").read_text(encoding="utf-8")


class _Shown(HTMLParser):
    """Collect the text a visitor sees or hears: text outside scripts, styles and hidden search data, and labels."""

    LABELS = ("alt", "title", "aria-label", "placeholder")

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.code: list[str] = []
        self._skip: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("script", "style") or "vd-search-data" in (found.get("class") or ""):
            self._skip.append(tag)
        elif tag == "code":
            self.code.append(tag)
        self.text += [value for name, value in attrs if name in self.LABELS and value]

    def handle_endtag(self, tag: str) -> None:
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.text.append(data)


ENGLISH = re.compile(r"\b(Tabs|logo|Made with|Material for MkDocs|successor|Back to top|RSS feed|Initializing|"
                     r"Contributors)\b")


def test_no_english_and_no_field_names_are_shown(demo_site: Path) -> None:
    for page in demo_site.rglob("*.html"):
        shown = _Shown()
        shown.feed(page.read_text(encoding="utf-8"))
        assert not ENGLISH.findall(" ".join(shown.text)), page
        if page.relative_to(demo_site).parts[0] not in ("news", "gioi-thieu"):  # what the press team wrote
            assert shown.code == [], page  # field names of the records: <code>successor</code>
    assert 'aria-label="Các mục chính"' in (demo_site / "index.html").read_text(encoding="utf-8")


def _primary_navigation(page: str) -> list[str]:
    """Return the names of the pages in Material's navigation drawer (the menu on phones), not of their headings."""
    drawer = page[page.index('class="md-nav md-nav--primary'):page.index('md-sidebar--secondary')]
    return re.findall(r'<a href="[^"#]*" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">\s*([^<]*?)\s*</span>',
                      drawer)


def test_the_honours_menu_lists_every_way_of_browsing(demo_site: Path) -> None:
    for uri in ("nam/index.html", "danh-hieu/index.html", "ca-nhan/nguyen-thi-thu-ha/index.html"):
        menu = _primary_navigation((demo_site / uri).read_text(encoding="utf-8"))
        section = menu[menu.index("Khen thưởng"):]
        assert section[1:9] == ["Theo năm", "Danh hiệu", "Đơn vị", "Phong trào", "Quyết định", "Văn bản",
                                "Bảng vàng", "Lấy ý kiến"], uri
    news = _primary_navigation((demo_site / "news/index.html").read_text(encoding="utf-8"))
    assert news.count("Tin bài") == 1  # an index named as its section is not listed twice


def test_pages_outside_the_navigation_give_its_column_to_their_content(browser: Any, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    for path, outside in (("ca-nhan/nguyen-thi-thu-ha/", True), ("quyet-dinh/15-qd-vkstc-2021/", True),
                          ("danh-hieu/", False)):
        page.goto(site_url + path)
        left = page.locator(".md-content").bounding_box()["x"]
        assert (left < 100) == outside, path  # the empty column was 242 px wide
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "ca-nhan/nguyen-thi-thu-ha/")
    page.locator("label.md-header__button[for=__drawer]").click()
    assert page.get_by_role("link", name="Giới thiệu").last.is_visible()  # the menu drawer stays
    page.close()


H1_PAGES = ["", "ca-nhan/", "ca-nhan/nguyen-thi-thu-ha/", "tap-the/vu-16-vkstc/", "nam/2024/", "quyet-dinh/",
            "quyet-dinh/15-qd-vkstc-2021/", "thong-ke/", "bang-vang/2025/", "gioi-thieu/", "news/",
            "news/2021/01/14/vu-thi-dua-khen-thuong-trien-khai-cong-tac-nam-2021/"]
H1_STYLE = ("font-family", "font-size", "font-weight", "line-height", "letter-spacing", "color")


def test_every_kind_of_page_has_the_same_title_style(browser: Any, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    styles = {}
    for path in H1_PAGES:
        page.goto(site_url + path)
        styles[path] = page.locator(".md-content h1").first.evaluate(
            "(h, names) => names.map(n => getComputedStyle(h).getPropertyValue(n))", list(H1_STYLE))
    page.close()
    assert len({tuple(style) for style in styles.values()}) == 1, styles
    assert styles[""][2] == "700"


# Each match of PATTERN in the page's content that the browser lays out on more than one line.
BROKEN = r"""(pattern) => {
  const broken = [];
  const walker = document.createTreeWalker(document.querySelector(".md-content"), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(new RegExp(pattern, "gu"))) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""
UNBROKEN = r"\d+/QĐ-\p{L}+|\d\d/\d\d/\d{4}|\b(19|20)\d\d\b"
"""Decision numbers, dates and years: never cut across lines."""


def test_decision_numbers_dates_and_years_stay_on_one_line(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    for width in (390, 640, 1024):
        page.set_viewport_size({"width": width, "height": 900})
        for path in ("ca-nhan/tran-cong-tuan/", "nam/2024/", "quyet-dinh/", "quyet-dinh/15-qd-vkstc-2021/",
                     "thong-ke/"):
            page.goto(site_url + path)
            assert page.evaluate(BROKEN, UNBROKEN) == [], (width, path)
    page.close()


# How many lines the text of each element takes.
LINES = """cells => cells.map(cell => {
  const range = document.createRange();
  range.selectNodeContents(cell);
  return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))).size;
})"""


def test_statistics_tables_fit_a_phone_with_their_column_names_on_one_line(browser: Any, site_url: str) -> None:
    page = browser.new_page()
    for width in (360, 390):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(site_url + "thong-ke/")
        for table in page.locator("table.vd-stats-table").all():
            assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth"), (width, table.inner_text())
        # One line each ("Cấp / Nhà / nước" took three), but the initiatives' "Chưa ghi / cấp" at 360 px.
        lines = page.locator(".vd-stats-table thead th").evaluate_all(LINES)
        assert max(lines) <= 2 and lines.count(2) <= (0 if width == 390 else 6), (width, lines)
    page.close()


def test_charts_are_drawn_in_the_page_s_font_and_fit_a_phone(browser: Any, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(site_url + "thong-ke/")
    body = page.evaluate("getComputedStyle(document.body).fontFamily")
    fonts = page.locator(".vd-chart svg text").evaluate_all("texts => texts.map(t => getComputedStyle(t).fontFamily)")
    assert fonts and set(fonts) == {body}
    for chart in page.locator(".vd-chart svg").all():  # scaled to the screen, not cut at its right
        assert chart.evaluate("svg => svg.getBoundingClientRect().width <= svg.parentElement.clientWidth")
    page.close()
