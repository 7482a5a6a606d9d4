"""What staff see and click on the demo site, in headless Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture
def page(browser: Any, site_url: str) -> Iterator[Any]:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    page.other_origins = []
    page.on("request", lambda r: None if r.url.startswith(site_url) or r.url.startswith("data:")
            else page.other_origins.append(r.url))
    yield page
    assert page.errors == []
    assert page.other_origins == []
    page.close()


def test_from_home_to_a_profile_through_the_a_to_z(page: Any, site_url: str) -> None:
    page.goto(site_url)
    assert page.locator(".vd-stats li").first.inner_text().replace("\n", " ") == "34 cá nhân"
    page.get_by_role("link", name="Cá nhân", exact=True).first.click()
    page.wait_for_url("**/ca-nhan/")
    page.locator(".vd-letters a", has_text="Đ").click()
    assert page.url.endswith("#chu-dd")
    assert page.locator("#chu-dd").is_visible()
    page.get_by_role("link", name="Hoàng Minh Đức").click()
    page.wait_for_url("**/ca-nhan/hoang-minh-duc/")
    assert page.locator("h1").inner_text() == "Hoàng Minh Đức"
    assert page.locator("table.vd-honours tbody tr").count() >= 1
    assert page.title().startswith("Hoàng Minh Đức")


def test_profile_links_to_its_unit_and_titles(page: Any, site_url: str) -> None:
    page.goto(site_url + "ca-nhan/nguyen-thi-thu-ha/")
    page.locator(".vd-profile a").first.click()
    page.wait_for_url("**/don-vi/vksnd-tinh-bac-ninh/")
    assert "Tiếp nhận từ" in page.locator(".vd-history").inner_text()
    page.goto(site_url + "ca-nhan/nguyen-thi-thu-ha/")
    page.locator("table.vd-honours td[data-label='Danh hiệu'] a").first.click()
    page.wait_for_url("**/danh-hieu/*/")  # the new page may still be loading when the address changes
    page.wait_for_load_state()
    assert page.locator("h1").count() == 1


def test_photo_or_placeholder_on_every_profile_card(page: Any, site_url: str) -> None:
    page.goto(site_url + "tap-the/vu-16-vkstc/")
    image = page.locator("img.vd-avatar").first
    assert image.evaluate("img => img.complete && img.naturalWidth > 0")
    page.goto(site_url + "ca-nhan/do-van-hoa/")
    assert page.locator(".vd-avatar--none").inner_text() == "H"


def test_phone_width_turns_honour_rows_into_labelled_cards(browser: Any, site_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, color_scheme="dark")
    page.goto(site_url + "ca-nhan/nguyen-thi-thu-ha/")
    cell = page.locator("table.vd-honours td[data-label='Quyết định']").first
    assert cell.evaluate("td => getComputedStyle(td).display") == "block"
    label = cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert label == '"Quyết định: "'
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.close()
