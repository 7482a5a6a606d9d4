"""The editor's list of a big folder: a page of names first, the rest as the officer scrolls; search sees all."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .editorsite import Running, demo_repository, editor_running, git, require_editor
from .test_editor_browser import sign_in

EXTRA = 150
"""People added to the demo's 35: the list's page holds 100 (vinhdanh-editor.js)."""


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    require_editor()
    folder = tmp_path_factory.mktemp("paging")
    project = demo_repository(folder / "site")
    for n in range(1, EXTRA + 1):
        (project / "exemplars" / "people" / f"tran-thi-mau-{n:03d}.yml").write_text(
            f"name: Trần Thị Mẫu {n:03d}\nunit: vksnd-tinh-bac-ninh\n", encoding="utf-8")
    git(project, "add", "-A")
    git(project, "commit", "-qm", "More people")
    with editor_running(project, folder / "edit.log") as running:
        yield running


def _rows(page: Any) -> int:
    return int(page.locator("a[href*='/collections/people/entries/']").count())


def test_the_list_shows_a_page_then_the_rest_as_one_scrolls(browser: Any, running: Running) -> None:
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    sign_in(page, running.address, "Cán bộ Thử")
    page.goto(f"{running.base}admin/#/collections/people")
    page.locator("a[href*='/collections/people/entries/']").nth(99).wait_for()
    assert _rows(page) == 100
    total = 35 + EXTRA
    for _ in range(20):
        if _rows(page) == total:
            break
        page.locator("a[href*='/collections/people/entries/']").last.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
    assert _rows(page) == total

    page.goto(f"{running.base}admin/?search=1#/collections/people")
    box = page.get_by_placeholder("Tìm kiếm tất cả")
    box.fill("mau 150")  # on the list's second page, found without marks
    box.press("Enter")
    first = page.locator("a[href*='/entries/']").first
    first.wait_for()
    assert first.inner_text().startswith("Trần Thị Mẫu 150")
    context.close()


def test_the_news_list_shows_the_newest_story_first(browser: Any, running: Running) -> None:
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    sign_in(page, running.address, "Cán bộ Thử")
    page.goto(f"{running.base}admin/#/collections/stories")
    cards = page.locator("a[href*='/collections/stories/entries/']")
    cards.nth(2).wait_for()
    titles = cards.all_inner_texts()
    assert titles[0].startswith("Bài hẹn giờ đăng năm 2030"), titles  # dated 2030, scheduled
    assert titles[-1].startswith("Vụ Thi đua – Khen thưởng triển khai công tác năm 2021"), titles
    context.close()
