"""Everything works from the keyboard, with the focus always visible (WCAG 2.1: 2.1.1, 2.1.4, 2.4.1, 2.4.3, 2.4.7)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

FOCUSED = """() => {
  const e = document.activeElement, s = getComputedStyle(e);
  const ring = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
  // Material's scheme switch is a hidden radio button: its label carries the ring
  const label = e.classList.contains('md-option') && getComputedStyle(e.nextElementSibling).outlineStyle !== 'none';
  const r = e.getBoundingClientRect();
  return {tag: e.tagName, id: e.id, href: e.getAttribute('href'), text: (e.innerText || '').trim(), ring: ring || label,
          on_screen: r.left >= 0 && r.right <= innerWidth};
}"""


@pytest.fixture
def page(browser: Any, site_url: str) -> Iterator[Any]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    yield page
    page.close()


def tab(page: Any) -> dict[str, Any]:
    page.keyboard.press("Tab")
    return dict(page.evaluate(FOCUSED))


def tab_to(page: Any, element_id: str) -> None:
    """Press Tab until the element with this id has the focus (at most 40 times)."""
    for _ in range(40):
        if tab(page)["id"] == element_id:
            return
    raise AssertionError(f"#{element_id} never got the focus")


def test_skip_link_comes_first_and_leads_to_the_content(page: Any, site_url: str) -> None:
    story = "news/2021/01/14/vu-thi-dua-khen-thuong-trien-khai-cong-tac-nam-2021/"
    for path in ("", "ca-nhan/nguyen-thi-thu-ha/", story, "tim-kiem/", "404.html"):
        page.goto(site_url + path)
        first = tab(page)
        assert first["text"] == "Chuyển đến nội dung chính" and first["ring"], path
        assert page.locator(".md-skip").is_visible()
        page.keyboard.press("Enter")
        heading = page.evaluate("document.querySelector('h1').id")
        assert page.url.endswith("#" + heading), path
        # The next Tab goes on from the heading, past the header and the navigation.
        following = tab(page)
        assert page.evaluate("document.querySelector('.md-content').contains(document.activeElement)"), (
            path, following)


def test_every_focus_stop_shows_a_ring_on_screen(browser: Any, site_url: str) -> None:
    for width in (1280, 390):
        page = browser.new_page(viewport={"width": width, "height": 844})
        for path in ("", "ca-nhan/", "tim-kiem/"):
            page.goto(site_url + path)
            stops = [tab(page) for _ in range(30)]
            stops = [s for s in stops if s["tag"] != "BODY"]  # past the last stop, the page itself
            assert len(stops) > 12 and [s for s in stops if not (s["ring"] and s["on_screen"])] == [], (width, path)
        page.close()


def test_phone_menu_opens_and_closes_from_the_keyboard(browser: Any, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(site_url + "ca-nhan/")
    tab(page)
    assert tab(page)["text"] == "Thanh điều hướng"  # after the skip link
    opened = "document.getElementById('__drawer').checked"
    for key in ("Enter", " "):
        page.keyboard.press(key)
        assert page.evaluate(opened), key
        page.wait_for_timeout(300)  # the drawer slides in
        stops = [tab(page) for _ in range(6)]
        assert any(s["text"] == "Trang chủ" and s["on_screen"] for s in stops), (key, stops)
        page.keyboard.press("Escape")
        assert not page.evaluate(opened)
        assert page.evaluate(FOCUSED)["text"] == "Thanh điều hướng"
    page.close()


def test_colour_scheme_switches_with_enter_or_space(page: Any, site_url: str) -> None:
    page.goto(site_url + "ca-nhan/")
    tab_to(page, "__palette_0")
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    page.keyboard.press("Enter")
    assert page.evaluate(scheme) == "slate"
    page.keyboard.press(" ")
    assert page.evaluate(scheme) == "default"


def test_single_keys_do_not_change_the_page(page: Any, site_url: str) -> None:
    page.goto(site_url)
    for key in ("n", ".", "p", ",", "s", "/"):
        page.keyboard.press(key)
    page.wait_for_timeout(300)
    assert page.url == site_url
    assert page.evaluate("document.activeElement === document.body")


def test_letter_bar_lands_on_a_visible_heading(browser: Any, site_url: str) -> None:
    for width in (1280, 390):
        page = browser.new_page(viewport={"width": width, "height": 844})
        page.goto(site_url + "ca-nhan/")
        page.locator(".vd-letters a", has_text="Đ").focus()
        page.keyboard.press("Enter")
        page.wait_for_timeout(200)
        assert page.url.endswith("#chu-dd")
        # Neither the sticky header nor the letter bar covers the heading.
        covering = page.evaluate("""() => { const r = document.getElementById('chu-dd').getBoundingClientRect();
            return document.elementFromPoint(r.left + 4, r.top + r.height / 2).closest('h2')?.id; }""")
        assert covering == "chu-dd", width
        assert tab(page)["href"] == "#chu-dd", width  # the focus goes on from the heading: its ¶ link,
        assert tab(page)["text"] == "Ngô Đức Đạt", width  # then the first name under it
        page.close()


def test_header_search_with_the_arrow_keys(page: Any, site_url: str) -> None:
    page.goto(site_url + "ca-nhan/")
    tab_to(page, "vd-search-input")
    page.keyboard.type("nguyen thi thu ha")
    page.wait_for_selector("#vd-search-suggest .vd-result")
    assert page.locator(".vd-search-box__status").inner_text().endswith("gợi ý bên dưới")
    page.keyboard.press("ArrowDown")
    assert page.evaluate(FOCUSED)["text"].startswith("Nguyễn Thị Thu Hà")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate(FOCUSED)["id"] == "vd-search-input"
    page.keyboard.press("Escape")  # closes the list; the focus stays in the box
    assert page.locator("#vd-search-suggest").is_hidden()
    assert page.evaluate(FOCUSED)["id"] == "vd-search-input"
    page.keyboard.press("ArrowDown")  # opens it again
    page.wait_for_selector("#vd-search-suggest .vd-result")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/ca-nhan/nguyen-thi-thu-ha/")
    page.goto(site_url)
    page.focus("#vd-search-input")
    page.keyboard.type("dao duc")
    page.wait_for_selector("#vd-search-suggest .vd-result")
    page.keyboard.press("Enter")  # in the box: the search page
    page.wait_for_url("**/tim-kiem/?q=dao+duc")


def test_header_search_list_closes_when_the_focus_leaves(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.focus("#vd-search-input")
    page.keyboard.type("ha")
    page.wait_for_selector("#vd-search-suggest .vd-result")
    page.keyboard.press("Shift+Tab")
    assert page.locator("#vd-search-suggest").is_hidden()


def test_facets_and_more_results_keep_the_focus(page: Any, site_url: str) -> None:
    page.goto(site_url + "tim-kiem/?q=kiem+sat")
    page.wait_for_selector("#vd-search-page[data-state=done] .vd-result")
    assert page.locator(".vd-results__status").get_attribute("role") == "status"
    page.focus(".vd-facets__open")
    page.keyboard.press("Enter")
    page.wait_for_selector("#vd-search-page[data-state=done] .vd-facet")
    first = page.evaluate("[document.activeElement.type, document.activeElement.name, document.activeElement.value]")
    assert first[0] == "checkbox"
    page.keyboard.press(" ")
    page.wait_for_selector("#vd-search-page[data-state=done]")
    page.wait_for_function("document.activeElement.type === 'checkbox'")
    now = page.evaluate("[document.activeElement.type, document.activeElement.name, document.activeElement.value, "
                        "document.activeElement.checked]")
    assert now == [*first, True]
    assert f"{first[1]}=" in page.url
    page.goto(site_url + "tim-kiem/?q=kiem+sat")  # 50 results: 10 shown first
    page.wait_for_selector("#vd-search-page[data-state=done] .vd-result")
    page.focus(".vd-results__more")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('.vd-results__list .vd-result').length > 10")
    assert page.evaluate("[...document.querySelectorAll('.vd-result__link')].indexOf(document.activeElement)") == 10
